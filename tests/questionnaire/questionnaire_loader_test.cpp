// Loading definitions: the model built from a valid one, and every problem
// of an invalid one reported at once with its JSON path.
#include "questionnaire/questionnaire_loader.h"

#include <gtest/gtest.h>

#include <set>
#include <utility>

#include "test_support.h"

namespace parorende {
namespace {

using testing::describe_problems;
using testing::load_ok;
using testing::problem_at;
using testing::problems_at;

// '@' stands for a text in both languages of the test definitions.
std::string expand(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '@') {
      out += R"({"nb": "Tekst", "en": "Text"})";
    } else {
      out += c;
    }
  }
  return out;
}

// A definition with one section holding `items`; `more` is appended to the
// top-level object (e.g. `, "scales": [...]`).
std::string definition(std::string_view items, std::string_view more = "") {
  return expand(R"({"format": "parorende-questionnaire/1", "id": "test", "version": "1.0.0",
 "languages": ["nb", "en"], "title": @,
 "sections": [{"id": "main", "title": @, "items": [)") +
         expand(items) + "]}]" + expand(more) + "}";
}

Error load_error(const std::string& text) {
  auto loaded = load_questionnaire_text(text);
  if (loaded.ok()) {
    ADD_FAILURE() << "definition loaded but should not:\n" << text;
    return Error{};
  }
  EXPECT_EQ(loaded.error().code, "invalid_definition");
  return loaded.error();
}

using Where = std::pair<std::string, std::string>;  // (where, code)

std::multiset<Where> where_and_code(const Error& error) {
  std::multiset<Where> all;
  for (const Problem& problem : error.problems) all.insert({problem.where, problem.code});
  return all;
}

// ------------------------------------------------------------- valid input

TEST(LoadQuestionnaire, BuildsTheModel) {
  Questionnaire q = load_ok(expand(R"J({
    "format": "parorende-questionnaire/1", "id": "model_test", "version": "2.0.1",
    "languages": ["nb", "nn", "en"], "default_language": "nn",
    "title": {"nb": "Tittel", "nn": "Tittel nn", "en": "Title", "se": "Namma"},
    "description": {"nb": "B", "nn": "B", "en": "D"},
    "consent": {"version": "2026-1", "text": {"nb": "Ja", "nn": "Ja", "en": "Yes"}},
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
  EXPECT_EQ(ids, (std::vector<std::string>{"choice", "many", "count", "size", "note",
                                           "short", "when", "ok", "home"}));
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

TEST(LoadQuestionnaire, ScalesAndInstrumentsAreRead) {
  Questionnaire q = load_ok(definition(
      R"({"id": "a", "type": "single_choice", "text": @,
          "options": [{"code": 1, "label": @}, {"code": 5, "label": @}]},
         {"id": "b", "type": "single_choice", "text": @,
          "options": [{"code": 0, "label": @}, {"code": 1, "label": @}, {"code": 2, "label": @}],
          "dont_know": {"code": 9, "label": @}})",
      R"(, "scales": [{"id": "s", "title": @, "items": ["a", "b"], "reverse": ["b"]},
                     {"id": "t", "title": @, "items": ["a"], "min_answered": 1}],
         "burden_instruments": [{"id": "burden", "title": @, "items": ["a", "b"], "reverse": ["a"],
           "min_answered": 0.5,
           "categories": [{"id": "low", "min": 0, "max": 3, "label": @, "follow_up": @},
                          {"id": "high", "min": 4, "max": 6, "label": @, "meaning": @, "follow_up": @}]}])"));
  ASSERT_EQ(q.scales.size(), 2u);
  EXPECT_EQ(q.scales[0].items, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(q.scales[0].reverse_items, (std::vector<std::string>{"b"}));
  EXPECT_DOUBLE_EQ(q.scales[0].min_answered_share, 0.5) << "documented default";
  EXPECT_DOUBLE_EQ(q.scales[1].min_answered_share, 1.0);
  ASSERT_EQ(q.burden_instruments.size(), 1u);
  const BurdenInstrument& burden = q.burden_instruments[0];
  EXPECT_DOUBLE_EQ(burden.min_answered_share, 0.5);
  EXPECT_EQ(burden.lowest_sum, 0);
  EXPECT_EQ(burden.highest_sum, 6) << "(5 - 1) + (2 - 0)";
  ASSERT_EQ(burden.categories.size(), 2u);
  EXPECT_EQ(burden.categories[1].id, "high");
  EXPECT_EQ(burden.categories[1].min, 4);
  EXPECT_EQ(burden.categories[1].max, 6);
  EXPECT_EQ(burden.categories[1].meaning.in("en"), "Text");
  EXPECT_TRUE(burden.categories[0].meaning.empty()) << "meaning is optional";

  Questionnaire defaults = load_ok(definition(
      R"({"id": "a", "type": "single_choice", "text": @,
          "options": [{"code": 0, "label": @}, {"code": 1, "label": @}]})",
      R"(, "burden_instruments": [{"id": "b", "title": @, "items": ["a"],
           "categories": [{"id": "all", "min": 0, "max": 1, "label": @, "follow_up": @}]}])"));
  EXPECT_DOUBLE_EQ(defaults.burden_instruments.at(0).min_answered_share, 0.8)
      << "documented default";
}

TEST(LoadQuestionnaire, CutOffsBeyondIntAreRefusedNotWrapped) {
  // 4294967297 would wrap to 1 as an int, making the cut-offs tile 0..1.
  Error error = load_error(definition(
      R"({"id": "a", "type": "single_choice", "text": @,
          "options": [{"code": 0, "label": @}, {"code": 1, "label": @}]})",
      R"(, "burden_instruments": [{"id": "b", "title": @, "items": ["a"],
           "categories": [{"id": "all", "min": 0, "max": 4294967297, "label": @,
                           "follow_up": @}]}])"));
  problem_at(error, "$.burden_instruments[0].categories[0]", "bad_range");
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
  EXPECT_EQ(problem_at(error, "$.title", "missing_language").message,
            "has no text in 'en'");
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
  EXPECT_EQ(problem_at(error, "$.sections[0].items[1].option_set", "unknown_option_set")
                .message,
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
  EXPECT_EQ(problem_at(error, "$.sections[0].items[14].dont_know.code", "duplicate_code")
                .message,
            "code 2 is also a substantive option");
  EXPECT_EQ(problem_at(error, "$.sections[0].items[15].min", "wrong_type").message,
            "must be an integer, found a number");
  EXPECT_EQ(problem_at(error, "$.sections[1].visible_if", "later_item").message,
            "section 'scored': visible_if refers to 'q14', which does not come before it");
  EXPECT_EQ(problem_at(error, "$.sections[1].items[0].constraints[0].expression",
                       "bad_expression")
                .message,
            "item 'q14': constraint: column 1: cannot compare a number with text");
  EXPECT_EQ(problem_at(error, "$.sections[1].items[0].constraints[1].expression",
                       "later_item")
                .message,
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
  EXPECT_EQ(where_and_code(error),
            (std::multiset<Where>{{"$.format", "wrong_type"},
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

  error = load_error(definition(R"({"id": "a", "type": "yes_no", "text": @})",
                                R"(, "default_language": false)"));
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
  EXPECT_EQ(where_and_code(error),
            (std::multiset<Where>{
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

TEST(LoadQuestionnaireErrors, EmptyListsAndMissingSectionFields) {
  Error error = load_error(expand(R"({"format": "parorende-questionnaire/1", "id": "t",
    "version": "", "languages": [], "title": {}, "sections": []})"));
  EXPECT_EQ(where_and_code(error), (std::multiset<Where>{{"$.version", "bad_version"},
                                                         {"$.languages", "empty"},
                                                         {"$.sections", "empty"}}))
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
  EXPECT_EQ(where_and_code(error),
            (std::multiset<Where>{
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
  EXPECT_EQ(problem_at(error, "$.sections[0].items[3].options[2].code", "duplicate_code")
                .message,
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
  EXPECT_EQ(where_and_code(error),
            (std::multiset<Where>{
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
  EXPECT_EQ(problem_at(error, "$.sections[0].items[9].min", "bad_range").message,
            "is after max");
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
  EXPECT_EQ(problem_at(error, "$.sections[0].items[0].constraints[3].expression",
                       "bad_expression")
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
  auto message = [&error](int index) {
    return problem_at(error,
                      "$.sections[0].items[" + std::to_string(index) + "].visible_if",
                      "bad_expression")
        .message;
  };
  EXPECT_EQ(message(1), "item 'b': visible_if: column 10: expected a number, text, true or "
                        "false, found the end of the expression");
  EXPECT_EQ(message(2), "item 'c': visible_if: column 5: text starting here has no closing quote");
  EXPECT_EQ(message(3), "item 'd': visible_if: column 6: expected '[' after 'in', found '1'");
  EXPECT_EQ(message(4),
            "item 'e': visible_if: column 6: expected 'and', 'or' or the end, found ')'");
  EXPECT_EQ(message(5), "item 'f': visible_if: column 3: unexpected character '~'");
  EXPECT_EQ(message(6), "item 'g': visible_if: column 1: expected a number, text, true or "
                        "false, found the end of the expression");
  EXPECT_EQ(message(7), "item 'h': visible_if: column 11: expected ',' or ']', found the end "
                        "of the expression");
  EXPECT_EQ(message(8), "item 'i': visible_if: column 5: expected a value, found 'or'");
  EXPECT_EQ(error.problems.size(), 8u) << describe_problems(error);

  Error section = load_error(expand(R"J({"format": "parorende-questionnaire/1", "id": "t",
    "version": "1", "languages": ["nb", "en"], "title": @, "sections": [
      {"id": "s", "title": @, "visible_if": "((true)", "items": [{"id": "a", "type": "yes_no", "text": @}]}]})J"));
  EXPECT_EQ(problem_at(section, "$.sections[0].visible_if", "bad_expression").message,
            "section 's': visible_if: column 8: expected ')', found the end of the expression");
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
  auto message = [&error](int index) {
    return problem_at(error,
                      "$.sections[0].items[" + std::to_string(index) + "].visible_if",
                      "bad_expression")
        .message;
  };
  EXPECT_EQ(message(5), "item 'a': visible_if: column 1: cannot compare yes/no with a number");
  EXPECT_EQ(message(6), "item 'b': visible_if: column 1: cannot compare text with a number");
  EXPECT_EQ(message(7),
            "item 'c': visible_if: column 1: yes/no values can only be compared with = or !=");
  EXPECT_EQ(message(8), "item 'd': visible_if: column 1: a multiple-choice item cannot be "
                        "compared; use selected(item, code) or 'in'");
  EXPECT_EQ(message(9), "item 'e': visible_if: column 1: selected() needs a multiple-choice "
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

TEST(LoadQuestionnaireErrors, ScaleProblems) {
  Error error = load_error(definition(
      R"({"id": "a", "type": "single_choice", "text": @,
          "options": [{"code": 1, "label": @}, {"code": 2, "label": @}]},
         {"id": "n", "type": "integer", "text": @},
         {"id": "m", "type": "multiple_choice", "text": @,
          "options": [{"code": 1, "label": @}, {"code": 2, "label": @}]})",
      R"(, "scales": [
          {"id": "s1", "title": @, "items": ["a", "n", "m", "zzz"], "reverse": ["a", "a", "n", 3]},
          {"id": "s2", "title": @, "items": [], "min_answered": 1.5},
          {"id": "s3", "title": @, "items": ["a"], "min_answered": -0.5},
          {"id": "s4", "title": @, "items": ["a"], "min_answered": 1},
          {"title": @, "items": ["a"]},
          {"id": "Bad", "title": @, "description": 3}])"));
  EXPECT_EQ(where_and_code(error),
            (std::multiset<Where>{
                {"$.scales[0].items[1]", "not_scorable"},
                {"$.scales[0].items[2]", "not_scorable"},
                {"$.scales[0].items[3]", "unknown_item"},
                {"$.scales[0].reverse[1]", "duplicate_item"},
                {"$.scales[0].reverse[3]", "wrong_type"},
                {"$.scales[1].items", "empty"},
                {"$.scales[1].min_answered", "out_of_range"},
                {"$.scales[2].min_answered", "out_of_range"},
                {"$.scales[4].id", "missing"},
                {"$.scales[5].id", "bad_id"},
                {"$.scales[5].description", "wrong_type"},
                {"$.scales[5].items", "missing"},
            }))
      << describe_problems(error);
  EXPECT_EQ(problem_at(error, "$.scales[0].items[2]", "not_scorable").message,
            "'m' is multiple_choice; only single_choice items can be scored");
}

TEST(LoadQuestionnaireErrors, CategoryProblems) {
  const std::string items =
      R"({"id": "a", "type": "single_choice", "text": @,
          "options": [{"code": 0, "label": @}, {"code": 1, "label": @}, {"code": 2, "label": @}]},
         {"id": "b", "type": "single_choice", "text": @,
          "options": [{"code": 1, "label": @}, {"code": 2, "label": @}, {"code": 3, "label": @},
                      {"code": 4, "label": @}]})";  // highest sum (2 - 0) + (4 - 1) = 5
  Error error = load_error(definition(items, R"(, "burden_instruments": [
      {"id": "i0", "title": @, "items": ["a", "b"], "categories": []},
      {"id": "i1", "title": @, "items": ["a", "b"]},
      {"id": "i2", "title": @, "items": ["a", "b"], "categories": [
         {"id": "x", "min": 3, "max": 2, "label": @, "follow_up": @}]},
      {"id": "i3", "title": @, "items": ["a", "b"], "categories": [
         {"id": "x", "max": 2, "label": @, "follow_up": @},
         {"id": "x", "min": 3, "max": 5.5}]},
      {"id": "i4", "title": @, "items": ["a", "b"], "categories": [
         {"id": "low", "min": 1, "max": 5, "label": @, "follow_up": @}]},
      {"id": "i5", "title": @, "items": ["a", "b"], "categories": [
         {"id": "low", "min": 0, "max": 1, "label": @, "follow_up": @},
         {"id": "mid", "min": 3, "max": 3, "label": @, "follow_up": @},
         {"id": "high", "min": 3, "max": 4, "label": @, "follow_up": @}]},
      {"id": "i5", "title": @, "items": ["a", "b"], "categories": [
         {"id": "high", "min": 3, "max": 5, "label": @, "follow_up": @},
         {"id": "low", "min": 0, "max": 2, "label": @, "follow_up": @}]},
      {"id": "i7", "title": @, "items": ["a", "b"], "categories": [
         {"id": "low", "min": -1, "max": 5, "label": @, "follow_up": @}]}])"));
  EXPECT_EQ(where_and_code(error),
            (std::multiset<Where>{
                {"$.burden_instruments[0].categories", "empty"},
                {"$.burden_instruments[1].categories", "missing"},
                {"$.burden_instruments[2].categories[0]", "bad_range"},
                {"$.burden_instruments[3].categories[0].min", "missing"},
                {"$.burden_instruments[3].categories[1].id", "duplicate_id"},
                {"$.burden_instruments[3].categories[1].max", "wrong_type"},
                {"$.burden_instruments[3].categories[1].label", "missing"},
                {"$.burden_instruments[3].categories[1].follow_up", "missing"},
                {"$.burden_instruments[4].categories[0]", "gap"},
                {"$.burden_instruments[5].categories[1]", "gap"},
                {"$.burden_instruments[5].categories[2]", "overlap"},
                {"$.burden_instruments[5].categories", "gap"},
                {"$.burden_instruments[6].id", "duplicate_id"},
                {"$.burden_instruments[6].categories[0]", "gap"},
                {"$.burden_instruments[6].categories[1]", "overlap"},
                {"$.burden_instruments[6].categories", "gap"},
                {"$.burden_instruments[7].categories[0]", "overlap"},
            }))
      << describe_problems(error);
  EXPECT_EQ(problem_at(error, "$.burden_instruments[4].categories[0]", "gap").message,
            "sums 0 to 0 fall in no category");
  EXPECT_EQ(problem_at(error, "$.burden_instruments[5].categories[1]", "gap").message,
            "sums 2 to 2 fall in no category");
  EXPECT_EQ(problem_at(error, "$.burden_instruments[5].categories", "gap").message,
            "sums 5 to 5 fall in no category");
  EXPECT_EQ(problem_at(error, "$.burden_instruments[6].categories[1]", "overlap").message,
            "category 'low' starts at 0, overlapping the category before (or below the "
            "lowest possible sum, 0)")
      << "categories out of order are caught";
  EXPECT_EQ(problem_at(error, "$.burden_instruments[2].categories[0]", "bad_range").message,
            "min is above max");
  EXPECT_EQ(problem_at(error, "$.burden_instruments[6].id", "duplicate_id").message,
            "instrument id 'i5' is used more than once");
}

TEST(LoadQuestionnaireErrors, OfferTypesOfCategories) {
  const std::string items = R"({"id": "a", "type": "single_choice", "text": @,
      "options": [{"code": 0, "label": @}, {"code": 1, "label": @}]})";
  Questionnaire q = load_ok(definition(items, R"(, "burden_instruments": [{"id": "b",
      "title": @, "items": ["a"], "categories": [
        {"id": "low", "min": 0, "max": 0, "label": @, "follow_up": @,
         "offer_types": ["respite", "information"]},
        {"id": "high", "min": 1, "max": 1, "label": @, "follow_up": @}]}])"));
  EXPECT_EQ(q.burden_instruments.at(0).categories.at(0).offer_types,
            (std::vector<std::string>{"respite", "information"}));
  EXPECT_TRUE(q.burden_instruments.at(0).categories.at(1).offer_types.empty());

  Error error = load_error(definition(items, R"(, "burden_instruments": [{"id": "b",
      "title": @, "items": ["a"], "categories": [
        {"id": "low", "min": 0, "max": 0, "label": @, "follow_up": @,
         "offer_types": ["respite", "spa", 3]},
        {"id": "high", "min": 1, "max": 1, "label": @, "follow_up": @, "offer_types": "respite"}]}])"));
  EXPECT_EQ(where_and_code(error),
            (std::multiset<Where>{
                {"$.burden_instruments[0].categories[0].offer_types[1]", "unknown_offer_type"},
                {"$.burden_instruments[0].categories[0].offer_types[2]", "unknown_offer_type"},
                {"$.burden_instruments[0].categories[1].offer_types", "wrong_type"},
            }))
      << describe_problems(error);
  EXPECT_EQ(problem_at(error, "$.burden_instruments[0].categories[0].offer_types[1]",
                       "unknown_offer_type")
                .message,
            "must be one of: information, conversation_guidance, course, peer_group, respite, "
            "practical_help, financial_support, children_as_caregivers, bereaved");
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
  EXPECT_EQ(where_and_code(error), (std::multiset<Where>{{"$.sections[0].items[0].text", "missing"},
                                                         {"$.sections[0].items[1].type", "missing"}}))
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
  std::string path = dir.write("good.json", definition(R"({"id": "a", "type": "yes_no", "text": @})"));
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
  EXPECT_EQ(where_and_code(error),
            (std::multiset<Where>{
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

TEST(LoadQuestionnaireErrors, BurdenSumsBeyondAMillionAreRefused) {
  // Three items of 0..10^12 (each code allowed) would sum to 3 * 10^12.
  std::string items;
  for (char id : {'a', 'b', 'c'}) {
    if (!items.empty()) items += ", ";
    items += std::string(R"({"id": ")") + id + R"(", "type": "single_choice", "text": @,
        "options": [{"code": 0, "label": @}, {"code": 1000000000000, "label": @}]})";
  }
  Error error = load_error(definition(items, R"(, "burden_instruments": [{"id": "b", "title": @,
      "items": ["a", "b", "c"],
      "categories": [{"id": "all", "min": 0, "max": 3000000000000, "label": @, "follow_up": @}]}])"));
  EXPECT_EQ(where_and_code(error),
            (std::multiset<Where>{{"$.burden_instruments[0].items", "out_of_range"}}))
      << describe_problems(error);
}

}  // namespace
}  // namespace parorende
