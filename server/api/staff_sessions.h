// Signed-in staff sessions, kept in the store (store/sign_in_state.h) so
// that every server over one database knows them, and a restart signs no
// one out. A session id is 256 random bits, handed to the browser once in
// a __Host- cookie; the store keeps only its SHA-256, so a copy of the
// database holds no usable id. A session ends after 30 idle minutes (its
// last use is written at most once a minute), 12 hours after sign-in, at
// sign-out, or when its account signs out everywhere. The CSRF token is
// derived from the id (another SHA-256, so knowing it tells nothing of the
// id) and is sent back in X-CSRF-Token on every staff change
// (docs/security.md, "Sessions"). Every method but the cookie helpers reads
// or writes the store: call them on a store worker, never an I/O thread.
//
//   auto started = sessions.start(account.id, account.session_epoch, true, now);
//   Set-Cookie: __Host-parorende-session=<started->id>; ...
//   auto found = sessions.find(cookie_value, now);
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/result.h"
#include "server/http/http_types.h"
#include "store/response_store.h"

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
  // Wall-clock time: every server must read the same times.
  using Clock = std::chrono::system_clock;

  explicit StaffSessions(ResponseStore& store, StaffSessionLimits limits = {})
      : store_(store), limits_(limits) {}

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
  // The live session of `id`, its use recorded; nullopt (and the session
  // forgotten) when it is unknown, idle too long or too old.
  Result<std::optional<Found>> find(std::string_view id, Clock::time_point now);

  // The provider the session `id` signed in through (nullopt: a local
  // sign-in, or no such session).
  Result<std::optional<ProviderSignIn>> provider_sign_in(std::string_view id);

  Status end(std::string_view id);
  // Every session of the account (sign out everywhere, a disabled account,
  // a reset), its epoch raised.
  Status end_all(std::int64_t account_id);
  // Every session of the account but `kept_id`, allowed under `kept_epoch`
  // (a confirmed TOTP key): the epoch rises and the kept session moves to
  // it. "unauthorized" when the epoch moved meanwhile (the kept session
  // ended too).
  Status end_others(std::int64_t account_id, std::string_view kept_id, std::int64_t kept_epoch);
  // A confirmed TOTP key (the pending one, with the code of `step`), and
  // end_others, and this session's second factor done, in one
  // transaction.
  Status confirm_totp_key(std::int64_t account_id, std::int64_t step,
                          std::span<const std::uint8_t> key, std::string_view kept_id,
                          std::int64_t kept_epoch);
  // A new password hash, and end_others, in one transaction.
  Status change_password(std::int64_t account_id, std::string_view password_hash,
                         std::string_view kept_id, std::int64_t kept_epoch);
  Result<std::int64_t> count();

 private:
  ResponseStore& store_;
  StaffSessionLimits limits_;
};

}  // namespace parorende::server
