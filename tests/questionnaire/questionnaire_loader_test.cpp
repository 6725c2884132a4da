// Loading definitions: the model built from a valid one, and every problem
// of an invalid one reported at once with its JSON path. Each kind of
// problem on its own: questionnaire_loader_errors_test.cpp.
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
using testing::Where;
using testing::where_and_code;

// ------------------------------------------------------------- valid input

TEST(LoadQuestionnaire, BuildsTheModel) {
  Questionnaire q = load_ok(expand(R"J({
    "format": "parorende-questionnaire/1", "id": "model_test", "version": "2.0.1",
    "languages": ["nb", "nn", "en"], "default_language": "nn",
    "title": {"nb": "Tittel", "nn": "Tittel nn", "en": "Title", "se": "Namma"},
    "description": {"nb": "B", "nn": "B", "en": "D"},
    "consent": {"version": "2026-1", "text": {"nb": "Ja", "nn": "Ja", "en": "Yes"},
                "publishes_results": true},
    "option_sets": {"two": {"options": [
        {"code": 1, "label": {"nb": "En", "nn": "Ein", "en": "One"}},
        {"code": 2, "label": {"nb": "To", "nn": "To", "en": "Two"}}],
      "dont_know": {"code": 9, "label": {"nb": "Vet ikke", "nn": "Veit ikkje", "en": "Don't know"}}}},
    "sections": [
      {"id": "first", "title": {"nb": "F", "nn": "F", "en": "F"}, "items": [
        {"id": "choice", "type": "single_choice", "option_set": "two", "required": true,
         "text": {"nb": "S", "nn": "S", "en": "Q"}, "help": {"nb": "H", "nn": "H", "en": "H"}},
        {"id": "many", "type": "multiple_choice", "min_choices": 1, "max_choices": 2,
         "text": {"nb": "S", "nn": "S", "en": "Q"},
         "options": [{"code": 5, "label": {"nb": "a", "nn": "a", "en": "a"}},
                     {"code": 3, "label": {"nb": "b", "nn": "b", "en": "b"}},
                     {"code": 4, "label": {"nb": "c", "nn": "c", "en": "c"}}]}]},
      {"id": "second", "title": {"nb": "A", "nn": "A", "en": "S"},
       "visible_if": "choice = 1", "items": [
        {"id": "count", "type": "integer", "min": 0, "max": 10, "text": {"nb": "S", "nn": "S", "en": "Q"},
         "constraints": [{"expression": "count != 3", "message": {"nb": "M", "nn": "M", "en": "M"}}]},
        {"id": "size", "type": "decimal", "min": -1.5, "text": {"nb": "S", "nn": "S", "en": "Q"}},
        {"id": "note", "type": "text", "max_length": 20000, "multiline": true,
         "text": {"nb": "S", "nn": "S", "en": "Q"}, "visible_if": "selected(many, 3)"},
        {"id": "short", "type": "text", "text": {"nb": "S", "nn": "S", "en": "Q"}},
        {"id": "when", "type": "date", "min": "2000-02-29", "max": "2030-12-31",
         "text": {"nb": "S", "nn": "S", "en": "Q"}},
        {"id": "ok", "type": "yes_no", "text": {"nb": "S", "nn": "S", "en": "Q"}},
        {"id": "home", "type": "municipality", "text": {"nb": "S", "nn": "S", "en": "Q"}}]}]})J"));
  EXPECT_EQ(q.id, "model_test");
  EXPECT_EQ(q.version, "2.0.1");
  EXPECT_EQ(q.languages, (std::vector<std::string>{"nb", "nn", "en"}));
  EXPECT_EQ(q.default_language, "nn");
  EXPECT_EQ(q.title.in("se"), "Namma") << "extra languages are kept";
  EXPECT_EQ(q.title.in("nn"), "Tittel nn");
  EXPECT_EQ(q.description.in("en"), "D");
  ASSERT_TRUE(q.consent.has_value());
  EXPECT_EQ(q.consent->version, "2026-1");
  EXPECT_EQ(q.consent->text.in("en"), "Yes");
  EXPECT_TRUE(q.consent->publishes_results);
  EXPECT_FALSE(q.consent->shares_comments);

  ASSERT_EQ(q.sections.size(), 2u);
  EXPECT_EQ(q.sections[0].id, "first");
  EXPECT_EQ(q.sections[0].item_indexes, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(q.sections[1].item_indexes, (std::vector<std::size_t>{2, 3, 4, 5, 6, 7, 8}));
  EXPECT_FALSE(q.sections[0].visible_if.has_value());
  ASSERT_TRUE(q.sections[1].visible_if.has_value());
  EXPECT_EQ(q.sections[1].visible_if->source(), "choice = 1");

  ASSERT_EQ(q.items.size(), 9u);
  std::vector<std::string> ids;
  for (const Item& item : q.items) ids.push_back(item.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"choice", "many", "count", "size", "note", "short",
                                           "when", "ok", "home"}));
  for (std::size_t i = 0; i < q.items.size(); ++i) {
    EXPECT_EQ(q.item_index(q.items[i].id), i);
    EXPECT_EQ(q.find_item(q.items[i].id), &q.items[i]);
    EXPECT_EQ(q.items[i].section_index, i < 2 ? 0u : 1u);
  }
  EXPECT_EQ(q.find_item("nope"), nullptr);
  EXPECT_FALSE(q.item_index("nope").has_value());

  const Item& choice = q.items[0];
  EXPECT_EQ(choice.type, ItemType::single_choice);
  EXPECT_TRUE(choice.required);
  EXPECT_EQ(choice.help.in("en"), "H");
  ASSERT_EQ(choice.options.size(), 2u);
  EXPECT_EQ(choice.options[1].label.in("nn"), "To");
  ASSERT_TRUE(choice.dont_know.has_value());
  EXPECT_EQ(choice.dont_know->code, 9);
  EXPECT_EQ(choice.dont_know->label.in("nn"), "Veit ikkje");
  EXPECT_TRUE(choice.is_dont_know(9));
  EXPECT_FALSE(choice.has_option(9)) << "don't know is not a substantive option";
  EXPECT_EQ(choice.lowest_code(), 1);
  EXPECT_EQ(choice.highest_code(), 2);

  const Item& many = q.items[1];
  EXPECT_EQ(many.type, ItemType::multiple_choice);
  EXPECT_FALSE(many.required);
  EXPECT_EQ(many.min_choices, 1);
  EXPECT_EQ(many.max_choices, 2);
  EXPECT_EQ(many.options[0].code, 5) << "options keep their display order";
  EXPECT_EQ(many.lowest_code(), 3);
  EXPECT_EQ(many.highest_code(), 5);
  EXPECT_FALSE(many.dont_know.has_value());

  const Item& count = q.items[2];
  EXPECT_EQ(count.type, ItemType::integer);
  EXPECT_EQ(count.min, 0.0);
  EXPECT_EQ(count.max, 10.0);
  ASSERT_EQ(count.constraints.size(), 1u);
  EXPECT_EQ(count.constraints[0].expression.source(), "count != 3");
  EXPECT_EQ(count.constraints[0].message.in("en"), "M");

  EXPECT_EQ(q.items[3].type, ItemType::decimal);
  EXPECT_EQ(q.items[3].min, -1.5);
  EXPECT_FALSE(q.items[3].max.has_value());

  EXPECT_EQ(q.items[4].type, ItemType::text);
  EXPECT_EQ(q.items[4].max_length, 20000);
  EXPECT_TRUE(q.items[4].multiline);
  EXPECT_EQ(q.items[4].visible_if->source(), "selected(many, 3)");
  EXPECT_EQ(q.items[5].max_length, 2000) << "documented default";
  EXPECT_FALSE(q.items[5].multiline);

  EXPECT_EQ(q.items[6].type, ItemType::date);
  EXPECT_EQ(q.items[6].min_date, (Date{2000, 2, 29}));
  EXPECT_EQ(q.items[6].max_date, (Date{2030, 12, 31}));
  EXPECT_EQ(q.items[7].type, ItemType::yes_no);
  EXPECT_EQ(q.items[8].type, ItemType::municipality);
}

