// Read-only connections shared by reader threads: each read borrows one, so
// reads never queue behind the writer (SQLite's WAL readers see the last
// commit; PostgreSQL's read-only transactions each see one snapshot).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/result.h"
#include "store/internal/connection.h"

namespace parorende {

class ReadPool {
 public:
  ReadPool(StoreLocation location, std::size_t max_connections);

  // A borrowed connection, returned to the pool on destruction.
  class Lease {
   public:
    Lease(ReadPool& pool, std::unique_ptr<Connection> connection)
        : pool_(&pool), connection_(std::move(connection)) {}
    ~Lease();
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    Connection& operator*() { return *connection_; }
    Connection* operator->() { return connection_.get(); }

   private:
    ReadPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  // Waits while all connections are busy; opens a new one when fewer than
  // the maximum exist.
  Result<Lease> acquire();

 private:
  void give_back(std::unique_ptr<Connection> connection);

  StoreLocation location_;
  std::size_t max_connections_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;
};

}  // namespace parorende
