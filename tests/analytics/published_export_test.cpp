// The researcher export's dataset holds exactly the published report's
// figures (withheld ones as Suppressed), the background table follows the
// disclosure rule (`parorende export`: tests/integration/analytics_cli_test.cpp).
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <cmath>
#include <map>
#include <variant>

#include "analytics/disclosure_control.h"
#include "analytics/export/dataset.h"
#include "analytics/published_results.h"
#include "analytics/synthetic.h"
#include "questionnaire/questionnaire_loader.h"
#include "test_support.h"

namespace parorende::analytics {
namespace {

std::shared_ptr<const Questionnaire> shipped() {
  auto loaded = load_questionnaire_file(std::string(PARORENDE_SOURCE_DIR) +
                                        "/questionnaires/parorendeundersokelse.json");
  if (!loaded) throw std::runtime_error(loaded.error().describe());
  return std::make_shared<const Questionnaire>(std::move(loaded).value());
}

const ExportTable& table_named(const ExportDataset& dataset, const std::string& name) {
  for (const ExportTable& table : dataset.tables) {
    if (table.name == name) return table;
  }
  throw std::runtime_error("no table " + name);
}

std::size_t column(const ExportTable& table, const std::string& name) {
  for (std::size_t i = 0; i < table.variables.size(); ++i) {
    if (table.variables[i].name == name) return i;
  }
  throw std::runtime_error("no variable " + name);
}

// The published figure as the export must have it.
void expect_cell(const ExportCell& cell, double value, bool withheld, const std::string& what) {
  if (withheld) {
    EXPECT_TRUE(std::holds_alternative<Suppressed>(cell)) << what;
  } else if (!std::isfinite(value)) {
    EXPECT_TRUE(std::holds_alternative<std::monostate>(cell)) << what;
  } else {
    ASSERT_TRUE(std::holds_alternative<double>(cell)) << what;
    EXPECT_EQ(std::get<double>(cell), value) << what;
  }
}

class PublishedExport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    questionnaire_ = new std::shared_ptr<const Questionnaire>(shipped());
    SyntheticSurvey survey(*questionnaire_, builtin_municipalities(), {3000, 31});
    data_ = new WaveData(synthetic_wave_data(survey, builtin_municipalities()));
    published_ = new PublishedResults(
        publish_wave(*data_, builtin_municipalities(), kDefaultMinRespondents));
    dataset_ = new ExportDataset(
        export_dataset(published_->report, **questionnaire_, published_->background));
  }
  static void TearDownTestSuite() {
    delete dataset_;
    delete published_;
    delete data_;
    delete questionnaire_;
  }

  static std::shared_ptr<const Questionnaire>* questionnaire_;
  static WaveData* data_;
  static PublishedResults* published_;
  static ExportDataset* dataset_;
};

std::shared_ptr<const Questionnaire>* PublishedExport::questionnaire_ = nullptr;
WaveData* PublishedExport::data_ = nullptr;
PublishedResults* PublishedExport::published_ = nullptr;
ExportDataset* PublishedExport::dataset_ = nullptr;

TEST_F(PublishedExport, MunicipalityTableIsThePublishedReport) {
  const ExportTable& table = table_named(*dataset_, "municipality_scale");
  std::size_t row = 0;
  int withheld = 0;
  for (const ScaleReport& scale : published_->report.scales) {
    for (const MunicipalityResult& result : scale.municipalities) {
      ASSERT_LT(row, table.rows.size());
      const auto& cells = table.rows[row++];
      ASSERT_EQ(std::get<std::string>(cells[column(table, "municipality")]), result.code);
      ASSERT_EQ(std::get<std::string>(cells[column(table, "scale")]), scale.scale_id);
      std::string what = scale.scale_id + " " + result.code;
      bool hidden = result.suppressed;
      withheld += hidden;
      expect_cell(cells[column(table, "n")], static_cast<double>(result.raw.n), hidden, what);
      expect_cell(cells[column(table, "mean")], result.raw.mean, hidden, what);
      expect_cell(cells[column(table, "sd")], result.raw.sd, hidden, what);
      expect_cell(cells[column(table, "ci_low")], result.raw.ci_low, hidden, what);
      expect_cell(cells[column(table, "ci_high")], result.raw.ci_high, hidden, what);
      expect_cell(cells[column(table, "adjusted_mean")], result.adjusted.mean, hidden, what);
      expect_cell(cells[column(table, "shrunken_mean")], result.shrunken.estimate, hidden, what);
      EXPECT_EQ(std::get<double>(cells[column(table, "suppression")]),
                static_cast<double>(static_cast<int>(result.suppression)));
    }
  }
  EXPECT_EQ(row, table.rows.size());
  EXPECT_GT(withheld, 100);
}

