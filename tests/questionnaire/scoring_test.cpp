// Scale scores and burden sums, worked by hand (docs/questionnaire-format.md,
// "Scales" and "Burden instruments").
#include "questionnaire/scoring.h"

#include <gtest/gtest.h>

#include "definition_text.h"
#include "questionnaire/response_validation.h"
#include "questionnaire/score_report.h"
#include "test_support.h"

namespace parorende {
namespace {

using testing::describe_problems;
using testing::expand;
using testing::json_of;

std::string items_with_set(std::initializer_list<std::string_view> ids, std::string_view set) {
  std::string out;
  for (std::string_view id : ids) {
    if (!out.empty()) out += ",\n";
    out += R"({"id": ")" + std::string(id) + R"(", "type": "single_choice", "option_set": ")" +
           std::string(set) + R"(", "text": @})";
  }
  return out;
}

const Questionnaire& scored() {
  static const Questionnaire questionnaire = testing::load_ok(expand(
      R"({"format": "parorende-questionnaire/1", "id": "scoring", "version": "1.0.0",
      "languages": ["nb", "en"], "title": @,
      "option_sets": {
        "agree4": {"options": [{"code": 1, "label": @}, {"code": 2, "label": @},
                               {"code": 3, "label": @}, {"code": 4, "label": @}],
                   "dont_know": {"code": 9, "label": @}},
        "often4": {"options": [{"code": 0, "label": @}, {"code": 1, "label": @},
                               {"code": 2, "label": @}, {"code": 3, "label": @}],
                   "dont_know": {"code": 9, "label": @}},
        "five": {"options": [{"code": 1, "label": @}, {"code": 2, "label": @}, {"code": 3, "label": @},
                             {"code": 4, "label": @}, {"code": 5, "label": @}]}},
      "sections": [{"id": "main", "title": @, "items": [)" +
      items_with_set({"s1", "s2", "s3", "s4", "s5"}, "agree4") + ",\n" +
      items_with_set({"f1", "f2"}, "five") + ",\n" +
      items_with_set({"b1", "b2", "b3", "b4", "b5", "c1", "c2", "c3", "c4", "c5"}, "often4") +
      R"(, {"id": "y", "type": "yes_no", "text": @}]}],
      "scales": [
        {"id": "five_items", "title": {"nb": "Fem", "en": "Five"}, "items": ["s1", "s2", "s3", "s4", "s5"],
         "reverse": ["s3"], "min_answered": 0.5},
        {"id": "four_items", "title": @, "items": ["s1", "s2", "s3", "s4"], "reverse": ["s3"]},
        {"id": "all_required", "title": @, "items": ["s1", "s2"], "min_answered": 1},
        {"id": "fivepoint", "title": @, "items": ["f1", "f2"], "reverse": ["f2"]},
        {"id": "tiny_share", "title": @, "items": ["s1", "s2"], "min_answered": 1e-12}],
      "burden_instruments": [
        {"id": "strain", "title": {"nb": "Belastning", "en": "Strain"},
         "items": ["b1", "b2", "b3", "b4", "b5"], "reverse": ["b5"],
         "categories": [
           {"id": "low", "min": 0, "max": 4, "label": {"nb": "Lav", "en": "Low"},
            "meaning": {"nb": "Lite", "en": "Little"}, "follow_up": {"nb": "Info", "en": "Information"}},
           {"id": "moderate", "min": 5, "max": 9, "label": {"nb": "Middels", "en": "Moderate"},
            "follow_up": {"nb": "Samtale", "en": "A talk"}},
           {"id": "high", "min": 10, "max": 15, "label": {"nb": "Høy", "en": "High"},
            "meaning": {"nb": "Mye", "en": "Much"}, "follow_up": {"nb": "Avlastning", "en": "Respite"}}]},
        {"id": "ten", "title": @, "min_answered": 0.7,
         "items": ["b1", "b2", "b3", "b4", "b5", "c1", "c2", "c3", "c4", "c5"],
         "categories": [{"id": "all", "min": 0, "max": 30, "label": @, "follow_up": @}]},
        {"id": "six", "title": @, "min_answered": 0.5, "items": ["b1", "b2", "b3", "b4", "c1", "c2"],
         "categories": [{"id": "all", "min": 0, "max": 18, "label": @, "follow_up": @}]},
        {"id": "tiny", "title": @, "min_answered": 1e-12, "items": ["b1"],
         "categories": [{"id": "all", "min": 0, "max": 3, "label": @, "follow_up": @}]}]})"));
  return questionnaire;
}

const Scale& scale(std::string_view id) {
  for (const Scale& candidate : scored().scales) {
    if (candidate.id == id) return candidate;
  }
  throw std::logic_error("no scale " + std::string(id));
}

const BurdenInstrument& instrument(std::string_view id) {
  for (const BurdenInstrument& candidate : scored().burden_instruments) {
    if (candidate.id == id) return candidate;
  }
  throw std::logic_error("no instrument " + std::string(id));
}

Answers codes(std::initializer_list<std::pair<const char*, std::int64_t>> list) {
  Answers answers;
  for (auto [id, code] : list) answers[id] = code;
  return answers;
}

std::optional<double> item_value(std::string_view item, std::int64_t code, bool reverse) {
  Answers answers;
  answers[std::string(item)] = code;
  return rescaled_item_value(*scored().find_item(item), answers, reverse);
}

// ------------------------------------------------------------------ rescaling

TEST(RescaledItemValue, LowestCodeIsZeroAndHighestIsHundred) {
  // Codes 1-4: (code - 1) / 3 * 100.
  EXPECT_DOUBLE_EQ(*item_value("s1", 1, false), 0.0);
  EXPECT_DOUBLE_EQ(*item_value("s1", 2, false), 100.0 / 3);
  EXPECT_DOUBLE_EQ(*item_value("s1", 3, false), 200.0 / 3);
  EXPECT_DOUBLE_EQ(*item_value("s1", 4, false), 100.0);
  // Codes 1-5: (code - 1) / 4 * 100.
  EXPECT_DOUBLE_EQ(*item_value("f1", 2, false), 25.0);
  EXPECT_DOUBLE_EQ(*item_value("f1", 3, false), 50.0);
  // Codes 0-3: code / 3 * 100.
  EXPECT_DOUBLE_EQ(*item_value("b1", 0, false), 0.0);
  EXPECT_DOUBLE_EQ(*item_value("b1", 1, false), 100.0 / 3);
}

TEST(RescaledItemValue, ReverseKeyedItemsAreFlipped) {
  EXPECT_DOUBLE_EQ(*item_value("s3", 1, true), 100.0);
  EXPECT_DOUBLE_EQ(*item_value("s3", 4, true), 0.0);
  EXPECT_DOUBLE_EQ(*item_value("s3", 2, true), 200.0 / 3);
  EXPECT_DOUBLE_EQ(*item_value("f2", 2, true), 75.0);
  EXPECT_DOUBLE_EQ(*item_value("f2", 5, true), 0.0);
}

TEST(RescaledItemValue, DontKnowAndMissingAreMissing) {
  EXPECT_FALSE(item_value("s1", 9, false).has_value());
  EXPECT_FALSE(item_value("s1", 9, true).has_value());
  EXPECT_FALSE(rescaled_item_value(*scored().find_item("s1"), Answers{}, false).has_value());
  EXPECT_FALSE(item_value("s1", 7, false).has_value()) << "not an option";
}

// --------------------------------------------------------------------- scales

TEST(ScoreScale, WorkedExampleWithReverseKeyAndDontKnow) {
  // s1 = 4 -> 100; s2 = 2 -> 33.33; s3 = 1, reverse-keyed -> 100 - 0 = 100;
  // s4 = 9 (don't know) -> missing; s5 unanswered -> missing.
  // 3 of 5 answered >= 0.5 * 5 = 2.5, so the score is (100 + 100/3 + 100) / 3
  // = 700 / 9 = 77.78.
  ScaleScore score = score_scale(scored(), scale("five_items"),
                                 codes({{"s1", 4}, {"s2", 2}, {"s3", 1}, {"s4", 9}}));
  EXPECT_EQ(score.scale_id, "five_items");
  ASSERT_TRUE(score.score.has_value());
  EXPECT_NEAR(*score.score, 700.0 / 9, 1e-9);
  EXPECT_EQ(score.items_answered, 3);
  EXPECT_EQ(score.items_total, 5);
}

TEST(ScoreScale, AllAnsweredAtTheExtremes) {
  // Everyone at the top: s3 reverse-keyed at its lowest code.
  ScaleScore top = score_scale(scored(), scale("five_items"),
                               codes({{"s1", 4}, {"s2", 4}, {"s3", 1}, {"s4", 4}, {"s5", 4}}));
  EXPECT_DOUBLE_EQ(*top.score, 100.0);
  ScaleScore bottom = score_scale(scored(), scale("five_items"),
                                  codes({{"s1", 1}, {"s2", 1}, {"s3", 4}, {"s4", 1}, {"s5", 1}}));
  EXPECT_DOUBLE_EQ(*bottom.score, 0.0);
  // 25 and 75 on a 1-5 item, reverse 2 -> 75: mean(25, 75) = 50.
  ScaleScore middle = score_scale(scored(), scale("fivepoint"), codes({{"f1", 2}, {"f2", 2}}));
  EXPECT_DOUBLE_EQ(*middle.score, 50.0);
}

TEST(ScoreScale, HalfOfFiveItemsNeedsThree) {
  // 0.5 * 5 = 2.5, so 3 items are needed.
  ScaleScore three =
      score_scale(scored(), scale("five_items"), codes({{"s1", 2}, {"s2", 3}, {"s5", 4}}));
  ASSERT_TRUE(three.score.has_value());
  EXPECT_NEAR(*three.score, (100.0 / 3 + 200.0 / 3 + 100.0) / 3, 1e-9);  // 66.67
  ScaleScore two = score_scale(scored(), scale("five_items"), codes({{"s1", 2}, {"s2", 3}}));
  EXPECT_FALSE(two.score.has_value());
  EXPECT_EQ(two.items_answered, 2);
  EXPECT_EQ(two.items_total, 5);
  // Don't know does not count as answered.
  ScaleScore with_dont_know = score_scale(scored(), scale("five_items"),
                                          codes({{"s1", 2}, {"s2", 3}, {"s4", 9}, {"s5", 9}}));
  EXPECT_FALSE(with_dont_know.score.has_value());
  EXPECT_EQ(with_dont_know.items_answered, 2);
}

TEST(ScoreScale, HalfOfFourItemsNeedsTwo) {
  // 0.5 (the default) * 4 = 2.
  ScaleScore two = score_scale(scored(), scale("four_items"), codes({{"s1", 4}, {"s3", 4}}));
  ASSERT_TRUE(two.score.has_value());
  EXPECT_DOUBLE_EQ(*two.score, 50.0) << "mean(100, reverse 4 -> 0)";
  ScaleScore one = score_scale(scored(), scale("four_items"), codes({{"s1", 4}, {"s2", 9}}));
  EXPECT_FALSE(one.score.has_value());
  EXPECT_EQ(one.items_answered, 1);
  EXPECT_EQ(one.items_total, 4);
}

TEST(ScoreScale, MinAnsweredOneNeedsEveryItem) {
  EXPECT_FALSE(score_scale(scored(), scale("all_required"), codes({{"s1", 4}})).score);
  EXPECT_DOUBLE_EQ(
      *score_scale(scored(), scale("all_required"), codes({{"s1", 4}, {"s2", 1}})).score, 50.0);
}

TEST(ScoreScale, NoAnswersIsMissingEvenWithATinyShare) {
  ScaleScore none = score_scale(scored(), scale("tiny_share"), Answers{});
  EXPECT_FALSE(none.score.has_value()) << "0 answered must not give 0 / 0";
  EXPECT_EQ(none.items_answered, 0);
  ScaleScore all_dont_know =
      score_scale(scored(), scale("five_items"), codes({{"s1", 9}, {"s2", 9}, {"s3", 9}}));
  EXPECT_FALSE(all_dont_know.score.has_value());
  EXPECT_EQ(all_dont_know.items_answered, 0);
  ScaleScore one = score_scale(scored(), scale("tiny_share"), codes({{"s2", 3}}));
  EXPECT_NEAR(*one.score, 200.0 / 3, 1e-9);
}

// ------------------------------------------------------------------- burden

BurdenScore strain(std::initializer_list<std::pair<const char*, std::int64_t>> list) {
  return score_burden(scored(), instrument("strain"), codes(list));
}

TEST(ScoreBurden, SumWithAReverseKeyedItem) {
  // b1..b4 contribute their code (lowest 0); b5 is reversed: 3 - code.
  // 3 + 2 + 1 + 0 + (3 - 0) = 9.
  BurdenScore score = strain({{"b1", 3}, {"b2", 2}, {"b3", 1}, {"b4", 0}, {"b5", 0}});
  EXPECT_EQ(score.instrument_id, "strain");
  EXPECT_EQ(score.sum, 9);
  ASSERT_NE(score.category, nullptr);
  EXPECT_EQ(score.category->id, "moderate");
  EXPECT_EQ(score.items_answered, 5);
  EXPECT_EQ(score.items_total, 5);
  // b5 = 3 reversed contributes 0: 3 + 2 + 1 + 0 + 0 = 6.
  EXPECT_EQ(strain({{"b1", 3}, {"b2", 2}, {"b3", 1}, {"b4", 0}, {"b5", 3}}).sum, 6);
  EXPECT_EQ(instrument("strain").highest_sum, 15);
}

TEST(ScoreBurden, EveryCategoryBoundary) {
  struct Case {
    std::initializer_list<std::pair<const char*, std::int64_t>> answers;
    int sum;
    const char* category;
  };
  // b5 = 3 contributes 0, b5 = 0 contributes 3.
  const Case cases[] = {
      {{{"b1", 0}, {"b2", 0}, {"b3", 0}, {"b4", 0}, {"b5", 3}}, 0, "low"},
      {{{"b1", 3}, {"b2", 1}, {"b3", 0}, {"b4", 0}, {"b5", 3}}, 4, "low"},
      {{{"b1", 3}, {"b2", 2}, {"b3", 0}, {"b4", 0}, {"b5", 3}}, 5, "moderate"},
      {{{"b1", 3}, {"b2", 3}, {"b3", 3}, {"b4", 0}, {"b5", 3}}, 9, "moderate"},
      {{{"b1", 3}, {"b2", 3}, {"b3", 3}, {"b4", 1}, {"b5", 3}}, 10, "high"},
      {{{"b1", 3}, {"b2", 3}, {"b3", 3}, {"b4", 3}, {"b5", 0}}, 15, "high"},
  };
  for (const Case& c : cases) {
    BurdenScore score = strain(c.answers);
    ASSERT_EQ(score.sum, c.sum);
    ASSERT_NE(score.category, nullptr) << c.sum;
    EXPECT_EQ(score.category->id, c.category) << "sum " << c.sum;
  }
}

TEST(ScoreBurden, ProrationRoundsHalvesUp) {
  // 4 of 5 answered (b4 missing): sum * 5 / 4.
  EXPECT_EQ(strain({{"b1", 1}, {"b2", 1}, {"b3", 0}, {"b5", 3}}).sum, 3);  // 2.5 -> 3
  EXPECT_EQ(strain({{"b1", 3}, {"b2", 2}, {"b3", 0}, {"b5", 3}}).sum, 6);  // 6.25 -> 6
  EXPECT_EQ(strain({{"b1", 3}, {"b2", 3}, {"b3", 0}, {"b5", 3}}).sum, 8);  // 7.5 -> 8
  EXPECT_EQ(strain({{"b1", 3}, {"b2", 3}, {"b3", 1}, {"b5", 3}}).sum, 9);  // 8.75 -> 9
  BurdenScore prorated = strain({{"b1", 3}, {"b2", 3}, {"b3", 0}, {"b5", 3}});
  EXPECT_EQ(prorated.items_answered, 4);
  EXPECT_EQ(prorated.category->id, "moderate");
  // Don't know is missing too: the same 7.5 -> 8.
  EXPECT_EQ(strain({{"b1", 3}, {"b2", 3}, {"b3", 0}, {"b4", 9}, {"b5", 3}}).sum, 8);

  // 4 of 6 answered: sum * 6 / 4 = sum * 1.5.
  auto six = [](std::initializer_list<std::pair<const char*, std::int64_t>> list) {
    return score_burden(scored(), instrument("six"), codes(list)).sum;
  };
  EXPECT_EQ(six({{"b1", 1}, {"b2", 0}, {"b3", 0}, {"b4", 0}}), 2);  // 1.5 -> 2
  EXPECT_EQ(six({{"b1", 3}, {"b2", 0}, {"b3", 0}, {"c1", 0}}), 5);  // 4.5 -> 5
  EXPECT_EQ(six({{"b1", 2}, {"b2", 2}, {"b3", 1}, {"c2", 0}}), 8);  // 7.5 -> 8
  // 3 of 6 (exactly the 0.5 share): sum * 2.
  EXPECT_EQ(six({{"b1", 1}, {"b2", 0}, {"c1", 3}}), 8);
  EXPECT_FALSE(six({{"b1", 1}, {"b2", 0}}).has_value()) << "2 of 6 < 0.5";
}

TEST(ScoreBurden, TooFewAnsweredGivesNoSumAndNoCategory) {
  // 0.8 (the default) * 5 = 4: three answered are too few.
  BurdenScore score = strain({{"b1", 3}, {"b2", 3}, {"b3", 3}});
  EXPECT_FALSE(score.sum.has_value());
  EXPECT_EQ(score.category, nullptr);
  EXPECT_EQ(score.items_answered, 3);
  EXPECT_EQ(score.items_total, 5);
  BurdenScore dont_know = strain({{"b1", 3}, {"b2", 3}, {"b3", 3}, {"b4", 9}, {"b5", 9}});
  EXPECT_FALSE(dont_know.sum.has_value());
  EXPECT_FALSE(strain({}).sum.has_value());
}

TEST(ScoreBurden, ShareOfTenItems) {
  // 0.7 * 10 = 7: 7 answered items are enough, 6 are not.
  auto ten = [](int answered) {
    Answers answers;
    const char* ids[] = {"b1", "b2", "b3", "b4", "b5", "c1", "c2", "c3", "c4", "c5"};
    for (int i = 0; i < answered; ++i) answers[ids[i]] = std::int64_t{1};
    return score_burden(scored(), instrument("ten"), answers);
  };
  BurdenScore seven = ten(7);
  ASSERT_TRUE(seven.sum.has_value());
  EXPECT_EQ(*seven.sum, 10) << "7 * 10 / 7";
  EXPECT_FALSE(ten(6).sum.has_value());
  EXPECT_EQ(ten(10).sum, 10);
}

TEST(ScoreBurden, ShareBoundaryIsExactDespiteFloatingPoint) {
  // 0.28 * 25 is 7.000000000000001 in binary floating point; 7 answered
  // items must nonetheless be enough (and 6 not), for scales and burden.
  std::string items;
  std::string ids;
  for (int i = 0; i < 25; ++i) {
    std::string id = "q" + std::to_string(i);
    if (i > 0) {
      items += ", ";
      ids += ", ";
    }
    items += R"({"id": ")" + id + R"(", "type": "single_choice", "text": @,
                "options": [{"code": 0, "label": @}, {"code": 1, "label": @}]})";
    ids += "\"" + id + "\"";
  }
  Questionnaire q = testing::load_ok(expand(
      R"({"format": "parorende-questionnaire/1", "id": "many", "version": "1",
          "languages": ["nb", "en"], "title": @, "sections": [{"id": "s", "title": @, "items": [)" +
      items + R"(]}], "scales": [{"id": "scale", "title": @, "min_answered": 0.28, "items": [)" +
      ids + R"(]}], "burden_instruments": [{"id": "burden", "title": @, "min_answered": 0.28,
          "items": [)" +
      ids + R"(], "categories": [{"id": "all", "min": 0, "max": 25,
          "label": @, "follow_up": @}]}]})"));
  ASSERT_EQ(q.items.size(), 25u);
  auto answered = [](int count) {
    Answers answers;
    for (int i = 0; i < count; ++i) answers["q" + std::to_string(i)] = std::int64_t{1};
    return answers;
  };
  ScaleScore seven = score_scale(q, q.scales.at(0), answered(7));
  ASSERT_TRUE(seven.score.has_value()) << "7 of 25 is 0.28";
  EXPECT_DOUBLE_EQ(*seven.score, 100.0);
  EXPECT_FALSE(score_scale(q, q.scales.at(0), answered(6)).score.has_value());
  BurdenScore burden = score_burden(q, q.burden_instruments.at(0), answered(7));
  ASSERT_TRUE(burden.sum.has_value()) << "7 of 25 is 0.28";
  EXPECT_EQ(*burden.sum, 25) << "7 * 25 / 7";
  EXPECT_FALSE(score_burden(q, q.burden_instruments.at(0), answered(6)).sum.has_value());
}

