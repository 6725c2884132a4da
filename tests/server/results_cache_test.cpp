// The results cache: a wave is analysed once and served until its number of
// complete responses changes, one computation at a time however many ask,
// and an unknown wave is an error, not an entry.
#include <gtest/gtest.h>

#include <thread>

#include "analytics/synthetic.h"
#include "server/api/results_cache.h"
#include "store_test_support.h"

namespace parorende::server {
namespace {

class ResultsCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = parorende::testing::open_store_at(home_.path(), StoreOptions::Synchronous::normal);
    ASSERT_TRUE(store_);
    auto text = parorende::testing::read_file(parorende::testing::kSourceDir +
                                              "/questionnaires/parorendeundersokelse.json");
    ASSERT_TRUE(store_->publish_questionnaire(text).ok());
    ASSERT_TRUE(
        store_
            ->create_wave(
                {"w", "parorendeundersokelse", std::nullopt, {2026, 1, 1}, {2026, 12, 31}, {}})
            .ok());
    add_responses(300, 1);
  }

  void add_responses(std::int64_t count, std::uint64_t seed) {
    auto questionnaire = store_->questionnaire("parorendeundersokelse");
    ASSERT_TRUE(questionnaire.ok());
    analytics::SyntheticSurvey survey(questionnaire.value(), builtin_municipalities(),
                                      {count, seed});
    std::vector<ImportedResponse> batch;
    while (auto response = survey.next())
      batch.push_back({std::move(*response), questionnaire.value()->consent->version});
    ASSERT_TRUE(store_->import_responses("w", batch, {2026, 3, 1}).ok());
  }

  // Every change is looked at at once.
  static ResultsCacheOptions eager() {
    ResultsCacheOptions options;
    options.count_check_interval = std::chrono::seconds(0);
    options.min_recompute_interval = std::chrono::seconds(0);
    return options;
  }

  parorende::testing::TestStoreHome home_{"cache.db"};
  std::unique_ptr<ResponseStore> store_;
};

TEST_F(ResultsCacheTest, RecomputesOnlyWhenTheCountChanges) {
  ResultsCache cache(*store_, eager());
  auto first = cache.published("w");
  ASSERT_TRUE(first.ok()) << first.error().describe();
  // The wave is open: whole cohorts of at least k per municipality are
  // published, the rest wait (docs/privacy.md).
  std::int64_t published = first.value()->report.respondents;
  EXPECT_GT(published, 0);
  EXPECT_LT(published, 300);
  EXPECT_EQ(first.value()->complete_responses, 300);
  EXPECT_EQ(first.value()->report.min_respondents, analytics::kDefaultMinRespondents);
  auto again = cache.published("w");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again.value().get(), first.value().get()) << "unchanged count: the same report";

  add_responses(40, 2);
  auto changed = cache.published("w");
  ASSERT_TRUE(changed.ok());
  EXPECT_NE(changed.value().get(), first.value().get());
  EXPECT_GE(changed.value()->report.respondents, published);
  EXPECT_EQ(changed.value()->complete_responses, 340);
}

TEST_F(ResultsCacheTest, NotMoreOftenThanTheMinimumInterval) {
  ResultsCacheOptions options = eager();
  options.min_recompute_interval = std::chrono::hours(1);
  ResultsCache cache(*store_, options);
  auto first = cache.published("w");
  ASSERT_TRUE(first.ok());
  add_responses(40, 3);
  auto second = cache.published("w");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second.value().get(), first.value().get());
}

TEST_F(ResultsCacheTest, ConcurrentCallersShareOneComputation) {
  ResultsCache cache(*store_, eager());
  std::vector<const PublishedWave*> seen(4, nullptr);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&, i] {
      auto published = cache.published("w");
      if (published) seen[i] = published.value().get();
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (const PublishedWave* wave : seen) EXPECT_EQ(wave, seen.front());
  EXPECT_NE(seen.front(), nullptr);
}

TEST_F(ResultsCacheTest, UnknownWaveIsAnError) {
  ResultsCache cache(*store_, eager());
  auto missing = cache.published("nope");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "wave_not_found");
}

}  // namespace
}  // namespace parorende::server
