// A REDCap data dictionary turned into a questionnaire definition
// (docs/redcap.md). What cannot be mapped is reported row by row and left
// out; the rest is still converted.
#pragma once

#include <boost/json/value.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "interchange/redcap/dictionary.h"

namespace parorende::redcap {

struct ImportOptions {
  std::string id;  // empty: the first row's Form Name
  std::string version = "1.0.0";
  std::string language = "nb";  // every text is in this one language
  // REDCap's first field is the record ID, which is skipped. An instrument
  // (instrument.csv of a Shared Library ZIP) has none: with this set, or
  // when the first field is not a text field (a record ID always is), the
  // first field is a question like the rest.
  bool no_record_id = false;
};

struct Import {
  boost::json::value definition;  // loads with load_questionnaire
  // Everything left out or changed, in row order, each with `where` =
  // "row N" (the CSV row, header = row 1) and a code such as
  // "unsupported_field_type", "identifier_field", "malformed_choices",
  // "unsupported_branching", "branching_reference".
  std::vector<Problem> warnings;
  std::set<std::string> skipped_fields;        // rows that became no item
  std::set<std::string> fields_without_logic;  // items whose logic was dropped
};

// Fails (code "invalid_dictionary", "invalid_csv" or "nothing_imported") when
// the CSV or its header is unusable, the options are invalid, or no field
// could be imported.
Result<Import> import_dictionary(std::string_view csv_text, const ImportOptions& options);
Result<Import> import_dictionary(const Dictionary& dictionary, const ImportOptions& options);

}  // namespace parorende::redcap
