#include "engine/secret_code.h"

#include <gtest/gtest.h>

#include <set>

namespace parorende {
namespace {

TEST(SecretCodeTest, CodesAreGroupedCrockfordBase32) {
  auto code = generate_secret_code();
  ASSERT_TRUE(code.ok());
  // 28 symbols in 7 groups of 4: 140 bits.
  ASSERT_EQ(code->size(), 34u) << code.value();
  for (std::size_t i = 0; i < code->size(); ++i) {
    char c = (*code)[i];
    if (i % 5 == 4) {
      EXPECT_EQ(c, '-');
    } else {
      EXPECT_NE(std::string_view("0123456789ABCDEFGHJKMNPQRSTVWXYZ").find(c), std::string_view::npos)
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
  EXPECT_FALSE(normalize_secret_code("7XKQ-M2PA"));                              // short
  EXPECT_FALSE(normalize_secret_code("7XKQ-M2PA-0000-1111-ABCD-EFGH-JKMN-P"));   // long
  EXPECT_FALSE(normalize_secret_code("7XKQ-M2PA-0000-1111-ABCD-EFGH-JKMU"));     // U
  EXPECT_FALSE(normalize_secret_code("7XKQ-M2PA-0000-1111-ABCD-EFGH-JKM!"));
}

TEST(SecretCodeTest, HashesDependOnTheKind) {
  auto canonical = *normalize_secret_code(generate_secret_code().value());
  CodeHash resume = hash_secret_code(CodeKind::resume, canonical);
  CodeHash receipt = hash_secret_code(CodeKind::receipt, canonical);
  EXPECT_NE(resume.digest, receipt.digest);
  EXPECT_EQ(resume.digest, hash_secret_code(CodeKind::resume, canonical).digest);
  std::uint64_t prefix = 0;
  for (int i = 0; i < 8; ++i) prefix = prefix << 8 | resume.digest[i];
  EXPECT_EQ(static_cast<std::uint64_t>(resume.lookup_prefix), prefix);
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
