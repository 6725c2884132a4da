// Threads that make the store's blocking calls, so the I/O threads never
// wait for a group commit. Each waiting call holds one thread; with many
// threads, many writes are queued at once and one commit carries them all.
// A boost::asio::thread_pool, with a count of the jobs not started yet for
// /metrics.
#pragma once

#include <atomic>
#include <boost/asio/thread_pool.hpp>
#include <cstddef>
#include <functional>

namespace parorende::server {

class StoreWorkers {
 public:
  explicit StoreWorkers(unsigned threads);
  ~StoreWorkers();  // runs every queued job, then joins
  StoreWorkers(const StoreWorkers&) = delete;
  StoreWorkers& operator=(const StoreWorkers&) = delete;

  void post(std::function<void()> job);
  // Jobs posted and not yet started.
  std::size_t queued() const { return queued_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::size_t> queued_{0};
  boost::asio::thread_pool pool_;
};

}  // namespace parorende::server
