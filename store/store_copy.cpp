#include "store/store_copy.h"

#include <algorithm>
#include <bit>
#include <cstring>
#include <stdexcept>
#include <string_view>

#include "store/internal/connection.h"
#include "store/internal/schema.h"
#include "store/store_location.h"

namespace parorende {
namespace {

// Every table of the schema, parents before the tables that refer to them.
// municipalities and audit_head are filled by the migration; the copy
// replaces their rows with the file's.
constexpr std::string_view kTables[] = {"municipalities",
                                        "questionnaires",
                                        "waves",
                                        "wave_municipalities",
                                        "wave_participants",
                                        "responses",
                                        "response_answers",
                                        "published_waves",
                                        "municipality_offers",
                                        "municipality_contacts",
                                        "audit_head",
                                        "audit_log",
                                        "accounts",
                                        "account_grants",
                                        "account_identities",
                                        "invitation_batches",
                                        "invitation_codes",
                                        "staff_sessions",
                                        "sign_in_buckets",
                                        "openid_sign_ins"};

// Tables whose id PostgreSQL numbers itself: after the copy its sequence
// must continue after the copied ids.
constexpr std::string_view kNumberedTables[] = {"questionnaires", "waves",
                                                "responses",      "municipality_offers",
                                                "accounts",       "invitation_batches"};

struct Columns {
  std::vector<std::string> all;
  std::vector<std::string> key;  // the primary key's, in key order
};

// Column names as quoted identifiers (both engines read "name"): they come
// from the file.
std::string joined(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) {
    std::string quoted = "\"";
    for (char c : name) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    text += (text.empty() ? "" : ", ") + quoted + "\"";
  }
  return text;
}

Result<Columns> columns_of(Connection& sqlite, std::string_view table) {
  auto select = sqlite.statement("SELECT name, pk FROM pragma_table_info(?) ORDER BY cid");
  if (!select) return select.take_error();
  select->bind(1, table);
  Columns columns;
  std::vector<std::pair<std::int64_t, std::string>> key;
  while (true) {
    auto row = select->step();
    if (!row) return row.take_error();
    if (!row.value()) break;
    columns.all.emplace_back(select->text(0));
    if (select->int64(1) > 0) key.emplace_back(select->int64(1), columns.all.back());
  }
  std::sort(key.begin(), key.end());
  for (auto& [position, name] : key) columns.key.push_back(std::move(name));
  if (columns.all.empty() || columns.key.empty()) {
    return make_error("storage_failure",
                      "the file has no table " + std::string(table) + " with a primary key");
  }
  return columns;
}

Status check_tables_known(Connection& sqlite) {
  auto select = sqlite.statement(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  if (!select) return select.take_error();
  std::int64_t count = 0;
  while (true) {
    auto row = select->step();
    if (!row) return row.take_error();
    if (!row.value()) break;
    ++count;
    if (std::find(std::begin(kTables), std::end(kTables), select->text(0)) == std::end(kTables)) {
      throw std::logic_error("migrate-store does not know table " + std::string(select->text(0)));
    }
  }
  if (count != static_cast<std::int64_t>(std::size(kTables))) {
    throw std::logic_error("migrate-store knows tables the file does not have");
  }
  return {};
}

Status check_empty(Connection& postgres) {
  for (std::string_view table : kTables) {
    if (table == "municipalities" || table == "audit_head") continue;
    auto rows = postgres.query_int("SELECT count(*) FROM " + std::string(table));
    if (!rows) return rows.take_error();
    if (rows.value() != 0) {
      return make_error("store_not_empty",
                        "the PostgreSQL database holds " + std::to_string(rows.value()) +
                            " rows of " + std::string(table) +
                            "; migrate-store copies into an empty database only");
    }
  }
  auto entries = postgres.query_int("SELECT entries FROM audit_head");
  if (!entries) return entries.take_error();
  if (entries.value() != 0) {
    return make_error("store_not_empty", "the PostgreSQL database has an audit log already");
  }
  return {};
}

// One row's value of `column` from SQLite bound as the same kind of value.
void bind_value(SqliteStatement& from, int column, PostgresStatement& to) {
  int index = column + 1;
  switch (from.column_type(column)) {
    case SQLITE_INTEGER: to.bind(index, from.int64(column)); break;
    case SQLITE_FLOAT: to.bind(index, from.real(column)); break;
    case SQLITE_TEXT: to.bind(index, from.text(column)); break;
    case SQLITE_BLOB: to.bind_blob(index, from.blob(column)); break;
    default: to.bind_null(index); break;
  }
}

Result<std::int64_t> copy_table(SqliteConnection& sqlite, PostgresConnection& postgres,
                                std::string_view table, const Columns& columns) {
  auto select = sqlite.statement("SELECT " + joined(columns.all) + " FROM " + std::string(table));
  if (!select) return select.take_error();
  std::string placeholders;
  for (std::size_t i = 0; i < columns.all.size(); ++i) placeholders += i == 0 ? "?" : ", ?";
  auto insert = postgres.statement("INSERT INTO " + std::string(table) + " (" +
                                   joined(columns.all) + ") VALUES (" + placeholders + ")");
  if (!insert) return insert.take_error();
  std::int64_t rows = 0;
  while (true) {
    auto row = select->step();
    if (!row) return row.take_error();
    if (!row.value()) break;
    insert->reset();
    for (int column = 0; column < static_cast<int>(columns.all.size()); ++column) {
      bind_value(*select, column, *insert);
    }
    if (auto inserted = insert->run(); !inserted) {
      return make_error("storage_failure", "copying row " + std::to_string(rows + 1) + " of " +
                                               std::string(table) + ": " +
                                               inserted.error().message);
    }
    ++rows;
  }
  return rows;
}

bool same_value(SqliteStatement& file, int column, PostgresStatement& database) {
  if (file.column_type(column) == SQLITE_NULL || database.is_null(column)) {
    return file.column_type(column) == SQLITE_NULL && database.is_null(column);
  }
  switch (file.column_type(column)) {
    case SQLITE_INTEGER: return file.int64(column) == database.int64(column);
    case SQLITE_FLOAT:
      return std::bit_cast<std::uint64_t>(file.real(column)) ==
             std::bit_cast<std::uint64_t>(database.real(column));
    case SQLITE_TEXT: return file.text(column) == database.text(column);
    default: {
      auto a = file.blob(column);
      auto b = database.blob(column);
      return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size()) == 0);
    }
  }
}

