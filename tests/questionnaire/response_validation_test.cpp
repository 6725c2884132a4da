// Validating a caregiver's response: every rule of
// questionnaire/response_validation.h, messages in nb, nn and en, all at once.
#include "questionnaire/response_validation.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <set>

#include "definition_text.h"
#include "test_support.h"

namespace parorende {
namespace {

using testing::describe_problems;
using testing::json_of;
using testing::problem_at;

// '@' is a text in nb, nn and en.
std::string expand(std::string_view text) {
  return testing::expand(text, R"({"nb": "Tekst", "nn": "Tekst", "en": "Text"})");
}

const Questionnaire& survey() {
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

ValidationOptions partial() { return {Completeness::partial, true, nullptr}; }
ValidationOptions complete() { return {Completeness::complete, true, nullptr}; }

Result<Response> validate(std::string_view document,
                          const ValidationOptions& options = partial()) {
  return validate_response(survey(), json_of(document), options);
}

// Validates {"language": language, "answers": {item: value}} (partial) and
// returns the single problem, which must be at `item` with `code`.
Problem single_problem(std::string_view item, std::string_view value_json,
                       std::string_view code, std::string_view language = "en") {
  std::string document = std::string(R"({"language": ")") + std::string(language) +
                         R"(", "answers": {")" + std::string(item) +
                         R"(": )" + std::string(value_json) + "}}";
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
AnswerValue accepted(std::string_view item, std::string_view value_json) {
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
void dropped_as_unanswered(std::string_view item, std::string_view value_json) {
  std::string document = std::string(R"({"answers": {")") + std::string(item) + R"(": )" +
                         std::string(value_json) + "}}";
  auto result = validate(document);
  ASSERT_TRUE(result.ok()) << document << ": " << describe_problems(result.error());
  EXPECT_EQ(result->answers.count(std::string(item)), 0u) << document;
}

// --------------------------------------------------------------- item types

TEST(ValidateSingleChoice, AcceptsOptionsAndDontKnow) {
  EXPECT_EQ(std::get<std::int64_t>(accepted("choice", "1")), 1);
  EXPECT_EQ(std::get<std::int64_t>(accepted("choice", "3")), 3);
  EXPECT_EQ(std::get<std::int64_t>(accepted("choice", "9")), 9) << "don't know";
  EXPECT_EQ(std::get<std::int64_t>(accepted("choice", "2.0")), 2);
}

TEST(ValidateSingleChoice, RejectsOtherCodesAndTypes) {
  EXPECT_EQ(single_problem("choice", "4", "not_an_option").message,
            "4 is not one of the answer options.");
  EXPECT_EQ(single_problem("choice", "0", "not_an_option").message,
            "0 is not one of the answer options.");
  EXPECT_EQ(single_problem("choice", "8", "not_an_option").message,
            "8 is not one of the answer options.");
  EXPECT_EQ(single_problem("choice", "\"1\"", "wrong_type").message,
            "The answer must be one of the answer options.");
  EXPECT_EQ(single_problem("choice", "1.5", "wrong_type").message,
            "The answer must be one of the answer options.");
  EXPECT_EQ(single_problem("choice", "[1]", "wrong_type").message,
            "The answer must be one of the answer options.");
  single_problem("choice", "true", "wrong_type");
  single_problem("choice", "18446744073709551615", "wrong_type");
}

TEST(ValidateMultipleChoice, AcceptsSortedDistinctCodes) {
  EXPECT_EQ(std::get<std::vector<std::int64_t>>(accepted("many", "[3, 1]")),
            (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(std::get<std::vector<std::int64_t>>(accepted("many", "[4, 2, 4, 2, 1]")),
            (std::vector<std::int64_t>{1, 2, 4}))
      << "duplicates are removed before max_choices (3) is checked";
  EXPECT_EQ(std::get<std::vector<std::int64_t>>(accepted("many", "[1, 2, 3]")),
            (std::vector<std::int64_t>{1, 2, 3}))
      << "exactly max_choices";
}

TEST(ValidateMultipleChoice, MinAndMaxChoices) {
  EXPECT_EQ(single_problem("many", "[1]", "too_few_choices").message, "Choose at least 2.");
  EXPECT_EQ(single_problem("many", "[2, 2]", "too_few_choices").message, "Choose at least 2.")
      << "duplicates count once";
  EXPECT_EQ(single_problem("many", "[1, 2, 3, 4]", "too_many_choices").message,
            "Choose at most 3.");
}

TEST(ValidateMultipleChoice, RejectsOtherCodesAndTypes) {
  EXPECT_EQ(single_problem("many", "[1, 5]", "not_an_option").message,
            "5 is not one of the answer options.");
  EXPECT_EQ(single_problem("many", "1", "wrong_type").message,
            "The answer must be a list of answer options.");
  EXPECT_EQ(single_problem("many", "[1, \"2\"]", "wrong_type").message,
            "The answer must be a list of answer options.");
  single_problem("many", "[1, 2.5]", "wrong_type");
  single_problem("many", "{}", "wrong_type");
}

TEST(ValidateMultipleChoice, AnEmptyListIsNoAnswer) {
  dropped_as_unanswered("many", "[]");
}

TEST(ValidateYesNo, OnlyTrueAndFalse) {
  EXPECT_EQ(std::get<bool>(accepted("ok", "true")), true);
  EXPECT_EQ(std::get<bool>(accepted("ok", "false")), false);
  EXPECT_EQ(single_problem("ok", "1", "wrong_type").message, "The answer must be yes or no.");
  single_problem("ok", "\"true\"", "wrong_type");
  single_problem("ok", "0", "wrong_type");
}

TEST(ValidateInteger, AcceptsWholeNumbersIncludingThreePointZero) {
  EXPECT_EQ(std::get<std::int64_t>(accepted("hours", "3")), 3);
  EXPECT_EQ(std::get<std::int64_t>(accepted("hours", "3.0")), 3);
  EXPECT_EQ(std::get<std::int64_t>(accepted("hours", "0")), 0) << "min is inclusive";
  EXPECT_EQ(std::get<std::int64_t>(accepted("hours", "168")), 168) << "max is inclusive";
  EXPECT_EQ(std::get<std::int64_t>(accepted("hours", "1.68e2")), 168);
}

TEST(ValidateInteger, RejectsFractionsTextAndOutOfRange) {
  EXPECT_EQ(single_problem("hours", "3.5", "wrong_type").message,
            "The answer must be a whole number.");
  EXPECT_EQ(single_problem("hours", "\"3\"", "wrong_type").message,
            "The answer must be a whole number.");
  single_problem("hours", "true", "wrong_type");
  EXPECT_EQ(single_problem("hours", "-1", "out_of_range").message,
            "The answer must be between 0 and 168.");
  EXPECT_EQ(single_problem("hours", "169", "out_of_range").message,
            "The answer must be between 0 and 168.");
  EXPECT_EQ(single_problem("at_least", "9", "out_of_range").message,
            "The answer must be at least 10.");
  EXPECT_EQ(std::get<std::int64_t>(accepted("at_least", "10")), 10);
  EXPECT_EQ(single_problem("at_most", "6", "out_of_range").message,
            "The answer must be at most 5.");
  EXPECT_EQ(std::get<std::int64_t>(accepted("at_most", "-1000")), -1000);
}

TEST(ValidateDecimal, AcceptsNumbersInRange) {
  EXPECT_DOUBLE_EQ(std::get<double>(accepted("km", "2.5")), 2.5);
  EXPECT_DOUBLE_EQ(std::get<double>(accepted("km", "1")), 1.0) << "an integer is a number";
  EXPECT_DOUBLE_EQ(std::get<double>(accepted("km", "0")), 0.0);
  EXPECT_DOUBLE_EQ(std::get<double>(accepted("km", "0.125")), 0.125);
}

TEST(ValidateDecimal, RejectsOutOfRangeAndText) {
  EXPECT_EQ(single_problem("km", "2.51", "out_of_range").message,
            "The answer must be between 0 and 2.5.");
  EXPECT_EQ(single_problem("km", "-0.1", "out_of_range").message,
            "The answer must be between 0 and 2.5.");
  EXPECT_EQ(single_problem("km", "\"1.5\"", "wrong_type").message,
            "The answer must be a number.");
  // Norwegian writes a decimal comma.
  EXPECT_EQ(single_problem("km", "2.51", "out_of_range", "nb").message,
            "Svaret må være mellom 0 og 2,5.");
  EXPECT_EQ(single_problem("km", "2.51", "out_of_range", "nn").message,
            "Svaret må vere mellom 0 og 2,5.");
  single_problem("km", "false", "wrong_type");
}

TEST(ValidateText, MaxLengthCountsCodePointsNotBytes) {
  EXPECT_EQ(std::get<std::string>(accepted("note", "\"hello\"")), "hello");
  // Five letters of two bytes each (ten bytes) fit in max_length 5.
  EXPECT_EQ(std::get<std::string>(accepted("note", "\"æøåÆØ\"")), "æøåÆØ");
  // Five emoji of four bytes each (twenty bytes) fit too.
  EXPECT_EQ(std::get<std::string>(accepted("note", "\"😀😀😀😀😀\"")), "😀😀😀😀😀");
  // The same written as JSON escapes (surrogate pairs) is the same text.
  EXPECT_EQ(std::get<std::string>(accepted("note", R"("\u00e6\ud83d\ude00")")), "æ😀");
  EXPECT_EQ(single_problem("note", "\"æøåÆØÅ\"", "too_long").message,
            "The answer can be at most 5 characters long.");
  single_problem("note", "\"hello!\"", "too_long");
  EXPECT_EQ(single_problem("note", "5", "wrong_type").message,
            "The answer must be text.");
}

TEST(ValidateText, AnEmptyTextIsNoAnswer) { dropped_as_unanswered("note", "\"\""); }

TEST(ValidateDate, LeapYears) {
  EXPECT_EQ(std::get<Date>(accepted("any_date", "\"2024-02-29\"")), (Date{2024, 2, 29}));
  EXPECT_EQ(std::get<Date>(accepted("any_date", "\"2000-02-29\"")), (Date{2000, 2, 29}))
      << "divisible by 400: leap";
  EXPECT_EQ(std::get<Date>(accepted("any_date", "\"2100-02-28\"")), (Date{2100, 2, 28}));
  EXPECT_EQ(single_problem("any_date", "\"2023-02-29\"", "invalid_date").message,
            "'2023-02-29' is not a valid date. Write it as YYYY-MM-DD.");
  single_problem("any_date", "\"2100-02-29\"", "invalid_date");  // divisible by 100
  single_problem("any_date", "\"1900-02-29\"", "invalid_date");
  single_problem("any_date", "\"2024-02-30\"", "invalid_date");
}

TEST(ValidateDate, CalendarAndFormat) {
  EXPECT_EQ(std::get<Date>(accepted("any_date", "\"2024-12-31\"")), (Date{2024, 12, 31}));
  EXPECT_EQ(std::get<Date>(accepted("any_date", "\"1000-01-01\"")), (Date{1000, 1, 1}));
  for (std::string_view bad :
       {"\"2024-04-31\"", "\"2024-13-01\"", "\"2024-00-10\"", "\"2024-01-00\"",
        "\"2024-01-32\"", "\"2024-1-5\"", "\"24-01-05\"", "\"2024/01/05\"",
        "\"2024-01-05T00:00\"", "\"0999-12-31\"", "\"+024-01-05\"", "\"2024-0a-05\"",
        "\"\"", "\"2024-01--5\""}) {
    single_problem("any_date", bad, "invalid_date");
  }
  EXPECT_EQ(single_problem("any_date", "20240105", "wrong_type").message,
            "The answer must be a date (YYYY-MM-DD).");
}

TEST(ValidateDate, MinAndMax) {
  EXPECT_EQ(std::get<Date>(accepted("when", "\"2000-01-01\"")), (Date{2000, 1, 1}));
  EXPECT_EQ(std::get<Date>(accepted("when", "\"2024-12-31\"")), (Date{2024, 12, 31}));
  EXPECT_EQ(single_problem("when", "\"1999-12-31\"", "out_of_range").message,
            "The answer must be between 2000-01-01 and 2024-12-31.");
  EXPECT_EQ(single_problem("when", "\"2025-01-01\"", "out_of_range").message,
            "The answer must be between 2000-01-01 and 2024-12-31.");
}

TEST(ValidateMunicipality, AcceptsEveryCodeOfTheShippedCsv) {
  std::string csv = testing::read_file(testing::kSourceDir + "/data/municipalities.csv");
  std::size_t checked = 0;
  std::size_t start = csv.find('\n') + 1;  // skip the header
  while (start < csv.size()) {
    std::string code = csv.substr(start, 4);
    EXPECT_EQ(std::get<std::string>(accepted("home", "\"" + code + "\"")), code);
    ++checked;
    start = csv.find('\n', start);
    if (start == std::string::npos) break;
    ++start;
  }
  EXPECT_EQ(checked, 357u);
}

TEST(ValidateMunicipality, RejectsOtherCodes) {
  EXPECT_EQ(single_problem("home", "\"0300\"", "unknown_municipality").message,
            "'0300' is not a Norwegian municipality number.");
  single_problem("home", "\"301\"", "unknown_municipality");
  single_problem("home", "\"03010\"", "unknown_municipality");
  single_problem("home", "\"Oslo\"", "unknown_municipality");
  single_problem("home", "\"0101\"", "unknown_municipality");  // Halden before 2020
  EXPECT_EQ(single_problem("home", "301", "wrong_type").message,
            "The answer must be a four-digit municipality number.");
}

TEST(ValidateMunicipality, UsesTheRegistryGivenInTheOptions) {
  auto registry = MunicipalityRegistry::parse_csv(
      "code,name,county_code,county_name,population,area_km2,written_standard\n"
      "9999,Testby,99,Test,10,1.5,nb\n");
  ASSERT_TRUE(registry.ok());
  ValidationOptions options{Completeness::partial, true, &registry.value()};
  EXPECT_TRUE(validate(R"({"answers": {"home": "9999"}})", options).ok());
  auto oslo = validate(R"({"answers": {"home": "0301"}})", options);
  ASSERT_FALSE(oslo.ok());
  problem_at(oslo.error(), "home", "unknown_municipality");
}

// ------------------------------------------------------- the response itself

TEST(ValidateResponse, NormalizesAValidCompleteResponse) {
  auto result = validate(R"({"questionnaire": "survey", "version": "3.1.0", "language": "nn",
      "status": "complete", "consent_version": "2026-1",
      "answers": {"choice": 2, "many": [4, 1], "ok": true, "hours": 40.0, "km": 1.5,
                  "note": "bra", "when": "2020-06-15", "home": "4601",
                  "kids": 2, "kids_note": "to", "final": false}})",
                         complete());
  ASSERT_TRUE(result.ok()) << describe_problems(result.error());
  const Response& response = result.value();
  EXPECT_EQ(response.questionnaire_id, "survey");
  EXPECT_EQ(response.questionnaire_version, "3.1.0");
  EXPECT_EQ(response.language, "nn");
  EXPECT_EQ(response.completeness, Completeness::complete);
  EXPECT_EQ(response.municipality, "4601") << "taken from the municipality item";
  Answers expected;
  expected["choice"] = std::int64_t{2};
  expected["many"] = std::vector<std::int64_t>{1, 4};
  expected["ok"] = true;
  expected["hours"] = std::int64_t{40};
  expected["km"] = 1.5;
  expected["note"] = std::string("bra");
  expected["when"] = Date{2020, 6, 15};
  expected["home"] = std::string("4601");
  expected["kids"] = std::int64_t{2};
  expected["kids_note"] = std::string("to");
  expected["final"] = false;
  EXPECT_EQ(response.answers, expected);
}

TEST(ValidateResponse, LanguageDefaultsToTheQuestionnairesDefault) {
  auto result = validate(R"({"answers": {}})");
  ASSERT_TRUE(result.ok()) << describe_problems(result.error());
  EXPECT_EQ(result->language, "nb");
  EXPECT_EQ(result->completeness, Completeness::partial);
  EXPECT_TRUE(result->answers.empty());
  EXPECT_EQ(result->municipality, "");
}

TEST(ValidateResponse, NullIsTheSameAsNoAnswer) {
  auto result = validate(R"({"answers": {"choice": null, "many": null, "note": null}})");
  ASSERT_TRUE(result.ok()) << describe_problems(result.error());
  EXPECT_TRUE(result->answers.empty());
  auto required = validate(R"({"language": "en", "answers": {"choice": null, "final": true}})",
                           complete());
  ASSERT_FALSE(required.ok());
  EXPECT_EQ(problem_at(required.error(), "choice", "required").message,
            "Please answer this question.");
}

TEST(ValidateResponse, UnknownItem) {
  EXPECT_EQ(single_problem("nope", "1", "unknown_item").message,
            "There is no question with id 'nope'.");
  EXPECT_EQ(single_problem("nope", "null", "unknown_item").message,
            "There is no question with id 'nope'.")
      << "an unknown item is reported even when null";
}

TEST(ValidateResponse, InvalidFields) {
  auto result = validate(R"({"language": "de", "extra": 1, "questionnaire": "other",
                             "version": "9", "answers": {}})");
  ASSERT_FALSE(result.ok());
  const Error& error = result.error();
  EXPECT_EQ(error.problems.size(), 4u) << describe_problems(error);
  // The language is not offered, so the messages are in the default (nb).
  EXPECT_EQ(problem_at(error, "language", "invalid_field").message,
            "Språket «de» finnes ikke for dette skjemaet.");
  EXPECT_EQ(problem_at(error, "questionnaire", "invalid_field").message,
            "Svaret hører til et annet skjema («other»).");
  EXPECT_EQ(problem_at(error, "version", "invalid_field").message,
            "Svaret hører til en annen versjon av skjemaet («9»).");
  EXPECT_EQ(problem_at(error, "extra", "invalid_field").message, "Feltet «extra» er ukjent.");

  auto wrong_types = validate(R"({"language": 5, "questionnaire": 1, "answers": [1]})");
  ASSERT_FALSE(wrong_types.ok());
  EXPECT_EQ(wrong_types.error().problems.size(), 3u) << describe_problems(wrong_types.error());
  EXPECT_EQ(problem_at(wrong_types.error(), "language", "invalid_field").message,
            "Feltet «language» er ugyldig: nb, nn, en.");
  EXPECT_EQ(problem_at(wrong_types.error(), "answers", "invalid_field").message,
            "Feltet «answers» er ugyldig: { \"item\": answer }.");
  problem_at(wrong_types.error(), "questionnaire", "invalid_field");

  auto not_an_object = validate("[1, 2]");
  ASSERT_FALSE(not_an_object.ok());
  ASSERT_EQ(not_an_object.error().problems.size(), 1u);
  EXPECT_EQ(not_an_object.error().problems[0].where, "$");
  EXPECT_EQ(not_an_object.error().problems[0].code, "invalid_field");
}

TEST(ValidateResponse, MunicipalityField) {
  auto result = validate(R"({"municipality": "0301", "answers": {}})");
  ASSERT_TRUE(result.ok()) << describe_problems(result.error());
  EXPECT_EQ(result->municipality, "0301");

  auto unknown = validate(R"({"language": "en", "municipality": "0300", "answers": {}})");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(problem_at(unknown.error(), "municipality", "unknown_municipality").message,
            "'0300' is not a Norwegian municipality number.");
  auto number = validate(R"({"municipality": 301, "answers": {}})");
  ASSERT_FALSE(number.ok());
  problem_at(number.error(), "municipality", "unknown_municipality");

  auto same = validate(R"({"municipality": "0301", "answers": {"home": "0301"}})");
  ASSERT_TRUE(same.ok()) << describe_problems(same.error());
  EXPECT_EQ(same->municipality, "0301");

  auto differs = validate(
      R"({"language": "en", "municipality": "0301", "answers": {"home": "4601"}})");
  ASSERT_FALSE(differs.ok());
  EXPECT_EQ(problem_at(differs.error(), "municipality", "invalid_field").message,
            "The field 'municipality' is invalid: 0301 ≠ 4601.");
}

// ------------------------------------------------------- hidden and required

TEST(ValidateResponse, AnswersToHiddenItemsAreDiscardedByDefault) {
  // ok = false hides the family section (kids, kids_note).
  auto result = validate(R"({"answers": {"ok": false, "kids": 3, "kids_note": "x"}})");
  ASSERT_TRUE(result.ok()) << describe_problems(result.error());
  EXPECT_EQ(result->answers.count("ok"), 1u);
  EXPECT_EQ(result->answers.count("kids"), 0u);
  EXPECT_EQ(result->answers.count("kids_note"), 0u);

  // Unanswered ok hides it too (a comparison with no answer is false).
  auto unanswered = validate(R"({"answers": {"kids": 3}})");
  ASSERT_TRUE(unanswered.ok()) << describe_problems(unanswered.error());
  EXPECT_TRUE(unanswered->answers.empty());
}

TEST(ValidateResponse, AnswersToHiddenItemsAreErrorsWhenNotDiscarded) {
  ValidationOptions keep{Completeness::partial, false, nullptr};
  auto result = validate(
      R"({"language": "en", "answers": {"ok": false, "kids": 3, "kids_note": "x"}})", keep);
  ASSERT_FALSE(result.ok());
  const Error& error = result.error();
  EXPECT_EQ(error.problems.size(), 2u) << describe_problems(error);
  EXPECT_EQ(problem_at(error, "kids", "hidden_item").message,
            "This question is not shown with your other answers, so it cannot be answered.");
  problem_at(error, "kids_note", "hidden_item");

  // An item hidden by its own visible_if (kids = 0 hides kids_note).
  auto own = validate(R"({"answers": {"ok": true, "kids": 0, "kids_note": "x"}})", keep);
  ASSERT_FALSE(own.ok());
  EXPECT_EQ(own.error().problems.size(), 1u) << describe_problems(own.error());
  problem_at(own.error(), "kids_note", "hidden_item");

  EXPECT_TRUE(validate(R"({"answers": {"ok": true, "kids": 1, "kids_note": "x"}})", keep).ok());
}

TEST(ValidateResponse, ADiscardedAnswerDoesNotShowLaterItems) {
  // kids_note depends on kids; with kids hidden (ok = false) its raw answer
  // 3 must not make kids_note visible.
  Answers raw;
  raw["ok"] = false;
  raw["kids"] = std::int64_t{3};
  auto visible = visible_items(survey(), raw);
  EXPECT_FALSE(visible.at(*survey().item_index("kids")));
  EXPECT_FALSE(visible.at(*survey().item_index("kids_note")));
  EXPECT_TRUE(visible.at(*survey().item_index("final")));
  EXPECT_TRUE(visible.at(*survey().item_index("ok")));

  raw["ok"] = true;
  visible = visible_items(survey(), raw);
  EXPECT_TRUE(visible.at(*survey().item_index("kids")));
  EXPECT_TRUE(visible.at(*survey().item_index("kids_note")));
  raw["kids"] = std::int64_t{0};
  visible = visible_items(survey(), raw);
  EXPECT_FALSE(visible.at(*survey().item_index("kids_note")));
  EXPECT_EQ(visible.size(), survey().items.size());
}

TEST(ValidateResponse, RequiredOnlyForVisibleItemsOfCompleteResponses) {
  // Complete, family hidden: only choice and final are required.
  auto result = validate(R"({"language": "en", "answers": {"ok": false}})", complete());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().problems.size(), 2u) << describe_problems(result.error());
  EXPECT_EQ(problem_at(result.error(), "choice", "required").message,
            "Please answer this question.");
  problem_at(result.error(), "final", "required");

  // Complete, family shown: kids is required too, and kids_note once kids > 0.
  auto shown = validate(R"({"answers": {"choice": 1, "ok": true, "final": true}})",
                        complete());
  ASSERT_FALSE(shown.ok());
  EXPECT_EQ(shown.error().problems.size(), 1u) << describe_problems(shown.error());
  problem_at(shown.error(), "kids", "required");
  auto with_kids = validate(R"({"answers": {"choice": 1, "ok": true, "kids": 2, "final": true}})",
                            complete());
  ASSERT_FALSE(with_kids.ok());
  EXPECT_EQ(with_kids.error().problems.size(), 1u) << describe_problems(with_kids.error());
  problem_at(with_kids.error(), "kids_note", "required");

  // Complete and everything visible answered: fine.
  EXPECT_TRUE(validate(R"({"answers": {"choice": 9, "ok": false, "final": true}})",
                       complete())
                  .ok())
      << "don't know answers a required item";

  // Partial: the same responses may lack required items.
  EXPECT_TRUE(validate(R"({"answers": {"ok": false}})", partial()).ok());
  EXPECT_TRUE(validate(R"({"answers": {"ok": true, "kids": 2}})", partial()).ok());
  EXPECT_TRUE(validate(R"({})", partial()).ok()) << "no answers at all";

  // Complete with no answers object at all.
  auto empty = validate(R"({})", complete());
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().problems.size(), 2u) << describe_problems(empty.error());
  problem_at(empty.error(), "choice", "required");
  problem_at(empty.error(), "final", "required");
}

TEST(ValidateResponse, AnEmptyAnswerToARequiredItemIsStillMissing) {
  const Questionnaire q = testing::load_ok(expand(R"({
    "format": "parorende-questionnaire/1", "id": "req", "version": "1",
    "languages": ["nb", "nn", "en"], "title": @, "sections": [{"id": "s", "title": @, "items": [
      {"id": "name", "type": "text", "required": true, "text": @},
      {"id": "pick", "type": "multiple_choice", "required": true, "text": @,
       "options": [{"code": 1, "label": @}, {"code": 2, "label": @}]}]}]})"));
  auto result = validate_response(q, json_of(R"({"language": "en", "answers": {"name": "", "pick": []}})"),
                                  complete());
  ASSERT_FALSE(result.ok()) << "an empty text and an empty choice list are no answers";
  EXPECT_EQ(result.error().problems.size(), 2u) << describe_problems(result.error());
  EXPECT_EQ(problem_at(result.error(), "name", "required").message,
            "Please answer this question.");
  problem_at(result.error(), "pick", "required");
  EXPECT_TRUE(validate_response(q, json_of(R"({"answers": {"name": "", "pick": []}})"),
                                partial())
                  .ok());
}

TEST(ValidateResponse, AnInvalidAnswerToARequiredItemIsReportedOnce) {
  auto result = validate(R"({"language": "en", "answers": {"choice": 7, "final": true}})",
                         complete());
  ASSERT_FALSE(result.ok());
  ASSERT_EQ(result.error().problems.size(), 1u) << describe_problems(result.error());
  EXPECT_EQ(result.error().problems[0].code, "not_an_option");
}

// ---------------------------------------------------------------- constraints

TEST(ValidateResponse, ConstraintMessagesAreInTheResponseLanguage) {
  const std::string answers = R"("answers": {"ok": true, "hours": 2, "kids": 3, "kids_note": "x"})";
  for (auto [language, message] :
       {std::pair{"nb", "Flere barn enn timer (bokmål)."},
        std::pair{"nn", "Fleire born enn timar (nynorsk)."},
        std::pair{"en", "More children than hours (English)."}}) {
    auto result = validate(std::string(R"({"language": ")") + language + "\", " + answers + "}");
    ASSERT_FALSE(result.ok()) << language;
    ASSERT_EQ(result.error().problems.size(), 1u) << describe_problems(result.error());
    EXPECT_EQ(result.error().problems[0].where, "kids");
    EXPECT_EQ(result.error().problems[0].code, "constraint");
    EXPECT_EQ(result.error().problems[0].message, message);
  }
  // The constraint holds: kids <= hours.
  EXPECT_TRUE(validate(R"({"answers": {"ok": true, "hours": 3, "kids": 3, "kids_note": "x"}})").ok());
  // ... or hours unanswered.
  EXPECT_TRUE(validate(R"({"answers": {"ok": true, "kids": 3, "kids_note": "x"}})").ok());
  // A constraint is not checked when its item is hidden or unanswered.
  EXPECT_TRUE(validate(R"({"answers": {"ok": false, "hours": 2, "kids": 3}})").ok());
  EXPECT_TRUE(validate(R"({"answers": {"ok": true, "hours": 2}})").ok());
}

// ------------------------------------------------- messages in nb, nn and en

struct Localized {
  const char* where;
  const char* code;
  const char* nb;
  const char* nn;
  const char* en;
};

TEST(ValidateResponse, EveryMessageInBokmalNynorskAndEnglish) {
  const std::string answers = R"("answers": {
      "nope": 1, "choice": 4, "many": [1], "ok": "yes", "hours": 200, "at_least": 1,
      "at_most": 9, "note": "for lang", "when": "2023-02-29", "home": "0000"})";
  const std::vector<Localized> expected = {
      {"nope", "unknown_item", "Det finnes ikke noe spørsmål med id «nope».",
       "Det finst ikkje noko spørsmål med id «nope».", "There is no question with id 'nope'."},
      {"choice", "not_an_option", "4 er ikke et av svaralternativene.",
       "4 er ikkje eitt av svaralternativa.", "4 is not one of the answer options."},
      {"many", "too_few_choices", "Velg minst 2.", "Vel minst 2.", "Choose at least 2."},
      {"ok", "wrong_type", "Svaret må være ja eller nei.", "Svaret må vere ja eller nei.",
       "The answer must be yes or no."},
      {"hours", "out_of_range", "Svaret må være mellom 0 og 168.",
       "Svaret må vere mellom 0 og 168.", "The answer must be between 0 and 168."},
      {"at_least", "out_of_range", "Svaret må være minst 10.", "Svaret må vere minst 10.",
       "The answer must be at least 10."},
      {"at_most", "out_of_range", "Svaret må være høyst 5.", "Svaret må vere høgst 5.",
       "The answer must be at most 5."},
      {"note", "too_long", "Svaret kan være høyst 5 tegn langt.",
       "Svaret kan vere høgst 5 teikn langt.", "The answer can be at most 5 characters long."},
      {"when", "invalid_date", "«2023-02-29» er ikke en gyldig dato. Skriv den som ÅÅÅÅ-MM-DD.",
       "«2023-02-29» er ikkje ein gyldig dato. Skriv han som ÅÅÅÅ-MM-DD.",
       "'2023-02-29' is not a valid date. Write it as YYYY-MM-DD."},
      {"home", "unknown_municipality", "«0000» er ikke et norsk kommunenummer.",
       "«0000» er ikkje eit norsk kommunenummer.",
       "'0000' is not a Norwegian municipality number."},
      {"final", "required", "Svar på dette spørsmålet.", "Svar på dette spørsmålet.",
       "Please answer this question."},
  };
  for (std::string language : {"nb", "nn", "en"}) {
    auto result = validate(R"({"language": ")" + language + "\", " + answers + "}", complete());
    ASSERT_FALSE(result.ok());
    const Error& error = result.error();
    // choice is invalid (not required-missing); final is the only missing
    // required item; the family section is hidden (ok is not true).
    EXPECT_EQ(error.problems.size(), expected.size()) << language << describe_problems(error);
    EXPECT_EQ(error.message, "11 problems in the response");
    for (const Localized& entry : expected) {
      const char* message = language == "nb" ? entry.nb : language == "nn" ? entry.nn : entry.en;
      EXPECT_EQ(problem_at(error, entry.where, entry.code).message, message)
          << language << " " << entry.where;
    }
  }
}

