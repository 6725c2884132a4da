// Loading definitions: each kind of problem on its own, with its JSON path
// and reason.
#include "questionnaire/questionnaire_loader.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "definition_text.h"
#include "test_support.h"

namespace parorende {
namespace {

using testing::definition;
using testing::describe_problems;
using testing::expand;
using testing::load_error;
using testing::load_ok;
using testing::problem_at;
using testing::problems_at;
using testing::Where;
using testing::where_and_code;

// The bad_expression message of item `index`'s visible_if.
std::string visible_if_problem(const Error& error, int index) {
  return problem_at(error, "$.sections[0].items[" + std::to_string(index) + "].visible_if",
                    "bad_expression")
      .message;
}

// ------------------------------------------------------ individual problems

TEST(LoadQuestionnaireErrors, RootMustBeAnObject) {
  for (std::string_view text : {"[]", "1", "\"x\"", "null", "true"}) {
    Error error = load_error(std::string(text));
    ASSERT_EQ(error.problems.size(), 1u) << text;
    EXPECT_EQ(error.problems[0].where, "$");
    EXPECT_EQ(error.problems[0].code, "wrong_type");
    EXPECT_EQ(error.message, "the definition has 1 problem");
  }
  EXPECT_EQ(load_error("[]").problems[0].message, "must be an object, found an array");
  EXPECT_EQ(load_error("null").problems[0].message, "must be an object, found null");
}

TEST(LoadQuestionnaireErrors, MissingRequiredTopLevelFields) {
  Error error = load_error("{}");
  EXPECT_EQ(where_and_code(error), (std::multiset<Where>{{"$.format", "missing"},
                                                         {"$.id", "missing"},
                                                         {"$.version", "missing"},
                                                         {"$.languages", "missing"},
                                                         {"$.title", "missing"},
                                                         {"$.sections", "missing"}}))
      << describe_problems(error);
  for (const Problem& problem : error.problems) EXPECT_EQ(problem.message, "is required");
}

TEST(LoadQuestionnaireErrors, WrongJsonTypesAtTheTopLevel) {
  Error error = load_error(R"({"format": 1, "id": [], "version": {}, "languages": "nb",
    "title": "x", "description": [], "consent": "yes",
    "option_sets": [], "sections": {}, "scales": {}, "burden_instruments": 5})");
  EXPECT_EQ(where_and_code(error), (std::multiset<Where>{{"$.format", "wrong_type"},
                                                         {"$.id", "wrong_type"},
                                                         {"$.version", "wrong_type"},
                                                         {"$.languages", "wrong_type"},
                                                         {"$.title", "wrong_type"},
                                                         {"$.description", "wrong_type"},
                                                         {"$.consent", "wrong_type"},
                                                         {"$.option_sets", "wrong_type"},
                                                         {"$.sections", "wrong_type"},
                                                         {"$.scales", "wrong_type"},
                                                         {"$.burden_instruments", "wrong_type"}}))
      << describe_problems(error);
  EXPECT_EQ(problem_at(error, "$.format", "wrong_type").message,
            "must be a string, found a number");
  EXPECT_EQ(problem_at(error, "$.languages", "wrong_type").message,
            "must be an array, found a string");
  EXPECT_EQ(problem_at(error, "$.sections", "wrong_type").message,
            "must be an array, found an object");

