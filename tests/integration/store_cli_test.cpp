// The store's subcommands, run as the real binary.
#include <gtest/gtest.h>

#include "store/internal/schema.h"
#include "store/response_store.h"
#include "store_test_support.h"

namespace parorende {
namespace {

using testing::contains;
using testing::run_parorende;

class StoreCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (directory_.path() / "cli.db").string();
    auto init = run_parorende({"init-db", "--db", db_});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    EXPECT_TRUE(contains(init.out, "schema version " + std::to_string(latest_schema_version())))
        << init.out;
    auto published = run_parorende({"publish", "--db", db_, testing::small_survey_path()});
    ASSERT_EQ(published.exit_code, 0) << published.err;
    EXPECT_TRUE(contains(published.out, "published small_survey 1.0.0")) << published.out;
    auto wave = run_parorende({"wave", "create", "--db", db_, "--questionnaire", "small_survey",
                               "--name", "spring", "--opens", "2026-01-01", "--closes",
                               "2026-12-31", "--municipalities", "0301,4601"});
    ASSERT_EQ(wave.exit_code, 0) << wave.err;
    EXPECT_TRUE(contains(wave.out, "2 municipalities: 0301 4601")) << wave.out;
  }

  std::unique_ptr<ResponseStore> open_read_only() {
    StoreOptions options;
    options.path = db_;
    options.read_only = true;
    auto store = ResponseStore::open(options);
    EXPECT_TRUE(store.ok());
    return std::move(store).value();
  }

  testing::TempDir directory_;
  std::string db_;
};

constexpr const char* kGoodComplete =
    R"({"language": "nb", "municipality": "0301", "status": "complete", "consent_version": "2026-1", "answers": {"home": "0301", "informed": 3}})";
constexpr const char* kGoodPartial =
    R"({"language": "en", "municipality": "4601", "status": "partial", "consent_version": "2026-1", "answers": {"heard": 2}})";

std::string import_file_with_bad_lines() {
  return std::string(kGoodComplete) + "\n" +
         R"({"language": "nb", "municipality": "0301", "status": "complete", "consent_version": "2026-1", "answers": {"home": "0301", "informed": 7}})"
         "\n"
         "{not json\n"
         "\n" +
         kGoodPartial + "\n" +
         R"({"language": "nb", "municipality": "0301", "status": "complete", "answers": {"home": "0301", "informed": 3}})"
         "\n"
         R"({"language": "nb", "municipality": "5001", "status": "complete", "consent_version": "2026-1", "answers": {"home": "5001", "informed": 3}})"
         "\n"
         R"({"language": "nb", "municipality": "0301", "status": "done", "consent_version": "2026-1", "answers": {}})"
         "\n";
}

TEST_F(StoreCliTest, ImportReportsBadLinesAndImportsTheGoodOnes) {
  std::string file = directory_.write("responses.jsonl", import_file_with_bad_lines());
  auto imported = run_parorende({"import-responses", "--db", db_, "--wave", "spring", file});
  EXPECT_EQ(imported.exit_code, 1) << imported.err;
  EXPECT_TRUE(contains(imported.out, "line 2: invalid_response")) << imported.out;
  EXPECT_TRUE(contains(imported.out, "informed: not_an_option")) << imported.out;
  EXPECT_TRUE(contains(imported.out, "line 3: invalid_json")) << imported.out;
  EXPECT_TRUE(contains(imported.out, "line 6: consent_missing")) << imported.out;
  EXPECT_TRUE(contains(imported.out, "line 7: municipality_not_in_wave")) << imported.out;
  EXPECT_TRUE(contains(imported.out, "line 8: invalid_line")) << imported.out;
  EXPECT_FALSE(contains(imported.out, "line 1:")) << imported.out;
  EXPECT_FALSE(contains(imported.out, "line 4:")) << imported.out;
  EXPECT_FALSE(contains(imported.out, "line 5:")) << imported.out;
  EXPECT_TRUE(contains(imported.out, "imported 2 response(s) into spring; rejected 5 line(s)"))
      << imported.out;

  auto stats = run_parorende({"stats", "--db", db_});
  ASSERT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_TRUE(contains(stats.out, "spring: 1 complete, 1 partial")) << stats.out;
}

