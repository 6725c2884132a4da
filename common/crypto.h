// Hashing, comparing and random bytes for codes and tokens, from libsodium:
// parorende writes no cryptography of its own.
//
//   Sha256Digest digest = sha256("parorende-receipt:" + code);
//   if (constant_time_equal(digest, stored)) ...
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "common/result.h"

namespace parorende {

using Sha256Digest = std::array<std::uint8_t, 32>;

// SHA-256 (FIPS 180-4).
Sha256Digest sha256(std::string_view data);

// Lower-case hexadecimal, 64 characters.
std::string to_hex(const Sha256Digest& digest);

// Whether two byte strings are equal, in a time that depends on their
// length only, never on where they differ.
bool constant_time_equal(std::span<const std::uint8_t> left, std::span<const std::uint8_t> right);

// A key for short_hash(): 128 random bits.
using ShortHashKey = std::array<std::uint8_t, 16>;

// SipHash-2-4 of `data` under `key` (libsodium's crypto_shorthash): a
// keyed 64-bit hash for hash tables and client keys, not a digest.
std::uint64_t short_hash(const ShortHashKey& key, std::span<const std::uint8_t> data);

// Base64url without padding (RFC 4648 section 5): tokens in cookies and
// links.
std::string to_base64url(std::span<const std::uint8_t> bytes);

// 256 random bits as base64url (43 characters): session ids, reset codes.
Result<std::string> random_token();
// Whether `text` has a random_token's shape: a cookie or a state that has
// not is refused before anything is looked up.
bool has_random_token_shape(std::string_view text);

// Fills `buffer` from the operating system's random source.
// "storage_failure" when the library cannot start.
Status random_bytes(std::span<std::uint8_t> buffer);

}  // namespace parorende