  error = load_error(
      definition(R"({"id": "a", "type": "yes_no", "text": @})", R"(, "default_language": false)"));
  EXPECT_EQ(problem_at(error, "$.default_language", "wrong_type").message,
            "must be a string, found a boolean");
  EXPECT_EQ(error.problems.size(), 1u) << describe_problems(error);
}

TEST(LoadQuestionnaireErrors, WrongJsonTypesInsideSectionsItemsAndScales) {
  Error error = load_error(definition(
      R"(5, {"id": 3, "type": "integer", "text": @, "help": "h", "visible_if": true,
           "required": 1, "min": "0", "constraints": {}},
         {"id": "m", "type": "multiple_choice", "text": @, "options": {}, "min_choices": "1"},
         {"id": "c", "type": "single_choice", "text": @, "options": [3, {"code": "1", "label": @},
                                                                  {"code": 2, "label": "two"}]})",
      R"(, "scales": [7, {"id": "s", "title": @, "items": "c", "reverse": "c", "min_answered": "half"}],
         "burden_instruments": [{"id": "b", "title": @, "items": [1], "categories": [1]}])"));
  EXPECT_EQ(where_and_code(error), (std::multiset<Where>{
                                       {"$.sections[0].items[0]", "wrong_type"},
                                       {"$.sections[0].items[1].id", "wrong_type"},
                                       {"$.sections[0].items[1].help", "wrong_type"},
                                       {"$.sections[0].items[1].visible_if", "wrong_type"},
                                       {"$.sections[0].items[1].required", "wrong_type"},
                                       {"$.sections[0].items[1].min", "wrong_type"},
                                       {"$.sections[0].items[1].constraints", "wrong_type"},
                                       {"$.sections[0].items[2].options", "wrong_type"},
                                       {"$.sections[0].items[2].min_choices", "wrong_type"},
                                       {"$.sections[0].items[3].options[0]", "wrong_type"},
                                       {"$.sections[0].items[3].options[1].code", "wrong_type"},
                                       {"$.sections[0].items[3].options[2].label", "wrong_type"},
                                       {"$.scales[0]", "wrong_type"},
                                       {"$.scales[1].items", "wrong_type"},
                                       {"$.scales[1].reverse", "wrong_type"},
                                       {"$.scales[1].min_answered", "wrong_type"},
                                       {"$.burden_instruments[0].items[0]", "wrong_type"},
                                       {"$.burden_instruments[0].categories[0]", "wrong_type"},
                                   }))
      << describe_problems(error);
  EXPECT_EQ(problem_at(error, "$.sections[0].items[0]", "wrong_type").message,
            "must be an object, found a number");
  EXPECT_EQ(problem_at(error, "$.sections[0].items[3].options[1].code", "wrong_type").message,
            "must be an integer, found a string");
  EXPECT_EQ(problem_at(error, "$.burden_instruments[0].items[0]", "wrong_type").message,
            "must be an item id, found a number");
}

TEST(LoadQuestionnaireErrors, UnknownFieldsAtEveryLevel) {
  Error error = load_error(definition(
      R"({"id": "a", "type": "single_choice", "text": @, "colour": 1, "min_choices": 1,
          "options": [{"code": 1, "label": @, "value": 1}, {"code": 2, "label": @}],
          "constraints": [{"expression": "a = 1", "message": @, "severity": "low"}]},
         {"id": "b", "type": "integer", "text": @, "max_length": 3},
         {"id": "c", "type": "multiple_choice", "text": @,
          "options": [{"code": 1, "label": @}, {"code": 2, "label": @}],
          "dont_know": {"code": 9, "label": @}})",
      R"(, "consent": {"version": "1", "text": @, "date": "2024"},
         "option_sets": {"set": {"options": [{"code": 1, "label": @}, {"code": 2, "label": @}], "x": 1}},
         "scales": [{"id": "s", "title": @, "items": ["a"], "weight": 2}],
         "burden_instruments": [{"id": "b1", "title": @, "items": ["a"], "description": @,
           "categories": [{"id": "all", "min": 0, "max": 1, "label": @, "follow_up": @, "colour": "red"}]}])"));
  EXPECT_EQ(where_and_code(error),
            (std::multiset<Where>{
                {"$.consent.date", "unknown_field"},
                {"$.option_sets.set.x", "unknown_field"},
                {"$.sections[0].items[0].options[0].value", "unknown_field"},
                {"$.sections[0].items[0].colour", "unknown_field"},
                {"$.sections[0].items[0].min_choices", "unknown_field"},
                {"$.sections[0].items[0].constraints[0].severity", "unknown_field"},
                {"$.sections[0].items[1].max_length", "unknown_field"},
                {"$.sections[0].items[2].dont_know", "unknown_field"},
                {"$.scales[0].weight", "unknown_field"},
                {"$.burden_instruments[0].description", "unknown_field"},
                {"$.burden_instruments[0].categories[0].colour", "unknown_field"},
            }))
      << describe_problems(error);
  EXPECT_EQ(problem_at(error, "$.sections[0].items[1].max_length", "unknown_field").message,
            "field 'max_length' is not allowed on a integer item");
}

TEST(LoadQuestionnaireErrors, SectionUnknownFieldAndSectionItemDuplicates) {
  Error error = load_error(expand(R"({"format": "parorende-questionnaire/1", "id": "t",
    "version": "1", "languages": ["nb", "en"], "title": @, "sections": [
      {"id": "s", "title": @, "visibleIf": "x", "items": [{"id": "a", "type": "yes_no", "text": @}]},
      {"id": "a", "title": @, "items": [{"id": "s", "type": "yes_no", "text": @}]},
      {"id": "s", "title": @, "items": []}]})"));
  EXPECT_EQ(where_and_code(error), (std::multiset<Where>{
                                       {"$.sections[0].visibleIf", "unknown_field"},
                                       {"$.sections[1].id", "duplicate_id"},
                                       {"$.sections[1].items[0].id", "duplicate_id"},
                                       {"$.sections[2].id", "duplicate_id"},
                                       {"$.sections[2].items", "empty"},
                                   }))
      << describe_problems(error);
}

