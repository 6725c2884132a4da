#include "server/api/staff_sessions.h"

#include <algorithm>
#include <vector>

namespace parorende::server {
namespace {

Sha256Digest session_key(std::string_view id) {
  return sha256("parorende-session:" + std::string(id));
}

}  // namespace

std::string csrf_token_for(std::string_view session_id) {
  return to_base64url(sha256("parorende-csrf:" + std::string(session_id)));
}

std::string session_cookie_value(const HttpRequest& request) {
  return request_cookie(request, kSessionCookie);
}

std::string request_cookie(const HttpRequest& request, std::string_view name) {
  auto [first, last] = request.equal_range(http::field::cookie);
  for (auto field = first; field != last; ++field) {
    std::string_view cookies = field->value();
    while (!cookies.empty()) {
      std::size_t end = cookies.find(';');
      std::string_view pair = cookies.substr(0, end);
      cookies = end == std::string_view::npos ? std::string_view() : cookies.substr(end + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      if (pair.size() > name.size() && pair.starts_with(name) && pair[name.size()] == '=') {
        return std::string(pair.substr(name.size() + 1));
      }
    }
  }
  return {};
}

std::string session_cookie(std::string_view session_id) {
  return std::string(kSessionCookie) + "=" + std::string(session_id) +
         "; Path=/; Secure; HttpOnly; SameSite=Strict";
}

std::string removed_session_cookie() {
  return std::string(kSessionCookie) + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0";
}

Result<StaffSessions::Started> StaffSessions::start(std::int64_t account_id, std::int64_t epoch,
                                                    bool second_factor_done, Clock::time_point now,
                                                    ProviderSignIn provider) {
  auto id = random_token();
  if (!id) return id.take_error();
  std::lock_guard lock(mutex_);
  std::erase_if(sessions_, [&](const auto& s) {
    return now - s.second.last_used > limits_.idle || now - s.second.started > limits_.lifetime;
  });
  std::size_t of_account = std::count_if(sessions_.begin(), sessions_.end(), [&](const auto& s) {
    return s.second.account_id == account_id;
  });
  if (of_account >= limits_.per_account) end_oldest_of(account_id);
  sessions_[session_key(id.value())] = {account_id, epoch, second_factor_done,
                                        now,        now,   std::move(provider)};
  return Started{id.value(), csrf_token_for(id.value())};
}

std::optional<StaffSessions::Found> StaffSessions::find(std::string_view id,
                                                        Clock::time_point now) {
  if (id.empty()) return std::nullopt;
  Sha256Digest key = session_key(id);
  std::lock_guard lock(mutex_);
  auto found = sessions_.find(key);
  if (found == sessions_.end()) return std::nullopt;
  Session& session = found->second;
  if (now - session.last_used > limits_.idle || now - session.started > limits_.lifetime) {
    sessions_.erase(found);
    return std::nullopt;
  }
  session.last_used = now;
  return Found{session.account_id, session.epoch, session.second_factor_done};
}

std::optional<StaffSessions::ProviderSignIn> StaffSessions::provider_sign_in(
    std::string_view id) const {
  std::lock_guard lock(mutex_);
  auto found = sessions_.find(session_key(id));
  if (found == sessions_.end() || found->second.provider.provider_id.empty()) return std::nullopt;
  return found->second.provider;
}

void StaffSessions::second_factor_done(std::string_view id) {
  std::lock_guard lock(mutex_);
  auto found = sessions_.find(session_key(id));
  if (found != sessions_.end()) found->second.second_factor_done = true;
}

void StaffSessions::end(std::string_view id) {
  std::lock_guard lock(mutex_);
  sessions_.erase(session_key(id));
}

void StaffSessions::end_all(std::int64_t account_id, std::string_view except) {
  std::optional<Sha256Digest> kept;
  if (!except.empty()) kept = session_key(except);
  std::lock_guard lock(mutex_);
  std::erase_if(sessions_, [&](const auto& s) {
    return s.second.account_id == account_id && s.first != kept;
  });
}

std::size_t StaffSessions::count() const {
  std::lock_guard lock(mutex_);
  return sessions_.size();
}

void StaffSessions::end_oldest_of(std::int64_t account_id) {
  auto oldest = sessions_.end();
  for (auto it = sessions_.begin(); it != sessions_.end(); ++it) {
    if (it->second.account_id != account_id) continue;
    if (oldest == sessions_.end() || it->second.started < oldest->second.started) oldest = it;
  }
  if (oldest != sessions_.end()) sessions_.erase(oldest);
}

}  // namespace parorende::server
