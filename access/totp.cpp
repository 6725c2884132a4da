#include "access/totp.h"

#include <liboath/oath.h>

#include <cstdlib>
#include <mutex>

#include "common/crypto.h"
#include "common/text.h"

namespace parorende {
namespace {

constexpr std::size_t kKeyBytes = 20;

void start_liboath() {
  static std::once_flag started;
  std::call_once(started, [] {
    if (oath_init() != OATH_OK) std::abort();  // only fails without memory
  });
}

const char* key_chars(std::span<const std::uint8_t> key) {
  return reinterpret_cast<const char*>(key.data());
}

}  // namespace

Result<std::vector<std::uint8_t>> generate_totp_key() {
  std::vector<std::uint8_t> key(kKeyBytes);
  if (auto filled = random_bytes(key); !filled) return filled.error();
  return key;
}

std::string totp_key_base32(std::span<const std::uint8_t> key) {
  start_liboath();
  char* encoded = nullptr;
  std::size_t length = 0;
  if (oath_base32_encode(key_chars(key), key.size(), &encoded, &length) != OATH_OK) std::abort();
  std::string text(encoded, length);
  std::free(encoded);
  while (!text.empty() && text.back() == '=') text.pop_back();
  return text;
}

std::string totp_uri(std::span<const std::uint8_t> key, std::string_view username,
                     std::string_view issuer) {
  return "otpauth://totp/" + percent_encode(issuer, "@") + ":" + percent_encode(username, "@") +
         "?secret=" + totp_key_base32(key) + "&issuer=" + percent_encode(issuer, "@") +
         "&algorithm=SHA1&digits=" + std::to_string(kTotpDigits) +
         "&period=" + std::to_string(kTotpStepSeconds);
}

std::optional<std::int64_t> match_totp_code(std::span<const std::uint8_t> key,
                                            std::string_view typed, std::time_t now) {
  start_liboath();
  std::string code;
  for (char c : typed) {
    if (c == ' ') continue;
    if (c < '0' || c > '9' || code.size() == kTotpDigits) return std::nullopt;
    code += c;
  }
  if (code.size() != kTotpDigits || key.empty()) return std::nullopt;
  int position = 0;
  std::uint64_t counter = 0;
  int found = oath_totp_validate3(key_chars(key), key.size(), now, kTotpStepSeconds, 0, 1,
                                  &position, &counter, code.c_str());
  if (found < 0) return std::nullopt;
  return static_cast<std::int64_t>(counter);
}

std::string totp_code(std::span<const std::uint8_t> key, std::time_t now) {
  start_liboath();
  char code[kTotpDigits + 1] = {};
  if (oath_totp_generate(key_chars(key), key.size(), now, kTotpStepSeconds, 0, kTotpDigits, code) !=
      OATH_OK) {
    std::abort();
  }
  return code;
}

}  // namespace parorende
