// What signed-in staff and sign-ins under way leave in the store, so that
// every server over one database sees the same: staff sessions, the
// sign-in throttle's buckets, and sign-ins through an OpenID Provider on
// their way. The rules (how long a session lives, how many guesses a
// minute) are the server's (server/api/staff_sessions.h and its
// neighbours); the store keeps the rows and makes each change in one
// transaction. Rows are found by SHA-256 digests the caller makes: never a
// session id or a state itself. Times are Unix seconds.
//
//   store.add_staff_session(key, {account.id, account.session_epoch, true, now, now}, 10,
//                           {now - 1800, now - 43200});
//   auto found = store.staff_session(key);  // nullopt: no such session
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "common/crypto.h"

namespace parorende {

// The time the rows below are written in.
inline std::int64_t unix_seconds(std::chrono::system_clock::time_point at) {
  return std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
}

struct StoredStaffSession {
  std::int64_t account_id = 0;
  std::int64_t epoch = 0;  // the account's session epoch at sign-in
  bool second_factor_done = false;
  std::int64_t started_at = 0;
  std::int64_t last_used_at = 0;
  // How a session signed in through an OpenID Provider began (empty for a
  // local sign-in): signing out goes on to the provider's sign-out.
  std::string provider_id;
  std::string id_token;
};

// The session a change keeps (the one that made it), under the epoch its
// request was allowed with.
struct KeptSession {
  Sha256Digest key;
  std::int64_t epoch = 0;
};

// A session is over when last used before `idle_before` or started before
// `started_before`.
struct StaffSessionCutoffs {
  std::int64_t idle_before = 0;
  std::int64_t started_before = 0;
};

// One token taken from a bucket, which is kept as the moment it is full
// again: a token costs `cost` seconds of that moment, and the bucket has a
// token to give while that moment is at most `allowance` seconds away
// (burst - 1 tokens' worth).
struct BucketCharge {
  Sha256Digest key;
  std::int64_t cost = 0;
  std::int64_t allowance = 0;
};

struct StoredOpenIdSignIn {
  std::string provider_id;
  std::string nonce;
  std::string code_verifier;
  std::string language;
  Sha256Digest binding{};  // of the browser's binding cookie
  std::int64_t started_at = 0;
};

}  // namespace parorende