TEST_F(StoreCliTest, AllOrNothingImportsNothingWhenALineIsBad) {
  std::string file = directory_.write("responses.jsonl", import_file_with_bad_lines());
  auto imported = run_parorende(
      {"import-responses", "--db", db_, "--wave", "spring", "--all-or-nothing", file});
  EXPECT_EQ(imported.exit_code, 1);
  EXPECT_TRUE(contains(imported.out, "imported nothing: 5 bad line(s)")) << imported.out;
  auto store = open_read_only();
  EXPECT_EQ(store->stats()->waves.at(0).complete + store->stats()->waves.at(0).partial, 0);
}

TEST_F(StoreCliTest, AllOrNothingImportsEverythingWhenAllLinesAreGood) {
  std::string file =
      directory_.write("responses.jsonl", std::string(kGoodComplete) + "\n" + kGoodPartial + "\n" +
                                              kGoodComplete + "\n");
  auto imported = run_parorende(
      {"import-responses", "--db", db_, "--wave", "spring", "--all-or-nothing", file});
  EXPECT_EQ(imported.exit_code, 0) << imported.out << imported.err;
  auto store = open_read_only();
  auto matrix = store->complete_responses("spring");
  ASSERT_TRUE(matrix.ok());
  EXPECT_EQ(matrix->rows(), 2u);
}

TEST_F(StoreCliTest, WaveCreateAndListReportProblems) {
  auto exists =
      run_parorende({"wave", "create", "--db", db_, "--questionnaire", "small_survey", "--name",
                     "spring", "--opens", "2026-01-01", "--closes", "2026-12-31"});
  EXPECT_EQ(exists.exit_code, 1);
  EXPECT_TRUE(contains(exists.err, "spring exists")) << exists.err;
  auto bad_date = run_parorende({"wave", "create", "--db", db_, "--questionnaire", "small_survey",
                                 "--name", "x", "--opens", "2026-13-01", "--closes", "2026-12-31"});
  EXPECT_EQ(bad_date.exit_code, 2);
  auto list = run_parorende({"wave", "list", "--db", db_});
  EXPECT_EQ(list.exit_code, 0);
  EXPECT_TRUE(contains(list.out, "spring: small_survey 1.0.0, 2026-01-01 to 2026-12-31"))
      << list.out;
}

TEST_F(StoreCliTest, PublishingAChangedVersionFails) {
  std::string changed = testing::small_survey_text();
  changed.replace(changed.find("Small survey"), 12, "Other survey");
  std::string file = directory_.write("changed.json", changed);
  auto published = run_parorende({"publish", "--db", db_, file});
  EXPECT_EQ(published.exit_code, 1);
  EXPECT_TRUE(contains(published.err, "already published")) << published.err;
}

TEST_F(StoreCliTest, BackupCopiesTheDatabase) {
  std::string file = directory_.write("responses.jsonl", std::string(kGoodComplete) + "\n");
  ASSERT_EQ(run_parorende({"import-responses", "--db", db_, "--wave", "spring", file}).exit_code,
            0);
  std::string copy = (directory_.path() / "copy.db").string();
  auto backup = run_parorende({"backup", "--db", db_, copy});
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  auto again = run_parorende({"backup", "--db", db_, copy});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_TRUE(contains(again.err, "exists")) << again.err;
  auto stats = run_parorende({"stats", "--db", copy});
  EXPECT_EQ(stats.exit_code, 0) << stats.err;
  EXPECT_TRUE(contains(stats.out, "spring: 1 complete, 0 partial")) << stats.out;
}

TEST_F(StoreCliTest, StatsOnAMissingFileFails) {
  auto stats = run_parorende({"stats", "--db", (directory_.path() / "none.db").string()});
  EXPECT_EQ(stats.exit_code, 1);
}

}  // namespace
}  // namespace parorende
