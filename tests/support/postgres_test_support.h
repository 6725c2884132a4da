// A database of the test's own on the throwaway PostgreSQL server that
// ./test.sh starts (tests/support/postgres_server.sh), dropped again when
// the test ends:
//
//   POSTGRES_TEST_DATABASE(database);   // skips, or fails under ./test.sh
//   auto connection = PostgresConnection::open(database.conninfo());
//
// PARORENDE_TEST_POSTGRESQL names the server; without it the test is
// skipped, unless PARORENDE_REQUIRE_POSTGRESQL is set (./test.sh sets
// both), when it fails: a suite that should have run must not pass empty.
#pragma once

#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <optional>
#include <string>

#include "store/internal/postgres_connection.h"

namespace parorende::testing {

class PostgresTestDatabase {
 public:
  // nullopt when no server is configured.
  static std::optional<PostgresTestDatabase> create() {
    const char* server = std::getenv("PARORENDE_TEST_POSTGRESQL");
    if (server == nullptr || *server == '\0') return std::nullopt;
    static std::atomic<int> counter{0};
    std::string name =
        "parorende_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter.fetch_add(1));
    PostgresTestDatabase database(server, name);
    database.admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    database.admin("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8'");
    return database;
  }

  PostgresTestDatabase(PostgresTestDatabase&& other) noexcept
      : server_(std::move(other.server_)), name_(std::move(other.name_)) {
    other.name_.clear();
  }
  PostgresTestDatabase& operator=(PostgresTestDatabase&&) = delete;
  ~PostgresTestDatabase() {
    if (!name_.empty()) admin("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
  }

  // The server's connection settings with this database's name.
  std::string conninfo() const { return with_database(name_); }
  // The same as a postgresql:// URI, as --db and StoreOptions::path take it.
  std::string uri() const {
    // The server's URI is postgresql://[authority]/[database][?query].
    std::size_t authority = server_.find("://");
    std::size_t path = server_.find('/', authority == std::string::npos ? 0 : authority + 3);
    std::size_t query = server_.find('?');
    if (authority == std::string::npos || path == std::string::npos) {
      ADD_FAILURE() << "PARORENDE_TEST_POSTGRESQL is not a postgresql:// URI: " << server_;
      return {};
    }
    return server_.substr(0, path) + "/" + name_ +
           (query == std::string::npos ? std::string() : server_.substr(query));
  }
  const std::string& name() const { return name_; }

 private:
  PostgresTestDatabase(std::string server, std::string name)
      : server_(std::move(server)), name_(std::move(name)) {}

  std::string with_database(const std::string& database) const {
    char* error = nullptr;
    PQconninfoOption* options = PQconninfoParse(server_.c_str(), &error);
    if (options == nullptr) {
      std::string message = error != nullptr ? error : "unreadable";
      PQfreemem(error);
      ADD_FAILURE() << "PARORENDE_TEST_POSTGRESQL: " << message;
      return {};
    }
    std::string conninfo;
    for (PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
      std::string keyword = option->keyword;
      if (keyword == "dbname" || option->val == nullptr) continue;
      conninfo += keyword + "='" + escaped(option->val) + "' ";
    }
    PQconninfoFree(options);
    return conninfo + "dbname='" + escaped(database) + "'";
  }

  static std::string escaped(const std::string& value) {
    std::string out;
    for (char c : value) {
      if (c == '\'' || c == '\\') out += '\\';
      out += c;
    }
    return out;
  }

  void admin(const std::string& sql) const {
    PGconn* connection = PQconnectdb(with_database("postgres").c_str());
    if (PQstatus(connection) != CONNECTION_OK) {
      ADD_FAILURE() << "cannot reach the test PostgreSQL: " << PQerrorMessage(connection);
    } else {
      PQclear(PQexec(connection, "SET client_min_messages = warning"));
      PGresult* result = PQexec(connection, sql.c_str());
      if (PQresultStatus(result) != PGRES_COMMAND_OK) {
        ADD_FAILURE() << sql << ": " << PQresultErrorMessage(result);
      }
      PQclear(result);
    }
    PQfinish(connection);
  }

  std::string server_;
  std::string name_;
};

// A connection to `database`; null (and the test failed) when none.
inline std::unique_ptr<PostgresConnection> connect_postgres(const PostgresTestDatabase& database) {
  auto connection = PostgresConnection::open(database.conninfo());
  if (!connection) {
    ADD_FAILURE() << connection.error().message;
    return nullptr;
  }
  return std::move(connection).value();
}

inline bool postgres_required() {
  const char* required = std::getenv("PARORENDE_REQUIRE_POSTGRESQL");
  return required != nullptr && *required != '\0';
}

}  // namespace parorende::testing

// Declares `name`, a PostgresTestDatabase, or ends the test: skipped
// without a server, failed when one is required.
#define POSTGRES_TEST_DATABASE(name)                                                      \
  auto name##_created = ::parorende::testing::PostgresTestDatabase::create();             \
  if (!name##_created) {                                                                  \
    if (::parorende::testing::postgres_required()) {                                      \
      FAIL() << "PARORENDE_TEST_POSTGRESQL is not set, and PARORENDE_REQUIRE_POSTGRESQL " \
                "says this run needs it";                                                 \
    }                                                                                     \
    GTEST_SKIP() << "no PostgreSQL: set PARORENDE_TEST_POSTGRESQL "                       \
                    "(eval \"$(tests/support/postgres_server.sh start)\")";               \
  }                                                                                       \
  ::parorende::testing::PostgresTestDatabase& name = *name##_created