TEST(ScoreBurden, NoAnswersIsMissingEvenWithATinyShare) {
  BurdenScore score = score_burden(scored(), instrument("tiny"), Answers{});
  EXPECT_FALSE(score.sum.has_value()) << "0 answered must not prorate 0 / 0";
  EXPECT_EQ(score.category, nullptr);
  EXPECT_EQ(score_burden(scored(), instrument("tiny"), codes({{"b1", 2}})).sum, 2);
}

// -------------------------------------------------------- whole responses

TEST(ScoreResponse, ScoresEveryScaleAndInstrumentInOrder) {
  Response response;
  response.answers = codes(
      {{"s1", 4}, {"s2", 4}, {"s3", 4}, {"b1", 3}, {"b2", 3}, {"b3", 3}, {"b4", 3}, {"b5", 0}});
  ResponseScores scores = score_response(scored(), response);
  ASSERT_EQ(scores.scales.size(), 5u);
  EXPECT_EQ(scores.scales[0].scale_id, "five_items");
  EXPECT_EQ(scores.scales[1].scale_id, "four_items");
  EXPECT_EQ(scores.scales[3].scale_id, "fivepoint");
  EXPECT_NEAR(*scores.scales[0].score, 200.0 / 3, 1e-9) << "mean(100, 100, 0)";
  EXPECT_FALSE(scores.scales[3].score.has_value());
  ASSERT_EQ(scores.burden.size(), 4u);
  EXPECT_EQ(scores.burden[0].instrument_id, "strain");
  EXPECT_EQ(scores.burden[0].sum, 15);
  EXPECT_EQ(scores.burden[0].category->id, "high");
  EXPECT_EQ(scores.burden[1].instrument_id, "ten");
  EXPECT_FALSE(scores.burden[1].sum.has_value()) << "5 of 10 < 0.7";
}

