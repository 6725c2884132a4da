// `parorende demo-data`, `parorende analyze` and `parorende export` as a
// user runs them: the real binary on a real database file.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <filesystem>
#include <string>

#include "analytics/disclosure_control.h"
#include "test_support.h"

namespace parorende::analytics {
namespace {

using parorende::testing::TempDir;

TEST(AnalyticsCli, DemoDataFindsItsQuestionnaireFromAnyFolder) {
  TempDir directory;
  auto generated = parorende::testing::run_parorende(
      {"demo-data", "--db", "demo.db", "--wave", "w", "--responses", "20", "--seed", "1"},
      directory.path());
  ASSERT_EQ(generated.exit_code, 0) << generated.err;
  EXPECT_TRUE(std::filesystem::exists(directory.path() / "demo.db"));
  EXPECT_NE(generated.out.find("20 responses"), std::string::npos) << generated.out;
}

TEST(AnalyticsCli, DemoDataThenAnalyze) {
  TempDir directory;
  std::string db = (directory.path() / "demo.db").string();
  std::string truth = (directory.path() / "truth.csv").string();
  std::string questionnaire =
      std::string(PARORENDE_SOURCE_DIR) + "/questionnaires/parorendeundersokelse.json";
  auto generated = parorende::testing::run_parorende(
      {"demo-data", "--db", db, "--wave", "w1", "--responses", "300", "--seed", "4",
       "--questionnaire", questionnaire, "--truth", truth});
  ASSERT_EQ(generated.exit_code, 0) << generated.err;
  EXPECT_NE(generated.out.find("300 responses"), std::string::npos);
  std::string truth_text = parorende::testing::read_file(truth);
  EXPECT_EQ(truth_text.rfind(
                "municipality,name,county,respondents,scale,true_mean,true_adjusted_mean\n", 0),
            0u);
  EXPECT_NE(truth_text.find("\n0301,Oslo - Oslove,03,"), std::string::npos);

  auto again = parorende::testing::run_parorende(
      {"demo-data", "--db", db, "--wave", "w2", "--responses", "200", "--seed", "5",
       "--questionnaire", questionnaire, "--truth", truth});
  ASSERT_EQ(again.exit_code, 0) << again.err;

  auto json = parorende::testing::run_parorende({"analyze", "--db", db, "--wave", "w1"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  boost::json::value report = boost::json::parse(json.out);
  // An open wave publishes whole cohorts of at least k per municipality
  // (docs/privacy.md): some of the 300 wait, and analyze says what the API
  // would serve.
  EXPECT_GT(report.at("respondents").as_int64(), 0);
  EXPECT_LT(report.at("respondents").as_int64(), 300);
  EXPECT_EQ(report.at("min_respondents").as_int64(), kDefaultMinRespondents);
  EXPECT_EQ(report.as_object().count("unprotected"), 0u);
  auto again_json = parorende::testing::run_parorende({"analyze", "--db", db, "--wave", "w1"});
  ASSERT_EQ(again_json.exit_code, 0) << again_json.err;
  EXPECT_EQ(again_json.out, json.out);

  auto everything =
      parorende::testing::run_parorende({"analyze", "--db", db, "--wave", "w1", "--unprotected"});
  ASSERT_EQ(everything.exit_code, 0) << everything.err;
  boost::json::value unprotected = boost::json::parse(everything.out);
  EXPECT_EQ(unprotected.at("respondents").as_int64(), 300);
  EXPECT_EQ(unprotected.at("unprotected"), true);
  EXPECT_NE(everything.err.find("UNPROTECTED"), std::string::npos);

  auto csv =
      parorende::testing::run_parorende({"analyze", "--db", db, "--wave", "w2", "--format", "csv",
                                         "--compare-to", "w1", "--min-respondents", "10"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("section,scale,area,code,name,statistic,value\n", 0), 0u);
  EXPECT_NE(csv.out.find("\nchange,support,nation,,Norge,change_difference,"), std::string::npos);

  EXPECT_EQ(parorende::testing::run_parorende({"analyze", "--db", db}).exit_code, 2);
  EXPECT_EQ(
      parorende::testing::run_parorende({"analyze", "--db", db, "--wave", "w1", "--format", "xml"})
          .exit_code,
      2);
  auto missing = parorende::testing::run_parorende({"analyze", "--db", db, "--wave", "nope"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("no wave named nope"), std::string::npos) << missing.err;
  auto exists = parorende::testing::run_parorende(
      {"demo-data", "--db", db, "--wave", "w1", "--responses", "10", "--seed", "1",
       "--questionnaire", questionnaire, "--truth", truth});
  EXPECT_EQ(exists.exit_code, 1);
}

TEST(AnalyticsCli, DemoDataMakesAnEarlierClosedWave) {
  TempDir directory;
  std::string db = (directory.path() / "demo.db").string();
  std::string truth = (directory.path() / "truth.csv").string();
  std::string questionnaire =
      std::string(PARORENDE_SOURCE_DIR) + "/questionnaires/parorendeundersokelse.json";
  auto generated = parorende::testing::run_parorende(
      {"demo-data", "--db", db, "--wave", "last-year", "--responses", "50", "--seed", "7",
       "--questionnaire", questionnaire, "--truth", truth, "--opens", "2020-01-01", "--closes",
       "2020-12-31"});
  ASSERT_EQ(generated.exit_code, 0) << generated.err;
  auto waves = parorende::testing::run_parorende({"wave", "list", "--db", db});
  ASSERT_EQ(waves.exit_code, 0) << waves.err;
  EXPECT_NE(waves.out.find("2020-01-01 to 2020-12-31"), std::string::npos) << waves.out;

  auto half = parorende::testing::run_parorende(
      {"demo-data", "--db", db, "--wave", "half", "--responses", "5", "--seed", "7",
       "--questionnaire", questionnaire, "--truth", truth, "--opens", "2020-01-01"});
  EXPECT_EQ(half.exit_code, 2);
  EXPECT_NE(half.err.find("--opens requires --closes"), std::string::npos) << half.err;
}

TEST(PublishedExportCli, OneRunWritesEveryFile) {
  parorende::testing::TempDir directory;
  std::string db = (directory.path() / "demo.db").string();
  std::string questionnaire =
      std::string(PARORENDE_SOURCE_DIR) + "/questionnaires/parorendeundersokelse.json";
  auto generated = parorende::testing::run_parorende(
      {"demo-data", "--db", db, "--wave", "w1", "--responses", "400", "--seed", "4",
       "--questionnaire", questionnaire, "--truth", (directory.path() / "truth.csv").string()});
  ASSERT_EQ(generated.exit_code, 0) << generated.err;
  std::filesystem::path out = directory.path() / "export";
  auto exported = parorende::testing::run_parorende(
      {"export", "--db", db, "--wave", "w1", "--format", "csv", "--out", out.string()});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  for (const char* file : {"municipality_scale.csv", "county_scale.csv", "background_scale.csv",
                           "burden_categories.csv", "codebook.md", "codebook.json"}) {
    EXPECT_TRUE(std::filesystem::exists(out / file)) << file;
  }
  std::string csv = parorende::testing::read_file((out / "municipality_scale.csv").string());
  EXPECT_EQ(csv.rfind("municipality,municipality_name,county,scale,n,mean,", 0), 0u);

  auto too_small =
      parorende::testing::run_parorende({"export", "--db", db, "--wave", "w1", "--format", "csv",
                                         "--out", out.string(), "--min-respondents", "4"});
  EXPECT_EQ(too_small.exit_code, 2);
  EXPECT_NE(too_small.err.find("never published"), std::string::npos) << too_small.err;
  EXPECT_EQ(parorende::testing::run_parorende(
                {"export", "--db", db, "--wave", "w1", "--format", "xls", "--out", out.string()})
                .exit_code,
            2);
  EXPECT_EQ(parorende::testing::run_parorende(
                {"analyze", "--db", db, "--wave", "w1", "--min-respondents", "3"})
                .exit_code,
            2);
  auto missing = parorende::testing::run_parorende(
      {"export", "--db", db, "--wave", "nope", "--format", "json", "--out", out.string()});
  EXPECT_EQ(missing.exit_code, 1);
}

}  // namespace
}  // namespace parorende::analytics
