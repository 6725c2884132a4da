#include "engine/secret_code.h"

#include <sys/random.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace parorende {
namespace {

constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t kRandomBytes = 18;  // 144 bits, 140 of them used
constexpr std::size_t kGroupSize = 4;

// The symbol's value, or -1; applies Crockford's reading of look-alikes.
int symbol_value(char symbol) {
  if (symbol >= 'a' && symbol <= 'z') symbol = static_cast<char>(symbol - 'a' + 'A');
  if (symbol == 'O') symbol = '0';
  if (symbol == 'I' || symbol == 'L') symbol = '1';
  for (int value = 0; value < 32; ++value) {
    if (kAlphabet[value] == symbol) return value;
  }
  return -1;
}

Status fill_random(std::span<std::uint8_t> buffer) {
  std::size_t filled = 0;
  while (filled < buffer.size()) {
    ssize_t got = getrandom(buffer.data() + filled, buffer.size() - filled, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      return make_error("storage_failure", std::string("getrandom failed: ") +
                                               std::strerror(errno));
    }
    filled += static_cast<std::size_t>(got);
  }
  return {};
}

}  // namespace

Result<std::string> generate_secret_code() {
  std::array<std::uint8_t, kRandomBytes> random{};
  if (auto filled = fill_random(random); !filled) return filled.take_error();
  std::string code;
  code.reserve(kSecretCodeSymbols + kSecretCodeSymbols / kGroupSize);
  for (std::size_t symbol = 0; symbol < kSecretCodeSymbols; ++symbol) {
    std::size_t bit = symbol * 5;
    unsigned window = unsigned{random[bit / 8]} << 8 | random[bit / 8 + 1];
    unsigned value = (window >> (11 - bit % 8)) & 0x1F;
    if (symbol != 0 && symbol % kGroupSize == 0) code += '-';
    code += kAlphabet[value];
  }
  return code;
}

std::optional<std::string> normalize_secret_code(std::string_view input) {
  std::string canonical;
  canonical.reserve(kSecretCodeSymbols);
  for (char symbol : input) {
    if (symbol == ' ' || symbol == '-' || symbol == '\t') continue;
    int value = symbol_value(symbol);
    if (value < 0 || canonical.size() == kSecretCodeSymbols) return std::nullopt;
    canonical += kAlphabet[value];
  }
  if (canonical.size() != kSecretCodeSymbols) return std::nullopt;
  return canonical;
}

CodeHash hash_secret_code(CodeKind kind, std::string_view canonical_code) {
  std::string input = kind == CodeKind::resume ? "parorende-resume:" : "parorende-receipt:";
  input += canonical_code;
  CodeHash hash;
  hash.digest = sha256(input);
  std::uint64_t prefix = 0;
  for (int i = 0; i < 8; ++i) prefix = prefix << 8 | hash.digest[i];
  hash.lookup_prefix = static_cast<std::int64_t>(prefix);
  return hash;
}

bool constant_time_equal(std::span<const std::uint8_t> left,
                         std::span<const std::uint8_t> right) {
  if (left.size() != right.size()) return false;
  volatile std::uint8_t difference = 0;
  for (std::size_t i = 0; i < left.size(); ++i) {
    difference = static_cast<std::uint8_t>(difference | (left[i] ^ right[i]));
  }
  return difference == 0;
}

}  // namespace parorende
