// The synthetic survey: its responses are valid, the analytics loader
// scores them exactly as the engine does, and, against the model's known
// truth, raw 95% intervals cover as they should and empirical Bayes beats
// raw means. Runs in memory, without a database.
#include <gtest/gtest.h>

#include <algorithm>

#include <Eigen/Core>
#include <cmath>
#include <memory>

#include "analytics/published_results.h"
#include "analytics/statistics/descriptive.h"
#include "analytics/statistics/empirical_bayes.h"
#include "analytics/synthetic.h"
#include "analytics/wave_analysis.h"
#include "analytics/wave_data.h"
#include "questionnaire/questionnaire_loader.h"
#include "questionnaire/response_validation.h"
#include "questionnaire/scoring.h"
#include "store/response_matrix.h"

namespace parorende::analytics {
namespace {

std::shared_ptr<const Questionnaire> shipped(const std::string& name) {
  auto loaded =
      load_questionnaire_file(std::string(PARORENDE_SOURCE_DIR) + "/questionnaires/" + name);
  if (!loaded) throw std::runtime_error(loaded.error().describe());
  return std::make_shared<const Questionnaire>(std::move(loaded).value());
}

boost::json::value as_document(const Questionnaire& questionnaire, const Response& response) {
  boost::json::object document;
  document["language"] = response.language;
  document["municipality"] = response.municipality;
  document["answers"] = answers_to_json(questionnaire, response.answers);
  return document;
}

TEST(AnalyticsSynthetic, ResponsesAreValidAndScoredAsTheEngineScoresThem) {
  auto questionnaire = shipped("parorendeundersokelse.json");
  SyntheticSurvey survey(questionnaire, builtin_municipalities(), {200, 7});
  std::vector<MatrixColumn> columns = matrix_columns(*questionnaire);
  WaveDataBuilder builder("test", questionnaire, columns, builtin_municipalities(), 200);
  std::vector<ResponseScores> engine_scores;
  int dont_know = 0;
  while (auto response = survey.next()) {
    auto validated = validate_response(*questionnaire, as_document(*questionnaire, *response));
    ASSERT_TRUE(validated.ok()) << validated.error().describe();
    EXPECT_EQ(validated->answers.size(), response->answers.size()) << "nothing hidden or invalid";
    for (const auto& [id, answer] : response->answers) {
      const auto* code = std::get_if<std::int64_t>(&answer);
      if (code != nullptr && *code == 9) ++dont_know;
    }
    engine_scores.push_back(score_response(*questionnaire, *response));
    builder.add_row(pack_answers(*questionnaire, columns, response->answers),
                    static_cast<std::uint16_t>(std::stoi(response->municipality)));
  }
  EXPECT_GT(dont_know, 50) << "\"don't know\" answers are part of the model";
  WaveData data = std::move(builder).finish();
  ASSERT_EQ(data.respondents(), 200);
  ASSERT_EQ(data.scales.size(), questionnaire->scales.size());
  for (Eigen::Index row = 0; row < data.respondents(); ++row) {
    for (std::size_t s = 0; s < data.scales.size(); ++s) {
      const auto& expected = engine_scores[static_cast<std::size_t>(row)].scales[s].score;
      double actual = data.scale_scores(row, static_cast<Eigen::Index>(s));
      if (!expected) {
        EXPECT_TRUE(std::isnan(actual));
      } else {
        EXPECT_EQ(actual, *expected) << "row " << row << " scale " << s;  // bit for bit
      }
    }
  }
}

TEST(AnalyticsSynthetic, BurdenCategoriesAreTheEngines) {
  auto questionnaire = shipped("belastningskartlegging.json");
  SyntheticSurvey survey(questionnaire, builtin_municipalities(), {300, 3});
  std::vector<MatrixColumn> columns = matrix_columns(*questionnaire);
  WaveDataBuilder builder("test", questionnaire, columns, builtin_municipalities(), 300);
  std::vector<int> expected;
  while (auto response = survey.next()) {
    ASSERT_TRUE(validate_response(*questionnaire, as_document(*questionnaire, *response)).ok());
    BurdenScore score =
        score_burden(*questionnaire, questionnaire->burden_instruments[0], response->answers);
    expected.push_back(
        score.category == nullptr
            ? -1
            : static_cast<int>(score.category -
                               questionnaire->burden_instruments[0].categories.data()));
    builder.add_row(pack_answers(*questionnaire, columns, response->answers),
                    static_cast<std::uint16_t>(std::stoi(response->municipality)));
  }
  WaveData data = std::move(builder).finish();
  ASSERT_EQ(data.burden_category.size(), 1u);
  EXPECT_EQ(data.burden_category[0], expected);
  std::vector<int> seen(3, 0);
  for (int category : expected)
    if (category >= 0) ++seen[static_cast<std::size_t>(category)];
  EXPECT_GT(seen[0], 0);
  EXPECT_GT(seen[1], 0);
}

TEST(AnalyticsSynthetic, FastRowsArePackedResponses) {
  auto questionnaire = shipped("parorendeundersokelse.json");
  SyntheticSurvey as_responses(questionnaire, builtin_municipalities(), {200, 5});
  SyntheticSurvey as_rows(questionnaire, builtin_municipalities(), {200, 5});
  std::vector<MatrixColumn> columns = matrix_columns(*questionnaire);
  std::vector<double> row;
  std::uint16_t municipality = 0;
  while (auto response = as_responses.next()) {
    ASSERT_TRUE(as_rows.next_row(row, municipality));
    std::vector<double> packed = pack_answers(*questionnaire, columns, response->answers);
    ASSERT_EQ(row.size(), packed.size());
    for (std::size_t c = 0; c < row.size(); ++c) {
      if (std::isnan(packed[c])) {
        EXPECT_TRUE(std::isnan(row[c])) << columns[c].name;
      } else {
        EXPECT_EQ(row[c], packed[c]) << columns[c].name;
      }
    }
    EXPECT_EQ(municipality, std::stoi(response->municipality));
  }
  EXPECT_FALSE(as_rows.next_row(row, municipality));
}

TEST(AnalyticsSynthetic, SameSeedSameWave) {
  auto questionnaire = shipped("parorendeundersokelse.json");
  SyntheticSurvey first(questionnaire, builtin_municipalities(), {50, 11});
  SyntheticSurvey second(questionnaire, builtin_municipalities(), {50, 11});
  EXPECT_EQ(first.truth().expected_score, second.truth().expected_score);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(first.next()->answers, second.next()->answers);
  EXPECT_FALSE(first.next().has_value());
}

TEST(AnalyticsSynthetic, RespondentsFollowPopulation) {
  auto questionnaire = shipped("parorendeundersokelse.json");
  SyntheticSurvey survey(questionnaire, builtin_municipalities(), {100000, 1});
  const auto& respondents = survey.truth().respondents;
  std::int64_t total = 0;
  for (std::int64_t n : respondents) total += n;
  EXPECT_EQ(total, 100000);
  const auto& all = builtin_municipalities().all();
  const auto* oslo = builtin_municipalities().find("0301");
  std::size_t oslo_index = static_cast<std::size_t>(oslo - all.data());
  double population = 0;
  for (const Municipality& m : all) population += static_cast<double>(m.population);
  EXPECT_NEAR(static_cast<double>(respondents[oslo_index]), 100000.0 * 717710 / population, 1.0);
}

// Across seeds, the raw means' 95% t intervals must contain the true
// expected score for 93-97% of municipalities (every scale, every
// municipality with n >= kLowestMinRespondents, the lowest k publishable;
// below that, ties among a few discrete scores make t intervals too narrow,
// e.g. ~85% at n = 2), and empirical Bayes estimates must be closer to the
// truth than raw means (mean squared error, every municipality with data).
TEST(AnalyticsSynthetic, RawIntervalsCoverAndEmpiricalBayesShrinksTowardTheTruth) {
  auto questionnaire = shipped("parorendeundersokelse.json");
  const auto& registry = builtin_municipalities();
  std::int64_t intervals = 0;
  std::int64_t covered = 0;
  double raw_squared_error = 0;
  double shrunken_squared_error = 0;
  std::int64_t estimates = 0;
  for (std::uint64_t seed : {101u, 202u, 303u}) {
    SyntheticSurvey survey(questionnaire, registry, {12000, seed});
    SyntheticTruth truth = survey.truth();
    WaveData data = synthetic_wave_data(survey, registry);
    GroupIndex groups{data.municipality_of_row, static_cast<int>(registry.size())};
    for (std::size_t s = 0; s < data.scales.size(); ++s) {
      auto scores = data.scale_scores.col(static_cast<Eigen::Index>(s));
      std::vector<Moments> moments = moments_by_group(scores, groups);
      Shrinkage shrinkage = shrink_toward_national_mean(moments);
      for (std::size_t j = 0; j < moments.size(); ++j) {
        double target =
            truth.expected_score(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(s));
        if (moments[j].n >= 1) {
          raw_squared_error += std::pow(moments[j].mean - target, 2);
          shrunken_squared_error += std::pow(shrinkage.groups[j].estimate - target, 2);
          ++estimates;
        }
        if (moments[j].n < kLowestMinRespondents) continue;
        Summary summary = summarize(moments[j]);
        ++intervals;
        if (summary.ci_low <= target && target <= summary.ci_high) ++covered;
      }
    }
  }
  double coverage = static_cast<double>(covered) / static_cast<double>(intervals);
  RecordProperty("coverage", std::to_string(coverage));
  EXPECT_GT(intervals, 5000);
  EXPECT_GE(coverage, 0.93);
  EXPECT_LE(coverage, 0.97);
  double raw_mse = raw_squared_error / static_cast<double>(estimates);
  double shrunken_mse = shrunken_squared_error / static_cast<double>(estimates);
  std::cout << "coverage " << coverage << " of " << intervals << " intervals; MSE raw " << raw_mse
            << ", empirical Bayes " << shrunken_mse << std::endl;
  EXPECT_LT(shrunken_mse, raw_mse);
}

// What is published: empirical Bayes fitted on the published municipalities
// only (docs/privacy.md), judged on those municipalities, must still be
// closer to the truth than their raw means.
TEST(AnalyticsSynthetic, PublishedEmpiricalBayesBeatsPublishedRawMeans) {
  auto questionnaire = shipped("parorendeundersokelse.json");
  const auto& registry = builtin_municipalities();
  double raw_squared_error = 0;
  double shrunken_squared_error = 0;
  std::int64_t estimates = 0;
  for (std::uint64_t seed : {101u, 202u, 303u}) {
    SyntheticSurvey survey(questionnaire, registry, {12000, seed});
    SyntheticTruth truth = survey.truth();
    WaveData data = synthetic_wave_data(survey, registry);
    WaveReport report = publish_wave(data, registry, kDefaultMinRespondents).report;
    for (std::size_t s = 0; s < report.scales.size(); ++s) {
      for (const MunicipalityResult& result : report.scales[s].municipalities) {
        if (result.suppressed) continue;
        auto index = std::find_if(registry.all().begin(), registry.all().end(),
                                  [&](const Municipality& m) { return m.code == result.code; }) -
                     registry.all().begin();
        double target = truth.expected_score(index, static_cast<Eigen::Index>(s));
        raw_squared_error += std::pow(result.raw.mean - target, 2);
        shrunken_squared_error += std::pow(result.shrunken.estimate - target, 2);
        ++estimates;
      }
    }
  }
  EXPECT_GT(estimates, 3000);
  double ratio = shrunken_squared_error / raw_squared_error;
  RecordProperty("published_mse_ratio", std::to_string(ratio));
  std::cout << "published cells: empirical Bayes MSE / raw MSE = " << ratio << " over " << estimates
            << " estimates" << std::endl;
  EXPECT_LT(ratio, 0.9);
}

}  // namespace
}  // namespace parorende::analytics
