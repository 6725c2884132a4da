#include "store/internal/read_pool.h"

#include <algorithm>
#include <utility>

namespace parorende {
namespace {

Result<std::unique_ptr<Connection>> open_reader(const StoreLocation& location) {
  if (location.engine == StoreEngine::postgresql) {
    auto connection = Connection::open_postgres(location.target);
    if (!connection) return connection.take_error();
    // Repeatable read: the statements of one read transaction (stats, the
    // audit log's check) see one snapshot, as SQLite's readers do.
    if (auto read_only =
            (*connection)
                ->set_session("SET default_transaction_read_only = on;"
                              " SET default_transaction_isolation = 'repeatable read'");
        !read_only) {
      return read_only.take_error();
    }
    return connection;
  }
  auto connection = Connection::open(location.target, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
  if (!connection) return connection.take_error();
  sqlite3_busy_timeout((*connection)->handle(), 5000);
  return connection;
}

}  // namespace

ReadPool::ReadPool(StoreLocation location, std::size_t max_connections)
    : location_(std::move(location)), max_connections_(std::max<std::size_t>(max_connections, 1)) {}

ReadPool::Lease::~Lease() {
  if (connection_) pool_->give_back(std::move(connection_));
}

Result<ReadPool::Lease> ReadPool::acquire() {
  {
    std::unique_lock lock(mutex_);
    returned_.wait(lock, [this] { return !idle_.empty() || open_ < max_connections_; });
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(connection));
    }
    ++open_;
  }
  auto connection = open_reader(location_);
  if (!connection) {
    std::lock_guard lock(mutex_);
    --open_;
    returned_.notify_one();
    return connection.take_error();
  }
  return Lease(*this, std::move(connection).value());
}

void ReadPool::give_back(std::unique_ptr<Connection> connection) {
  // A PostgreSQL connection comes back only outside a transaction: a read
  // that failed between BEGIN and COMMIT must not leave its snapshot to the
  // next. A lost one is made anew on the next acquire().
  bool usable = connection->engine() == StoreEngine::sqlite ||
                (!connection->in_transaction() && connection->reconnect());
  if (!usable && connection->in_transaction()) {
    usable = connection->execute("ROLLBACK").ok() && !connection->in_transaction() &&
             connection->reconnect();
  }
  {
    std::lock_guard lock(mutex_);
    if (usable) {
      idle_.push_back(std::move(connection));
    } else {
      --open_;
    }
  }
  returned_.notify_one();
}

}  // namespace parorende
