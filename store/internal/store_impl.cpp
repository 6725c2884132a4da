// The store's writer and its schema checks on opening.
#include "store/internal/store_impl.h"

namespace parorende {

using namespace store_detail;

Status ResponseStore::Impl::write(WriteQueue::Job job) {
  if (!writer_) return read_only_error();
  return writer_->write(std::move(job));
}

Status ResponseStore::Impl::start_postgres_writer() {
  auto connection = Connection::open_postgres(location_.target);
  if (!connection) return connection.take_error();
  Connection& writer = *connection.value();
  // normal: a commit is acknowledged before PostgreSQL's WAL reaches the
  // disk, so a crash of its server (not of ours) may lose the last ones.
  if (options_.synchronous == StoreOptions::Synchronous::normal) {
    if (auto set = writer.set_session("SET synchronous_commit = off"); !set) return set;
  }
  // A server that stalls inside a batch (stopped, cut off) holds the
  // writers' lock: PostgreSQL ends its transaction after a minute, and a
  // writer waits at most half a minute for the lock, then fails its batch
  // (503: the clients send again).
  if (auto set = writer.set_session(
          "SET idle_in_transaction_session_timeout = '60s'; SET lock_timeout = '30s'");
      !set) {
    return set;
  }
  if (auto migrated = migrate(writer); !migrated) return migrated;
  writer_ = std::make_unique<WriteQueue>(std::move(connection).value(), options_.max_batch);
  return {};
}

Status ResponseStore::Impl::start_writer() {
  if (location_.engine == StoreEngine::postgresql) return start_postgres_writer();
  auto connection = Connection::open(
      location_.target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
  if (!connection) return connection.take_error();
  Connection& writer = *connection.value();
  sqlite3_busy_timeout(writer.handle(), 5000);
  auto version = schema_version(writer);
  if (!version) return version.take_error();

  {
    auto journal = writer.statement("PRAGMA journal_mode = WAL");
    if (!journal) return journal.take_error();
    auto row = journal->step();
    if (!row) return row.take_error();
    if (!row.value() || journal->text(0) != "wal") {
      return make_error("storage_failure", "the database cannot use WAL mode");
    }
  }
  std::string synchronous =
      options_.synchronous == StoreOptions::Synchronous::full ? "FULL" : "NORMAL";
  std::string pragmas = "PRAGMA synchronous = " + synchronous +
                        "; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;"
                        " PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;"
                        " PRAGMA journal_size_limit = 67108864;";
  if (auto set = writer.execute(pragmas); !set) return set;
  if (auto migrated = migrate(writer); !migrated) return migrated;
  auto checkpointer =
      WalCheckpointer::start(location_.target, synchronous, kWalSoftLimitPages, kWalHardLimitPages);
  if (!checkpointer) return checkpointer.take_error();
  checkpointer_ = std::move(checkpointer).value();
  checkpointer_->watch(writer);
  writer_ = std::make_unique<WriteQueue>(std::move(connection).value(), options_.max_batch);
  return {};
}

Status ResponseStore::Impl::check_read_only_schema() {
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  auto version = schema_version(**reader);
  if (!version) return version.take_error();
  if (version.value() > latest_schema_version()) {
    return make_error("schema_too_new", "the database was written by a newer parorende (schema " +
                                            std::to_string(version.value()) + ")");
  }
  if (version.value() < latest_schema_version()) {
    return make_error("schema_outdated",
                      "the database has schema version " + std::to_string(version.value()) +
                          "; open it once read-write (e.g. parorende init-db) to migrate");
  }
  return {};
}

}  // namespace parorende
