#include "store/internal/secret_code.h"

#include <pthread.h>

#include <array>
#include <atomic>
#include <cstring>

namespace parorende {
namespace {

constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t kRandomBytes = 18;  // 144 bits, 130 of them used
constexpr std::size_t kBucketSymbols = 2;
constexpr std::uint64_t kBuckets = 1 << (5 * kBucketSymbols);
constexpr std::uint64_t kCodesPerBucket = 4096;
constexpr int kDigestBitsInPrefix = 63 - 5 * kBucketSymbols;  // keeps the prefix positive
constexpr std::size_t kGroupSize = 4;
constexpr std::size_t kGroupedSize = kSecretCodeSymbols + kSecretCodeSymbols / kGroupSize - 1;

// Each symbol's value, or -1; with Crockford's reading of look-alikes.
constexpr std::array<std::int8_t, 256> kSymbolValues = [] {
  std::array<std::int8_t, 256> values{};
  values.fill(-1);
  for (int value = 0; value < 32; ++value) {
    auto symbol = static_cast<unsigned char>(kAlphabet[value]);
    values[symbol] = static_cast<std::int8_t>(value);
    if (symbol >= 'A' && symbol <= 'Z')
      values[symbol - 'A' + 'a'] = static_cast<std::int8_t>(value);
  }
  for (unsigned char look_alike : {'O', 'o'}) values[look_alike] = 0;
  for (unsigned char look_alike : {'I', 'i', 'L', 'l'}) values[look_alike] = 1;
  return values;
}();

int symbol_value(char symbol) { return kSymbolValues[static_cast<unsigned char>(symbol)]; }

// Random bytes for 56 codes per thread, so a code costs no system
// call (a syscall is expensive in a VM). Bytes are wiped once handed out,
// and a forked child drops its copy: it must never issue the parent's codes.
struct RandomPool {
  std::array<std::uint8_t, kRandomBytes * 56> bytes{};
  std::size_t used = sizeof bytes;
};

thread_local RandomPool random_pool;

void forget_random_in_child() {
  std::memset(random_pool.bytes.data(), 0, random_pool.bytes.size());
  random_pool.used = random_pool.bytes.size();
}

Status take_random(std::span<std::uint8_t, kRandomBytes> out) {
  static const bool fork_safe = pthread_atfork(nullptr, nullptr, forget_random_in_child) == 0;
  if (!fork_safe) return random_bytes(out);
  RandomPool& pool = random_pool;
  if (pool.used + out.size() > pool.bytes.size()) {
    if (auto filled = random_bytes(pool.bytes); !filled) return filled;
    pool.used = 0;
  }
  std::uint8_t* taken = pool.bytes.data() + pool.used;
  std::memcpy(out.data(), taken, out.size());
  std::memset(taken, 0, out.size());
  pool.used += out.size();
  return {};
}

// Process-wide, so concurrent callers share a bucket. It starts at random:
// a restart does not go back to bucket 0, and the bucket tells nothing of
// how many codes came before.
std::uint64_t next_bucket() {
  static std::atomic<std::uint64_t> issued = [] {
    std::array<std::uint8_t, 2> random{};
    (void)random_bytes(random);  // on failure every run starts at bucket 0: still correct
    return std::uint64_t{random[0]} << 8 | random[1];
  }() * kCodesPerBucket;
  return issued.fetch_add(1, std::memory_order_relaxed) / kCodesPerBucket % kBuckets;
}

// The 28 canonical symbols: the bucket, then 130 random bits.
Status random_symbols(std::array<char, kSecretCodeSymbols>& symbols) {
  std::array<std::uint8_t, kRandomBytes> random{};
  if (auto taken = take_random(random); !taken) return taken;
  std::uint64_t bucket = next_bucket();
  for (std::size_t symbol = 0; symbol < kBucketSymbols; ++symbol) {
    symbols[symbol] = kAlphabet[(bucket >> (5 * (kBucketSymbols - 1 - symbol))) & 0x1F];
  }
  for (std::size_t symbol = kBucketSymbols; symbol < kSecretCodeSymbols; ++symbol) {
    std::size_t bit = symbol * 5;
    unsigned window = unsigned{random[bit / 8]} << 8 | random[bit / 8 + 1];
    symbols[symbol] = kAlphabet[(window >> (11 - bit % 8)) & 0x1F];
  }
  std::memset(random.data(), 0, random.size());
  return {};
}

std::string grouped(std::string_view canonical) {
  std::string code;
  code.reserve(kGroupedSize);
  for (std::size_t symbol = 0; symbol < canonical.size(); ++symbol) {
    if (symbol != 0 && symbol % kGroupSize == 0) code += '-';
    code += canonical[symbol];
  }
  return code;
}

}  // namespace

Result<std::string> generate_secret_code() {
  std::array<char, kSecretCodeSymbols> symbols{};
  if (auto made = random_symbols(symbols); !made) return made.take_error();
  return grouped(std::string_view(symbols.data(), symbols.size()));
}

Result<IssuedCode> issue_secret_code(CodeKind kind) {
  std::array<char, kSecretCodeSymbols> symbols{};
  if (auto made = random_symbols(symbols); !made) return made.take_error();
  std::string_view canonical(symbols.data(), symbols.size());
  IssuedCode issued;
  issued.hash = hash_secret_code(kind, canonical);
  issued.display = grouped(canonical);
  return issued;
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
  // On the stack: with the prefix the input is longer than std::string's
  // small buffer.
  std::string_view prefix = kind == CodeKind::resume    ? "parorende-resume:"
                            : kind == CodeKind::receipt ? "parorende-receipt:"
                                                        : "parorende-invitation:";
  std::array<char, 21 + kSecretCodeSymbols> buffer{};
  std::string input_storage;
  std::string_view input;
  if (prefix.size() + canonical_code.size() <= buffer.size()) {
    std::memcpy(buffer.data(), prefix.data(), prefix.size());
    std::memcpy(buffer.data() + prefix.size(), canonical_code.data(), canonical_code.size());
    input = std::string_view(buffer.data(), prefix.size() + canonical_code.size());
  } else {
    input_storage.append(prefix).append(canonical_code);
    input = input_storage;
  }
  CodeHash hash;
  hash.digest = sha256(input);
  std::uint64_t digest_bits = 0;
  for (int i = 0; i < 8; ++i) digest_bits = digest_bits << 8 | hash.digest[i];
  std::uint64_t bucket = 0;
  for (std::size_t symbol = 0; symbol < kBucketSymbols && symbol < canonical_code.size();
       ++symbol) {
    bucket = bucket << 5 | static_cast<std::uint64_t>(symbol_value(canonical_code[symbol]) & 0x1F);
  }
  hash.lookup_prefix = static_cast<std::int64_t>(bucket << kDigestBitsInPrefix |
                                                 digest_bits >> (64 - kDigestBitsInPrefix));
  hash.legacy_lookup_prefix = static_cast<std::int64_t>(digest_bits);
  return hash;
}

}  // namespace parorende
