// Threads that make the store's blocking calls, so the I/O threads never
// wait for a group commit. Each waiting call holds one thread; with many
// threads, many writes are queued at once and one commit carries them all.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace parorende::server {

class StoreWorkers {
 public:
  explicit StoreWorkers(unsigned threads);
  ~StoreWorkers();  // runs every queued job, then joins
  StoreWorkers(const StoreWorkers&) = delete;
  StoreWorkers& operator=(const StoreWorkers&) = delete;

  void post(std::function<void()> job);
  std::size_t queued() const;

 private:
  void run();

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace parorende::server
