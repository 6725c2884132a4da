// Validating a caregiver's response as a whole: every rule of
// questionnaire/response_validation.h beyond single answers (those are in
// item_validation_test.cpp), messages in nb, nn and en, all at once.
#include "questionnaire/response_validation.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <set>

#include "test_support.h"
#include "validation_survey.h"

namespace parorende {
namespace {

using namespace testing::validation;
using testing::describe_problems;
using testing::json_of;
using testing::problem_at;

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
  auto required =
      validate(R"({"language": "en", "answers": {"choice": null, "final": true}})", complete());
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
  // In the questionnaire's language: the response named none.
  EXPECT_EQ(not_an_object.error().problems[0].message, "Svaret må sendes som et JSON-objekt.");
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

  auto differs =
      validate(R"({"language": "en", "municipality": "0301", "answers": {"home": "4601"}})");
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

  // An invalid answer to a hidden item is discarded like a valid one: the
  // caregiver changed an earlier answer and cannot see the field to fix it.
  auto invalid = validate(R"({"answers": {"ok": false, "kids": "many", "kids_note": 7}})");
  ASSERT_TRUE(invalid.ok()) << describe_problems(invalid.error());
  EXPECT_EQ(invalid->answers.size(), 1u);
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

  // Kept hidden answers are checked too: an invalid one has both problems.
  auto invalid = validate(R"({"answers": {"ok": false, "kids": "many"}})", keep);
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.error().problems.size(), 2u) << describe_problems(invalid.error());
  problem_at(invalid.error(), "kids", "wrong_type");
  problem_at(invalid.error(), "kids", "hidden_item");

  // A visible invalid answer is reported whatever the option.
  auto visible = validate(R"({"answers": {"ok": true, "kids": "many"}})");
  ASSERT_FALSE(visible.ok());
  problem_at(visible.error(), "kids", "wrong_type");
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
  auto shown = validate(R"({"answers": {"choice": 1, "ok": true, "final": true}})", complete());
  ASSERT_FALSE(shown.ok());
  EXPECT_EQ(shown.error().problems.size(), 1u) << describe_problems(shown.error());
  problem_at(shown.error(), "kids", "required");
  auto with_kids =
      validate(R"({"answers": {"choice": 1, "ok": true, "kids": 2, "final": true}})", complete());
  ASSERT_FALSE(with_kids.ok());
  EXPECT_EQ(with_kids.error().problems.size(), 1u) << describe_problems(with_kids.error());
  problem_at(with_kids.error(), "kids_note", "required");

  // Complete and everything visible answered: fine.
  EXPECT_TRUE(
      validate(R"({"answers": {"choice": 9, "ok": false, "final": true}})", complete()).ok())
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
  const Questionnaire q = testing::load_ok(testing::validation::expand(R"({
    "format": "parorende-questionnaire/1", "id": "req", "version": "1",
    "languages": ["nb", "nn", "en"], "title": @, "sections": [{"id": "s", "title": @, "items": [
      {"id": "name", "type": "text", "required": true, "text": @},
      {"id": "pick", "type": "multiple_choice", "required": true, "text": @,
       "options": [{"code": 1, "label": @}, {"code": 2, "label": @}]}]}]})"));
  auto result = validate_response(
      q, json_of(R"({"language": "en", "answers": {"name": "", "pick": []}})"), complete());
  ASSERT_FALSE(result.ok()) << "an empty text and an empty choice list are no answers";
  EXPECT_EQ(result.error().problems.size(), 2u) << describe_problems(result.error());
  EXPECT_EQ(problem_at(result.error(), "name", "required").message, "Please answer this question.");
  problem_at(result.error(), "pick", "required");
  EXPECT_TRUE(
      validate_response(q, json_of(R"({"answers": {"name": "", "pick": []}})"), partial()).ok());
}

TEST(ValidateResponse, AnInvalidAnswerToARequiredItemIsReportedOnce) {
  auto result =
      validate(R"({"language": "en", "answers": {"choice": 7, "final": true}})", complete());
  ASSERT_FALSE(result.ok());
  ASSERT_EQ(result.error().problems.size(), 1u) << describe_problems(result.error());
  EXPECT_EQ(result.error().problems[0].code, "not_an_option");
}

// ---------------------------------------------------------------- constraints

TEST(ValidateResponse, ConstraintMessagesAreInTheResponseLanguage) {
  const std::string answers = R"("answers": {"ok": true, "hours": 2, "kids": 3, "kids_note": "x"})";
  for (auto [language, message] : {std::pair{"nb", "Flere barn enn timer (bokmål)."},
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
  EXPECT_TRUE(
      validate(R"({"answers": {"ok": true, "hours": 3, "kids": 3, "kids_note": "x"}})").ok());
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
  EXPECT_EQ(problem.message,
            "'" + std::string(40, 'x') + "…' is not a Norwegian municipality number.");
  // The cut never splits a character: 39 x and then two-byte letters.
  std::string mixed = std::string(39, 'x') + "æææ";
  problem = single_problem("home", "\"" + mixed + "\"", "unknown_municipality");
  EXPECT_EQ(problem.message,
            "'" + std::string(39, 'x') + "…' is not a Norwegian municipality number.");
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