// #/survey/WAVE/consent and .../check are the survey's own pages: a new
// version may not name a section so; one stored before the rule still loads.
TEST(LoadQuestionnaireErrors, SectionIdsOfTheSurveysOwnPagesAreReserved) {
  auto loaded = load_questionnaire_text(expand(R"({"format": "parorende-questionnaire/1", "id": "t",
    "version": "1", "languages": ["nb"], "title": @, "sections": [
      {"id": "consent", "title": @, "items": [{"id": "a", "type": "yes_no", "text": @}]},
      {"id": "check", "title": @, "items": [{"id": "b", "type": "yes_no", "text": @}]},
      {"id": "checks", "title": @, "items": [{"id": "check_c", "type": "yes_no", "text": @}]}]})"));
  ASSERT_TRUE(loaded.ok()) << describe_problems(loaded.error());
  Status publishable = check_new_version(loaded.value());
  ASSERT_FALSE(publishable.ok());
  EXPECT_EQ(publishable.error().code, "invalid_definition");
  EXPECT_EQ(where_and_code(publishable.error()), (std::multiset<Where>{
                                                     {"$.sections[0].id", "reserved_id"},
                                                     {"$.sections[1].id", "reserved_id"},
                                                 }))
      << describe_problems(publishable.error());
}

TEST(LoadQuestionnaireErrors, EmptyListsAndMissingSectionFields) {
  Error error = load_error(expand(R"({"format": "parorende-questionnaire/1", "id": "t",
    "version": "", "languages": [], "title": {}, "sections": []})"));
  EXPECT_EQ(where_and_code(error),
            (std::multiset<Where>{
                {"$.version", "bad_version"}, {"$.languages", "empty"}, {"$.sections", "empty"}}))
      << describe_problems(error);

  error = load_error(expand(R"({"format": "parorende-questionnaire/1", "id": "t",
    "version": "1", "languages": ["nb", "en"], "title": @, "sections": [{}]})"));
  EXPECT_EQ(where_and_code(error), (std::multiset<Where>{{"$.sections[0].id", "missing"},
                                                         {"$.sections[0].title", "missing"},
                                                         {"$.sections[0].items", "missing"}}))
      << describe_problems(error);
}

TEST(LoadQuestionnaireErrors, MissingLanguageInATextAndBadLanguageTags) {
  Error error = load_error(expand(R"({"format": "parorende-questionnaire/1", "id": "t",
    "version": "1", "languages": ["nb", "nn", "en", "english", "e"], "default_language": "de",
    "title": {"nb": "T", "en": "T"}, "sections": [{"id": "s", "title": {"nb": "T", "nn": "T"},
    "items": [{"id": "a", "type": "yes_no", "text": {"nb": "T", "nn": "T", "en": "T", "nb_NO": "x"}}]}]})"));
  EXPECT_EQ(where_and_code(error), (std::multiset<Where>{
                                       {"$.languages[3]", "bad_language"},
                                       {"$.languages[4]", "bad_language"},
                                       {"$.default_language", "bad_language"},
                                       {"$.title", "missing_language"},
                                       {"$.sections[0].title", "missing_language"},
                                       {"$.sections[0].items[0].text.nb_NO", "bad_language"},
                                   }))
      << describe_problems(error);
  EXPECT_EQ(problem_at(error, "$.title", "missing_language").message, "has no text in 'nn'");
  EXPECT_EQ(problem_at(error, "$.sections[0].title", "missing_language").message,
            "has no text in 'en'");
  EXPECT_EQ(problem_at(error, "$.default_language", "bad_language").message,
            "'de' is not one of 'languages'");
}

TEST(LoadQuestionnaireErrors, TextsLongerThan20000Characters) {
  std::string long_text(20001, 'x');
  std::string just_fits;
  for (int i = 0; i < 20000; ++i) just_fits += "å";  // 2 bytes, 1 character
  load_ok(definition(R"({"id": "a", "type": "yes_no", "text": {"nb": ")" + just_fits +
                     R"(", "en": "x"}})"));
  Error error = load_error(definition(R"({"id": "a", "type": "yes_no", "text": {"nb": ")" +
                                      long_text + R"(", "en": "x"}})"));
  EXPECT_EQ(problem_at(error, "$.sections[0].items[0].text.nb", "too_long").message,
            "is longer than 20000 characters");
}

