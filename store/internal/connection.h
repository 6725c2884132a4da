// A database connection of either engine, as the store's code sees it: one
// surface over SQLite (sqlite_connection.h) and PostgreSQL
// (postgres_connection.h), so the store's SQL is written once. Which engine
// a connection is decides only what no SQL can say the same way on both:
// opening, pragmas, checkpoints, backups (docs/storage.md).
//
//   auto insert = connection.statement("INSERT INTO t (a) VALUES (?) RETURNING id");
//   insert->bind(1, std::int64_t{7});
//   auto row = insert->step();  // true: insert->int64(0) is the new id
//
// The SQL both engines read alike: `?`/`?N` parameters, INSERT ... ON
// CONFLICT, RETURNING, CASE, the usual aggregates; yes/no columns are 0/1.
// A failure is "storage_failure", as each engine's layer reports it.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <variant>

#include "common/result.h"
#include "store/internal/postgres_connection.h"
#include "store/internal/sqlite_connection.h"
#include "store/store_location.h"

namespace parorende {

// A statement in use (each engine's contract: sqlite_connection.h,
// postgres_connection.h). SQLite binds text and blobs without copying them,
// so what is bound must outlive the use.
class StatementUse {
 public:
  explicit StatementUse(SqliteStatement statement) : statement_(std::move(statement)) {}
  explicit StatementUse(PostgresStatement statement) : statement_(std::move(statement)) {}

  StatementUse& bind(int index, std::int64_t value) {
    std::visit([&](auto& s) { s.bind(index, value); }, statement_);
    return *this;
  }
  StatementUse& bind(int index, double value) {
    std::visit([&](auto& s) { s.bind(index, value); }, statement_);
    return *this;
  }
  StatementUse& bind(int index, std::string_view text) {
    std::visit([&](auto& s) { s.bind(index, text); }, statement_);
    return *this;
  }
  StatementUse& bind_blob(int index, std::span<const std::uint8_t> bytes) {
    std::visit([&](auto& s) { s.bind_blob(index, bytes); }, statement_);
    return *this;
  }
  StatementUse& bind_null(int index) {
    std::visit([&](auto& s) { s.bind_null(index); }, statement_);
    return *this;
  }

  // True when a row is available, false when done.
  Result<bool> step() {
    return std::visit([](auto& s) { return s.step(); }, statement_);
  }
  // Steps to the end, for statements without results.
  Status run() {
    return std::visit([](auto& s) { return s.run(); }, statement_);
  }
  // Ready for new bindings and another run.
  void reset() {
    std::visit([](auto& s) { s.reset(); }, statement_);
  }

  bool is_null(int column) const {
    return std::visit([&](const auto& s) { return s.is_null(column); }, statement_);
  }
  std::int64_t int64(int column) const {
    return std::visit([&](const auto& s) { return s.int64(column); }, statement_);
  }
  double real(int column) const {
    return std::visit([&](const auto& s) { return s.real(column); }, statement_);
  }
  std::string_view text(int column) const {
    return std::visit([&](const auto& s) { return s.text(column); }, statement_);
  }
  std::span<const std::uint8_t> blob(int column) const {
    return std::visit([&](const auto& s) { return s.blob(column); }, statement_);
  }

 private:
  std::variant<SqliteStatement, PostgresStatement> statement_;
};

// Runs an INSERT ... RETURNING id to its end: the new row's id.
Result<std::int64_t> run_returning_id(StatementUse& insert);

class Connection {
 public:
  // An SQLite file; `flags` as for sqlite3_open_v2.
  static Result<std::unique_ptr<Connection>> open(const std::string& path, int flags);
  // A PostgreSQL database; `conninfo` as libpq reads it.
  static Result<std::unique_ptr<Connection>> open_postgres(const std::string& conninfo);

  StoreEngine engine() const { return sqlite_ ? StoreEngine::sqlite : StoreEngine::postgresql; }

  // Runs SQL without parameters or results (several statements allowed).
  Status execute(std::string_view sql);
  // A statement prepared once per connection and reused.
  Result<StatementUse> statement(std::string_view sql);
  // The same for a read of many rows: PostgreSQL sends them one at a time
  // (postgres_connection.h); SQLite steps through its file anyway.
  Result<StatementUse> streaming_statement(std::string_view sql);
  // Reads one integer, e.g. "SELECT count(*) FROM waves".
  Result<std::int64_t> query_int(std::string_view sql);
  // Rows the last statement inserted, updated or deleted.
  std::int64_t changes() const;
  // Whether a transaction is open (on PostgreSQL also when a failure in it
  // left it to be rolled back); false after the engine ended one itself.
  bool in_transaction();
  // PostgreSQL: the open transaction met an error and can only be rolled
  // back. Always false on SQLite, which ends such a transaction itself.
  bool transaction_failed() const { return postgres_ && postgres_->transaction_failed(); }
  // PostgreSQL: reconnects a lost connection (true when it is up). SQLite's
  // file is never lost: true.
  bool reconnect() { return !postgres_ || postgres_->reconnect(); }
  // PostgreSQL: a SET kept for the session, made again after a reconnect.
  Status set_session(std::string_view sql) {
    return postgres_ ? postgres_->set_session(sql) : execute(sql);
  }

  // The engine's own connection, for what only it can do; null on the
  // other engine.
  SqliteConnection* sqlite() { return sqlite_.get(); }
  PostgresConnection* postgres() { return postgres_.get(); }
  // SQLite's handle, for its C API (checkpoints, backups, busy timeouts).
  sqlite3* handle() { return sqlite_ ? sqlite_->handle() : nullptr; }

 private:
  Connection() = default;
  std::unique_ptr<SqliteConnection> sqlite_;
  std::unique_ptr<PostgresConnection> postgres_;
};

}  // namespace parorende
