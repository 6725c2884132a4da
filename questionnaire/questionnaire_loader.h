// Turning a JSON definition into a Questionnaire, reporting every problem.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>

#include "common/result.h"
#include "questionnaire/questionnaire.h"

namespace parorende {

// The rule for every id in a definition (questionnaire, item, scale, option
// set...): [a-z][a-z0-9_]*, at most kMaxDefinitionIdLength characters.
inline constexpr std::size_t kMaxDefinitionIdLength = 64;
bool is_definition_id(std::string_view id);

// Section ids the survey pages keep for their own steps ("consent",
// "check": #/survey/WAVE/check is the check-your-answers page), so no
// section of a new version may take them.
bool is_reserved_section_id(std::string_view id);

// What a version must meet to be published now, beyond loading: no
// reserved section id. Versions stored before the rule still load.
// Fails with "invalid_definition", each problem at its path.
Status check_new_version(const Questionnaire& questionnaire);

// Loads a parsed definition. On failure the error (code
// "invalid_definition") lists every problem found, each with the JSON path
// where it is and the reason.
Result<Questionnaire> load_questionnaire(const boost::json::value& definition);

// Parses and loads definition text (JSON errors included in the same report).
Result<Questionnaire> load_questionnaire_text(std::string_view text);

// Reads, parses and loads a definition file.
Result<Questionnaire> load_questionnaire_file(const std::string& path);

}  // namespace parorende
