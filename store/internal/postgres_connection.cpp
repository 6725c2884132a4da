#include "store/internal/postgres_connection.h"

#include <charconv>
#include <cstdlib>
#include <utility>

namespace parorende {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// PostgreSQL's type oids, as in its catalogue (pg_type.h is a server header).
constexpr Oid kByteaOid = 17;

// libpq's message with the conninfo's password in it as "***": a message
// about a URI it cannot read quotes the URI, or the part it stopped at.
std::string without_password(std::string message, const std::string& conninfo) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(conninfo.c_str(), &error);
  if (options == nullptr) {
    PQfreemem(error);
    return "the connection URI cannot be read (percent-encode a password's special characters)";
  }
  std::string password;
  for (PQconninfoOption* option = options; option->keyword != nullptr; ++option) {
    if (std::string_view(option->keyword) == "password" && option->val != nullptr) {
      password = option->val;
    }
  }
  PQconninfoFree(options);
  if (password.empty()) return message;
  for (std::size_t at = message.find(password); at != std::string::npos;
       at = message.find(password, at + 3)) {
    message.replace(at, password.size(), "***");
  }
  return message;
}

}  // namespace

PostgresParameters postgres_parameters(std::string_view sql) {
  PostgresParameters out;
  out.sql.reserve(sql.size() + 8);
  int highest = 0;
  std::size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    if (c == '\'' || c == '"') {
      // A quote ends at the next one not doubled ('it''s').
      std::size_t end = i + 1;
      while (end < sql.size()) {
        if (sql[end] == c) {
          if (end + 1 < sql.size() && sql[end + 1] == c) {
            end += 2;
            continue;
          }
          break;
        }
        ++end;
      }
      std::size_t stop = end < sql.size() ? end + 1 : end;
      out.sql.append(sql.substr(i, stop - i));
      i = stop;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      std::size_t end = sql.find('\n', i);
      if (end == std::string_view::npos) end = sql.size();
      out.sql.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      std::size_t end = sql.find("*/", i + 2);
      end = end == std::string_view::npos ? sql.size() : end + 2;
      out.sql.append(sql.substr(i, end - i));
      i = end;
    } else if (c == '?') {
      std::size_t digits = i + 1;
      while (digits < sql.size() && is_digit(sql[digits])) ++digits;
      int number = highest + 1;
      if (digits > i + 1) {
        std::from_chars(sql.data() + i + 1, sql.data() + digits, number);
      }
      highest = std::max(highest, number);
      out.sql += '$';
      out.sql += std::to_string(number);
      i = digits;
    } else {
      out.sql += c;
      ++i;
    }
  }
  out.count = highest;
  return out;
}

// --- statements --------------------------------------------------------------

PostgresStatement::PostgresStatement(PostgresConnection& connection, const std::string& name,
                                     int parameters, bool streaming)
    : connection_(&connection),
      name_(name),
      values_(static_cast<std::size_t>(parameters)),
      formats_(static_cast<std::size_t>(parameters), 0),
      streaming_(streaming) {}

PostgresStatement::~PostgresStatement() { finish_stream(); }

PostgresStatement::PostgresStatement(PostgresStatement&& other) noexcept
    : connection_(other.connection_),
      name_(std::move(other.name_)),
      values_(std::move(other.values_)),
      formats_(std::move(other.formats_)),
      bind_status_(std::move(other.bind_status_)),
      result_(std::move(other.result_)),
      row_(other.row_),
      streaming_(other.streaming_),
      stream_open_(std::exchange(other.stream_open_, false)),
      blobs_(std::move(other.blobs_)) {}

void PostgresStatement::finish_stream() {
  if (!stream_open_) return;
  stream_open_ = false;
  result_.reset();
  // Left before its end: ask the server to stop sending, then read what
  // is on its way.
  if (PGcancel* cancel = PQgetCancel(connection_->connection_)) {
    char error[256];
    (void)PQcancel(cancel, error, sizeof error);
    PQfreeCancel(cancel);
  }
  while (PGresult* rest = PQgetResult(connection_->connection_)) PQclear(rest);
}

