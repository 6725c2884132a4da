#include "server/api/store_workers.h"

#include <boost/asio/post.hpp>

namespace parorende::server {

StoreWorkers::StoreWorkers(unsigned threads) : pool_(threads == 0 ? 1 : threads) {}

StoreWorkers::~StoreWorkers() { pool_.join(); }

void StoreWorkers::post(std::function<void()> job) {
  queued_.fetch_add(1, std::memory_order_relaxed);
  boost::asio::post(pool_, [this, job = std::move(job)] {
    queued_.fetch_sub(1, std::memory_order_relaxed);
    job();
  });
}

}  // namespace parorende::server
