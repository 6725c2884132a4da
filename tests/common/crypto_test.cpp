#include "common/crypto.h"

#include <gtest/gtest.h>

#include <array>
#include <string>

namespace parorende {
namespace {

// FIPS 180-4 examples (and the NIST one-million-'a' vector).
TEST(CryptoTest, Sha256FipsVectors) {
  EXPECT_EQ(to_hex(sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(to_hex(sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(to_hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(to_hex(sha256("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                          "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")),
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  EXPECT_EQ(to_hex(sha256(std::string(1000000, 'a'))),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

// Lengths around the padding boundaries: 55 bytes still fit the length in
// the last block, 56 need one more block.
TEST(CryptoTest, Sha256PaddingBoundaries) {
  EXPECT_EQ(to_hex(sha256(std::string(55, 'x'))),
            "d5e285683cd4efc02d021a5c62014694958901005d6f71e89e0989fac77e4072");
  EXPECT_EQ(to_hex(sha256(std::string(56, 'x'))),
            "04c26261370ee7541549d16dee320c723e3fd14671e66a099afe0a377c16888e");
  EXPECT_EQ(to_hex(sha256(std::string(64, 'x'))),
            "7ce100971f64e7001e8fe5a51973ecdfe1ced42befe7ee8d5fd6219506b5393c");
  EXPECT_EQ(to_hex(sha256(std::string(119, 'x'))),
            "000b48d4edf0fa7bee3c6236ecd2785baa5db4eeb8bb54341b029e0d9fa5fb0c");
  EXPECT_EQ(to_hex(sha256(std::string(120, 'x'))),
            "13f05a0b594787f5ecd315edc96141bd3243203d1b7d4f0836f37308b276ba98");
}

TEST(CryptoTest, RandomBytesDiffer) {
  std::array<std::uint8_t, 32> first{}, second{};
  ASSERT_TRUE(random_bytes(first).ok());
  ASSERT_TRUE(random_bytes(second).ok());
  EXPECT_NE(first, second);
  EXPECT_NE(first, (std::array<std::uint8_t, 32>{}));
}

TEST(CryptoTest, HexIsLowerCase) {
  Sha256Digest digest{};
  digest[0] = 0xAB;
  digest[31] = 0x0F;
  std::string hex = to_hex(digest);
  EXPECT_EQ(hex.size(), 64u);
  EXPECT_EQ(hex.substr(0, 2), "ab");
  EXPECT_EQ(hex.substr(62), "0f");
}

TEST(CryptoTest, ShortHashIsSipHash24) {
  // The reference vector of the SipHash paper (Aumasson, Bernstein 2012,
  // appendix A): key 00..0f, message 00..0e.
  ShortHashKey key{};
  for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<std::uint8_t>(i);
  std::array<std::uint8_t, 15> message{};
  for (std::size_t i = 0; i < message.size(); ++i) message[i] = static_cast<std::uint8_t>(i);
  EXPECT_EQ(short_hash(key, message), 0xa129ca6149be45e5ULL);
}

TEST(CryptoTest, Base64UrlAndTokens) {
  EXPECT_EQ(to_base64url(std::array<std::uint8_t, 2>{0xfb, 0xff}), "-_8");
  EXPECT_EQ(to_base64url(std::array<std::uint8_t, 0>{}), "");
  auto first = random_token();
  auto second = random_token();
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->size(), 43u);
  EXPECT_NE(first.value(), second.value());
  EXPECT_EQ(
      first->find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
      std::string::npos);
}

}  // namespace
}  // namespace parorende