TEST(LoadQuestionnaireErrors, BadIds) {
  Error error = load_error(definition(
      R"({"id": "1a", "type": "yes_no", "text": @}, {"id": "A", "type": "yes_no", "text": @},
         {"id": "a-b", "type": "yes_no", "text": @}, {"id": "", "type": "yes_no", "text": @},
         {"id": "æ", "type": "yes_no", "text": @})",
      R"(, "option_sets": {"Agree": {"options": [{"code": 1, "label": @}, {"code": 2, "label": @}]}})"));
  EXPECT_EQ(where_and_code(error), (std::multiset<Where>{
                                       {"$.option_sets.Agree", "bad_id"},
                                       {"$.sections[0].items[0].id", "bad_id"},
                                       {"$.sections[0].items[1].id", "bad_id"},
                                       {"$.sections[0].items[2].id", "bad_id"},
                                       {"$.sections[0].items[3].id", "bad_id"},
                                       {"$.sections[0].items[4].id", "bad_id"},
                                   }))
      << describe_problems(error);
  EXPECT_EQ(problem_at(error, "$.sections[0].items[0].id", "bad_id").message,
            "'1a' must start with a-z and hold only a-z, 0-9 and _ (at most 64 characters)");
}

TEST(LoadQuestionnaireErrors, OptionProblems) {
  Error error = load_error(definition(
      R"({"id": "one", "type": "single_choice", "text": @, "options": [{"code": 1, "label": @}]},
         {"id": "none", "type": "single_choice", "text": @},
         {"id": "nocode", "type": "single_choice", "text": @,
          "options": [{"label": @}, {"code": 2}, {"code": 2.5, "label": @}]},
         {"id": "dup", "type": "single_choice", "text": @,
          "options": [{"code": 1, "label": @}, {"code": 2, "label": @}, {"code": 1, "label": @}],
          "dont_know": {"code": 2, "label": @}},
         {"id": "mc", "type": "multiple_choice", "text": @, "option_set": "with_dk"})",
      R"(, "option_sets": {"with_dk": {"options": [{"code": 1, "label": @}, {"code": 2, "label": @}],
                                      "dont_know": {"code": 9, "label": @}}})"));
  EXPECT_EQ(where_and_code(error), (std::multiset<Where>{
                                       {"$.sections[0].items[0].options", "too_few_options"},
                                       {"$.sections[0].items[1].options", "missing"},
                                       {"$.sections[0].items[2].options[0].code", "missing"},
                                       {"$.sections[0].items[2].options[1].label", "missing"},
                                       {"$.sections[0].items[2].options[2].code", "wrong_type"},
                                       {"$.sections[0].items[3].options[2].code", "duplicate_code"},
                                       {"$.sections[0].items[3].dont_know.code", "duplicate_code"},
                                       {"$.sections[0].items[4].option_set", "bad_option_set"},
                                   }))
      << describe_problems(error);
  EXPECT_EQ(problem_at(error, "$.sections[0].items[0].options", "too_few_options").message,
            "needs at least two options");
  EXPECT_EQ(problem_at(error, "$.sections[0].items[3].options[2].code", "duplicate_code").message,
            "code 1 is used twice");
  EXPECT_EQ(problem_at(error, "$.sections[0].items[4].option_set", "bad_option_set").message,
            "a multiple-choice item cannot use an option set with 'dont_know'");
}

TEST(LoadQuestionnaireErrors, OptionSetConflictsAndUnknownSets) {
  Error error = load_error(definition(
      R"({"id": "a", "type": "single_choice", "text": @, "option_set": "two",
          "dont_know": {"code": 9, "label": @}},
         {"id": "b", "type": "single_choice", "text": @, "option_set": "three"},
         {"id": "c", "type": "single_choice", "text": @, "option_set": 3})",
      R"(, "option_sets": {"two": {"options": [{"code": 1, "label": @}, {"code": 2, "label": @}]}})"));
  EXPECT_EQ(where_and_code(error),
            (std::multiset<Where>{{"$.sections[0].items[0]", "conflicting_options"},
                                  {"$.sections[0].items[1].option_set", "unknown_option_set"},
                                  {"$.sections[0].items[2].option_set", "wrong_type"}}))
      << describe_problems(error);
}

