// Resume and receipt codes: random secrets a caregiver writes down.
//
// A code is 140 random bits from getrandom(2) in Crockford base32, 28
// symbols in groups of four ("7XKQ-M2PA-..."). Input is case-insensitive,
// ignores spaces and dashes, and reads O as 0 and I, L as 1. Only a SHA-256
// hash is stored; the code itself exists once, in the answer to the caller.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "engine/result.h"
#include "engine/sha256.h"

namespace parorende {

enum class CodeKind { resume, receipt };

inline constexpr std::size_t kSecretCodeSymbols = 28;

// A fresh code, grouped for display.
Result<std::string> generate_secret_code();

// The canonical form of typed input (28 upper-case symbols, no dashes), or
// nullopt when it cannot be a code.
std::optional<std::string> normalize_secret_code(std::string_view input);

struct CodeHash {
  std::int64_t lookup_prefix = 0;  // first 8 bytes of digest, for an index
  Sha256Digest digest;
};

// The kind is hashed in, so a receipt code never works as a resume code.
CodeHash hash_secret_code(CodeKind kind, std::string_view canonical_code);

struct IssuedCode {
  std::string display;  // grouped, shown once to the caregiver
  CodeHash hash;
};

// A fresh code and its hash, hashed from the symbols as generated (no
// round trip through normalize_secret_code).
Result<IssuedCode> issue_secret_code(CodeKind kind);

// Compares without an early exit, so timing tells nothing about where
// two digests differ.
bool constant_time_equal(std::span<const std::uint8_t> left,
                         std::span<const std::uint8_t> right);

}  // namespace parorende
