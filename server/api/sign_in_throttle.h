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
// "Signing in"). The accounts' buckets are kept in the store
// (store/sign_in_state.h), so every server over one database counts the
// same guesses; the clients' are kept in this server's memory, since a
// client's key is this process's secret hash of its address
// (server/http/client_key.h). admit and succeeded write to the store: call
// them on a store worker, never an I/O thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string_view>
#include <unordered_map>

#include "common/result.h"
#include "server/http/client_key.h"
#include "server/http/rate_limiter.h"
#include "store/response_store.h"

namespace parorende::server {

struct SignInThrottleLimits {
  RateLimit per_client{1.0 / 60, 10};   // 10 failures, then one a minute
  RateLimit per_account{1.0 / 60, 30};  // 30 failures, then one a minute
  std::size_t max_tracked = 100000;     // clients' buckets in memory
};

class SignInThrottle {
 public:
  // Wall-clock time: every server must read the same times.
  using Clock = std::chrono::system_clock;

  explicit SignInThrottle(ResponseStore& store, SignInThrottleLimits limits = {})
      : store_(store), limits_(limits) {}

  // Whether the client may try at all, from this server's memory only
  // (nothing taken): a refused client is answered on the I/O thread.
  Admission client_may_try(ClientKey client, Clock::time_point now);
  // Whether an attempt may be checked now (and when to retry if not); an
  // admitted attempt has taken its tokens.
  Result<Admission> admit(std::string_view username, ClientKey client, Clock::time_point now);
  // The admitted attempt signed in: its tokens go back.
  Status succeeded(std::string_view username, ClientKey client, Clock::time_point now);
  // Clients' buckets kept in memory, for tests.
  std::size_t tracked_clients() const;

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
  };
  using Buckets = std::unordered_map<std::uint64_t, Bucket>;
  double client_tokens(ClientKey client, Clock::time_point now);
  void take_client_token(ClientKey client, Clock::time_point now);
  void give_client_token(ClientKey client);
  BucketCharge account_charge(std::string_view username) const;

  ResponseStore& store_;
  SignInThrottleLimits limits_;
  mutable std::mutex mutex_;
  Buckets clients_;
};

}  // namespace parorende::server
