// The PostgreSQL schema (store/internal/postgres_schema.h) on a real
// server: migrated once to SQLite's latest version, with every table and
// column the SQLite file has, in the same order (what a copy between the
// two engines needs), and refusing what is not ours or too new.
#include "store/internal/postgres_schema.h"

#include <gtest/gtest.h>

#include <thread>

#include "postgres_test_support.h"
#include "reference/municipalities.h"
#include "store/internal/schema.h"
#include "test_support.h"

namespace parorende {
namespace {

using testing::contains;

// "table.column" of every column, tables by name, columns in order.
std::vector<std::string> postgres_columns(PostgresConnection& connection) {
  auto columns = connection.statement(
      "SELECT table_name, column_name FROM information_schema.columns"
      " WHERE table_schema = current_schema() AND table_name <> 'parorende_schema'"
      " ORDER BY table_name COLLATE \"C\", ordinal_position");
  EXPECT_TRUE(columns);
  std::vector<std::string> names;
  while (columns->step().value()) {
    names.push_back(std::string(columns->text(0)) + "." + std::string(columns->text(1)));
  }
  return names;
}

std::vector<std::string> sqlite_columns(Connection& connection) {
  auto columns = connection.statement(
      "SELECT m.name, p.name FROM sqlite_schema m, pragma_table_info(m.name) p"
      " WHERE m.type = 'table' ORDER BY m.name, p.cid");
  EXPECT_TRUE(columns);
  std::vector<std::string> names;
  while (columns->step().value()) {
    names.push_back(std::string(columns->text(0)) + "." + std::string(columns->text(1)));
  }
  return names;
}

TEST(PostgresSchema, AnEmptyDatabaseMigratesToTheLatestVersionWithEverySqliteColumn) {
  POSTGRES_TEST_DATABASE(database);
  auto connection = testing::connect_postgres(database);
  ASSERT_TRUE(connection);
  EXPECT_EQ(postgres_schema_version(*connection).value(), 0);
  ASSERT_TRUE(migrate_postgres(*connection));
  EXPECT_EQ(postgres_schema_version(*connection).value(), latest_schema_version());
  EXPECT_EQ(connection->query_int("SELECT count(*) FROM municipalities").value(),
            static_cast<std::int64_t>(builtin_municipalities().all().size()));

  testing::TempDir folder;
  auto sqlite = Connection::open((folder.path() / "s.db").string(),
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  ASSERT_TRUE(sqlite);
  ASSERT_TRUE(migrate(**sqlite));
  std::vector<std::string> expected = sqlite_columns(**sqlite);
  ASSERT_GT(expected.size(), 100u);
  EXPECT_EQ(postgres_columns(*connection), expected);

  // Again: nothing to do, nothing loaded twice.
  ASSERT_TRUE(migrate_postgres(*connection));
  EXPECT_EQ(connection->query_int("SELECT count(*) FROM municipalities").value(),
            static_cast<std::int64_t>(builtin_municipalities().all().size()));
}

TEST(PostgresSchema, TextSortsByteByByteAsInSqlite) {
  POSTGRES_TEST_DATABASE(database);
  auto connection = testing::connect_postgres(database);
  ASSERT_TRUE(connection);
  ASSERT_TRUE(migrate_postgres(*connection));
  auto sorted = connection->statement(
      "SELECT name FROM municipalities WHERE code IN ('0301', '4601', '3901', '5001')"
      " ORDER BY name");
  ASSERT_TRUE(sorted);
  std::vector<std::string> names;
  while (sorted->step().value()) names.emplace_back(sorted->text(0));
  std::vector<std::string> bytewise = names;
  std::sort(bytewise.begin(), bytewise.end());
  EXPECT_EQ(names, bytewise);
  auto order = connection->query_int("SELECT ('Ålesund'::ctext < 'Zeta'::ctext)::int");
  ASSERT_TRUE(order);
  EXPECT_EQ(order.value(), 0) << "'Å' is two bytes above 'Z'";
}

TEST(PostgresSchema, AnotherApplicationsTablesAreRefused) {
  POSTGRES_TEST_DATABASE(database);
  auto connection = testing::connect_postgres(database);
  ASSERT_TRUE(connection);
  ASSERT_TRUE(connection->execute("CREATE TABLE invoices (id BIGINT)"));
  auto migrated = migrate_postgres(*connection);
  ASSERT_FALSE(migrated);
  EXPECT_EQ(migrated.error().code, "not_a_parorende_database");
  EXPECT_EQ(
      connection->query_int("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").value(),
      1)
      << "nothing of ours is left behind";
}

TEST(PostgresSchema, ANewerVersionIsRefused) {
  POSTGRES_TEST_DATABASE(database);
  auto connection = testing::connect_postgres(database);
  ASSERT_TRUE(connection);
  ASSERT_TRUE(migrate_postgres(*connection));
  ASSERT_TRUE(connection->execute("UPDATE parorende_schema SET version = version + 1"));
  auto migrated = migrate_postgres(*connection);
  ASSERT_FALSE(migrated);
  EXPECT_EQ(migrated.error().code, "schema_too_new");
  EXPECT_TRUE(contains(migrated.error().message,
                       "this one knows up to " + std::to_string(latest_schema_version())))
      << migrated.error().message;
}

TEST(PostgresSchema, ServersStartingAtOnceMigrateOnce) {
  POSTGRES_TEST_DATABASE(database);
  std::vector<Status> results(4);
  std::vector<std::thread> servers;
  for (std::size_t i = 0; i < results.size(); ++i) {
    servers.emplace_back([&, i] {
      auto connection = PostgresConnection::open(database.conninfo());
      results[i] = connection ? migrate_postgres(**connection) : Status(connection.error());
    });
  }
  for (std::thread& server : servers) server.join();
  for (const Status& result : results) EXPECT_TRUE(result) << result.error().message;
  auto connection = testing::connect_postgres(database);
  ASSERT_TRUE(connection);
  EXPECT_EQ(connection->query_int("SELECT count(*) FROM municipalities").value(),
            static_cast<std::int64_t>(builtin_municipalities().all().size()));
}

TEST(PostgresSchema, HistoryCannotBeRewritten) {
  POSTGRES_TEST_DATABASE(database);
  auto connection = testing::connect_postgres(database);
  ASSERT_TRUE(connection);
  ASSERT_TRUE(migrate_postgres(*connection));
  ASSERT_TRUE(connection->execute(
      "INSERT INTO audit_log VALUES (1, '2026-12-04T12:00:00Z', 'ola', 'sign_in', 'ola', 'ok',"
      " '', 'h0', 'h1');"
      "INSERT INTO questionnaires (questionnaire_id, version, definition) VALUES ('q', '1', "
      "'{}')"));
  for (std::string_view change :
       {"UPDATE audit_log SET actor = 'kari'", "DELETE FROM audit_log", "TRUNCATE audit_log"}) {
    auto refused = connection->execute(change);
    ASSERT_FALSE(refused) << change;
    EXPECT_TRUE(contains(refused.error().message, "the audit log is append-only"))
        << refused.error().message;
  }
  for (std::string_view change :
       {"UPDATE questionnaires SET definition = '[]'", "DELETE FROM questionnaires",
        "TRUNCATE questionnaires CASCADE"}) {
    auto refused = connection->execute(change);
    ASSERT_FALSE(refused) << change;
    EXPECT_TRUE(contains(refused.error().message, "questionnaire_immutable"))
        << refused.error().message;
  }
  EXPECT_EQ(connection->query_int("SELECT count(*) FROM audit_log").value(), 1);
}

}  // namespace
}  // namespace parorende
