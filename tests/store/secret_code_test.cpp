#include "store/internal/secret_code.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace parorende {
namespace {

TEST(SecretCodeTest, CodesAreGroupedCrockfordBase32) {
  auto code = generate_secret_code();
  ASSERT_TRUE(code.ok());
  // 28 symbols in 7 groups of 4: a 10-bit bucket and 130 random bits.
  ASSERT_EQ(code->size(), 34u) << code.value();
  for (std::size_t i = 0; i < code->size(); ++i) {
    char c = (*code)[i];
    if (i % 5 == 4) {
      EXPECT_EQ(c, '-');
    } else {
      EXPECT_NE(std::string_view("0123456789ABCDEFGHJKMNPQRSTVWXYZ").find(c),
                std::string_view::npos)
          << c;
    }
  }
}

TEST(SecretCodeTest, CodesDoNotRepeat) {
  std::set<std::string> codes;
  for (int i = 0; i < 10000; ++i) codes.insert(generate_secret_code().value());
  EXPECT_EQ(codes.size(), 10000u);
}

TEST(SecretCodeTest, TypingIsForgiven) {
  std::string code = "7XKQ-M2PA-0000-1111-ABCD-EFGH-JKMN";
  EXPECT_EQ(normalize_secret_code(code), "7XKQM2PA00001111ABCDEFGHJKMN");
  EXPECT_EQ(normalize_secret_code(" 7xkq m2pa oooo iLl1 abcd efgh jkmn "),
            "7XKQM2PA00001111ABCDEFGHJKMN");
}

TEST(SecretCodeTest, MalformedInputIsRejected) {
  EXPECT_FALSE(normalize_secret_code(""));
  EXPECT_FALSE(normalize_secret_code("7XKQ-M2PA"));                             // short
  EXPECT_FALSE(normalize_secret_code("7XKQ-M2PA-0000-1111-ABCD-EFGH-JKMN-P"));  // long
  EXPECT_FALSE(normalize_secret_code("7XKQ-M2PA-0000-1111-ABCD-EFGH-JKMU"));    // U
  EXPECT_FALSE(normalize_secret_code("7XKQ-M2PA-0000-1111-ABCD-EFGH-JKM!"));
}

TEST(SecretCodeTest, HashesDependOnTheKind) {
  auto canonical = *normalize_secret_code(generate_secret_code().value());
  CodeHash resume = hash_secret_code(CodeKind::resume, canonical);
  CodeHash receipt = hash_secret_code(CodeKind::receipt, canonical);
  EXPECT_NE(resume.digest, receipt.digest);
  EXPECT_EQ(resume.digest, hash_secret_code(CodeKind::resume, canonical).digest);
}

std::string bucket_of(const std::string& code) { return code.substr(0, 2); }

TEST(SecretCodeTest, ConsecutiveCodesShareABucket) {
  // The bucket moves on every 4,096 codes, so 4,097 codes in a row span
  // exactly two buckets, and the later one follows the earlier.
  std::vector<std::string> codes;
  for (int i = 0; i < 4097; ++i) codes.push_back(generate_secret_code().value());
  std::set<std::string> buckets;
  for (const auto& code : codes) buckets.insert(bucket_of(code));
  ASSERT_EQ(buckets.size(), 2u);
  std::size_t changes = 0;
  for (std::size_t i = 1; i < codes.size(); ++i) {
    if (bucket_of(codes[i]) != bucket_of(codes[i - 1])) ++changes;
  }
  EXPECT_EQ(changes, 1u);
  // The rest stays random: no two codes share their last 26 symbols.
  std::set<std::string> secrets;
  for (const auto& code : codes) secrets.insert(code.substr(2));
  EXPECT_EQ(secrets.size(), codes.size());
}

TEST(SecretCodeTest, TheLookupPrefixLeadsWithTheBucket) {
  std::string canonical = "7X" + std::string(26, 'K');
  CodeHash hash = hash_secret_code(CodeKind::receipt, canonical);
  std::uint64_t digest_bits = 0;
  for (int i = 0; i < 8; ++i) digest_bits = digest_bits << 8 | hash.digest[i];
  // "7" is 7 and "X" is 29 in Crockford base32.
  std::uint64_t bucket = 7 * 32 + 29;
  EXPECT_EQ(static_cast<std::uint64_t>(hash.lookup_prefix), bucket << 53 | digest_bits >> 11);
  EXPECT_GT(hash.lookup_prefix, 0);
  EXPECT_EQ(static_cast<std::uint64_t>(hash.legacy_lookup_prefix), digest_bits);
}

TEST(SecretCodeTest, ConstantTimeEqualCompares) {
  Sha256Digest a = sha256("a");
  Sha256Digest b = a;
  EXPECT_TRUE(constant_time_equal(a, b));
  b[31] ^= 1;
  EXPECT_FALSE(constant_time_equal(a, b));
  EXPECT_FALSE(constant_time_equal(a, std::span<const std::uint8_t>(b.data(), 31)));
}

}  // namespace
}  // namespace parorende
