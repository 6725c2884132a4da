#include "store/internal/sqlite_connection.h"

#include <utility>

namespace parorende {

Error sqlite_error(sqlite3* database, int rc, std::string_view context) {
  std::string message(context);
  message += ": ";
  message += database != nullptr ? sqlite3_errmsg(database) : sqlite3_errstr(rc);
  return make_error("storage_failure", std::move(message));
}

SqliteStatement::~SqliteStatement() {
  if (statement_ == nullptr) return;
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

SqliteStatement::SqliteStatement(SqliteStatement&& other) noexcept
    : statement_(std::exchange(other.statement_, nullptr)),
      bind_status_(std::move(other.bind_status_)) {}

void SqliteStatement::check_bind(int rc) {
  if (rc != SQLITE_OK && bind_status_.ok()) {
    bind_status_ = sqlite_error(sqlite3_db_handle(statement_), rc, "bind");
  }
}

SqliteStatement& SqliteStatement::bind(int index, std::int64_t value) {
  check_bind(sqlite3_bind_int64(statement_, index, value));
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, double value) {
  check_bind(sqlite3_bind_double(statement_, index, value));
  return *this;
}

SqliteStatement& SqliteStatement::bind(int index, std::string_view text) {
  check_bind(
      sqlite3_bind_text64(statement_, index, text.data(), text.size(), SQLITE_STATIC, SQLITE_UTF8));
  return *this;
}

SqliteStatement& SqliteStatement::bind_blob(int index, std::span<const std::uint8_t> bytes) {
  // A zero-length blob must still bind as a blob, not as NULL.
  static const std::uint8_t kEmpty = 0;
  const void* data = bytes.empty() ? &kEmpty : bytes.data();
  check_bind(sqlite3_bind_blob64(statement_, index, data, bytes.size(), SQLITE_STATIC));
  return *this;
}

SqliteStatement& SqliteStatement::bind_null(int index) {
  check_bind(sqlite3_bind_null(statement_, index));
  return *this;
}

Result<bool> SqliteStatement::step() {
  if (!bind_status_) return bind_status_.error();
  int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return sqlite_error(sqlite3_db_handle(statement_), rc, "step");
}

Status SqliteStatement::run() {
  while (true) {
    auto row = step();
    if (!row) return row.take_error();
    if (!row.value()) return {};
  }
}

void SqliteStatement::reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
  bind_status_ = {};
}

int SqliteStatement::column_count() const { return sqlite3_column_count(statement_); }

int SqliteStatement::column_type(int column) const {
  return sqlite3_column_type(statement_, column);
}

bool SqliteStatement::is_null(int column) const {
  return sqlite3_column_type(statement_, column) == SQLITE_NULL;
}

std::int64_t SqliteStatement::int64(int column) const {
  return sqlite3_column_int64(statement_, column);
}

double SqliteStatement::real(int column) const { return sqlite3_column_double(statement_, column); }

std::string_view SqliteStatement::text(int column) const {
  const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(statement_, column));
  if (data == nullptr) return {};
  return {data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
}

std::span<const std::uint8_t> SqliteStatement::blob(int column) const {
  const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(statement_, column));
  if (data == nullptr) return {};
  return {data, static_cast<std::size_t>(sqlite3_column_bytes(statement_, column))};
}

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::open(const std::string& path,
                                                                 int flags) {
  sqlite3* database = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &database, flags | SQLITE_OPEN_EXRESCODE, nullptr);
  if (rc != SQLITE_OK) {
    Error error = sqlite_error(database, rc, "cannot open " + path);
    sqlite3_close_v2(database);
    return error;
  }
  return std::unique_ptr<SqliteConnection>(new SqliteConnection(database));
}

SqliteConnection::~SqliteConnection() {
  for (auto& [sql, statement] : statements_) sqlite3_finalize(statement);
  sqlite3_close_v2(database_);
}

Status SqliteConnection::execute(std::string_view sql) {
  std::string text(sql);
  int rc = sqlite3_exec(database_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return error(text.substr(0, 60));
  return {};
}

Result<SqliteStatement> SqliteConnection::statement(std::string_view sql) {
  auto found = statements_.find(sql);
  if (found == statements_.end()) {
    sqlite3_stmt* statement = nullptr;
    int rc = sqlite3_prepare_v3(database_, sql.data(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &statement, nullptr);
    if (rc != SQLITE_OK) return error("prepare " + std::string(sql.substr(0, 60)));
    found = statements_.emplace(std::string(sql), statement).first;
  }
  return SqliteStatement(found->second);
}

Result<std::int64_t> SqliteConnection::query_int(std::string_view sql) {
  auto statement = this->statement(sql);
  if (!statement) return statement.take_error();
  auto row = statement->step();
  if (!row) return row.take_error();
  if (!row.value()) return make_error("storage_failure", "no result: " + std::string(sql));
  return statement->int64(0);
}

std::int64_t SqliteConnection::last_insert_rowid() const {
  return sqlite3_last_insert_rowid(database_);
}

int SqliteConnection::changes() const { return sqlite3_changes(database_); }

Error SqliteConnection::error(std::string_view context) const {
  return sqlite_error(database_, sqlite3_errcode(database_), context);
}

}  // namespace parorende