TEST(LoadQuestionnaireErrors, ChoiceCountsAndRanges) {
  std::string four = R"("options": [{"code": 1, "label": @}, {"code": 2, "label": @},
                                    {"code": 3, "label": @}, {"code": 4, "label": @}])";
  Error error = load_error(definition(
      R"({"id": "a", "type": "multiple_choice", "text": @, "min_choices": 0, "max_choices": 5, )" +
      four + R"(},
         {"id": "b", "type": "multiple_choice", "text": @, "min_choices": 3, "max_choices": 2, )" +
      four + R"(},
         {"id": "c", "type": "integer", "text": @, "min": 5, "max": 4},
         {"id": "d", "type": "decimal", "text": @, "min": 0.5, "max": 0.25},
         {"id": "e", "type": "decimal", "text": @, "min": "low"},
         {"id": "f", "type": "text", "text": @, "max_length": 0},
         {"id": "g", "type": "text", "text": @, "max_length": 20001},
         {"id": "h", "type": "text", "text": @, "max_length": "long", "multiline": "yes"},
         {"id": "i", "type": "date", "text": @, "min": "2023-02-29", "max": "31.12.2030"},
         {"id": "j", "type": "date", "text": @, "min": "2024-03-01", "max": "2024-02-29"},
         {"id": "k", "type": "date", "text": @, "min": 20240101})"));
  EXPECT_EQ(where_and_code(error), (std::multiset<Where>{
                                       {"$.sections[0].items[0].min_choices", "out_of_range"},
                                       {"$.sections[0].items[0].max_choices", "out_of_range"},
                                       {"$.sections[0].items[1].min_choices", "bad_range"},
                                       {"$.sections[0].items[2].min", "bad_range"},
                                       {"$.sections[0].items[3].min", "bad_range"},
                                       {"$.sections[0].items[4].min", "wrong_type"},
                                       {"$.sections[0].items[5].max_length", "out_of_range"},
                                       {"$.sections[0].items[6].max_length", "out_of_range"},
                                       {"$.sections[0].items[7].max_length", "wrong_type"},
                                       {"$.sections[0].items[7].multiline", "wrong_type"},
                                       {"$.sections[0].items[8].min", "invalid_date"},
                                       {"$.sections[0].items[8].max", "invalid_date"},
                                       {"$.sections[0].items[9].min", "bad_range"},
                                       {"$.sections[0].items[10].min", "wrong_type"},
                                   }))
      << describe_problems(error);
  EXPECT_EQ(problem_at(error, "$.sections[0].items[0].min_choices", "out_of_range").message,
            "must be from 1 to the number of options");
  EXPECT_EQ(problem_at(error, "$.sections[0].items[1].min_choices", "bad_range").message,
            "is above max_choices");
  EXPECT_EQ(problem_at(error, "$.sections[0].items[5].max_length", "out_of_range").message,
            "must be from 1 to 20000");
  EXPECT_EQ(problem_at(error, "$.sections[0].items[8].min", "invalid_date").message,
            "'2023-02-29' is not a date written YYYY-MM-DD");
  EXPECT_EQ(problem_at(error, "$.sections[0].items[9].min", "bad_range").message, "is after max");
}

TEST(LoadQuestionnaireErrors, IntegerBoundsAcceptWholeNumbersWrittenAsDecimals) {
  Questionnaire q =
      load_ok(definition(R"({"id": "a", "type": "integer", "text": @, "min": 1.0, "max": 1e2})"));
  EXPECT_EQ(q.items.at(0).min, 1.0);
  EXPECT_EQ(q.items.at(0).max, 100.0);
}

TEST(LoadQuestionnaireErrors, ConstraintProblems) {
  Error error = load_error(definition(
      R"({"id": "a", "type": "integer", "text": @, "constraints": [
           "a > 1", {"message": @}, {"expression": "a > 1"}, {"expression": "a >", "message": @},
           {"expression": 5, "message": @}]})"));
  EXPECT_EQ(where_and_code(error),
            (std::multiset<Where>{
                {"$.sections[0].items[0].constraints[0]", "wrong_type"},
                {"$.sections[0].items[0].constraints[1].expression", "missing"},
                {"$.sections[0].items[0].constraints[2].message", "missing"},
                {"$.sections[0].items[0].constraints[3].expression", "bad_expression"},
                {"$.sections[0].items[0].constraints[4].expression", "wrong_type"},
            }))
      << describe_problems(error);
  EXPECT_EQ(problem_at(error, "$.sections[0].items[0].constraints[3].expression", "bad_expression")
                .message,
            "item 'a': expression: column 4: expected a number, text, true or false, found "
            "the end of the expression")
      << "a constraint's parse error names the item and the column";
}

