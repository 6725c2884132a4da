#include "store/internal/read_pool.h"

#include <algorithm>
#include <utility>

namespace parorende {
namespace {

Result<std::unique_ptr<Connection>> open_reader(const std::string& path) {
  auto connection = Connection::open(path, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX);
  if (!connection) return connection.take_error();
  sqlite3_busy_timeout((*connection)->handle(), 5000);
  return connection;
}

}  // namespace

ReadPool::ReadPool(std::string path, std::size_t max_connections)
    : path_(std::move(path)), max_connections_(std::max<std::size_t>(max_connections, 1)) {}

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
  auto connection = open_reader(path_);
  if (!connection) {
    std::lock_guard lock(mutex_);
    --open_;
    returned_.notify_one();
    return connection.take_error();
  }
  return Lease(*this, std::move(connection).value());
}

void ReadPool::give_back(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  returned_.notify_one();
}

}  // namespace parorende
