#include "store/internal/connection.h"

namespace parorende {

Result<std::int64_t> run_returning_id(StatementUse& insert) {
  auto row = insert.step();
  if (!row) return row.take_error();
  if (!row.value()) return make_error("storage_failure", "an insert returned no id");
  std::int64_t id = insert.int64(0);
  if (auto finished = insert.run(); !finished) return finished.take_error();
  return id;
}

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path, int flags) {
  auto sqlite = SqliteConnection::open(path, flags);
  if (!sqlite) return sqlite.take_error();
  std::unique_ptr<Connection> connection(new Connection());
  connection->sqlite_ = std::move(sqlite).value();
  return connection;
}

Result<std::unique_ptr<Connection>> Connection::open_postgres(const std::string& conninfo) {
  auto postgres = PostgresConnection::open(conninfo);
  if (!postgres) return postgres.take_error();
  std::unique_ptr<Connection> connection(new Connection());
  connection->postgres_ = std::move(postgres).value();
  return connection;
}

Status Connection::execute(std::string_view sql) {
  return sqlite_ ? sqlite_->execute(sql) : postgres_->execute(sql);
}

Result<StatementUse> Connection::statement(std::string_view sql) {
  if (sqlite_) {
    auto statement = sqlite_->statement(sql);
    if (!statement) return statement.take_error();
    return StatementUse(std::move(statement).value());
  }
  auto statement = postgres_->statement(sql);
  if (!statement) return statement.take_error();
  return StatementUse(std::move(statement).value());
}

Result<StatementUse> Connection::streaming_statement(std::string_view sql) {
  if (sqlite_) return statement(sql);
  auto statement = postgres_->streaming_statement(sql);
  if (!statement) return statement.take_error();
  return StatementUse(std::move(statement).value());
}

Result<std::int64_t> Connection::query_int(std::string_view sql) {
  return sqlite_ ? sqlite_->query_int(sql) : postgres_->query_int(sql);
}

bool Connection::in_transaction() {
  if (sqlite_) return sqlite3_get_autocommit(sqlite_->handle()) == 0;
  PGTransactionStatusType status = PQtransactionStatus(postgres_->handle());
  return status == PQTRANS_ACTIVE || status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

std::int64_t Connection::changes() const {
  return sqlite_ ? sqlite_->changes() : postgres_->changes();
}

}  // namespace parorende
