#include "access/totp.h"

#include <gtest/gtest.h>

#include "access/qr_code.h"

namespace parorende {
namespace {

std::vector<std::uint8_t> rfc6238_key() {
  std::string text = "12345678901234567890";  // RFC 6238 appendix B, SHA-1
  return {text.begin(), text.end()};
}

TEST(Totp, CodesAreRfc6238s) {
  // The test vectors' 8-digit codes end in these 6 digits (RFC 6238, B).
  EXPECT_EQ(totp_code(rfc6238_key(), 59), "287082");
  EXPECT_EQ(totp_code(rfc6238_key(), 1111111109), "081804");
  EXPECT_EQ(totp_code(rfc6238_key(), 1234567890), "005924");
  EXPECT_EQ(totp_code(rfc6238_key(), 2000000000), "279037");
}

TEST(Totp, ACodeMatchesItsStepAndOneStepEitherSide) {
  auto key = rfc6238_key();
  const std::time_t now = 1234567890;  // step 41152263
  EXPECT_EQ(match_totp_code(key, totp_code(key, now), now), 41152263);
  EXPECT_EQ(match_totp_code(key, totp_code(key, now - 30), now), 41152262);
  EXPECT_EQ(match_totp_code(key, totp_code(key, now + 30), now), 41152264);
  EXPECT_EQ(match_totp_code(key, totp_code(key, now + 60), now), std::nullopt);
  EXPECT_EQ(match_totp_code(key, totp_code(key, now - 60), now), std::nullopt);
}

TEST(Totp, TypedCodesAreReadStrictly) {
  auto key = rfc6238_key();
  EXPECT_EQ(match_totp_code(key, "005 924", 1234567890), 41152263);
  for (std::string typed : {"", "00592", "0059244", "00592a", "-05924", "005924\n"}) {
    EXPECT_EQ(match_totp_code(key, typed, 1234567890), std::nullopt) << typed;
  }
  EXPECT_EQ(match_totp_code({}, "005924", 1234567890), std::nullopt);
}

TEST(Totp, AKeyIs160RandomBitsShownInBase32AndAsAnOtpauthUri) {
  auto first = generate_totp_key();
  auto second = generate_totp_key();
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->size(), 20u);
  EXPECT_NE(first.value(), second.value());
  EXPECT_EQ(totp_key_base32(rfc6238_key()), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  EXPECT_EQ(totp_uri(rfc6238_key(), "kari@gjovik", "parorende Gjøvik"),
            "otpauth://totp/parorende%20Gj%C3%B8vik:kari@gjovik?"
            "secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=parorende%20Gj%C3%B8vik"
            "&algorithm=SHA1&digits=6&period=30");
}

TEST(QrCode, AnSvgOfDarkModulesInsideAQuietZone) {
  auto svg = qr_code_svg(totp_uri(rfc6238_key(), "kari", "parorende"));
  ASSERT_TRUE(svg.ok());
  EXPECT_TRUE(svg->starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "));
  EXPECT_TRUE(svg->ends_with("\"/></svg>"));
  // The finder pattern's top-left module sits at the quiet zone's edge.
  EXPECT_NE(svg->find("M4 4h1v1h-1z"), std::string::npos);
  EXPECT_EQ(svg->find("M3 "), std::string::npos);
  EXPECT_FALSE(qr_code_svg(std::string(8000, 'x')).ok());
}

}  // namespace
}  // namespace parorende
