// Signed-in staff sessions, kept in the server's memory only (a restart
// signs everyone out). A session id is 256 random bits, handed to the
// browser once in a __Host- cookie; the server keeps only its SHA-256, so
// a memory dump holds no usable id. A session ends after 30 idle minutes,
// 12 hours after sign-in, at sign-out, or when its account signs out
// everywhere. The CSRF token is derived from the id (another SHA-256, so
// knowing it tells nothing of the id) and is sent back in X-CSRF-Token on
// every staff change (docs/security.md, "Sessions").
//
//   auto started = sessions.start(account.id, account.session_epoch, true, now);
//   Set-Cookie: __Host-parorende-session=<started->id>; ...
//   auto found = sessions.find(cookie_value, now);
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "common/crypto.h"
#include "common/result.h"
#include "server/http/http_types.h"

namespace parorende::server {

struct StaffSessionLimits {
  std::chrono::seconds idle{30 * 60};
  std::chrono::seconds lifetime{12 * 60 * 60};
  // Past this, an account's oldest session ends when it signs in again.
  std::size_t per_account = 10;
};

inline constexpr std::string_view kSessionCookie = "__Host-parorende-session";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

// The CSRF token of a session id.
std::string csrf_token_for(std::string_view session_id);

// The value of the cookie `name` in the request's Cookie headers ("" if
// none), and the session cookie's.
std::string request_cookie(const HttpRequest& request, std::string_view name);
std::string session_cookie_value(const HttpRequest& request);
// Set-Cookie values: the session's cookie, and one that removes it.
std::string session_cookie(std::string_view session_id);
std::string removed_session_cookie();

class StaffSessions {
 public:
  using Clock = std::chrono::steady_clock;

  explicit StaffSessions(StaffSessionLimits limits = {}) : limits_(limits) {}

  struct Started {
    std::string id;  // the cookie's value: shown once, never kept
    std::string csrf_token;
  };
  // How a session signed in through an OpenID Provider began: signing out
  // sends the browser to the provider's sign-out with the id_token.
  struct ProviderSignIn {
    std::string provider_id;
    std::string id_token;
  };

  // A new session with a fresh id, under the account's session epoch
  // (Account::session_epoch) as it is now.
  Result<Started> start(std::int64_t account_id, std::int64_t epoch, bool second_factor_done,
                        Clock::time_point now, ProviderSignIn provider = {});

  struct Found {
    std::int64_t account_id = 0;
    std::int64_t epoch = 0;
    bool second_factor_done = false;
  };
  // The live session of `id`, its idle time restarted; nullopt (and the
  // session forgotten) when it is unknown, idle too long or too old.
  std::optional<Found> find(std::string_view id, Clock::time_point now);

  // The provider the live session `id` signed in through (nullopt: a
  // local sign-in, or no such session).
  std::optional<ProviderSignIn> provider_sign_in(std::string_view id) const;

  // The session's second factor is done (TOTP enrolled or entered).
  void second_factor_done(std::string_view id);
  void end(std::string_view id);
  // Every session of the account: sign out everywhere, a disabled account,
  // a changed password.
  // `except` (a session id) stays: the one that changed the password.
  void end_all(std::int64_t account_id, std::string_view except = {});
  std::size_t count() const;

 private:
  struct Session {
    std::int64_t account_id = 0;
    std::int64_t epoch = 0;
    bool second_factor_done = false;
    Clock::time_point started;
    Clock::time_point last_used;
    ProviderSignIn provider;
  };
  void end_oldest_of(std::int64_t account_id);

  StaffSessionLimits limits_;
  mutable std::mutex mutex_;
  std::map<Sha256Digest, Session> sessions_;
};

}  // namespace parorende::server
