#include "store/internal/wal_checkpointer.h"

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
  static_cast<WalCheckpointer*>(self)->on_commit(database, schema, wal_pages);
  return SQLITE_OK;
}

void WalCheckpointer::on_commit(sqlite3* database, const char* schema, int wal_pages) {
  if (wal_pages < last_wal_pages_) {  // this commit started the WAL over
    ++wal_generation_;
    pages_at_last_request_ = 0;
  }
  last_wal_pages_ = wal_pages;
  if (wal_pages < soft_limit_pages_) return;

  bool finish_here = wal_pages >= hard_limit_pages_;
  if (!finish_here && !pass_running_.load(std::memory_order_acquire)) {
    std::uint64_t copied = copied_.load(std::memory_order_acquire);
    int copied_pages = copied >> 32 == wal_generation_ ? static_cast<int>(copied & 0xFFFFFFFF) : 0;
    finish_here = wal_pages - copied_pages <= kCatchUpPages;
  }
  if (finish_here) {
    // No commit can come in meanwhile, so this copies the whole WAL and the
    // next transaction starts it over. Busy (a pass still running, a
    // reader on an old snapshot): the next commit tries again.
    sqlite3_wal_checkpoint_v2(database, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return;
  }
  // A pass per kCatchUpPages of new WAL at most, not after every commit:
  // a reader holding an old snapshot can keep passes from getting closer.
  if (wal_pages - pages_at_last_request_ >= kCatchUpPages &&
      !pass_running_.load(std::memory_order_acquire)) {
    pages_at_last_request_ = wal_pages;
    request_pass();
  }
}

void WalCheckpointer::request_pass() {
  pass_running_.store(true, std::memory_order_release);
  {
    std::lock_guard lock(mutex_);
    requested_ = true;
    requested_generation_ = wal_generation_;
  }
  wake_.notify_one();
}

void WalCheckpointer::run() {
  while (true) {
    std::uint32_t generation = 0;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return requested_ || stopping_; });
      if (stopping_) return;
      requested_ = false;
      generation = requested_generation_;
    }
    // Busy or failed checkpoints are harmless: later commits ask again.
    int copied_pages = 0;
    if (sqlite3_wal_checkpoint_v2(connection_->handle(), "main", SQLITE_CHECKPOINT_PASSIVE, nullptr,
                                  &copied_pages) != SQLITE_OK) {
      copied_pages = 0;
    }
    copied_.store(std::uint64_t{generation} << 32 | static_cast<std::uint32_t>(copied_pages),
                  std::memory_order_release);
    pass_running_.store(false, std::memory_order_release);
  }
}

}  // namespace parorende