Result<bool> PostgresStatement::step_streaming() {
  PGconn* connection = connection_->connection_;
  if (row_ < 0) {
    if (!bind_status_) return bind_status_.error();
    Arguments arguments = this->arguments();
    if (PQsendQueryPrepared(connection, name_.c_str(), static_cast<int>(arguments.values.size()),
                            arguments.values.data(), arguments.lengths.data(), formats_.data(),
                            0) == 0) {
      return connection_->failure(nullptr, "step");
    }
    stream_open_ = true;
    if (PQsetSingleRowMode(connection) == 0) {
      finish_stream();
      return make_error("storage_failure", "step: the rows cannot be read one at a time");
    }
    row_ = 0;
  }
  if (!stream_open_) return false;
  result_.reset(PQgetResult(connection));
  if (!result_) {
    // Rows still to come, and none: another statement ran on the
    // connection meanwhile, and libpq dropped the rest.
    stream_open_ = false;
    return make_error("storage_failure", "step: the rows ended before their last");
  }
  ExecStatusType status = PQresultStatus(result_.get());
  if (status == PGRES_SINGLE_TUPLE) {
    ++row_;
    return true;
  }
  if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
    // The end; what follows it (nothing) is read so the connection is free.
    stream_open_ = false;
    while (PGresult* rest = PQgetResult(connection)) PQclear(rest);
    connection_->last_sqlstate_.clear();
    return false;
  }
  Error error = connection_->failure(result_.get(), "step");
  stream_open_ = false;
  while (PGresult* rest = PQgetResult(connection)) PQclear(rest);
  return error;
}

PostgresStatement::Arguments PostgresStatement::arguments() const {
  Arguments arguments{std::vector<const char*>(values_.size(), nullptr),
                      std::vector<int>(values_.size(), 0)};
  for (std::size_t i = 0; i < values_.size(); ++i) {
    if (!values_[i]) continue;
    arguments.values[i] = values_[i]->data();
    arguments.lengths[i] = static_cast<int>(values_[i]->size());
  }
  return arguments;
}

bool PostgresStatement::check_index(int index) {
  if (index >= 1 && index <= static_cast<int>(values_.size())) return true;
  if (bind_status_.ok()) {
    bind_status_ = make_error("storage_failure",
                              "bind: the statement has no parameter " + std::to_string(index));
  }
  return false;
}

PostgresStatement& PostgresStatement::bind(int index, std::int64_t value) {
  if (check_index(index)) {
    values_[static_cast<std::size_t>(index - 1)] = std::to_string(value);
    formats_[static_cast<std::size_t>(index - 1)] = 0;
  }
  return *this;
}

PostgresStatement& PostgresStatement::bind(int index, double value) {
  if (check_index(index)) {
    // Shortest text that reads back as the same double.
    char text[32];
    auto written = std::to_chars(text, text + sizeof text, value);
    values_[static_cast<std::size_t>(index - 1)] = std::string(text, written.ptr);
    formats_[static_cast<std::size_t>(index - 1)] = 0;
  }
  return *this;
}

PostgresStatement& PostgresStatement::bind(int index, std::string_view text) {
  if (check_index(index)) {
    values_[static_cast<std::size_t>(index - 1)] = std::string(text);
    formats_[static_cast<std::size_t>(index - 1)] = 0;
  }
  return *this;
}

PostgresStatement& PostgresStatement::bind_blob(int index, std::span<const std::uint8_t> bytes) {
  if (check_index(index)) {
    values_[static_cast<std::size_t>(index - 1)] =
        std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    formats_[static_cast<std::size_t>(index - 1)] = 1;
  }
  return *this;
}

PostgresStatement& PostgresStatement::bind_null(int index) {
  if (check_index(index)) values_[static_cast<std::size_t>(index - 1)].reset();
  return *this;
}

