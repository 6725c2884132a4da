// Analytics on waves in a real response store: both read paths give the
// same data, the report's figures are the statistics of the rows, small
// groups are withheld, the JSON and CSV writers, change between waves, and
// the `analyze` and `demo-data` subcommands.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cmath>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "analytics/published_results.h"
#include "analytics/report_csv.h"
#include "analytics/report_json.h"
#include "analytics/statistics/similarity.h"
#include "analytics/synthetic.h"
#include "analytics/wave_analysis.h"
#include "analytics/wave_change.h"
#include "analytics/wave_data.h"
#include "common/json_input.h"
#include "store/response_store.h"
#include "store_test_support.h"
#include "test_support.h"

namespace parorende::analytics {
namespace {

constexpr Date kAnalysisDay{2026, 3, 10};

void expect_same(double a, double b, const std::string& what) {
  if (std::isnan(a) || std::isnan(b)) {
    EXPECT_TRUE(std::isnan(a) && std::isnan(b)) << what;
  } else {
    EXPECT_EQ(a, b) << what;
  }
}

// One store for the suite: waves "spring" and "autumn" of
// parorendeundersokelse (synthetic, different seeds) and "screening" of
// belastningskartlegging.
class AnalyticsWave : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    home_ = new parorende::testing::TestStoreHome("analytics.db");
    path_ = home_->path();
    StoreOptions options;
    options.path = path_;
    options.synchronous = StoreOptions::Synchronous::normal;
    auto store = ResponseStore::open(options);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    store_ = std::move(store).value().release();
    add_wave("parorendeundersokelse.json", "spring", 1500, 1);
    add_wave("parorendeundersokelse.json", "autumn", 1000, 2);
    add_wave("belastningskartlegging.json", "screening", 600, 3);
  }
  static void TearDownTestSuite() {
    delete store_;
    delete home_;
  }

  static void add_wave(const std::string& file, const std::string& wave, std::int64_t responses,
                       std::uint64_t seed) {
    auto text = read_text_file(std::string(PARORENDE_SOURCE_DIR) + "/questionnaires/" + file);
    ASSERT_TRUE(text.ok());
    ASSERT_TRUE(store_->publish_questionnaire(text.value()).ok());
    std::string id = file.substr(0, file.find('.'));
    auto questionnaire = store_->questionnaire(id);
    ASSERT_TRUE(questionnaire.ok());
    ASSERT_TRUE(
        store_->create_wave({wave, id, std::nullopt, {2026, 1, 1}, {2026, 12, 31}, {}}).ok());
    SyntheticSurvey survey(questionnaire.value(), builtin_municipalities(), {responses, seed});
    std::string consent =
        questionnaire.value()->consent ? questionnaire.value()->consent->version : "x";
    std::vector<ImportedResponse> batch;
    while (auto response = survey.next()) batch.push_back({std::move(*response), consent});
    auto imported = store_->import_responses(wave, batch, kAnalysisDay);
    ASSERT_TRUE(imported.ok()) << imported.error().describe();
  }

  static WaveData load(const std::string& wave) {
    auto data = load_wave_data(*store_, path_, wave, builtin_municipalities());
    if (!data) throw std::runtime_error(data.error().describe());
    return std::move(data).value();
  }

  static WaveReport analyzed(const std::string& wave, int min_respondents) {
    AnalysisOptions options;
    options.min_respondents = min_respondents;
    return analyze_wave(load(wave), builtin_municipalities(), options);
  }

  static parorende::testing::TestStoreHome* home_;
  static std::string path_;
  static ResponseStore* store_;
};

parorende::testing::TestStoreHome* AnalyticsWave::home_ = nullptr;
std::string AnalyticsWave::path_;
ResponseStore* AnalyticsWave::store_ = nullptr;

