#include "store/internal/schema.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <cstdio>
#include <cstring>

#include "questionnaire/response_validation.h"
#include "reference/municipalities.h"
#include "store/internal/stored_answers.h"
#include "store/response_matrix.h"
#include "store/response_store.h"
#include "store_test_support.h"

namespace parorende {
namespace {

using testing::describe_result;

std::unique_ptr<Connection> open_raw(const std::string& path) {
  auto connection = Connection::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  EXPECT_TRUE(connection.ok()) << describe_result(connection);
  return std::move(connection).value();
}

Result<std::unique_ptr<ResponseStore>> open_store(const std::string& path, bool read_only = false) {
  StoreOptions options;
  options.path = path;
  options.read_only = read_only;
  return ResponseStore::open(options);
}

bool has_table(Connection& connection, const std::string& name) {
  return connection
             .query_int("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '" +
                        name + "'")
             .value() == 1;
}

// Writes a questionnaire, a wave and one complete response with plain SQL,
// as a parorende of schema version 1 would have.
void write_version_1_data(Connection& connection) {
  std::string definition = testing::small_survey_text();
  auto questionnaire = load_questionnaire_text(definition);
  ASSERT_TRUE(questionnaire.ok());
  boost::json::object document;
  document["municipality"] = "4601";
  document["answers"] = boost::json::parse(R"({"home": "4601", "informed": 5, "hours": 3})");
  auto response = validate_response(questionnaire.value(), document);
  ASSERT_TRUE(response.ok()) << describe_result(response);
  std::vector<double> values =
      pack_answers(questionnaire.value(), matrix_columns(questionnaire.value()), response->answers);
  std::vector<std::uint8_t> blob(values.size() * sizeof(double));
  std::memcpy(blob.data(), values.data(), blob.size());

  auto insert_questionnaire = connection.statement(
      "INSERT INTO questionnaires (questionnaire_id, version, definition) VALUES (?, ?, ?)");
  ASSERT_TRUE(insert_questionnaire.ok());
  insert_questionnaire->bind(1, std::string_view("small_survey"))
      .bind(2, std::string_view("1.0.0"))
      .bind(3, definition);
  ASSERT_TRUE(insert_questionnaire->run().ok());
  ASSERT_TRUE(connection
                  .execute("INSERT INTO waves (name, questionnaire, opens_on, closes_on)"
                           " VALUES ('old', 1, '2025-01-01', '2025-12-31')")
                  .ok());
  auto insert_response = connection.statement(
      "INSERT INTO responses (wave, municipality, status, language, consent_version,"
      " started_on, saved_on, completed_on, item_values)"
      " VALUES (1, '4601', 'complete', 'nb', '2026-1', '2025-02-01', '2025-02-01', '2025-02-01', "
      "?)");
  ASSERT_TRUE(insert_response.ok());
  insert_response->bind_blob(1, blob);
  ASSERT_TRUE(insert_response->run().ok());
  std::string answers = encode_stored_answers(questionnaire.value(), response->answers);
  auto insert_answers =
      connection.statement("INSERT INTO response_answers (response, answers) VALUES (1, ?)");
  ASSERT_TRUE(insert_answers.ok());
  insert_answers->bind(1, answers);
  ASSERT_TRUE(insert_answers->run().ok());
}

TEST(SchemaMigrationTest, AnEmptyDatabaseGetsTheLatestSchema) {
  testing::TempDir directory;
  std::string path = (directory.path() / "new.db").string();
  auto store = open_store(path);
  ASSERT_TRUE(store.ok()) << describe_result(store);
  store.value().reset();

  auto connection = open_raw(path);
  EXPECT_EQ(schema_version(*connection).value(), latest_schema_version());
  for (const char* table : {"municipalities", "questionnaires", "waves", "wave_municipalities",
                            "responses", "response_answers", "municipality_offers"}) {
    EXPECT_TRUE(has_table(*connection, table)) << table;
  }
  EXPECT_EQ(connection->query_int("SELECT count(*) FROM municipalities").value(),
            static_cast<std::int64_t>(builtin_municipalities().size()));
  EXPECT_EQ(
      connection->query_int("SELECT population FROM municipalities WHERE code = '0301'").value(),
      builtin_municipalities().find("0301")->population);
}

TEST(SchemaMigrationTest, EveryEarlierSchemaMigratesWithItsData) {
  for (int version = 0; version < latest_schema_version(); ++version) {
    SCOPED_TRACE("from schema version " + std::to_string(version));
    testing::TempDir directory;
    std::string path = (directory.path() / "old.db").string();
    {
      auto connection = open_raw(path);
      ASSERT_TRUE(migrate(*connection, version).ok());
      EXPECT_EQ(schema_version(*connection).value(), version);
      if (version >= 1) write_version_1_data(*connection);
    }
    auto store = open_store(path);
    ASSERT_TRUE(store.ok()) << describe_result(store);
    auto stats = store.value()->stats();
    ASSERT_TRUE(stats.ok());
    EXPECT_EQ(stats->schema_version, latest_schema_version());
    auto offers = store.value()->offers("4601");
    ASSERT_TRUE(offers.ok()) << describe_result(offers);
    EXPECT_TRUE(offers->empty());
    if (version >= 1) {
      auto matrix = store.value()->complete_responses("old");
      ASSERT_TRUE(matrix.ok()) << describe_result(matrix);
      ASSERT_EQ(matrix->rows(), 1u);
      EXPECT_EQ(matrix->municipalities[0], 4601);
      EXPECT_EQ(matrix->at(0, 1), 5);  // informed
    }
    store.value().reset();
    // Opening again is a no-op.
    auto again = open_store(path);
    ASSERT_TRUE(again.ok()) << describe_result(again);
  }
}

TEST(SchemaMigrationTest, Version3ReplacesTheUnusedOffersTable) {
  testing::TempDir directory;
  std::string path = (directory.path() / "v2.db").string();
  {
    auto connection = open_raw(path);
    ASSERT_TRUE(migrate(*connection, 2).ok());
    EXPECT_TRUE(has_table(*connection, "municipality_offers"));
    ASSERT_TRUE(migrate(*connection, 3).ok());
    EXPECT_EQ(schema_version(*connection).value(), 3);
    for (const char* column :
         {"municipality", "offer_id", "type", "target_groups", "condition_groups", "name_nb",
          "name_nn", "name_en", "description_nb", "description_nn", "description_en",
          "contact_name", "phone", "email", "url", "address", "demo"}) {
      EXPECT_EQ(connection
                    ->query_int(std::string("SELECT count(*) FROM pragma_table_info("
                                            "'municipality_offers') WHERE name = '") +
                                column + "'")
                    .value(),
                1)
          << column;
    }
    EXPECT_EQ(connection
                  ->query_int("SELECT count(*) FROM pragma_table_info('municipality_offers')"
                              " WHERE name IN ('kind', 'title', 'valid_from')")
                  .value(),
              0);
    ASSERT_TRUE(connection->execute("PRAGMA foreign_keys = ON").ok());
    const char* insert =
        "INSERT INTO municipality_offers (municipality, offer_id, type, target_groups,"
        " condition_groups, name_nb, name_nn, name_en, description_nb, description_nn,"
        " description_en, contact_name, phone, email, url, address, demo) VALUES"
        " ('%s', 'a', 'course', 'adults', '', 'Kurs', '', '', '', '', '', '', '', '', '', '', 1)";
    char sql[1024];
    std::snprintf(sql, sizeof sql, insert, "5038");
    EXPECT_TRUE(connection->execute(sql).ok());
    // Unique per municipality, and the municipality must exist.
    EXPECT_FALSE(connection->execute(sql).ok());
    std::snprintf(sql, sizeof sql, insert, "0301");
    EXPECT_TRUE(connection->execute(sql).ok());
    std::snprintf(sql, sizeof sql, insert, "9999");
    EXPECT_FALSE(connection->execute(sql).ok());
  }
  auto store = open_store(path);
  ASSERT_TRUE(store.ok()) << describe_result(store);
  auto offers = store.value()->offers("5038");
  ASSERT_TRUE(offers.ok()) << describe_result(offers);
  ASSERT_EQ(offers->size(), 1u);
  EXPECT_EQ(offers->at(0).name.in("nb"), "Kurs");
  EXPECT_TRUE(offers->at(0).demo);
}

TEST(SchemaMigrationTest, ADatabaseFromANewerParorendeIsRefused) {
  testing::TempDir directory;
  std::string path = (directory.path() / "future.db").string();
  ASSERT_TRUE(open_store(path).ok());
  {
    auto connection = open_raw(path);
    ASSERT_TRUE(
        connection->execute("PRAGMA user_version = " + std::to_string(latest_schema_version() + 1))
            .ok());
  }
  auto store = open_store(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, "schema_too_new");
  EXPECT_TRUE(testing::contains(store.error().message, "newer parorende"));
  EXPECT_EQ(open_store(path, true).error().code, "schema_too_new");
}

TEST(SchemaMigrationTest, AnotherApplicationsDatabaseIsRefused) {
  testing::TempDir directory;
  std::string path = (directory.path() / "other.db").string();
  ASSERT_TRUE(open_raw(path)->execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)").ok());
  auto store = open_store(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, "not_a_parorende_database");
  EXPECT_TRUE(has_table(*open_raw(path), "photos"));
  EXPECT_FALSE(has_table(*open_raw(path), "responses"));
}

TEST(SchemaMigrationTest, AFailedMigrationChangesNothing) {
  testing::TempDir directory;
  std::string path = (directory.path() / "half.db").string();
  {
    auto connection = open_raw(path);
    ASSERT_TRUE(migrate(*connection, 1).ok());
    // Version 2 creates this table; a clash makes that migration fail.
    ASSERT_TRUE(connection->execute("CREATE TABLE municipality_offers (clash INTEGER)").ok());
  }
  auto store = open_store(path);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, "storage_failure");
  auto connection = open_raw(path);
  EXPECT_EQ(schema_version(*connection).value(), 1);
  EXPECT_EQ(connection->query_int("SELECT count(*) FROM pragma_table_info('municipality_offers')")
                .value(),
            1);
  EXPECT_EQ(connection
                ->query_int("SELECT count(*) FROM sqlite_schema WHERE name ="
                            " 'municipality_offers_by_municipality'")
                .value(),
            0);
}

TEST(SchemaMigrationTest, ReadOnlyOpeningNeedsTheLatestSchema) {
  testing::TempDir directory;
  std::string path = (directory.path() / "old.db").string();
  ASSERT_TRUE(migrate(*open_raw(path), 1).ok());
  auto store = open_store(path, true);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.error().code, "schema_outdated");
}

}  // namespace
}  // namespace parorende