Result<bool> PostgresStatement::step() {
  blobs_.clear();
  if (streaming_) return step_streaming();
  if (row_ < 0) {
    if (!bind_status_) return bind_status_.error();
    Arguments arguments = this->arguments();
    result_.reset(PQexecPrepared(connection_->connection_, name_.c_str(),
                                 static_cast<int>(arguments.values.size()), arguments.values.data(),
                                 arguments.lengths.data(), formats_.data(), 0));
    ExecStatusType status = result_ ? PQresultStatus(result_.get()) : PGRES_FATAL_ERROR;
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      Error error = connection_->failure(result_.get(), "step");
      result_.reset();
      return error;
    }
    connection_->last_sqlstate_.clear();
    connection_->last_changes_ = changes();
    row_ = 0;
  } else {
    ++row_;
  }
  return row_ < PQntuples(result_.get());
}

Status PostgresStatement::run() {
  while (true) {
    auto row = step();
    if (!row) return row.take_error();
    if (!row.value()) return {};
  }
}

void PostgresStatement::reset() {
  finish_stream();
  result_.reset();
  blobs_.clear();
  row_ = -1;
  bind_status_ = {};
}

std::int64_t PostgresStatement::changes() const {
  if (!result_) return 0;
  const char* tuples = PQcmdTuples(result_.get());
  std::int64_t count = 0;
  std::from_chars(tuples, tuples + std::char_traits<char>::length(tuples), count);
  return count;
}

bool PostgresStatement::is_null(int column) const {
  return PQgetisnull(result_.get(), current_row(), column) != 0;
}

std::int64_t PostgresStatement::int64(int column) const {
  std::string_view value = text(column);
  if (value == "t") return 1;
  if (value == "f") return 0;
  std::int64_t number = 0;
  std::from_chars(value.data(), value.data() + value.size(), number);
  return number;
}

double PostgresStatement::real(int column) const {
  std::string copy(text(column));
  return std::strtod(copy.c_str(), nullptr);
}

std::string_view PostgresStatement::text(int column) const {
  return {PQgetvalue(result_.get(), current_row(), column),
          static_cast<std::size_t>(PQgetlength(result_.get(), current_row(), column))};
}

std::span<const std::uint8_t> PostgresStatement::blob(int column) const {
  if (PQftype(result_.get(), column) != kByteaOid) {
    std::string_view value = text(column);
    return {reinterpret_cast<const std::uint8_t*>(value.data()), value.size()};
  }
  auto [entry, added] = blobs_.try_emplace(column);
  if (added) {
    std::size_t length = 0;
    unsigned char* bytes = PQunescapeBytea(
        reinterpret_cast<const unsigned char*>(PQgetvalue(result_.get(), current_row(), column)),
        &length);
    if (bytes != nullptr) {
      entry->second.assign(bytes, bytes + length);
      PQfreemem(bytes);
    }
  }
  return entry->second;
}

// --- connections -------------------------------------------------------------

Result<std::unique_ptr<PostgresConnection>> PostgresConnection::open(const std::string& conninfo) {
  // Defaults the conninfo may override (it comes last): a dead server is
  // found out in seconds, not after TCP's quarter of an hour.
  const char* keywords[] = {"connect_timeout",
                            "keepalives_idle",
                            "keepalives_interval",
                            "keepalives_count",
                            "tcp_user_timeout",
                            "dbname",
                            nullptr};
  const char* values[] = {"10", "30", "10", "3", "30000", conninfo.c_str(), nullptr};
  PGconn* connection = PQconnectdbParams(keywords, values, 1);
  if (connection == nullptr) {
    return make_error("storage_failure", "cannot connect to PostgreSQL: out of memory");
  }
  if (PQstatus(connection) != CONNECTION_OK) {
    std::string message = without_password(PQerrorMessage(connection), conninfo);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
      message.pop_back();
    }
    PQfinish(connection);
    return make_error("storage_failure", "cannot connect to PostgreSQL: " + message);
  }
  // Only the primary message: DETAIL could quote a failing row (answers
  // included), and messages reach logs and HTTP answers.
  PQsetErrorVerbosity(connection, PQERRORS_TERSE);
  auto opened = std::unique_ptr<PostgresConnection>(new PostgresConnection(connection));
  // Warnings (NOTICE) are for people at a terminal, not for a server's log.
  if (auto quiet = opened->set_session("SET client_min_messages = warning"); !quiet) {
    return quiet.error();
  }
  return opened;
}

