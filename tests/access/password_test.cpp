#include "access/password.h"

#include <gtest/gtest.h>

namespace parorende {
namespace {

TEST(Password, AHashVerifiesItsPasswordAndNoOther) {
  auto hashed = hash_password("correct horse battery");
  ASSERT_TRUE(hashed.ok()) << hashed.error().describe();
  EXPECT_TRUE(verify_password(hashed.value(), "correct horse battery"));
  EXPECT_FALSE(verify_password(hashed.value(), "correct horse batterY"));
  EXPECT_FALSE(verify_password(hashed.value(), ""));
}

TEST(Password, TheHashIsArgon2idAtOwaspsMinimumWithAFreshSalt) {
  auto first = hash_password("correct horse battery");
  auto second = hash_password("correct horse battery");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_TRUE(first->starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << first.value();
  EXPECT_NE(first.value(), second.value());
}

TEST(Password, AMalformedOrForeignStoredHashVerifiesNothing) {
  for (std::string stored : {"", "plain text", "$argon2i$v=19$m=4096,t=3,p=1$c2FsdA$aGFzaA",
                             "$2b$12$abcdefghijklmnopqrstuv"}) {
    EXPECT_FALSE(verify_password(stored, "plain text")) << stored;
  }
  EXPECT_FALSE(verify_password(decoy_password_hash(), ""));
  EXPECT_TRUE(decoy_password_hash().starts_with("$argon2id$"));
}

TEST(Password, NewPasswordRules) {
  EXPECT_TRUE(check_new_password("twelve chars", "kari").ok());
  EXPECT_TRUE(check_new_password("ærlig og rød", "kari").ok()) << "12 characters, 15 bytes";
  auto short_one = check_new_password("eleven char", "kari");
  ASSERT_FALSE(short_one.ok());
  EXPECT_EQ(short_one.error().code, "password_too_weak");
  EXPECT_FALSE(check_new_password(std::string(257, 'x'), "kari").ok());
  EXPECT_FALSE(check_new_password("tab\there is bad", "kari").ok());
  EXPECT_FALSE(check_new_password("Kari.Nordmann", "kari.nordmann").ok());
}

TEST(Password, ResetCodeHashesAreDomainSeparated) {
  EXPECT_EQ(password_reset_code_hash("abc"), password_reset_code_hash("abc"));
  EXPECT_NE(password_reset_code_hash("abc"), password_reset_code_hash("abd"));
  EXPECT_NE(password_reset_code_hash("abc"), sha256("abc"));
}

}  // namespace
}  // namespace parorende
