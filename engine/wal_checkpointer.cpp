#include "engine/wal_checkpointer.h"

namespace parorende {

Result<std::unique_ptr<WalCheckpointer>> WalCheckpointer::start(
    const std::string& path, const std::string& synchronous_pragma, int soft_limit_pages,
    int hard_limit_pages) {
  auto connection = Connection::open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX);
  if (!connection) return connection.take_error();
  sqlite3_busy_timeout(connection.value()->handle(), 5000);
  if (auto set = connection.value()->execute("PRAGMA synchronous = " + synchronous_pragma); !set) {
    return set.take_error();
  }
  return std::unique_ptr<WalCheckpointer>(
      new WalCheckpointer(std::move(connection).value(), soft_limit_pages, hard_limit_pages));
}

WalCheckpointer::WalCheckpointer(std::unique_ptr<Connection> connection, int soft_limit_pages,
                                 int hard_limit_pages)
    : connection_(std::move(connection)),
      soft_limit_pages_(soft_limit_pages),
      hard_limit_pages_(hard_limit_pages),
      thread_([this] { run(); }) {}

WalCheckpointer::~WalCheckpointer() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void WalCheckpointer::watch(Connection& writer) {
  sqlite3_wal_hook(writer.handle(), &WalCheckpointer::on_commit, this);
}

int WalCheckpointer::on_commit(void* self, sqlite3* database, const char* schema, int wal_pages) {
  auto& checkpointer = *static_cast<WalCheckpointer*>(self);
  if (wal_pages < checkpointer.pages_at_last_request_) checkpointer.pages_at_last_request_ = 0;
  if (wal_pages >= checkpointer.hard_limit_pages_) {
    // Mostly backfilled already by the thread, so this is short.
    sqlite3_wal_checkpoint_v2(database, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    checkpointer.pages_at_last_request_ = 0;
  } else if (wal_pages - checkpointer.pages_at_last_request_ >= checkpointer.soft_limit_pages_) {
    // Once per soft limit of new pages, not after every commit past it:
    // back-to-back checkpoints would fsync the database all the time.
    checkpointer.pages_at_last_request_ = wal_pages;
    {
      std::lock_guard lock(checkpointer.mutex_);
      checkpointer.requested_ = true;
    }
    checkpointer.wake_.notify_one();
  }
  return SQLITE_OK;
}

void WalCheckpointer::run() {
  while (true) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return requested_ || stopping_; });
      if (stopping_) return;
      requested_ = false;
    }
    // Busy or failed checkpoints are harmless: the next commit asks again.
    sqlite3_wal_checkpoint_v2(connection_->handle(), "main", SQLITE_CHECKPOINT_PASSIVE, nullptr,
                              nullptr);
  }
}

}  // namespace parorende