Status PostgresConnection::set_session(std::string_view sql) {
  if (auto set = execute(sql); !set) return set;
  session_settings_.emplace_back(sql);
  return {};
}

bool PostgresConnection::reconnect() {
  if (PQstatus(connection_) == CONNECTION_OK) return true;
  PQreset(connection_);
  if (PQstatus(connection_) != CONNECTION_OK) return false;
  PQsetErrorVerbosity(connection_, PQERRORS_TERSE);
  prepared_.clear();
  for (const std::string& setting : session_settings_) {
    if (!execute(setting)) return false;
  }
  return true;
}

bool PostgresConnection::transaction_failed() const {
  return PQtransactionStatus(connection_) == PQTRANS_INERROR;
}

PostgresConnection::~PostgresConnection() { PQfinish(connection_); }

Error PostgresConnection::failure(const PGresult* result, std::string_view context) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  last_sqlstate_ = state != nullptr ? state : "";
  std::string message = result != nullptr ? PQresultErrorMessage(result) : "";
  if (message.empty()) message = PQerrorMessage(connection_);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) {
    message.pop_back();
  }
  if (message.rfind("ERROR:  ", 0) == 0) message.erase(0, 8);
  std::string text(context);
  text += ": " + message;
  if (!last_sqlstate_.empty()) text += " (SQLSTATE " + last_sqlstate_ + ")";
  return make_error("storage_failure", std::move(text));
}

Status PostgresConnection::execute(std::string_view sql) {
  std::unique_ptr<PGresult, void (*)(PGresult*)> result(
      PQexec(connection_, std::string(sql).c_str()), PQclear);
  ExecStatusType status = result ? PQresultStatus(result.get()) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return failure(result.get(), "execute");
  }
  last_sqlstate_.clear();
  return {};
}

Result<PostgresStatement> PostgresConnection::streaming_statement(std::string_view sql) {
  auto prepared = statement(sql);
  if (!prepared) return prepared.take_error();
  const Prepared& found = prepared_.find(sql)->second;
  return PostgresStatement(*this, found.name, found.parameters, true);
}

Result<PostgresStatement> PostgresConnection::statement(std::string_view sql) {
  auto found = prepared_.find(sql);
  if (found == prepared_.end()) {
    PostgresParameters translated = postgres_parameters(sql);
    Prepared prepared{"s" + std::to_string(prepared_.size() + 1), translated.count};
    std::unique_ptr<PGresult, void (*)(PGresult*)> result(
        PQprepare(connection_, prepared.name.c_str(), translated.sql.c_str(), translated.count,
                  nullptr),
        PQclear);
    if (!result || PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
      return failure(result.get(), "prepare");
    }
    found = prepared_.emplace(std::string(sql), std::move(prepared)).first;
  }
  return PostgresStatement(*this, found->second.name, found->second.parameters);
}

Result<std::int64_t> PostgresConnection::query_int(std::string_view sql) {
  std::unique_ptr<PGresult, void (*)(PGresult*)> result(
      PQexec(connection_, std::string(sql).c_str()), PQclear);
  if (!result || PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
    return failure(result.get(), "query");
  }
  if (PQntuples(result.get()) < 1 || PQnfields(result.get()) < 1 ||
      PQgetisnull(result.get(), 0, 0)) {
    return make_error("storage_failure", "query: no value from " + std::string(sql));
  }
  std::string_view value = PQgetvalue(result.get(), 0, 0);
  std::int64_t number = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc() || end != value.data() + value.size()) {
    return make_error("storage_failure", "query: '" + std::string(value) + "' is not an integer");
  }
  last_sqlstate_.clear();
  return number;
}

}  // namespace parorende
