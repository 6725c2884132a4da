// Two stores on one PostgreSQL database, as two servers are: their writes
// take turns, so a write that checks and then changes is never undone by
// the other's (store/internal/write_queue.cpp); and a connection the
// database drops is made again.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "postgres_test_support.h"
#include "questionnaire/response_validation.h"
#include "store/response_store.h"
#include "store_test_support.h"

namespace parorende {
namespace {

using testing::kConsent;
using testing::kToday;

std::unique_ptr<ResponseStore> open_on(const testing::PostgresTestDatabase& database) {
  StoreOptions options;
  options.path = database.uri();
  auto store = ResponseStore::open(options);
  EXPECT_TRUE(store.ok()) << store.error().describe();
  return store.ok() ? std::move(store).value() : nullptr;
}

Response small_survey_response(const Questionnaire& questionnaire, bool complete) {
  boost::json::object document;
  document["language"] = "nb";
  document["municipality"] = "0301";
  document["answers"] = complete ? boost::json::parse(R"({"home": "0301", "informed": 4, "heard": 9,
                   "children": true, "help_used": [1, 3], "hours": 12, "started": "2020-05-17"})")
                                 : boost::json::parse(R"({"heard": 2})");
  ValidationOptions options;
  options.completeness = complete ? Completeness::complete : Completeness::partial;
  auto validated = validate_response(questionnaire, document, options);
  EXPECT_TRUE(validated.ok()) << testing::describe_problems(validated.error());
  return validated.ok() ? std::move(validated).value() : Response{};
}

TEST(PostgresServers, OfTwoServersCompletingOneResponseOneWins) {
  POSTGRES_TEST_DATABASE(database);
  auto first = open_on(database);
  auto second = open_on(database);
  ASSERT_TRUE(first && second);
  ASSERT_TRUE(first->publish_questionnaire(testing::small_survey_text()).ok());
  ASSERT_TRUE(
      first
          ->create_wave(
              {"spring", "small_survey", std::nullopt, testing::kOpens, testing::kCloses, {}})
          .ok());
  auto questionnaire = second->questionnaire("small_survey");
  ASSERT_TRUE(questionnaire.ok());
  Response partial = small_survey_response(*questionnaire.value(), false);
  Response complete = small_survey_response(*questionnaire.value(), true);
  constexpr int kRounds = 40;
  int both_won = 0;
  for (int round = 0; round < kRounds; ++round) {
    auto saved = first->submit("spring", partial, kConsent, kToday);
    ASSERT_TRUE(saved.ok());
    std::atomic<int> won{0};
    std::atomic<int> lost{0};
    auto complete_through = [&](ResponseStore& store) {
      auto done = store.update(saved->resume_code, complete, kToday);
      if (done.ok()) {
        ++won;
      } else {
        EXPECT_EQ(done.error().code, "code_not_found") << done.error().message;
        ++lost;
      }
    };
    std::thread one([&] { complete_through(*first); });
    std::thread other([&] { complete_through(*second); });
    one.join();
    other.join();
    if (won == 2) ++both_won;
    EXPECT_EQ(won + lost, 2);
  }
  EXPECT_EQ(both_won, 0) << "of " << kRounds << " rounds, both servers completed one response";
  auto stats = first->stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->waves[0].complete, kRounds);
}

TEST(PostgresServers, AConnectionTheDatabaseDropsIsMadeAgain) {
  POSTGRES_TEST_DATABASE(database);
  auto store = open_on(database);
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->publish_questionnaire(testing::small_survey_text()).ok());
  ASSERT_TRUE(
      store
          ->create_wave(
              {"spring", "small_survey", std::nullopt, testing::kOpens, testing::kCloses, {}})
          .ok());
  auto questionnaire = store->questionnaire("small_survey");
  ASSERT_TRUE(questionnaire.ok());
  Response complete = small_survey_response(*questionnaire.value(), true);
  ASSERT_TRUE(store->submit("spring", complete, kConsent, kToday).ok());
  ASSERT_TRUE(store->stats().ok());

  auto admin = testing::connect_postgres(database);
  ASSERT_TRUE(admin);
  auto ended = admin->query_int(
      "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
      " WHERE datname = current_database() AND pid <> pg_backend_pid()");
  ASSERT_TRUE(ended.ok());
  EXPECT_GE(ended.value(), 2) << "the writer's and a reader's";

  // The writer finds its connection dropped at the batch's BEGIN, before
  // anything ran, and begins again on a new one. A reader's first use of a
  // dropped connection fails (503: the client asks again); the next finds
  // it made again.
  auto submitted = store->submit("spring", complete, kConsent, kToday);
  EXPECT_TRUE(submitted.ok()) << submitted.error().message;
  auto retried = [](auto attempt) {
    auto result = attempt();
    return result.ok() ? std::move(result) : attempt();
  };
  auto stats = retried([&] { return store->stats(); });
  ASSERT_TRUE(stats.ok()) << stats.error().message;
  EXPECT_EQ(stats->waves[0].complete, 2);
  EXPECT_TRUE(store->submit("spring", complete, kConsent, kToday).ok());
}

}  // namespace
}  // namespace parorende