TEST(ScoreReport, JsonInTheRequestedLanguage) {
  Response response;
  response.answers = codes({{"s1", 4},
                            {"s2", 2},
                            {"s3", 1},
                            {"s4", 9},
                            {"b1", 0},
                            {"b2", 0},
                            {"b3", 0},
                            {"b4", 1},
                            {"b5", 3}});
  ResponseScores scores = score_response(scored(), response);
  boost::json::object report = score_report_json(scored(), scores, "nb");
  EXPECT_EQ(report.at("questionnaire"), "scoring");
  EXPECT_EQ(report.at("version"), "1.0.0");
  EXPECT_EQ(report.at("language"), "nb");
  const boost::json::array& scales = report.at("scales").as_array();
  ASSERT_EQ(scales.size(), 5u);
  const boost::json::object& five = scales[0].as_object();
  EXPECT_EQ(five.at("id"), "five_items");
  EXPECT_EQ(five.at("title"), "Fem");
  EXPECT_NEAR(five.at("score").as_double(), 700.0 / 9, 1e-9);
  EXPECT_EQ(five.at("items_answered"), 3);
  EXPECT_EQ(five.at("items_total"), 5);
  EXPECT_TRUE(scales[3].as_object().at("score").is_null());

  const boost::json::array& burden = report.at("burden").as_array();
  ASSERT_EQ(burden.size(), 4u);
  const boost::json::object& strain_entry = burden[0].as_object();
  EXPECT_EQ(strain_entry.at("id"), "strain");
  EXPECT_EQ(strain_entry.at("title"), "Belastning");
  EXPECT_EQ(strain_entry.at("max_sum"), 15);
  EXPECT_EQ(strain_entry.at("sum"), 1);
  EXPECT_EQ(strain_entry.at("items_answered"), 5);
  EXPECT_EQ(strain_entry.at("items_total"), 5);
  EXPECT_EQ(strain_entry.at("category"),
            json_of(R"({"id": "low", "label": "Lav", "meaning": "Lite", "follow_up": "Info",
                        "offer_types": []})"));
  EXPECT_TRUE(burden[1].as_object().at("sum").is_null());
  EXPECT_TRUE(burden[1].as_object().at("category").is_null());

  boost::json::object english = score_report_json(scored(), scores, "en");
  EXPECT_EQ(english.at("scales").as_array()[0].as_object().at("title"), "Five");
  EXPECT_EQ(english.at("burden").as_array()[0].as_object().at("category"),
            json_of(R"({"id": "low", "label": "Low", "meaning": "Little",
                        "follow_up": "Information", "offer_types": []})"));
  // nn is not offered: the texts fall back to nb.
  boost::json::object nynorsk = score_report_json(scored(), scores, "nn");
  EXPECT_EQ(nynorsk.at("burden").as_array()[0].as_object().at("title"), "Belastning");
}