// Both tables read in key order, compared value for value.
Status compare_table(SqliteConnection& sqlite, PostgresConnection& postgres, std::string_view table,
                     const Columns& columns) {
  std::string sql = "SELECT " + joined(columns.all) + " FROM " + std::string(table) + " ORDER BY " +
                    joined(columns.key);
  auto file = sqlite.statement(sql);
  if (!file) return file.take_error();
  auto database = postgres.statement(sql);
  if (!database) return database.take_error();
  for (std::int64_t row = 1;; ++row) {
    auto in_file = file->step();
    if (!in_file) return in_file.take_error();
    auto in_database = database->step();
    if (!in_database) return in_database.take_error();
    if (in_file.value() != in_database.value()) {
      return make_error("storage_failure", "after the copy " + std::string(table) + " has " +
                                               (in_file.value() ? "fewer" : "more") +
                                               " rows in PostgreSQL than in the file");
    }
    if (!in_file.value()) return {};
    for (int column = 0; column < static_cast<int>(columns.all.size()); ++column) {
      if (!same_value(*file, column, *database)) {
        return make_error("storage_failure", "after the copy, row " + std::to_string(row) + " of " +
                                                 std::string(table) + " differs in " +
                                                 columns.all[static_cast<std::size_t>(column)]);
      }
    }
  }
}

