#include "access/password.h"

#include <sodium.h>

#include <array>
#include <cstdint>

#include "common/text.h"

namespace parorende {
namespace {

constexpr std::size_t kMinimumCharacters = 12;
constexpr std::size_t kMaximumBytes = 256;

std::size_t utf8_characters(std::string_view text) {
  std::size_t characters = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++characters;
  }
  return characters;
}

}  // namespace

Status check_new_password(std::string_view password, std::string_view username) {
  if (utf8_characters(password) < kMinimumCharacters || password.size() > kMaximumBytes) {
    return make_error("password_too_weak", "a password has 12 to 256 characters",
                      {{"password", "length", "12 to 256 characters"}});
  }
  if (has_control_character(password, false)) {
    return make_error("password_too_weak", "a password holds no control characters",
                      {{"password", "invalid_value", "no control characters"}});
  }
  if (ascii_lower(password) == ascii_lower(username)) {
    return make_error("password_too_weak", "a password is not the username",
                      {{"password", "invalid_value", "not the username"}});
  }
  return {};
}

Result<std::string> hash_password(std::string_view password) {
  if (sodium_init() < 0) return make_error("storage_failure", "libsodium could not start");
  char hashed[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(hashed, password.data(), password.size(), kPasswordCost.iterations,
                            kPasswordCost.memory_bytes, crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return make_error("storage_failure", "out of memory while hashing a password");
  }
  return std::string(hashed);
}

bool verify_password(std::string_view stored, std::string_view password) {
  if (sodium_init() < 0) return false;
  // A malformed or foreign string still costs a hash (of the decoy), so a
  // broken row answers as slowly as a wrong password.
  bool well_formed =
      !stored.empty() && stored.size() < crypto_pwhash_STRBYTES && stored.starts_with("$argon2id$");
  std::string hashed(well_formed ? stored : std::string_view(decoy_password_hash()));
  bool matches = crypto_pwhash_str_verify(hashed.c_str(), password.data(), password.size()) == 0;
  return well_formed && matches;
}

const std::string& decoy_password_hash() {
  static const std::string decoy = [] {
    std::array<std::uint8_t, 32> random{};
    randombytes_buf(random.data(), random.size());
    auto hashed = hash_password(
        std::string_view(reinterpret_cast<const char*>(random.data()), random.size()));
    return hashed ? hashed.value() : std::string();
  }();
  return decoy;
}

Sha256Digest password_reset_code_hash(std::string_view code) {
  return sha256("parorende-reset:" + std::string(code));
}

}  // namespace parorende
