// The open connections: how many there are, in all and per client, so new
// ones can be refused; and each one, so a graceful stop can reach it.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "server/http/client_key.h"

namespace parorende::server {

class Session;

class ConnectionRegistry {
  struct Entry {
    std::weak_ptr<Session> session;
    ClientKey client;
  };

 public:
  using Handle = std::list<Entry>::iterator;

  Handle add(std::weak_ptr<Session> session, ClientKey client);
  void remove(Handle handle);
  std::size_t size() const;
  // Open connections of `client`.
  std::size_t count_of(ClientKey client) const;

  // From now on no connection is kept alive; `on_empty` runs (once, on the
  // thread that closed the last connection, or here) when none is left.
  void begin_stop(std::function<void()> on_empty);
  bool stopping() const;

  // Calls `visit` for every open connection (outside the lock).
  void for_each(const std::function<void(const std::shared_ptr<Session>&)>& visit);

 private:
  mutable std::mutex mutex_;
  std::list<Entry> sessions_;
  std::unordered_map<ClientKey, std::size_t> per_client_;
  std::atomic<bool> stopping_{false};
  std::function<void()> on_empty_;
};

}  // namespace parorende::server