TEST(ScoreReport, ErrorToJson) {
  Error error = make_error("invalid_response", "2 problems",
                           {{"a", "required", "Answer a."}, {"b", "too_long", "Shorter."}});
  EXPECT_EQ(boost::json::value(error_to_json(error)),
            json_of(R"({"code": "invalid_response", "message": "2 problems", "details": [
                          {"where": "a", "code": "required", "message": "Answer a."},
                          {"where": "b", "code": "too_long", "message": "Shorter."}]})"));
  EXPECT_EQ(boost::json::value(error_to_json(make_error("x", "y"))),
            json_of(R"({"code": "x", "message": "y", "details": []})"));
}

// ---------------------------- the worked example of docs/questionnaire-format.md

TEST(ScoringDocExample, TheScoredExampleWorkedByHand) {
  Questionnaire q;
  bool found = false;
  for (const std::string& example : testing::format_doc_examples()) {
    auto loaded = load_questionnaire_text(example);
    if (loaded && loaded->id == "scored") {
      q = std::move(loaded).value();
      found = true;
    }
  }
  ASSERT_TRUE(found) << "the 'scored' example of docs/questionnaire-format.md is gone";

  // The response shown in the doc's "Responses" section.
  auto response = validate_response(
      q, json_of(R"({"questionnaire": "scored", "version": "2.1.0", "language": "en",
                     "municipality": "5038", "answers": {"seen": 4, "asked": 9, "sleep": 2, "money": 3}})"));
  ASSERT_TRUE(response.ok()) << describe_problems(response.error());
  EXPECT_EQ(response->municipality, "5038");
  ResponseScores scores = score_response(q, response.value());
  // recognition = seen, asked, ignored (reverse); asked is "not relevant"
  // (9) and ignored is unanswered: 1 of 3 answered < 0.5 * 3 = 1.5 -> missing.
  ASSERT_EQ(scores.scales.size(), 1u);
  EXPECT_FALSE(scores.scales[0].score.has_value());
  EXPECT_EQ(scores.scales[0].items_answered, 1);
  // strain = sleep + money with codes 0-3: 2 + 3 = 5 -> "high" (5-6).
  ASSERT_EQ(scores.burden.size(), 1u);
  EXPECT_EQ(scores.burden[0].sum, 5);
  ASSERT_NE(scores.burden[0].category, nullptr);
  EXPECT_EQ(scores.burden[0].category->id, "high");
  EXPECT_EQ(scores.burden[0].category->follow_up.in("en"),
            "A conversation soon, guidance, and respite.");
  EXPECT_EQ(scores.burden[0].category->offer_types,
            (std::vector<std::string>{"conversation_guidance", "respite"}));
  boost::json::object report = score_report_json(q, scores, "en");
  EXPECT_EQ(report.at("burden").as_array().at(0).at("category").at("offer_types"),
            json_of(R"(["conversation_guidance", "respite"])"));

  // With "ignored": 1 as well: seen 4 -> 100, ignored 1 reversed -> 100 - 0,
  // so recognition = mean(100, 100 - 0) = 100 from 2 of 3 items.
  auto with_ignored = validate_response(
      q, json_of(R"({"language": "en", "answers": {"seen": 4, "asked": 9, "ignored": 1,
                                                   "sleep": 2, "money": 3}})"));
  ASSERT_TRUE(with_ignored.ok()) << describe_problems(with_ignored.error());
  ResponseScores both = score_response(q, with_ignored.value());
  ASSERT_TRUE(both.scales[0].score.has_value());
  EXPECT_DOUBLE_EQ(*both.scales[0].score, 100.0);
  EXPECT_EQ(both.scales[0].items_answered, 2);
  // asked = 2 instead of 9: mean(100, 33.33, 100) = 77.78.
  auto with_asked = validate_response(
      q, json_of(R"({"answers": {"seen": 4, "asked": 2, "ignored": 1, "sleep": 0, "money": 0}})"));
  ASSERT_TRUE(with_asked.ok()) << describe_problems(with_asked.error());
  ResponseScores three = score_response(q, with_asked.value());
  EXPECT_NEAR(*three.scales[0].score, 700.0 / 9, 1e-9);
  EXPECT_EQ(three.burden[0].sum, 0);
  EXPECT_EQ(three.burden[0].category->id, "low");
  // min_answered 1 for strain: money alone gives no sum (and money is
  // required, so a complete response needs it anyway).
  auto partial = validate_response(q, json_of(R"({"answers": {"sleep": 2}})"),
                                   ValidationOptions{Completeness::partial, true, nullptr});
  ASSERT_TRUE(partial.ok()) << describe_problems(partial.error());
  EXPECT_FALSE(score_response(q, partial.value()).burden[0].sum.has_value());
}

}  // namespace
}  // namespace parorende
