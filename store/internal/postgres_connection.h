// A thin RAII layer over libpq: the PostgreSQL engine's counterpart of
// sqlite_connection.h, with the same statement surface (bind by 1-based
// index, step, read columns), so that one text of SQL runs on either
// engine. Failures are Result with code "storage_failure" and a message
// naming the SQLSTATE. A connection is used by one thread at a time.
//
//   auto connection = PostgresConnection::open("postgresql:///parorende?host=/run/pg");
//   auto insert = (*connection)->statement("INSERT INTO t (a, b) VALUES (?, ?)");
//   insert->bind(1, std::int64_t{7}).bind(2, "text");
//   if (auto inserted = insert->run(); !inserted) ...
//
// SQL is written as for SQLite: `?` and `?N` parameters become `$N` (not
// inside quotes or comments). Each text of SQL is prepared once per
// connection, with its parameters' types inferred by the server from where
// they stand. A statement's whole result arrives on its first step, but a
// streaming one's (`streaming_statement`) a row at a time.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace parorende {

// Taken by every write batch of every server, and by migrate-store: the
// writers take turns (write_queue.cpp). "PRRW"; the migration's is "PRRN".
inline constexpr std::string_view kPostgresWriterLock = "SELECT pg_advisory_xact_lock(1347572311)";

class PostgresConnection;

class PostgresStatement {
 public:
  PostgresStatement(PostgresConnection& connection, const std::string& name, int parameters,
                    bool streaming = false);
  // A streaming statement left before its last row reads the rest away, so
  // the connection is free again.
  ~PostgresStatement();
  PostgresStatement(PostgresStatement&& other) noexcept;
  PostgresStatement& operator=(PostgresStatement&&) = delete;
  PostgresStatement(const PostgresStatement&) = delete;
  PostgresStatement& operator=(const PostgresStatement&) = delete;

  // Parameters are 1-based. Values are copied, unlike SQLite's binding.
  PostgresStatement& bind(int index, std::int64_t value);
  PostgresStatement& bind(int index, double value);
  PostgresStatement& bind(int index, std::string_view text);
  PostgresStatement& bind_blob(int index, std::span<const std::uint8_t> bytes);
  PostgresStatement& bind_null(int index);

  // Runs the statement on the first call; true when a row is available,
  // false when done.
  Result<bool> step();
  // Runs to the end, for statements without results.
  Status run();
  // Ready for another run; the bindings stay until bound again.
  void reset();
  // Rows the last run inserted, updated or deleted.
  std::int64_t changes() const;

  bool is_null(int column) const;
  std::int64_t int64(int column) const;  // also reads a boolean: t is 1
  double real(int column) const;
  std::string_view text(int column) const;
  std::span<const std::uint8_t> blob(int column) const;

 private:
  struct ResultDeleter {
    void operator()(PGresult* result) const { PQclear(result); }
  };

  PostgresConnection* connection_;
  std::string name_;
  std::vector<std::optional<std::string>> values_;
  std::vector<int> formats_;  // 1 for a blob, sent as its bytes
  Status bind_status_;        // the first bind failure, reported by step()
  std::unique_ptr<PGresult, ResultDeleter> result_;
  int row_ = -1;  // -1: not run since the last reset
  bool streaming_ = false;
  bool stream_open_ = false;                                // rows of a streaming run to come
  mutable std::map<int, std::vector<std::uint8_t>> blobs_;  // decoded, of the current row

  bool check_index(int index);
  // The bound values as libpq takes them (NULL: a null value).
  struct Arguments {
    std::vector<const char*> values;
    std::vector<int> lengths;
  };
  Arguments arguments() const;
  int current_row() const { return streaming_ ? 0 : row_; }
  Result<bool> step_streaming();
  void finish_stream();
};

class PostgresConnection {
 public:
  // `conninfo`: a libpq connection string or URI ("postgresql://...").
  static Result<std::unique_ptr<PostgresConnection>> open(const std::string& conninfo);
  ~PostgresConnection();
  PostgresConnection(const PostgresConnection&) = delete;
  PostgresConnection& operator=(const PostgresConnection&) = delete;

  // Runs SQL without parameters or results (several statements allowed).
  Status execute(std::string_view sql);
  // Runs a SET, and again after every reconnect.
  Status set_session(std::string_view sql);
  // True when the connection is up, after reconnecting a lost one (its
  // prepared statements and session settings made again).
  bool reconnect();
  // Whether the open transaction met an error and can only be rolled back.
  bool transaction_failed() const;
  // A statement prepared once per connection and reused.
  Result<PostgresStatement> statement(std::string_view sql);
  // The same, its rows fetched one at a time (libpq's single-row mode): for
  // a read of a whole wave, which would not fit in one result. Nothing
  // else may run on the connection until its last row is read or it is
  // reset or destroyed.
  Result<PostgresStatement> streaming_statement(std::string_view sql);
  // Reads one integer, e.g. "SELECT count(*) FROM accounts".
  Result<std::int64_t> query_int(std::string_view sql);

  // Rows the last statement run on this connection inserted, updated or
  // deleted (as SQLite's sqlite3_changes()).
  std::int64_t changes() const { return last_changes_; }
  // The SQLSTATE of the last failure ("23505": a unique key taken), empty
  // when the last call succeeded or failed before the server answered.
  const std::string& last_sqlstate() const { return last_sqlstate_; }
  PGconn* handle() { return connection_; }

 private:
  friend class PostgresStatement;
  explicit PostgresConnection(PGconn* connection) : connection_(connection) {}
  // The storage_failure for `result` (null: the connection failed), and
  // the SQLSTATE remembered.
  Error failure(const PGresult* result, std::string_view context);

  PGconn* connection_;
  struct Prepared {
    std::string name;
    int parameters = 0;
  };
  std::map<std::string, Prepared, std::less<>> prepared_;
  std::vector<std::string> session_settings_;
  std::string last_sqlstate_;
  std::int64_t last_changes_ = 0;
};

// `sql` with SQLite's parameters (`?`, `?N`) written as PostgreSQL's (`$N`),
// and how many there are; quoted text, quoted names and comments are left
// as they are.
struct PostgresParameters {
  std::string sql;
  int count = 0;
};
PostgresParameters postgres_parameters(std::string_view sql);

}  // namespace parorende