TEST(LoadQuestionnaire, DefaultLanguageIsTheFirstLanguage) {
  Questionnaire q = load_ok(definition(R"({"id": "a", "type": "yes_no", "text": @})"));
  EXPECT_EQ(q.default_language, "nb");
  EXPECT_FALSE(q.consent.has_value());
  EXPECT_TRUE(q.scales.empty());
  EXPECT_TRUE(q.burden_instruments.empty());
}

TEST(LoadQuestionnaire, ItemTypeNames) {
  EXPECT_EQ(item_type_name(ItemType::single_choice), "single_choice");
  EXPECT_EQ(item_type_name(ItemType::multiple_choice), "multiple_choice");
  EXPECT_EQ(item_type_name(ItemType::yes_no), "yes_no");
  EXPECT_EQ(item_type_name(ItemType::integer), "integer");
  EXPECT_EQ(item_type_name(ItemType::decimal), "decimal");
  EXPECT_EQ(item_type_name(ItemType::text), "text");
  EXPECT_EQ(item_type_name(ItemType::date), "date");
  EXPECT_EQ(item_type_name(ItemType::municipality), "municipality");
}

TEST(LoadQuestionnaire, IdsUpTo64CharactersAreAccepted) {
  std::string id64(64, 'a');
  load_ok(definition(R"({"id": ")" + id64 + R"(", "type": "yes_no", "text": @})"));
  Error error =
      load_error(definition(R"({"id": ")" + id64 + R"(b", "type": "yes_no", "text": @})"));
  problem_at(error, "$.sections[0].items[0].id", "bad_id");
}

