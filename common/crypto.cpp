#include "common/crypto.h"

#include <sodium.h>

#include <array>

namespace parorende {
namespace {

bool sodium_ready() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

}  // namespace

Sha256Digest sha256(std::string_view data) {
  Sha256Digest digest;
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(data.data()),
                     data.size());
  return digest;
}

std::string to_hex(const Sha256Digest& digest) {
  std::string hex(digest.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), digest.data(), digest.size());
  hex.pop_back();
  return hex;
}

bool constant_time_equal(std::span<const std::uint8_t> left, std::span<const std::uint8_t> right) {
  if (left.size() != right.size()) return false;
  return sodium_memcmp(left.data(), right.data(), left.size()) == 0;
}

std::uint64_t short_hash(const ShortHashKey& key, std::span<const std::uint8_t> data) {
  static_assert(crypto_shorthash_KEYBYTES == sizeof(ShortHashKey));
  std::array<unsigned char, crypto_shorthash_BYTES> out{};
  crypto_shorthash(out.data(), data.data(), data.size(), key.data());
  std::uint64_t value = 0;
  for (std::size_t i = 0; i < out.size(); ++i) value |= std::uint64_t{out[i]} << (8 * i);
  return value;
}

std::string to_base64url(std::span<const std::uint8_t> bytes) {
  const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string text(sodium_base64_ENCODED_LEN(bytes.size(), variant), '\0');
  sodium_bin2base64(text.data(), text.size(), bytes.data(), bytes.size(), variant);
  text.pop_back();  // the terminating NUL
  return text;
}

Result<std::string> random_token() {
  std::array<std::uint8_t, 32> bytes{};
  if (auto filled = random_bytes(bytes); !filled) return filled.error();
  return to_base64url(bytes);
}

bool has_random_token_shape(std::string_view text) {
  return text.size() == 43 && std::all_of(text.begin(), text.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
         });
}

Status random_bytes(std::span<std::uint8_t> buffer) {
  if (!sodium_ready()) return make_error("storage_failure", "libsodium could not start");
  randombytes_buf(buffer.data(), buffer.size());
  return {};
}

}  // namespace parorende
