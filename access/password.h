// Staff passwords: hashing with argon2id (libsodium's crypto_pwhash_str, so
// the salt and the cost travel in the stored string), checking a typed
// password against a stored hash in constant time, and the rules a new
// password must meet. Hashing costs ~19 MiB and tens of milliseconds by
// design: call it on a worker thread, never on an I/O thread.
//
//   auto hash = hash_password("correct horse battery");
//   if (verify_password(hash.value(), typed)) ...
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "common/crypto.h"
#include "common/result.h"

namespace parorende {

// OWASP's minimum for argon2id (Password Storage Cheat Sheet): 19 MiB of
// memory, 2 iterations, 1 lane (libsodium's only).
struct PasswordCost {
  unsigned long long iterations;
  std::size_t memory_bytes;
};
inline constexpr PasswordCost kPasswordCost{2, std::size_t{19} << 20};

// "password_too_weak" unless the new password has 12 to 256 characters,
// no control character, and is not the username.
Status check_new_password(std::string_view password, std::string_view username);

// An argon2id string ("$argon2id$v=19$m=19456,t=2,p=1$...") with a fresh
// salt. "storage_failure" when memory for the hash cannot be had.
Result<std::string> hash_password(std::string_view password);

// Whether `password` is the one hashed into `stored`; false for an empty or
// malformed `stored`. Costs one hash either way.
bool verify_password(std::string_view stored, std::string_view password);

// A hash of no one's password, to verify against when the username is
// unknown, so that a wrong username costs what a wrong password costs.
const std::string& decoy_password_hash();

// What the store keeps of a one-time password reset code (a random token
// an administrator hands over): its SHA-256, domain-separated.
Sha256Digest password_reset_code_hash(std::string_view code);

}  // namespace parorende
