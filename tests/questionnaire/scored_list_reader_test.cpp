// Loading the scored lists of a definition (questionnaire/internal/
// scored_list_reader.h): scales and burden instruments, their items and
// categories, and each problem with its JSON path.
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
using testing::load_error;
using testing::load_ok;
using testing::problem_at;
using testing::Where;
using testing::where_and_code;

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
  EXPECT_EQ(where_and_code(error), (std::multiset<Where>{
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

TEST(LoadQuestionnaireErrors, OfferTargetGroupOfAnInstrument) {
  const std::string items = R"({"id": "a", "type": "single_choice", "text": @,
      "options": [{"code": 0, "label": @}, {"code": 1, "label": @}]})";
  const std::string categories =
      R"("categories": [{"id": "all", "min": 0, "max": 1, "label": @, "follow_up": @}])";
  Questionnaire adults = load_ok(definition(
      items,
      R"(, "burden_instruments": [{"id": "b", "title": @, "items": ["a"], )" + categories + "}]"));
  EXPECT_EQ(adults.burden_instruments.at(0).offer_target_group, "adults") << "the default";
  Questionnaire young =
      load_ok(definition(items, R"(, "burden_instruments": [{"id": "b", "title": @, "items": ["a"],
          "offer_target_group": "children_young", )" +
                                    categories + "}]"));
  EXPECT_EQ(young.burden_instruments.at(0).offer_target_group, "children_young");

  Error error = load_error(
      definition(items, R"(, "burden_instruments": [{"id": "b", "title": @, "items": ["a"],
          "offer_target_group": "teenagers", )" +
                            categories + "}]"));
  EXPECT_EQ(problem_at(error, "$.burden_instruments[0].offer_target_group", "unknown_target_group")
                .message,
            "must be one of: children_young, adults, bereaved");
}

TEST(LoadQuestionnaireErrors, MinRespondentsIsAFloorFromOneToAThousand) {
  const std::string items = R"({"id": "a", "type": "yes_no", "text": @})";
  EXPECT_EQ(load_ok(definition(items)).min_respondents, 0) << "none: the configured k";
  EXPECT_EQ(load_ok(definition(items, R"(, "min_respondents": 20)")).min_respondents, 20);
  for (const char* bad : {"0", "-3", "1001"}) {
    Error error = load_error(definition(items, std::string(R"(, "min_respondents": )") + bad));
    EXPECT_EQ(problem_at(error, "$.min_respondents", "out_of_range")
                  .message.rfind("must be 1 to 1000", 0),
              0u)
        << bad;
  }
  Error text = load_error(definition(items, R"(, "min_respondents": "20")"));
  EXPECT_EQ(where_and_code(text), (std::multiset<Where>{{"$.min_respondents", "wrong_type"}}));
}

}  // namespace
}  // namespace parorende
