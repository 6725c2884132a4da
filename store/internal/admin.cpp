// Statistics, backups and metrics of the store.
#include "store/internal/store_impl.h"

#include <sys/stat.h>

namespace parorende {

using namespace store_detail;

Result<StoreStats> ResponseStore::Impl::stats() {
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  Connection& connection = **reader;
  if (auto begun = connection.execute("BEGIN"); !begun) return begun.take_error();
  Result<StoreStats> result = [&]() -> Result<StoreStats> {
    StoreStats stats;
    auto version = schema_version(connection);
    if (!version) return version.take_error();
    stats.schema_version = version.value();
    auto questionnaires = connection.query_int("SELECT count(*) FROM questionnaires");
    if (!questionnaires) return questionnaires.take_error();
    stats.questionnaire_versions = questionnaires.value();
    auto municipalities = connection.query_int("SELECT count(*) FROM municipalities");
    if (!municipalities) return municipalities.take_error();
    stats.municipalities = municipalities.value();
    if (connection.engine() == StoreEngine::postgresql) {
      auto bytes = connection.query_int("SELECT pg_database_size(current_database())");
      if (!bytes) return bytes.take_error();
      stats.database_bytes = bytes.value();
    } else {
      auto pages = connection.query_int("PRAGMA page_count");
      auto page_size = connection.query_int("PRAGMA page_size");
      if (!pages || !page_size) return make_error("storage_failure", "cannot read the page count");
      stats.database_bytes = pages.value() * page_size.value();
    }

    auto counts = connection.statement(
        "SELECT w.name, count(r.id) FILTER (WHERE r.status = 'partial'),"
        " count(r.id) FILTER (WHERE r.status = 'complete')"
        " FROM waves w LEFT JOIN responses r ON r.wave = w.id GROUP BY w.id ORDER BY w.id");
    if (!counts) return counts.take_error();
    while (true) {
      auto row = counts->step();
      if (!row) return row.take_error();
      if (!row.value()) break;
      stats.waves.push_back({std::string(counts->text(0)), counts->int64(1), counts->int64(2)});
    }
    return stats;
  }();
  (void)connection.execute("COMMIT");
  return result;
}

Status ResponseStore::Impl::backup(const std::string& out_path) {
  if (location_.engine == StoreEngine::postgresql) {
    return make_error("backup_unsupported",
                      "a PostgreSQL database is backed up by PostgreSQL: pg_dump, or a "
                      "streaming replica (docs/deploy.md)");
  }
  struct stat existing {};
  if (::stat(out_path.c_str(), &existing) == 0) {
    return make_error("output_exists", out_path + " exists; a backup never overwrites a file");
  }
  // Written beside the target and renamed, so a half-written backup never
  // carries the target's name.
  std::string partial_path = out_path + ".partial";
  std::remove(partial_path.c_str());
  auto destination = Connection::open(partial_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  if (!destination) return destination.take_error();
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();

  sqlite3_backup* copy =
      sqlite3_backup_init((*destination)->handle(), "main", (*reader)->handle(), "main");
  if (copy == nullptr) return (*destination)->sqlite()->error("backup");
  // All pages in one step: one read transaction, so the copy is one
  // consistent snapshot however many commits happen meanwhile.
  int rc = sqlite3_backup_step(copy, -1);
  sqlite3_backup_finish(copy);
  Status copied;
  if (rc != SQLITE_DONE) copied = sqlite_error((*destination)->handle(), rc, "backup");
  if (copied) copied = (*destination)->execute("PRAGMA journal_mode = DELETE");
  destination.value().reset();
  if (copied && std::rename(partial_path.c_str(), out_path.c_str()) != 0) {
    copied = make_error("storage_failure",
                        "cannot rename the backup to " + out_path + ": " + std::strerror(errno));
  }
  if (!copied) std::remove(partial_path.c_str());
  return copied;
}

StoreMetrics ResponseStore::Impl::metrics() const {
  StoreMetrics metrics;
  if (!writer_) return metrics;
  WriteQueueMetrics queue = writer_->metrics();
  metrics.queue_depth = queue.queue_depth;
  metrics.batches_committed = queue.batches_committed;
  metrics.writes_succeeded = queue.writes_succeeded;
  metrics.writes_failed = queue.writes_failed;
  metrics.batch_size_sum = queue.batch_size_sum;
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < std::size(kBatchSizeBounds); ++i) {
    cumulative += queue.batch_size_counts[i];
    metrics.batch_size_buckets.push_back({kBatchSizeBounds[i], cumulative});
  }
  return metrics;
}

}  // namespace parorende
