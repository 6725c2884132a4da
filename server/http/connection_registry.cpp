#include "server/http/connection_registry.h"

#include <vector>

namespace parorende::server {

ConnectionRegistry::Handle ConnectionRegistry::add(std::weak_ptr<Session> session,
                                                   ClientKey client) {
  std::lock_guard lock(mutex_);
  sessions_.push_front({std::move(session), client});
  ++per_client_[client];
  return sessions_.begin();
}

void ConnectionRegistry::remove(Handle handle) {
  std::function<void()> on_empty;
  {
    std::lock_guard lock(mutex_);
    auto count = per_client_.find(handle->client);
    if (--count->second == 0) per_client_.erase(count);
    sessions_.erase(handle);
    if (stopping_ && sessions_.empty()) on_empty.swap(on_empty_);
  }
  if (on_empty) on_empty();
}

std::size_t ConnectionRegistry::size() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

void ConnectionRegistry::begin_stop(std::function<void()> on_empty) {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    if (!sessions_.empty()) {
      on_empty_ = std::move(on_empty);
      return;
    }
  }
  on_empty();
}

std::size_t ConnectionRegistry::count_of(ClientKey client) const {
  std::lock_guard lock(mutex_);
  auto count = per_client_.find(client);
  return count == per_client_.end() ? 0 : count->second;
}

bool ConnectionRegistry::stopping() const { return stopping_.load(); }

void ConnectionRegistry::for_each(
    const std::function<void(const std::shared_ptr<Session>&)>& visit) {
  std::vector<std::shared_ptr<Session>> alive;
  {
    std::lock_guard lock(mutex_);
    for (const Entry& entry : sessions_) {
      if (auto session = entry.session.lock()) alive.push_back(std::move(session));
    }
  }
  for (const auto& session : alive) visit(session);
}

}  // namespace parorende::server