TEST_F(AnalyticsWave, StreamingReaderAndStoreMatrixGiveTheSameData) {
  WaveData streamed = load("spring");
  auto matrix = store_->complete_responses("spring");
  ASSERT_TRUE(matrix.ok());
  WaveData from_matrix = wave_data_from_matrix("spring", matrix.value(), builtin_municipalities());
  ASSERT_EQ(streamed.respondents(), 1500);
  ASSERT_EQ(from_matrix.respondents(), 1500);
  EXPECT_EQ(streamed.item_ids, from_matrix.item_ids);
  EXPECT_EQ(streamed.municipality_of_row, from_matrix.municipality_of_row);
  for (Eigen::Index r = 0; r < streamed.respondents(); r += 7) {
    for (Eigen::Index c = 0; c < streamed.items.cols(); ++c) {
      expect_same(streamed.items(r, c), from_matrix.items(r, c), "item");
    }
    for (Eigen::Index s = 0; s < streamed.scale_scores.cols(); ++s) {
      expect_same(streamed.scale_scores(r, s), from_matrix.scale_scores(r, s), "score");
    }
  }
  ASSERT_EQ(streamed.case_mix.size(), 4u);
  EXPECT_EQ(streamed.case_mix[0].name, "age_band");
  EXPECT_EQ(streamed.case_mix[0].level_names.back(), "missing");  // some skip it
  EXPECT_EQ(streamed.case_mix[1].level_names.size(), 7u);         // relationship is required
  for (std::size_t v = 0; v < streamed.case_mix.size(); ++v) {
    EXPECT_EQ(streamed.case_mix[v].level_of_row, from_matrix.case_mix[v].level_of_row);
  }
}

TEST_F(AnalyticsWave, ReportFiguresAreTheStatisticsOfTheRows) {
  WaveData data = load("spring");
  AnalysisOptions everyone;
  everyone.min_respondents = 1;
  everyone.protect = false;
  WaveReport report = analyze_wave(data, builtin_municipalities(), everyone);
  EXPECT_EQ(report.respondents, 1500);
  EXPECT_EQ(report.questionnaire_id, "parorendeundersokelse");
  ASSERT_EQ(report.scales.size(), 9u);
  const ScaleReport& scale = report.scales[3];
  EXPECT_EQ(scale.scale_id, "support");
  auto scores = data.scale_scores.col(3);
  Moments national = moments_of(scores);
  EXPECT_EQ(scale.national.raw.n, national.n);
  EXPECT_NEAR(scale.national.raw.mean, national.mean, 1e-12);

  // Oslo, by hand from the rows.
  const auto* oslo = builtin_municipalities().find("0301");
  int oslo_index = static_cast<int>(oslo - builtin_municipalities().all().data());
  double sum = 0;
  std::int64_t n = 0;
  for (Eigen::Index r = 0; r < data.respondents(); ++r) {
    if (data.municipality_of_row[static_cast<std::size_t>(r)] != oslo_index ||
        std::isnan(scores[r]))
      continue;
    sum += scores[r];
    ++n;
  }
  auto found = std::find_if(scale.municipalities.begin(), scale.municipalities.end(),
                            [](const MunicipalityResult& m) { return m.code == "0301"; });
  ASSERT_NE(found, scale.municipalities.end());
  EXPECT_EQ(found->raw.n, n);
  EXPECT_NEAR(found->raw.mean, sum / static_cast<double>(n), 1e-12);
  EXPECT_EQ(found->versus_county.verdict, Verdict::not_testable);  // Oslo is its own county
  EXPECT_FALSE(std::isnan(found->adjusted.mean));
  EXPECT_GT(found->shrunken.reliability, 0.5);

  EXPECT_EQ(scale.municipalities.size(), builtin_municipalities().size());
  EXPECT_TRUE(std::is_sorted(scale.municipalities.begin(), scale.municipalities.end(),
                             [](const auto& a, const auto& b) { return a.code < b.code; }));
  std::int64_t county_total = 0;
  for (const AreaResult& county : scale.counties) county_total += county.raw.n;
  EXPECT_EQ(county_total, national.n);

  ScaleReliability direct = analyze_reliability(data.items.middleCols(15, 5));
  EXPECT_EQ(scale.item_ids.front(), "support_conversation");
  EXPECT_DOUBLE_EQ(scale.reliability.alpha, direct.alpha);
  EXPECT_GT(scale.reliability.alpha, 0.6);
  ASSERT_EQ(report.similar.size(), builtin_municipalities().size());
  EXPECT_EQ(report.similar.front().similar_codes.size(), kSimilarMunicipalities);
}

