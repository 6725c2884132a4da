// A questionnaire definition as a REDCap data dictionary (docs/redcap.md).
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "interchange/redcap/dictionary.h"
#include "questionnaire/questionnaire.h"

namespace parorende::redcap {

struct Export {
  std::vector<Field> fields;
  // What the dictionary could not say, each with `where` = "item 'id'" (or
  // "questionnaire"): a condition REDCap cannot express (that field is
  // exported without branching logic), constraints, an option label holding
  // '|'.
  std::vector<Problem> warnings;
};

// The dictionary of `questionnaire` with every text in `language` (empty:
// the questionnaire's default language). Fails (code "unknown_language") when
// the questionnaire has no texts in that language. One form named after the
// questionnaire id; identifier fields are never written (parorende has none).
Result<Export> export_dictionary(const Questionnaire& questionnaire, const std::string& language);

}  // namespace parorende::redcap
