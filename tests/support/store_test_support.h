// Helpers for the response store tests: a small questionnaire in
// tests/data/store/, an opened store in a temporary directory, and responses
// built through the real validation.
#pragma once

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "postgres_test_support.h"
#include "questionnaire/response_validation.h"
#include "store/internal/connection.h"
#include "store/response_store.h"
#include "test_support.h"

namespace parorende::testing {

inline std::string small_survey_path() {
  return kSourceDir + "/tests/data/store/small_survey.json";
}

inline std::string small_survey_text() { return read_file(small_survey_path()); }

inline constexpr std::string_view kConsent = "2026-1";
inline constexpr Date kOpens{2026, 3, 1};
inline constexpr Date kToday{2026, 3, 10};
inline constexpr Date kCloses{2026, 4, 30};

inline std::unique_ptr<ResponseStore> open_store_at(
    const std::string& path,
    StoreOptions::Synchronous synchronous = StoreOptions::Synchronous::full) {
  StoreOptions options;
  options.path = path;
  options.synchronous = synchronous;
  auto store = ResponseStore::open(options);
  if (!store) {
    ADD_FAILURE() << "cannot open store: " << describe_problems(store.error());
    return nullptr;
  }
  return std::move(store).value();
}

// Whether the store's tests run on PostgreSQL: PARORENDE_TEST_STORE_ENGINE
// is "postgresql" (ctest's unit.postgresql and integration.postgresql,
// docs/testing.md) and a server is given. Without one they run on SQLite
// again, unless PARORENDE_REQUIRE_POSTGRESQL says the run needs it.
inline bool store_tests_on_postgres() {
  const char* engine = std::getenv("PARORENDE_TEST_STORE_ENGINE");
  if (engine == nullptr || std::string_view(engine) != "postgresql") return false;
  const char* server = std::getenv("PARORENDE_TEST_POSTGRESQL");
  if (server != nullptr && *server != '\0') return true;
  if (postgres_required()) {
    ADD_FAILURE() << "PARORENDE_TEST_STORE_ENGINE=postgresql without PARORENDE_TEST_POSTGRESQL";
  }
  return false;
}

// Where a test's store lives: a file in a temporary folder, or, when the
// store's tests run on PostgreSQL, a database of the test's own. `path()`
// is what StoreOptions::path and the analytics' readers take.
class TestStoreHome {
 public:
  explicit TestStoreHome(std::string_view file = "store.db") {
    if (store_tests_on_postgres()) {
      if (auto created = PostgresTestDatabase::create()) database_.emplace(std::move(*created));
      EXPECT_TRUE(database_);
      if (database_) path_ = database_->uri();
    } else {
      path_ = (directory_.path() / file).string();
    }
  }
  const std::string& path() const { return path_; }

 private:
  TempDir directory_;
  std::optional<PostgresTestDatabase> database_;
  std::string path_;
};

// A store with small_survey published and a national wave "spring"
// (kOpens to kCloses) plus a wave "west" for 4601 (Bergen) and 5001
// (Trondheim) only; on SQLite or PostgreSQL (store_tests_on_postgres()),
// `path_` naming either.
class StoreFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    if (store_tests_on_postgres()) {
      if (auto created = PostgresTestDatabase::create()) database_.emplace(std::move(*created));
      ASSERT_TRUE(database_);
      path_ = database_->uri();
    } else {
      path_ = (directory_.path() / "responses.db").string();
    }
    store_ = open_store_at(path_);
    ASSERT_NE(store_, nullptr);
    auto published = store_->publish_questionnaire(small_survey_text());
    ASSERT_TRUE(published.ok()) << describe_result(published);
    auto questionnaire = store_->questionnaire("small_survey");
    ASSERT_TRUE(questionnaire.ok()) << describe_result(questionnaire);
    questionnaire_ = questionnaire.value();
    auto spring =
        store_->create_wave({"spring", "small_survey", std::nullopt, kOpens, kCloses, {}});
    ASSERT_TRUE(spring.ok()) << describe_result(spring);
    auto west =
        store_->create_wave({"west", "small_survey", "1.0.0", kOpens, kCloses, {"5001", "4601"}});
    ASSERT_TRUE(west.ok()) << describe_result(west);
  }

  // The store's database itself, bypassing the store, on either engine.
  Result<std::unique_ptr<Connection>> connect_directly() {
    if (database_) return Connection::open_postgres(database_->conninfo());
    return Connection::open(path_, SQLITE_OPEN_READWRITE);
  }

  // Every byte the database keeps on disk: SQLite's file and its WAL, or
  // (after a checkpoint) PostgreSQL's files of this database and its WAL.
  std::string stored_bytes() {
    std::vector<std::filesystem::path> files;
    if (!database_) {
      files = {path_, path_ + "-wal"};
    } else {
      auto connection = connect_directly();
      EXPECT_TRUE(connection.ok());
      if (!connection.ok()) return {};
      EXPECT_TRUE((*connection)->execute("CHECKPOINT"));
      auto oid = (*connection)
                     ->query_int("SELECT oid FROM pg_database WHERE datname = current_database()");
      const char* server = std::getenv("PARORENDE_TEST_POSTGRESQL_DIR");
      EXPECT_TRUE(oid.ok() && server != nullptr) << "PARORENDE_TEST_POSTGRESQL_DIR";
      if (!oid.ok() || server == nullptr) return {};
      std::filesystem::path data = std::filesystem::path(server) / "data";
      for (const auto& folder : {data / "base" / std::to_string(oid.value()), data / "pg_wal"}) {
        for (const auto& entry : std::filesystem::directory_iterator(folder)) {
          if (entry.is_regular_file()) files.push_back(entry.path());
        }
      }
    }
    std::string bytes;
    for (const auto& file : files) {
      std::ifstream in(file, std::ios::binary);
      bytes.append(std::istreambuf_iterator<char>(in), {});
    }
    return bytes;
  }

  // A validated response; `answers` is a JSON object literal.
  Response response(std::string_view answers, Completeness completeness = Completeness::complete,
                    std::string_view municipality = "0301") {
    boost::json::object document;
    document["language"] = "nb";
    if (!municipality.empty()) document["municipality"] = municipality;
    document["answers"] = boost::json::parse(answers);
    ValidationOptions options;
    options.completeness = completeness;
    auto validated = validate_response(*questionnaire_, document, options);
    if (!validated) {
      ADD_FAILURE() << "response does not validate: " << describe_problems(validated.error());
      return Response{};
    }
    return std::move(validated).value();
  }

  // Lives in `municipality` (none: the answer says Oslo, the envelope nothing).
  Response complete_response(std::string_view municipality = "0301") {
    std::string home(municipality.empty() ? "0301" : municipality);
    return response(R"({"home": ")" + home + R"(", "informed": 4, "heard": 9, "children": true,
                        "help_used": [1, 3], "hours": 12, "started": "2020-05-17",
                        "comment": "Takk"})",
                    Completeness::complete, municipality);
  }

  Response partial_response() { return response(R"({"heard": 2})", Completeness::partial); }

  TempDir directory_;
  std::optional<PostgresTestDatabase> database_;  // dropped after the store closes
  std::string path_;
  std::unique_ptr<ResponseStore> store_;
  std::shared_ptr<const Questionnaire> questionnaire_;
};

}  // namespace parorende::testing