// docs/privacy.md, "Rule 2": what the models publish is a function of the
// published municipalities' respondents only.
TEST_F(AnalyticsWave, ProtectedModelsSeeOnlyPublishedMunicipalities) {
  WaveData data = load("spring");
  WaveReport report = publish_wave(data, builtin_municipalities(), kDefaultMinRespondents).report;
  std::map<std::string, int> index_of_code;
  for (std::size_t i = 0; i < builtin_municipalities().size(); ++i) {
    index_of_code[builtin_municipalities().all()[i].code] = static_cast<int>(i);
  }
  int pooled_levels = 0;
  for (std::size_t s = 0; s < report.scales.size(); ++s) {
    const ScaleReport& scale = report.scales[s];
    std::int64_t published_n = 0;
    int published = 0;
    double published_sum = 0;
    std::set<int> in_model;
    for (const MunicipalityResult& result : scale.municipalities) {
      if (result.suppressed || result.raw.n == 0) continue;
      published_n += result.raw.n;
      published_sum += result.raw.mean * static_cast<double>(result.raw.n);
      ++published;
      in_model.insert(index_of_code.at(result.code));
    }
    ASSERT_GT(published, 5) << scale.scale_id;
    ASSERT_LT(published_n, scale.national.raw.n)
        << "some respondents are in withheld municipalities";
    EXPECT_EQ(scale.shrinkage.respondents, published_n) << scale.scale_id;
    EXPECT_EQ(scale.shrinkage.groups_with_data, published) << scale.scale_id;
    EXPECT_NEAR(scale.shrinkage.national_mean, published_sum / static_cast<double>(published_n),
                1e-9);
    // Reliability: those who answered every item, in the published
    // municipalities where at least k did and those who skipped one are 0
    // or at least k (the cells of the answers per question).
    const ScaleColumns& columns = data.scales[s];
    std::map<int, std::pair<std::int64_t, std::int64_t>> scored_and_complete;
    for (Eigen::Index row = 0; row < data.respondents(); ++row) {
      const int municipality = data.municipality_of_row[static_cast<std::size_t>(row)];
      if (!in_model.count(municipality) || std::isnan(data.scale_scores(row, s))) continue;
      auto& [scored, complete] = scored_and_complete[municipality];
      ++scored;
      bool all = true;
      for (Eigen::Index c = 0; c < columns.count; ++c)
        all = all && !std::isnan(data.items(row, columns.first + c));
      if (all) ++complete;
    }
    std::int64_t reliability_rows = 0;
    for (const auto& [municipality, counts] : scored_and_complete) {
      const auto [scored, complete] = counts;
      const std::int64_t skipped = scored - complete;
      if (complete >= kDefaultMinRespondents &&
          (skipped == 0 || skipped >= kDefaultMinRespondents)) {
        reliability_rows += complete;
      }
    }
    EXPECT_GT(reliability_rows, 0) << scale.scale_id;
    EXPECT_EQ(scale.reliability.respondents, reliability_rows) << scale.scale_id;

    // Every coefficient published rests on at least k fitted respondents
    // holding its level.
    auto scores = data.scale_scores.col(static_cast<Eigen::Index>(s));
    for (const CaseMixTerm& term : scale.case_mix_terms) {
      if (!term.estimable) {
        ++pooled_levels;
        continue;
      }
      const CategoricalVariable* variable = nullptr;
      for (const CategoricalVariable& candidate : data.case_mix) {
        if (candidate.name == term.variable) variable = &candidate;
      }
      ASSERT_NE(variable, nullptr);
      auto level =
          std::find(variable->level_names.begin(), variable->level_names.end(), term.level) -
          variable->level_names.begin();
      std::int64_t holders = 0;
      for (Eigen::Index row = 0; row < data.respondents(); ++row) {
        int municipality = data.municipality_of_row[static_cast<std::size_t>(row)];
        if (municipality < 0 || !in_model.count(municipality) || std::isnan(scores[row])) continue;
        if (variable->level_of_row[static_cast<std::size_t>(row)] == level) ++holders;
      }
      EXPECT_GE(holders, kDefaultMinRespondents) << term.variable << "=" << term.level;
    }
  }
  EXPECT_GT(pooled_levels, 0) << "1,500 respondents leave some rare levels to merge";
}

