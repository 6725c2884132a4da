// A thin RAII layer over the SQLite C API, reporting failures as Result with
// code "storage_failure". A SqliteConnection is used by one thread at a
// time. The store reaches it through connection.h, which serves either
// engine.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "common/result.h"

namespace parorende {

// A statement in use: bind, step, read columns. Text and blobs are bound
// without copying, so they must outlive the use. Resets (and clears the
// bindings) on destruction, which also ends the read it held open.
class SqliteStatement {
 public:
  explicit SqliteStatement(sqlite3_stmt* statement) : statement_(statement) {}
  ~SqliteStatement();
  SqliteStatement(SqliteStatement&& other) noexcept;
  SqliteStatement& operator=(SqliteStatement&&) = delete;
  SqliteStatement(const SqliteStatement&) = delete;
  SqliteStatement& operator=(const SqliteStatement&) = delete;

  // Parameters are 1-based, as in SQLite.
  SqliteStatement& bind(int index, std::int64_t value);
  SqliteStatement& bind(int index, double value);
  SqliteStatement& bind(int index, std::string_view text);
  SqliteStatement& bind_blob(int index, std::span<const std::uint8_t> bytes);
  SqliteStatement& bind_null(int index);

  // True when a row is available, false when done.
  Result<bool> step();
  // Steps to the end, for statements without results.
  Status run();
  // Ready for new bindings and another run.
  void reset();

  int column_count() const;
  // SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL.
  int column_type(int column) const;
  bool is_null(int column) const;
  std::int64_t int64(int column) const;
  double real(int column) const;
  std::string_view text(int column) const;
  std::span<const std::uint8_t> blob(int column) const;

 private:
  sqlite3_stmt* statement_;
  Status bind_status_;  // the first bind failure, reported by step()
  void check_bind(int rc);
};

class SqliteConnection {
 public:
  // `flags` as for sqlite3_open_v2.
  static Result<std::unique_ptr<SqliteConnection>> open(const std::string& path, int flags);
  ~SqliteConnection();
  SqliteConnection(const SqliteConnection&) = delete;
  SqliteConnection& operator=(const SqliteConnection&) = delete;

  // Runs SQL without results (several statements allowed).
  Status execute(std::string_view sql);
  // A statement prepared once per connection and reused.
  Result<SqliteStatement> statement(std::string_view sql);
  // Reads one integer, e.g. "PRAGMA user_version".
  Result<std::int64_t> query_int(std::string_view sql);

  std::int64_t last_insert_rowid() const;
  int changes() const;
  sqlite3* handle() { return database_; }
  Error error(std::string_view context) const;

 private:
  explicit SqliteConnection(sqlite3* database) : database_(database) {}
  sqlite3* database_;
  std::map<std::string, sqlite3_stmt*, std::less<>> statements_;
};

// The storage_failure Error for an SQLite result code.
Error sqlite_error(sqlite3* database, int rc, std::string_view context);

}  // namespace parorende
