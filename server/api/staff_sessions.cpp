#include "server/api/staff_sessions.h"

#include <cstdio>

#include "common/crypto.h"

namespace parorende::server {
namespace {

// A session's last use is written at most this often: reading a session
// stays a read.
constexpr std::chrono::seconds kTouchEvery{60};

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
  std::int64_t at = unix_seconds(now);
  StoredStaffSession session{account_id,
                             epoch,
                             second_factor_done,
                             at,
                             at,
                             std::move(provider.provider_id),
                             std::move(provider.id_token)};
  auto added = store_.add_staff_session(session_key(id.value()), session, limits_.per_account,
                                        {at - limits_.idle.count(), at - limits_.lifetime.count()});
  if (!added) return added.error();
  return Started{id.value(), csrf_token_for(id.value())};
}

Result<std::optional<StaffSessions::Found>> StaffSessions::find(std::string_view id,
                                                                Clock::time_point now) {
  if (id.empty()) return std::optional<Found>();
  Sha256Digest key = session_key(id);
  auto stored = store_.staff_session(key);
  if (!stored) return stored.take_error();
  if (!stored.value()) return std::optional<Found>();
  const StoredStaffSession& session = *stored.value();
  std::int64_t at = unix_seconds(now);
  if (at - session.last_used_at > limits_.idle.count() ||
      at - session.started_at > limits_.lifetime.count()) {
    if (auto ended = store_.end_staff_session(key); !ended) return ended.error();
    return std::optional<Found>();
  }
  if (at - session.last_used_at >= kTouchEvery.count()) {
    // A use not written only ends the session sooner: the request goes on.
    if (auto touched = store_.touch_staff_session(key, at); !touched) {
      std::fprintf(stderr, "parorende serve: session use not recorded: %s\n",
                   touched.error().describe().c_str());
    }
  }
  return std::optional(Found{session.account_id, session.epoch, session.second_factor_done});
}

Result<std::optional<StaffSessions::ProviderSignIn>> StaffSessions::provider_sign_in(
    std::string_view id) {
  auto stored = store_.staff_session(session_key(id));
  if (!stored) return stored.take_error();
  if (!stored.value() || stored.value()->provider_id.empty()) {
    return std::optional<ProviderSignIn>();
  }
  return std::optional(
      ProviderSignIn{stored.value()->provider_id, std::move(stored.value()->id_token)});
}

Status StaffSessions::end(std::string_view id) { return store_.end_staff_session(session_key(id)); }

Status StaffSessions::end_all(std::int64_t account_id) {
  return store_.end_staff_sessions(account_id);
}

Status StaffSessions::end_others(std::int64_t account_id, std::string_view kept_id,
                                 std::int64_t kept_epoch) {
  return store_.end_staff_sessions(account_id, KeptSession{session_key(kept_id), kept_epoch});
}

Status StaffSessions::confirm_totp_key(std::int64_t account_id, std::int64_t step,
                                       std::span<const std::uint8_t> key, std::string_view kept_id,
                                       std::int64_t kept_epoch) {
  return store_.confirm_totp_key(account_id, step, key, {session_key(kept_id), kept_epoch});
}

Status StaffSessions::change_password(std::int64_t account_id, std::string_view password_hash,
                                      std::string_view kept_id, std::int64_t kept_epoch) {
  return store_.change_password(account_id, password_hash, {session_key(kept_id), kept_epoch});
}

Result<std::int64_t> StaffSessions::count() { return store_.staff_session_count(); }

}  // namespace parorende::server
