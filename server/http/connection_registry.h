// The open connections, so a graceful stop can reach each one.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>

namespace parorende::server {

class Session;

class ConnectionRegistry {
 public:
  using Handle = std::list<std::weak_ptr<Session>>::iterator;

  Handle add(std::weak_ptr<Session> session);
  void remove(Handle handle);
  std::size_t size() const;

  // From now on no connection is kept alive; `on_empty` runs (once, on the
  // thread that closed the last connection, or here) when none is left.
  void begin_stop(std::function<void()> on_empty);
  bool stopping() const;

  // Calls `visit` for every open connection (outside the lock).
  void for_each(const std::function<void(const std::shared_ptr<Session>&)>& visit);

 private:
  mutable std::mutex mutex_;
  std::list<std::weak_ptr<Session>> sessions_;
  std::atomic<bool> stopping_{false};
  std::function<void()> on_empty_;
};

}  // namespace parorende::server