TEST(LoadQuestionnaire, ExpressionsMayReadEarlierItemsAndConstraintsTheItemItself) {
  load_ok(definition(R"J(
    {"id": "a", "type": "integer", "text": @,
     "constraints": [{"expression": "a >= 0", "message": @}]},
    {"id": "b", "type": "integer", "text": @, "visible_if": "a > 1",
     "constraints": [{"expression": "b < a or not answered(a)", "message": @}]})J"));
}

// ---------------------------------------------------- every problem at once

TEST(LoadQuestionnaire, ReportsEveryProblemAtOnceWithPathAndReason) {
  const std::string text = expand(R"({
  "format": "parorende-questionnaire/2",
  "id": "Bad-Id",
  "version": "1.0.0",
  "languages": ["nb", "en", "EN", 7, "nb"],
  "title": {"nb": "Tittel"},
  "description": "plain",
  "colour": "blue",
  "consent": {"text": @},
  "option_sets": {
    "agree": {"options": [{"code": 1, "label": @}, {"code": 2, "label": @}, {"code": 2, "label": @}],
              "dont_know": {"code": 1, "label": @}}
  },
  "sections": [
    {"id": "intro", "title": @, "visible_if": "q14 = 1", "items": [
      {"id": "intro", "type": "yes_no", "text": @},
      {"id": "q1", "type": "single_choice", "text": @, "option_set": "nope"},
      {"id": "q1", "type": "integer", "text": @},
      {"id": "q2", "type": "single_choice", "text": @, "option_set": "agree",
       "options": [{"code": 1, "label": @}, {"code": 2, "label": @}]},
      {"id": "q3", "type": "yes_no", "text": @, "visible_if": "q4 = 1"},
      {"id": "q4", "type": "single_choice", "text": @, "visible_if": "ghost = 1",
       "options": [{"code": 1, "label": @}, {"code": 2, "label": @}]},
      {"id": "q5", "type": "text", "text": @, "visble_if": "q1 = 1"},
      {"id": "q6", "type": "integer", "text": @, "visible_if": "(q1 = 1"},
      {"type": "yes_no", "text": @},
      {"id": "q7", "text": @},
      {"id": "q8", "type": "slider", "text": @},
      {"id": "q9", "type": "yes_no", "text": {"nb": "x", "en": 5}},
      {"id": "q10", "type": "yes_no", "text": {"nb": "x", "en": "y", "EN": "z"}},
      {"id": "q11", "type": "yes_no", "text": @, "required": "yes"},
      {"id": "q12", "type": "single_choice", "text": @,
       "options": [{"code": 1, "label": @}, {"code": 2, "label": @}],
       "dont_know": {"code": 2, "label": @}},
      {"id": "q13", "type": "integer", "text": @, "min": 1.5}
    ]},
    {"id": "scored", "title": @, "visible_if": "q14 = 1", "items": [
      {"id": "q14", "type": "single_choice", "text": @,
       "options": [{"code": 1, "label": @}, {"code": 2, "label": @}],
       "constraints": [{"expression": "q14 = 'a'", "message": @},
                       {"expression": "s1 = 1", "message": @}]},
      {"id": "s1", "type": "single_choice", "text": @,
       "options": [{"code": 0, "label": @}, {"code": 1, "label": @}, {"code": 2, "label": @}, {"code": 3, "label": @}]},
      {"id": "s2", "type": "single_choice", "text": @,
       "options": [{"code": 0, "label": @}, {"code": 1, "label": @}, {"code": 2, "label": @}, {"code": 3, "label": @}]}
    ]}
  ],
  "scales": [
    {"id": "sc", "title": @, "items": ["ghost", "q3", "s1", "s1"], "reverse": ["s2"], "min_answered": 0},
    {"id": "sc", "items": ["s1", "q1"], "extra": 1}
  ],
  "burden_instruments": [
    {"id": "b0", "title": @, "items": ["s1", "s2"], "categories": [
      {"id": "low", "min": 0, "max": 3, "label": @, "follow_up": @},
      {"id": "high", "min": 3, "max": 6, "label": @, "follow_up": @}]},
    {"id": "b1", "title": @, "items": ["s1", "s2"], "categories": [
      {"id": "low", "min": 0, "max": 2, "label": @, "follow_up": @},
      {"id": "high", "min": 4, "max": 6, "label": @, "follow_up": @}]},
    {"id": "b2", "title": @, "items": ["s1", "s2"], "categories": [
      {"id": "low", "min": 0, "max": 2, "label": @, "follow_up": @},
      {"id": "high", "min": 3, "max": 5, "label": @, "follow_up": @}]},
    {"id": "b3", "title": @, "items": ["s1", "s2"], "categories": [
      {"id": "low", "min": 0, "max": 2, "label": @, "follow_up": @},
      {"id": "high", "min": 3, "max": 7, "label": @, "follow_up": @}]}
  ]
})");
  Error error = load_error(text);
  const std::multiset<Where> expected = {
      {"$.colour", "unknown_field"},
      {"$.format", "bad_format"},
      {"$.id", "bad_id"},
      {"$.languages[2]", "bad_language"},
      {"$.languages[3]", "wrong_type"},
      {"$.languages[4]", "duplicate_language"},
      {"$.title", "missing_language"},
      {"$.description", "wrong_type"},
      {"$.consent.version", "missing"},
      {"$.option_sets.agree.options[2].code", "duplicate_code"},
      {"$.option_sets.agree.dont_know.code", "duplicate_code"},
      {"$.sections[0].visible_if", "later_item"},
      {"$.sections[0].items[0].id", "duplicate_id"},
      {"$.sections[0].items[1].option_set", "unknown_option_set"},
      {"$.sections[0].items[2].id", "duplicate_id"},
      {"$.sections[0].items[3]", "conflicting_options"},
      {"$.sections[0].items[4].visible_if", "later_item"},
      {"$.sections[0].items[5].visible_if", "bad_expression"},
      {"$.sections[0].items[6].visble_if", "unknown_field"},
      {"$.sections[0].items[7].visible_if", "bad_expression"},
      {"$.sections[0].items[8].id", "missing"},
      {"$.sections[0].items[9].type", "missing"},
      {"$.sections[0].items[10].type", "bad_type"},
      {"$.sections[0].items[11].text.en", "wrong_type"},
      {"$.sections[0].items[11].text", "missing_language"},
      {"$.sections[0].items[12].text.EN", "bad_language"},
      {"$.sections[0].items[13].required", "wrong_type"},
      {"$.sections[0].items[14].dont_know.code", "duplicate_code"},
      {"$.sections[0].items[15].min", "wrong_type"},
      {"$.sections[1].visible_if", "later_item"},
      {"$.sections[1].items[0].constraints[0].expression", "bad_expression"},
      {"$.sections[1].items[0].constraints[1].expression", "later_item"},
      {"$.scales[0].items[0]", "unknown_item"},
      {"$.scales[0].items[1]", "not_scorable"},
      {"$.scales[0].items[3]", "duplicate_item"},
      {"$.scales[0].reverse[0]", "unknown_item"},
      {"$.scales[0].min_answered", "out_of_range"},
      {"$.scales[1].extra", "unknown_field"},
      {"$.scales[1].id", "duplicate_id"},
      {"$.scales[1].title", "missing"},
      {"$.scales[1]", "not_scorable"},
      {"$.burden_instruments[0].categories[1]", "overlap"},
      {"$.burden_instruments[1].categories[1]", "gap"},
      {"$.burden_instruments[2].categories", "gap"},
      {"$.burden_instruments[3].categories", "beyond_range"},
  };
  EXPECT_EQ(where_and_code(error), expected) << describe_problems(error);
  EXPECT_EQ(error.message, "the definition has 45 problems");

  // The reasons say what is wrong, in words an author can act on.
  EXPECT_EQ(problem_at(error, "$.colour", "unknown_field").message, "unknown field 'colour'");
  EXPECT_EQ(problem_at(error, "$.format", "bad_format").message,
            "must be \"parorende-questionnaire/1\", found \"parorende-questionnaire/2\"");
  EXPECT_EQ(problem_at(error, "$.languages[2]", "bad_language").message,
            "'EN' is not a BCP-47 language tag");
  EXPECT_EQ(problem_at(error, "$.languages[3]", "wrong_type").message,
            "must be a language tag, found a number");
  EXPECT_EQ(problem_at(error, "$.languages[4]", "duplicate_language").message,
            "'nb' is listed twice");
  EXPECT_EQ(problem_at(error, "$.title", "missing_language").message, "has no text in 'en'");
  EXPECT_EQ(problem_at(error, "$.description", "wrong_type").message,
            "must be an object, found a string");
  EXPECT_EQ(problem_at(error, "$.consent.version", "missing").message, "is required");
  EXPECT_EQ(problem_at(error, "$.option_sets.agree.options[2].code", "duplicate_code").message,
            "code 2 is used twice");
  EXPECT_EQ(problem_at(error, "$.option_sets.agree.dont_know.code", "duplicate_code").message,
            "code 1 is also a substantive option");
  EXPECT_EQ(problem_at(error, "$.sections[0].visible_if", "later_item").message,
            "section 'intro': visible_if refers to 'q14', which does not come before it");
  EXPECT_EQ(problem_at(error, "$.sections[0].items[0].id", "duplicate_id").message,
            "id 'intro' is used more than once");
  EXPECT_EQ(problem_at(error, "$.sections[0].items[2].id", "duplicate_id").message,
            "id 'q1' is used more than once");
  EXPECT_EQ(problem_at(error, "$.sections[0].items[1].option_set", "unknown_option_set").message,
            "no option set named 'nope'");
  EXPECT_EQ(problem_at(error, "$.sections[0].items[3]", "conflicting_options").message,
            "has both 'option_set' and its own 'options' or 'dont_know'");
  EXPECT_EQ(problem_at(error, "$.sections[0].items[4].visible_if", "later_item").message,
            "item 'q3': visible_if refers to 'q4', which does not come before it");
  EXPECT_EQ(problem_at(error, "$.sections[0].items[5].visible_if", "bad_expression").message,
            "item 'q4': visible_if: column 1: unknown item 'ghost'");
  EXPECT_EQ(problem_at(error, "$.sections[0].items[6].visble_if", "unknown_field").message,
            "field 'visble_if' is not allowed on a text item");
  EXPECT_EQ(problem_at(error, "$.sections[0].items[7].visible_if", "bad_expression").message,
            "item 'q6': visible_if: column 8: expected ')', found the end of the expression");
  EXPECT_EQ(problem_at(error, "$.sections[0].items[10].type", "bad_type").message,
            "unknown item type 'slider'; expected single_choice, multiple_choice, yes_no, "
            "integer, decimal, text, date or municipality");
  EXPECT_EQ(problem_at(error, "$.sections[0].items[11].text.en", "wrong_type").message,
            "must be a string, found a number");
  EXPECT_EQ(problem_at(error, "$.sections[0].items[13].required", "wrong_type").message,
            "must be true or false, found a string");
  EXPECT_EQ(problem_at(error, "$.sections[0].items[14].dont_know.code", "duplicate_code").message,
            "code 2 is also a substantive option");
  EXPECT_EQ(problem_at(error, "$.sections[0].items[15].min", "wrong_type").message,
            "must be an integer, found a number");
  EXPECT_EQ(problem_at(error, "$.sections[1].visible_if", "later_item").message,
            "section 'scored': visible_if refers to 'q14', which does not come before it");
  EXPECT_EQ(problem_at(error, "$.sections[1].items[0].constraints[0].expression", "bad_expression")
                .message,
            "item 'q14': constraint: column 1: cannot compare a number with text");
  EXPECT_EQ(
      problem_at(error, "$.sections[1].items[0].constraints[1].expression", "later_item").message,
      "item 'q14': constraint refers to 's1', which does not come before it");
  EXPECT_EQ(problem_at(error, "$.scales[0].items[0]", "unknown_item").message,
            "no item named 'ghost'");
  EXPECT_EQ(problem_at(error, "$.scales[0].items[1]", "not_scorable").message,
            "'q3' is yes_no; only single_choice items can be scored");
  EXPECT_EQ(problem_at(error, "$.scales[0].items[3]", "duplicate_item").message,
            "'s1' is listed twice");
  EXPECT_EQ(problem_at(error, "$.scales[0].reverse[0]", "unknown_item").message,
            "'s2' is not one of this list's items");
  EXPECT_EQ(problem_at(error, "$.scales[0].min_answered", "out_of_range").message,
            "must be a share above 0 and at most 1");
  EXPECT_EQ(problem_at(error, "$.scales[1].id", "duplicate_id").message,
            "scale id 'sc' is used more than once");
  EXPECT_EQ(problem_at(error, "$.scales[1]", "not_scorable").message,
            "'q1' needs at least two options");
  EXPECT_EQ(problem_at(error, "$.burden_instruments[0].categories[1]", "overlap").message,
            "category 'high' starts at 3, overlapping the category before (or below the "
            "lowest possible sum, 0)");
  EXPECT_EQ(problem_at(error, "$.burden_instruments[1].categories[1]", "gap").message,
            "sums 3 to 3 fall in no category");
  EXPECT_EQ(problem_at(error, "$.burden_instruments[2].categories", "gap").message,
            "sums 6 to 6 fall in no category");
  EXPECT_EQ(problem_at(error, "$.burden_instruments[3].categories", "beyond_range").message,
            "the last category ends at 7 but the highest possible sum is 6");

  // describe() lists every problem on its own line.
  std::string described = error.describe();
  EXPECT_EQ(std::count(described.begin(), described.end(), '\n'), 45);
  EXPECT_TRUE(testing::contains(described, "\n  $.colour: unknown field 'colour'"));
}

}  // namespace
}  // namespace parorende