Status renumber(PostgresConnection& postgres) {
  for (std::string_view table : kNumberedTables) {
    std::string name(table);
    if (auto set = postgres.execute("SELECT setval(pg_get_serial_sequence('" + name +
                                    "', 'id'), COALESCE(max(id), 0) + 1, false) FROM " + name);
        !set) {
      return set;
    }
  }
  return {};
}

Result<StoreCopy> copy_all(Connection& file, Connection& database) {
  SqliteConnection& sqlite = *file.sqlite();
  PostgresConnection& postgres = *database.postgres();
  if (auto known = check_tables_known(file); !known) return known.take_error();
  // No server writes into the target while it is checked and filled: the
  // writers' lock first, so a server mid-batch finishes before the tables
  // are locked (and none deadlocks with the copy).
  if (auto turn = postgres.execute(kPostgresWriterLock); !turn) return turn.take_error();
  std::string tables;
  for (std::string_view table : kTables)
    tables += (tables.empty() ? "" : ", ") + std::string(table);
  if (auto locked = postgres.execute("LOCK TABLE " + tables + " IN ACCESS EXCLUSIVE MODE");
      !locked) {
    return locked.take_error();
  }
  if (auto empty = check_empty(database); !empty) return empty.take_error();
  if (auto cleared = postgres.execute("DELETE FROM audit_head; DELETE FROM municipalities");
      !cleared) {
    return cleared.take_error();
  }
  StoreCopy copy;
  std::vector<Columns> all_columns;
  for (std::string_view table : kTables) {
    auto columns = columns_of(file, table);
    if (!columns) return columns.take_error();
    auto rows = copy_table(sqlite, postgres, table, columns.value());
    if (!rows) return rows.take_error();
    copy.tables.push_back({std::string(table), rows.value()});
    all_columns.push_back(std::move(columns).value());
  }
  if (auto renumbered = renumber(postgres); !renumbered) return renumbered.take_error();
  for (std::size_t i = 0; i < std::size(kTables); ++i) {
    if (auto same = compare_table(sqlite, postgres, kTables[i], all_columns[i]); !same) {
      return same.take_error();
    }
  }
  return copy;
}

}  // namespace

Result<StoreCopy> copy_sqlite_to_postgres(const std::string& sqlite_path,
                                          const std::string& postgres_uri) {
  auto target = parse_store_location(postgres_uri);
  if (!target) return target.take_error();
  if (target->engine != StoreEngine::postgresql) {
    return make_error("invalid_store_location",
                      "'" + postgres_uri + "' is not a PostgreSQL database (postgresql://...)");
  }
  auto file = Connection::open(sqlite_path, SQLITE_OPEN_READONLY);
  if (!file) return file.take_error();
  auto version = schema_version(**file);
  if (!version) return version.take_error();
  if (version.value() != latest_schema_version()) {
    return make_error(
        version.value() < latest_schema_version() ? "schema_outdated" : "schema_too_new",
        sqlite_path + " has schema version " + std::to_string(version.value()) +
            " and this parorende writes " + std::to_string(latest_schema_version()) +
            (version.value() < latest_schema_version()
                 ? "; open it once read-write first (parorende init-db)"
                 : ""));
  }
  auto database = Connection::open_postgres(target->target);
  if (!database) return database.take_error();
  if (auto migrated = migrate(**database); !migrated) return migrated.take_error();

  // One snapshot of the file; one transaction in PostgreSQL, committed only
  // when every table compares equal.
  if (auto begun = (*file)->execute("BEGIN"); !begun) return begun.take_error();
  if (auto begun = (*database)->execute("BEGIN"); !begun) return begun.take_error();
  auto copied = copy_all(**file, **database);
  (void)(*file)->execute("COMMIT");
  if (!copied) {
    (void)(*database)->execute("ROLLBACK");
    return copied;
  }
  if (auto committed = (*database)->execute("COMMIT"); !committed) return committed.take_error();
  return copied;
}

}  // namespace parorende
