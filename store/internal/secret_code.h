// Resume, receipt and invitation codes: random secrets a caregiver writes
// down (or finds in a letter).
//
// A code is 28 Crockford base32 symbols in groups of four ("7XKQ-M2PA-...").
// The first two symbols are the code's issue bucket (10 bits, not secret),
// the other 26 are 130 random bits from libsodium (common/crypto.h). Input is
// case-insensitive, ignores spaces and dashes, and reads O as 0 and I, L as
// 1. Only a SHA-256 hash is stored; the code itself exists once, in the
// answer to the caller.
//
// Why buckets: codes are looked up through an index on a prefix of the
// hash. Were the prefix all hash, each new response would land on a random
// leaf of that index, and a group commit of n responses would write n
// index pages. The bucket leads the prefix and moves on every 4,096 codes
// issued, so the codes of one commit share a few leaves.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "common/crypto.h"
#include "common/result.h"

namespace parorende {

enum class CodeKind { resume, receipt, invitation };

inline constexpr std::size_t kSecretCodeSymbols = 28;

// A fresh code, grouped for display.
Result<std::string> generate_secret_code();

// The canonical form of typed input (28 upper-case symbols, no dashes), or
// nullopt when it cannot be a code.
std::optional<std::string> normalize_secret_code(std::string_view input);

struct CodeHash {
  // The indexed prefix: the code's bucket, then the first 53 bits of digest.
  std::int64_t lookup_prefix = 0;
  // The prefix of codes issued before buckets: the first 8 bytes of digest.
  // Lookups try both, so those codes keep working.
  std::int64_t legacy_lookup_prefix = 0;
  Sha256Digest digest;
};

// The kind is hashed in, so a receipt code never works as a resume code
// (nor an invitation code as either).
CodeHash hash_secret_code(CodeKind kind, std::string_view canonical_code);

struct IssuedCode {
  std::string display;  // grouped, shown once to the caregiver
  CodeHash hash;
};

// A fresh code and its hash, hashed from the symbols as generated (no
// round trip through normalize_secret_code).
Result<IssuedCode> issue_secret_code(CodeKind kind);

}  // namespace parorende
