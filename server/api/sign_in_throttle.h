// Slows password guessing without locking the owner out. Only failed
// sign-ins count: each attempt takes a token from the client's bucket and
// from the account's (keyed by the typed username, whether or not it
// exists, so the throttle tells nothing of which accounts exist), and a
// successful one gives them back. An attempt is checked only while both
// buckets have a token; otherwise it is refused with 429 before any
// password is hashed, and costs nothing more. One client is held
// to a few guesses a minute long before the account's bucket runs dry, so
// the owner, from their own client, still gets in; many clients together
// can slow an account down to one guess a minute (docs/security.md,
// "Signing in").
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "server/http/client_key.h"
#include "server/http/rate_limiter.h"

namespace parorende::server {

struct SignInThrottleLimits {
  RateLimit per_client{1.0 / 60, 10};   // 10 failures, then one a minute
  RateLimit per_account{1.0 / 60, 30};  // 30 failures, then one a minute
  std::size_t max_tracked = 100000;     // buckets of each kind
};

class SignInThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  explicit SignInThrottle(SignInThrottleLimits limits = {}) : limits_(limits) {}

  // Whether an attempt may be checked now (and when to retry if not); an
  // admitted attempt has taken its tokens.
  Admission admit(std::string_view username, ClientKey client, Clock::time_point now);
  // The admitted attempt signed in: its tokens go back.
  void succeeded(std::string_view username, ClientKey client);
  // Buckets kept (clients and usernames together), for tests.
  std::size_t tracked() const;

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
  };
  using Buckets = std::unordered_map<std::uint64_t, Bucket>;
  double tokens(Buckets& buckets, std::uint64_t key, const RateLimit& limit, Clock::time_point now);
  void take(Buckets& buckets, std::uint64_t key, const RateLimit& limit, Clock::time_point now);

  SignInThrottleLimits limits_;
  mutable std::mutex mutex_;
  Buckets clients_;
  Buckets accounts_;
};

}  // namespace parorende::server