TEST(LoadQuestionnaireErrors, ParseErrorsNameTheItemAndTheColumn) {
  Error error = load_error(definition(
      R"J({"id": "a", "type": "integer", "text": @},
         {"id": "b", "type": "yes_no", "text": @, "visible_if": "a = 1 and"},
         {"id": "c", "type": "yes_no", "text": @, "visible_if": "a = 'x"},
         {"id": "d", "type": "yes_no", "text": @, "visible_if": "a in 1"},
         {"id": "e", "type": "yes_no", "text": @, "visible_if": "a = 1)"},
         {"id": "f", "type": "yes_no", "text": @, "visible_if": "a ~ 1"},
         {"id": "g", "type": "yes_no", "text": @, "visible_if": ""},
         {"id": "h", "type": "yes_no", "text": @, "visible_if": "a in [1, 2"},
         {"id": "i", "type": "yes_no", "text": @, "visible_if": "a = or"})J"));
  auto message = [&error](int index) { return visible_if_problem(error, index); };
  EXPECT_EQ(message(1),
            "item 'b': visible_if: column 10: expected a number, text, true or "
            "false, found the end of the expression");
  EXPECT_EQ(message(2), "item 'c': visible_if: column 5: text starting here has no closing quote");
  EXPECT_EQ(message(3), "item 'd': visible_if: column 6: expected '[' after 'in', found '1'");
  EXPECT_EQ(message(4),
            "item 'e': visible_if: column 6: expected 'and', 'or' or the end, found ')'");
  EXPECT_EQ(message(5), "item 'f': visible_if: column 3: unexpected character '~'");
  EXPECT_EQ(message(6),
            "item 'g': visible_if: column 1: expected a number, text, true or "
            "false, found the end of the expression");
  EXPECT_EQ(message(7),
            "item 'h': visible_if: column 11: expected ',' or ']', found the end "
            "of the expression");
  EXPECT_EQ(message(8), "item 'i': visible_if: column 5: expected a value, found 'or'");
  EXPECT_EQ(error.problems.size(), 8u) << describe_problems(error);

  Error section = load_error(expand(R"J({"format": "parorende-questionnaire/1", "id": "t",
    "version": "1", "languages": ["nb", "en"], "title": @, "sections": [
      {"id": "s", "title": @, "visible_if": "((true)", "items": [{"id": "a", "type": "yes_no", "text": @}]}]})J"));
  EXPECT_EQ(problem_at(section, "$.sections[0].visible_if", "bad_expression").message,
            "section 's': visible_if: column 8: expected ')', found the end of the expression");
}

TEST(LoadQuestionnaireErrors, TextComparedWithADateMustBeADate) {
  Error error = load_error(definition(
      R"J({"id": "born", "type": "date", "text": @},
         {"id": "a", "type": "yes_no", "text": @, "visible_if": "born < '31.01.2024'"},
         {"id": "b", "type": "yes_no", "text": @, "visible_if": "'2024-02-30' <= born"},
         {"id": "c", "type": "yes_no", "text": @, "visible_if": "born in ['2024-01-01', '2024-1-2']"},
         {"id": "ok", "type": "yes_no", "text": @,
          "visible_if": "born >= '2024-02-29' and born in ['2000-01-01'] and born != '1999-12-31'"})J"));
  auto message = [&error](int index) { return visible_if_problem(error, index); };
  EXPECT_EQ(message(1),
            "item 'a': visible_if: column 1: '31.01.2024' is not a date; write dates as "
            "'YYYY-MM-DD'");
  EXPECT_EQ(message(2),
            "item 'b': visible_if: column 1: '2024-02-30' is not a date; write dates as "
            "'YYYY-MM-DD'");
  EXPECT_EQ(message(3),
            "item 'c': visible_if: column 1: '2024-1-2' is not a date; write dates as "
            "'YYYY-MM-DD'");
  EXPECT_EQ(error.problems.size(), 3u) << describe_problems(error);
}

TEST(LoadQuestionnaireErrors, TypeErrorsInExpressions) {
  Error error = load_error(definition(
      R"J({"id": "yn", "type": "yes_no", "text": @},
         {"id": "n", "type": "integer", "text": @},
         {"id": "t", "type": "text", "text": @},
         {"id": "m", "type": "multiple_choice", "text": @,
          "options": [{"code": 1, "label": @}, {"code": 2, "label": @}]},
         {"id": "home", "type": "municipality", "text": @},
         {"id": "a", "type": "yes_no", "text": @, "visible_if": "yn = 1"},
         {"id": "b", "type": "yes_no", "text": @, "visible_if": "t = 1"},
         {"id": "c", "type": "yes_no", "text": @, "visible_if": "yn > false"},
         {"id": "d", "type": "yes_no", "text": @, "visible_if": "m = 1"},
         {"id": "e", "type": "yes_no", "text": @, "visible_if": "selected(n, 1)"},
         {"id": "f", "type": "yes_no", "text": @, "visible_if": "nobody = 1"},
         {"id": "g", "type": "yes_no", "text": @, "visible_if": "home = 301"},
         {"id": "h", "type": "yes_no", "text": @, "visible_if": "a"},
         {"id": "ok", "type": "yes_no", "text": @,
          "visible_if": "yn and n >= 3 and t != 'x' and m in [1] and selected(m, 2) and home = '0301'"})J"));
  auto message = [&error](int index) { return visible_if_problem(error, index); };
  EXPECT_EQ(message(5), "item 'a': visible_if: column 1: cannot compare yes/no with a number");
  EXPECT_EQ(message(6), "item 'b': visible_if: column 1: cannot compare text with a number");
  EXPECT_EQ(message(7),
            "item 'c': visible_if: column 1: yes/no values can only be compared with = or !=");
  EXPECT_EQ(message(8),
            "item 'd': visible_if: column 1: a multiple-choice item cannot be "
            "compared; use selected(item, code) or 'in'");
  EXPECT_EQ(message(9),
            "item 'e': visible_if: column 1: selected() needs a multiple-choice "
            "item; 'n' is a number");
  EXPECT_EQ(message(10), "item 'f': visible_if: column 1: unknown item 'nobody'");
  EXPECT_EQ(message(11), "item 'g': visible_if: column 1: cannot compare text with a number");
  EXPECT_TRUE(problems_at(error, "$.sections[0].items[12].visible_if", "bad_expression").empty())
      << "a yes/no item is a condition";
  EXPECT_EQ(error.problems.size(), 7u) << describe_problems(error);
}

TEST(LoadQuestionnaireErrors, ReferencesToLaterItemsAndToItself) {
  Error error = load_error(expand(R"J({"format": "parorende-questionnaire/1", "id": "t",
    "version": "1", "languages": ["nb", "en"], "title": @, "sections": [
      {"id": "s1", "title": @, "visible_if": "answered(b)", "items": [
        {"id": "a", "type": "yes_no", "text": @, "visible_if": "a"},
        {"id": "b", "type": "yes_no", "text": @, "visible_if": "c or a",
         "constraints": [{"expression": "b and c", "message": @}]}]},
      {"id": "s2", "title": @, "visible_if": "a and c", "items": [
        {"id": "c", "type": "yes_no", "text": @, "visible_if": "b and a"}]}]})J"));
  EXPECT_EQ(where_and_code(error),
            (std::multiset<Where>{
                {"$.sections[0].visible_if", "later_item"},
                {"$.sections[0].items[0].visible_if", "later_item"},
                {"$.sections[0].items[1].visible_if", "later_item"},
                {"$.sections[0].items[1].constraints[0].expression", "later_item"},
                {"$.sections[1].visible_if", "later_item"},
            }))
      << describe_problems(error);
  EXPECT_EQ(problem_at(error, "$.sections[0].items[0].visible_if", "later_item").message,
            "item 'a': visible_if refers to 'a', which does not come before it");
  EXPECT_EQ(problem_at(error, "$.sections[1].visible_if", "later_item").message,
            "section 's2': visible_if refers to 'c', which does not come before it");
}

TEST(LoadQuestionnaireErrors, ExpressionColumnsCountCharacters) {
  Error error = load_error(definition(
      R"J({"id": "name", "type": "text", "text": @},
         {"id": "b", "type": "yes_no", "text": @, "visible_if": "name = 'Åse' )"})J"));
  EXPECT_EQ(problem_at(error, "$.sections[0].items[1].visible_if", "bad_expression").message,
            "item 'b': visible_if: column 14: expected 'and', 'or' or the end, found ')'");
}

TEST(LoadQuestionnaireErrors, ConsentProblems) {
  Error error = load_error(definition(R"({"id": "a", "type": "yes_no", "text": @})",
                                      R"(, "consent": {"version": "", "text": {"nb": "x"}})"));
  EXPECT_EQ(where_and_code(error), (std::multiset<Where>{{"$.consent.version", "empty"},
                                                         {"$.consent.text", "missing_language"}}))
      << describe_problems(error);
  error = load_error(definition(R"({"id": "a", "type": "yes_no", "text": @})",
                                R"(, "consent": {"version": "1"})"));
  problem_at(error, "$.consent.text", "missing");
}

TEST(LoadQuestionnaireErrors, MissingTextAndTypeOfItems) {
  Error error = load_error(definition(R"({"id": "a", "type": "yes_no"}, {"id": "b"})"));
  EXPECT_EQ(where_and_code(error),
            (std::multiset<Where>{{"$.sections[0].items[0].text", "missing"},
                                  {"$.sections[0].items[1].type", "missing"},
                                  {"$.sections[0].items[1].text", "missing"}}))
      << describe_problems(error);
}

TEST(LoadQuestionnaireErrors, AnItemWithoutATypeStillHasItsOtherFieldsChecked) {
  Error error = load_error(definition(
      R"({"id": "b", "text": {"nb": "Tekst"}, "required": "yes", "visible_if": "a = ",
          "constraints": [{"expression": "b >", "message": @}]})"));
  EXPECT_EQ(where_and_code(error),
            (std::multiset<Where>{
                {"$.sections[0].items[0].type", "missing"},
                {"$.sections[0].items[0].text", "missing_language"},
                {"$.sections[0].items[0].required", "wrong_type"},
                {"$.sections[0].items[0].visible_if", "bad_expression"},
                {"$.sections[0].items[0].constraints[0].expression", "bad_expression"}}))
      << describe_problems(error);
}

TEST(LoadQuestionnaireErrors, JsonSyntaxErrorsAreReportedAsOneProblem) {
  Error error = load_error("{\"format\": ");
  ASSERT_EQ(error.problems.size(), 1u);
  EXPECT_EQ(error.problems[0].where, "$");
  EXPECT_EQ(error.problems[0].code, "invalid_json");
  EXPECT_EQ(error.message,
            "invalid JSON at line 1, column 12: the document ends too early (truncated?)");
  EXPECT_EQ(error.problems[0].message, error.message);

  error = load_error("{\n  \"id\": 1,\n  \"x\" 2\n}");
  EXPECT_EQ(error.message, "invalid JSON at line 3, column 7: syntax error (or invalid UTF-8)");
  error = load_error("{} {}");
  EXPECT_EQ(error.message,
            "invalid JSON at line 1, column 4: unexpected data after the JSON value");
  error = load_error("");
  EXPECT_EQ(error.message,
            "invalid JSON at line 1, column 1: the document ends too early (truncated?)");
}

TEST(LoadQuestionnaireFile, ReadsAFileAndReportsMissingFiles) {
  testing::TempDir dir;
  std::string path =
      dir.write("good.json", definition(R"({"id": "a", "type": "yes_no", "text": @})"));
  auto loaded = load_questionnaire_file(path);
  ASSERT_TRUE(loaded.ok()) << describe_problems(loaded.error());
  EXPECT_EQ(loaded->items.size(), 1u);

  auto missing = load_questionnaire_file((dir.path() / "missing.json").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "file_unreadable");
  EXPECT_EQ(missing.error().message,
            "cannot open '" + (dir.path() / "missing.json").string() + "'");
}

TEST(LoadQuestionnaireErrors, HugeIntegersAreOutOfRangeNotOverflowed) {
  // Codes far apart would overflow the code differences and sums; the
  // loader refuses integers beyond +-10^12.
  Error error = load_error(definition(
      R"({"id": "a", "type": "single_choice", "text": @,
          "options": [{"code": -9223372036854775807, "label": @}, {"code": 9223372036854775807, "label": @},
                      {"code": 18446744073709551615, "label": @}, {"code": 1e300, "label": @},
                      {"code": 1000000000000, "label": @}, {"code": -1000000000000, "label": @}]},
         {"id": "n", "type": "integer", "text": @, "min": -9223372036854775808})",
      R"(, "burden_instruments": [{"id": "b", "title": @, "items": ["a"],
           "categories": [{"id": "all", "min": 0, "max": 1, "label": @, "follow_up": @}]}])"));
  EXPECT_EQ(where_and_code(error), (std::multiset<Where>{
                                       {"$.sections[0].items[0].options[0].code", "out_of_range"},
                                       {"$.sections[0].items[0].options[1].code", "out_of_range"},
                                       {"$.sections[0].items[0].options[2].code", "out_of_range"},
                                       {"$.sections[0].items[0].options[3].code", "out_of_range"},
                                       {"$.sections[0].items[1].min", "out_of_range"},
                                       {"$.burden_instruments[0].items", "out_of_range"},
                                   }))
      << describe_problems(error);
  EXPECT_EQ(problem_at(error, "$.sections[0].items[0].options[0].code", "out_of_range").message,
            "must be from -1000000000000 to 1000000000000");
  EXPECT_EQ(problem_at(error, "$.burden_instruments[0].items", "out_of_range").message,
            "the highest possible sum is 2000000000000; at most 1000000 is supported");
}

}  // namespace
}  // namespace parorende