TEST(ValidateResponse, WrongTypeMessagesInEveryLanguage) {
  struct Case {
    const char* item;
    const char* value;
    const char* nb;
    const char* nn;
    const char* en;
  };
  const Case cases[] = {
      {"choice", "\"1\"", "et av svaralternativene", "eitt av svaralternativa",
       "one of the answer options"},
      {"many", "1", "en liste med svaralternativer", "ei liste med svaralternativ",
       "a list of answer options"},
      {"hours", "1.5", "et helt tall", "eit heilt tal", "a whole number"},
      {"km", "\"1\"", "et tall", "eit tal", "a number"},
      {"note", "1", "tekst", "tekst", "text"},
      {"any_date", "1", "en dato (ÅÅÅÅ-MM-DD)", "ein dato (ÅÅÅÅ-MM-DD)", "a date (YYYY-MM-DD)"},
      {"home", "1", "et kommunenummer med fire sifre", "eit kommunenummer med fire siffer",
       "a four-digit municipality number"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(single_problem(c.item, c.value, "wrong_type", "nb").message,
              std::string("Svaret må være ") + c.nb + ".");
    EXPECT_EQ(single_problem(c.item, c.value, "wrong_type", "nn").message,
              std::string("Svaret må vere ") + c.nn + ".");
    EXPECT_EQ(single_problem(c.item, c.value, "wrong_type", "en").message,
              std::string("The answer must be ") + c.en + ".");
  }
  EXPECT_EQ(single_problem("many", "[1, 2, 3, 4]", "too_many_choices", "nb").message,
            "Velg høyst 3.");
  EXPECT_EQ(single_problem("many", "[1, 2, 3, 4]", "too_many_choices", "nn").message,
            "Vel høgst 3.");
  EXPECT_EQ(single_problem("km", "3", "out_of_range", "nb").message,
            "Svaret må være mellom 0 og 2,5.");
  ValidationOptions keep{Completeness::partial, false, nullptr};
  auto hidden = validate(R"({"language": "nn", "answers": {"kids": 1}})", keep);
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(problem_at(hidden.error(), "kids", "hidden_item").message,
            "Dette spørsmålet blir ikkje vist ut frå dei andre svara dine, og kan ikkje "
            "svarast på.");
  hidden = validate(R"({"language": "nb", "answers": {"kids": 1}})", keep);
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(problem_at(hidden.error(), "kids", "hidden_item").message,
            "Dette spørsmålet vises ikke ut fra de andre svarene dine, og kan ikke besvares.");
}

TEST(ValidateResponse, LongBadValuesAreShortenedInMessages) {
  std::string long_value(100, 'x');
  Problem problem = single_problem("home", "\"" + long_value + "\"", "unknown_municipality");
  EXPECT_EQ(problem.message, "'" + std::string(40, 'x') + "…' is not a Norwegian municipality number.");
  // The cut never splits a character: 39 x and then two-byte letters.
  std::string mixed = std::string(39, 'x') + "æææ";
  problem = single_problem("home", "\"" + mixed + "\"", "unknown_municipality");
  EXPECT_EQ(problem.message, "'" + std::string(39, 'x') + "…' is not a Norwegian municipality number.");
}

// ------------------------------------------------------------ all at once

TEST(ValidateResponse, ReportsEveryProblemAtOnce) {
  auto result = validate(R"({"language": "en", "colour": "red", "municipality": "0000",
    "answers": {"ghost": 1, "choice": "a", "many": [1, 2, 3, 4], "ok": true, "hours": 1,
                "at_least": 3, "km": 99, "note": "too long", "when": "1999-01-01",
                "any_date": "2023-02-29", "home": "1", "kids": 5}})",
                         complete());
  ASSERT_FALSE(result.ok());
  const Error& error = result.error();
  std::multiset<std::pair<std::string, std::string>> found;
  for (const Problem& problem : error.problems) found.insert({problem.where, problem.code});
  const std::multiset<std::pair<std::string, std::string>> expected = {
      {"colour", "invalid_field"},
      {"municipality", "unknown_municipality"},
      {"ghost", "unknown_item"},
      {"choice", "wrong_type"},
      {"many", "too_many_choices"},
      {"at_least", "out_of_range"},
      {"km", "out_of_range"},
      {"note", "too_long"},
      {"when", "out_of_range"},
      {"any_date", "invalid_date"},
      {"home", "unknown_municipality"},
      {"kids", "constraint"},     // 5 children > 1 hour
      {"kids_note", "required"},  // kids > 0 shows it
      {"final", "required"},
  };
  EXPECT_EQ(found, expected) << describe_problems(error);
  EXPECT_EQ(error.message, "14 problems in the response");
}