TEST_F(AnalyticsWave, GroupsBelowTheThresholdAreWithheld) {
  WaveReport report = analyzed("spring", 5);
  int withheld = 0;
  for (const MunicipalityResult& result : report.scales[0].municipalities) {
    if (result.raw.n >= 5) {
      EXPECT_FALSE(result.suppressed);
      continue;
    }
    ++withheld;
    EXPECT_TRUE(result.suppressed);
    EXPECT_TRUE(std::isnan(result.raw.mean));
    EXPECT_TRUE(std::isnan(result.shrunken.estimate));
    EXPECT_TRUE(std::isnan(result.adjusted.mean));
    EXPECT_EQ(result.versus_national.verdict, Verdict::not_testable);
  }
  EXPECT_GT(withheld, 10) << "1,500 responses leave many small municipalities";
  boost::json::object json = wave_report_json(report);
  const auto& municipalities =
      json["scales"].as_array()[0].as_object().at("municipalities").as_array();
  for (const auto& entry : municipalities) {
    const auto& object = entry.as_object();
    if (object.at("suppressed").as_bool()) {
      EXPECT_FALSE(object.contains("raw"));
    }
  }
}

TEST_F(AnalyticsWave, JsonAndCsvAreComplete) {
  WaveReport report = analyzed("spring", 5);
  boost::json::value json = boost::json::parse(boost::json::serialize(wave_report_json(report)));
  const auto& scale = json.at("scales").as_array().at(0).as_object();
  for (const char* key : {"id", "title", "national", "reliability", "case_mix", "shrinkage",
                          "counties", "municipalities"}) {
    EXPECT_TRUE(scale.contains(key)) << key;
  }
  EXPECT_EQ(scale.at("reliability").at("items").as_array().size(), 5u);
  EXPECT_EQ(json.at("similar_municipalities").as_object().size(), builtin_municipalities().size());

  std::ostringstream csv;
  write_wave_report_csv(csv, report);
  std::istringstream lines(csv.str());
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "section,scale,area,code,name,statistic,value");
  std::size_t count = 0;
  bool saw_alpha = false;
  while (std::getline(lines, line)) {
    ++count;
    int fields = 1;
    bool quoted = false;
    for (char c : line) {
      if (c == '"') quoted = !quoted;
      if (c == ',' && !quoted) ++fields;
    }
    ASSERT_EQ(fields, 7) << line;
    if (line.rfind("reliability,identified,nation,,,alpha,", 0) == 0) saw_alpha = true;
  }
  EXPECT_TRUE(saw_alpha);
  EXPECT_GT(count, 50000u);
}

TEST_F(AnalyticsWave, ChangeBetweenWavesIsWelchOnTheTwoSummaries) {
  WaveReport spring = analyzed("spring", 5);
  WaveReport autumn = analyzed("autumn", 5);
  auto change = compare_waves(spring, autumn);
  ASSERT_TRUE(change.ok());
  ASSERT_EQ(change->scales.size(), 9u);
  const AreaChange& national = change->scales[0].national;
  const Summary& before = spring.scales[0].national.raw;
  const Summary& after = autumn.scales[0].national.raw;
  EXPECT_NEAR(national.change.difference, after.mean - before.mean, 1e-12);
  double se = std::sqrt(before.se * before.se + after.se * after.se);
  EXPECT_NEAR(national.change.se, se, 1e-12);
  EXPECT_LT(national.change.ci_low, national.change.difference);
  EXPECT_EQ(change->scales[0].municipalities.size(), builtin_municipalities().size());
  std::ostringstream csv;
  write_wave_change_csv(csv, change.value());
  EXPECT_NE(csv.str().find("change,identified,nation,,Norge,change_difference,"),
            std::string::npos);

  WaveReport screening = analyzed("screening", 5);
  auto mismatch = compare_waves(spring, screening);
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.error().code, "questionnaire_mismatch");
}

TEST_F(AnalyticsWave, BurdenSharesPerMunicipality) {
  WaveReport screening = analyzed("screening", 5);
  EXPECT_TRUE(screening.scales.empty());
  ASSERT_EQ(screening.burden.size(), 1u);
  const BurdenReport& burden = screening.burden[0];
  EXPECT_EQ(burden.category_ids, (std::vector<std::string>{"low", "moderate", "high"}));
  double total = 0;
  for (const Proportion& share : burden.national.shares) {
    total += share.share;
    EXPECT_LE(share.ci_low, share.share);
    EXPECT_GE(share.ci_high, share.share);
  }
  EXPECT_NEAR(total, 1.0, 1e-12);
  EXPECT_EQ(burden.national.shares[0].total, 600);
  EXPECT_EQ(burden.municipalities.size(), builtin_municipalities().size());
}

TEST_F(AnalyticsWave, UnknownWaveIsAnError) {
  auto data = load_wave_data(*store_, path_, "winter", builtin_municipalities());
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.error().code, "wave_not_found");
}

}  // namespace
}  // namespace parorende::analytics