TEST_F(PublishedExport, CountyAndBurdenTablesAreThePublishedReport) {
  const ExportTable& counties = table_named(*dataset_, "county_scale");
  std::size_t row = 0;
  for (const ScaleReport& scale : published_->report.scales) {
    const auto& nation = counties.rows[row++];
    EXPECT_EQ(std::get<std::string>(nation[0]), "00");
    expect_cell(nation[column(counties, "mean")], scale.national.raw.mean,
                scale.national.suppressed, "nation");
    for (const AreaResult& county : scale.counties) {
      const auto& cells = counties.rows[row++];
      EXPECT_EQ(std::get<std::string>(cells[0]), county.code);
      expect_cell(cells[column(counties, "mean")], county.raw.mean, county.suppressed, county.code);
      expect_cell(cells[column(counties, "n")], static_cast<double>(county.raw.n),
                  county.suppressed, county.code);
    }
  }
  const ExportTable& burden = table_named(*dataset_, "burden_categories");
  std::size_t expected_rows = 0;
  for (const BurdenReport& instrument : published_->report.burden) {
    expected_rows += instrument.category_ids.size() *
                     (1 + instrument.counties.size() + instrument.municipalities.size());
    const ShareRow& nation = instrument.national;
    for (std::size_t c = 0; c < instrument.category_ids.size(); ++c) {
      const auto& cells = burden.rows[c];
      expect_cell(cells[column(burden, "share")], nation.shares[c].share, nation.suppressed,
                  "nation share");
    }
  }
  EXPECT_EQ(burden.rows.size(), expected_rows);
}

TEST_F(PublishedExport, BackgroundGroupsFollowTheRule) {
  const int k = kDefaultMinRespondents;
  // True group sizes, to act as the attacker on nation minus published groups.
  std::map<std::tuple<std::string, std::string, std::string>, std::int64_t> true_n;
  for (std::size_t s = 0; s < data_->scales.size(); ++s) {
    for (const CategoricalVariable& variable : data_->case_mix) {
      for (Eigen::Index r = 0; r < data_->respondents(); ++r) {
        if (std::isnan(data_->scale_scores(r, static_cast<Eigen::Index>(s)))) continue;
        ++true_n[{data_->scales[s].scale_id, variable.name,
                  variable.level_names[variable.level_of_row[static_cast<std::size_t>(r)]]}];
      }
    }
  }
  std::map<std::pair<std::string, std::string>, std::int64_t> hidden;
  int withheld = 0;
  for (const BackgroundCell& cell : published_->background) {
    std::int64_t n = true_n[{cell.scale_id, cell.variable, cell.level}];
    if (cell.suppressed) {
      ++withheld;
      hidden[{cell.scale_id, cell.variable}] += n;
      EXPECT_TRUE(std::isnan(cell.summary.mean));
    } else {
      EXPECT_EQ(cell.summary.n, n);
      EXPECT_GE(n, k);
    }
  }
  for (const auto& [group, n] : hidden) {
    EXPECT_TRUE(n == 0 || n >= k) << group.first << " " << group.second << " hides " << n;
  }
  EXPECT_GT(published_->background.size(), 20u);
  const ExportTable& table = table_named(*dataset_, "background_scale");
  ASSERT_EQ(table.rows.size(), published_->background.size());
  for (std::size_t i = 0; i < table.rows.size(); ++i) {
    const BackgroundCell& cell = published_->background[i];
    expect_cell(table.rows[i][column(table, "mean")], cell.summary.mean, cell.suppressed,
                cell.variable);
    EXPECT_FALSE(std::get<std::string>(table.rows[i][column(table, "group_label_en")]).empty());
  }
  (void)withheld;
}

TEST_F(PublishedExport, JsonReadBackEqualsTheReport) {
  const ExportTable& table = table_named(*dataset_, "municipality_scale");
  auto encoded = encode_table(table, ExportFormat::json);
  ASSERT_TRUE(encoded.ok()) << encoded.error().describe();
  boost::json::value document = boost::json::parse(encoded.value());
  const auto& rows = document.at("rows").as_array();
  ASSERT_EQ(rows.size(), table.rows.size());
  const MunicipalityResult& oslo = published_->report.scales.front().municipalities.front();
  ASSERT_EQ(rows[0].at("municipality").as_string(), oslo.code);
  EXPECT_DOUBLE_EQ(rows[0].at("mean").to_number<double>(), oslo.raw.mean);
  EXPECT_EQ(rows[0].at("n").to_number<double>(), static_cast<double>(oslo.raw.n));
  EXPECT_FALSE(dataset_->codebook_sections.empty());
  EXPECT_NE(dataset_->codebook_sections.front().text_en.find("k = 10"), std::string::npos);
}

}  // namespace
}  // namespace parorende::analytics