// ---------------------------------------------------------- answers_to_json

TEST(AnswersToJson, RoundTripsThroughValidation) {
  auto first = validate(R"({"answers": {"choice": 9, "many": [3, 1], "ok": true, "hours": 7,
      "km": 0.5, "note": "æ😀", "when": "2024-02-29", "home": "0301", "kids": 1,
      "kids_note": "n"}})");
  ASSERT_TRUE(first.ok()) << describe_problems(first.error());
  boost::json::object json = answers_to_json(survey(), first->answers);
  EXPECT_EQ(boost::json::value(json),
            json_of(R"({"choice": 9, "many": [1, 3], "ok": true, "hours": 7, "km": 0.5,
                        "note": "æ😀", "when": "2024-02-29", "home": "0301", "kids": 1,
                        "kids_note": "n"})"))
      << boost::json::serialize(json);
  EXPECT_TRUE(json.at("hours").is_int64()) << "an integer stays an integer";
  EXPECT_TRUE(json.at("km").is_double());
  boost::json::object document;
  document["answers"] = json;
  auto second = validate_response(survey(), document, partial());
  ASSERT_TRUE(second.ok()) << describe_problems(second.error());
  EXPECT_EQ(second->answers, first->answers);
}

}  // namespace
}  // namespace parorende
