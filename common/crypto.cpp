#include "common/crypto.h"

#include <sodium.h>

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

Status random_bytes(std::span<std::uint8_t> buffer) {
  if (!sodium_ready()) return make_error("storage_failure", "libsodium could not start");
  randombytes_buf(buffer.data(), buffer.size());
  return {};
}

}  // namespace parorende
