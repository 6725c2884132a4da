// The survey every response-validation test answers (items of every type,
// in nb, nn and en) and the helpers that validate one answer of it.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "definition_text.h"
#include "questionnaire/response_validation.h"
#include "test_support.h"

namespace parorende::testing::validation {

// '@' is a text in nb, nn and en.
inline std::string expand(std::string_view text) {
  return testing::expand(text, R"({"nb": "Tekst", "nn": "Tekst", "en": "Text"})");
}

inline const Questionnaire& survey() {
  static const Questionnaire questionnaire = testing::load_ok(expand(R"J({
    "format": "parorende-questionnaire/1", "id": "survey", "version": "3.1.0",
    "languages": ["nb", "nn", "en"], "title": @,
    "sections": [
      {"id": "about", "title": @, "items": [
        {"id": "choice", "type": "single_choice", "required": true, "text": @,
         "options": [{"code": 1, "label": @}, {"code": 2, "label": @}, {"code": 3, "label": @}],
         "dont_know": {"code": 9, "label": @}},
        {"id": "many", "type": "multiple_choice", "min_choices": 2, "max_choices": 3, "text": @,
         "options": [{"code": 1, "label": @}, {"code": 2, "label": @}, {"code": 3, "label": @},
                     {"code": 4, "label": @}]},
        {"id": "ok", "type": "yes_no", "text": @},
        {"id": "hours", "type": "integer", "min": 0, "max": 168, "text": @},
        {"id": "at_least", "type": "integer", "min": 10, "text": @},
        {"id": "at_most", "type": "integer", "max": 5, "text": @},
        {"id": "km", "type": "decimal", "min": 0, "max": 2.5, "text": @},
        {"id": "note", "type": "text", "max_length": 5, "text": @},
        {"id": "when", "type": "date", "min": "2000-01-01", "max": "2024-12-31", "text": @},
        {"id": "any_date", "type": "date", "text": @},
        {"id": "home", "type": "municipality", "text": @}]},
      {"id": "family", "title": @, "visible_if": "ok = true", "items": [
        {"id": "kids", "type": "integer", "min": 0, "max": 20, "required": true, "text": @,
         "constraints": [{"expression": "kids <= hours or not answered(hours)",
                          "message": {"nb": "Flere barn enn timer (bokmål).",
                                      "nn": "Fleire born enn timar (nynorsk).",
                                      "en": "More children than hours (English)."}}]},
        {"id": "kids_note", "type": "text", "required": true, "visible_if": "kids > 0", "text": @}]},
      {"id": "end", "title": @, "items": [
        {"id": "final", "type": "yes_no", "required": true, "text": @}]}]})J"));
  return questionnaire;
}

inline ValidationOptions partial() { return {Completeness::partial, true, nullptr}; }
inline ValidationOptions complete() { return {Completeness::complete, true, nullptr}; }

inline Result<Response> validate(std::string_view document,
                                 const ValidationOptions& options = partial()) {
  return validate_response(survey(), json_of(document), options);
}

// Validates {"language": language, "answers": {item: value}} (partial) and
// returns the single problem, which must be at `item` with `code`.
inline Problem single_problem(std::string_view item, std::string_view value_json,
                              std::string_view code, std::string_view language = "en") {
  std::string document = std::string(R"({"language": ")") + std::string(language) +
                         R"(", "answers": {")" + std::string(item) + R"(": )" +
                         std::string(value_json) + "}}";
  auto result = validate(document);
  if (result.ok()) {
    ADD_FAILURE() << document << " was accepted";
    return {};
  }
  EXPECT_EQ(result.error().code, "invalid_response");
  EXPECT_EQ(result.error().problems.size(), 1u) << describe_problems(result.error());
  return problem_at(result.error(), item, code);
}

// Validates one answer (partial) that must be accepted and returns it.
inline AnswerValue accepted(std::string_view item, std::string_view value_json) {
  std::string document = std::string(R"({"answers": {")") + std::string(item) + R"(": )" +
                         std::string(value_json) + "}}";
  auto result = validate(document);
  if (!result.ok()) {
    ADD_FAILURE() << document << ": " << describe_problems(result.error());
    return AnswerValue{};
  }
  auto found = result->answers.find(item);
  if (found == result->answers.end()) {
    ADD_FAILURE() << document << ": the answer was dropped";
    return AnswerValue{};
  }
  return found->second;
}

// Validates one answer (partial) that must leave the item unanswered.
inline void dropped_as_unanswered(std::string_view item, std::string_view value_json) {
  std::string document = std::string(R"({"answers": {")") + std::string(item) + R"(": )" +
                         std::string(value_json) + "}}";
  auto result = validate(document);
  ASSERT_TRUE(result.ok()) << document << ": " << describe_problems(result.error());
  EXPECT_EQ(result->answers.count(std::string(item)), 0u) << document;
}

}  // namespace parorende::testing::validation
