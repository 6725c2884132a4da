// id_tokens as a provider signs them, and as an attacker forges, replays or
// bends them: only a token signed by the provider's key, for this client,
// from this issuer, unexpired and carrying this sign-in's nonce passes.
// Tokens are made with Rhonabwy, the library that checks them.
#include "access/id_token.h"

#include <gtest/gtest.h>
#include <rhonabwy.h>

#include <boost/json/serialize.hpp>
#include <memory>

namespace parorende {
namespace {

namespace json = boost::json;

constexpr std::int64_t kNow = 1'800'000'000;
const std::string kIssuer = "https://login.example.no/tenant";
const std::string kClient = "parorende-gjovik";
const std::string kNonce = "n-0S6_WzA2Mj";

// A provider's key pair, its public half as a JWKS.
class Provider {
 public:
  Provider(int type, unsigned bits, const char* kid) {
    r_global_init();
    r_jwk_init(&private_key_);
    r_jwk_init(&public_key_);
    EXPECT_EQ(r_jwk_generate_key_pair(private_key_, public_key_, type, bits, kid), RHN_OK);
  }
  ~Provider() {
    r_jwk_free(private_key_);
    r_jwk_free(public_key_);
  }

  std::string jwks() const { return jwks_of({this}); }

  static std::string jwks_of(std::initializer_list<const Provider*> providers) {
    jwks_t* set = nullptr;
    r_jwks_init(&set);
    for (const Provider* provider : providers) r_jwks_append_jwk(set, provider->public_key_);
    char* text = r_jwks_export_to_json_str(set, 0);
    std::string result(text);
    r_free(text);
    r_jwks_free(set);
    return result;
  }

  std::string sign(const json::object& claims, jwa_alg alg) const {
    jwt_t* jwt = nullptr;
    r_jwt_init(&jwt);
    r_jwt_set_full_claims_json_str(jwt, json::serialize(claims).c_str());
    r_jwt_set_sign_alg(jwt, alg);
    char* token = r_jwt_serialize_signed(jwt, private_key_, 0);
    std::string result = token ? token : "";
    r_free(token);
    r_jwt_free(jwt);
    return result;
  }

 private:
  jwk_t* private_key_ = nullptr;
  jwk_t* public_key_ = nullptr;
};

json::object good_claims() {
  return {{"iss", kIssuer},
          {"sub", "248289761001"},
          {"aud", kClient},
          {"exp", kNow + 300},
          {"iat", kNow - 10},
          {"nonce", kNonce},
          {"groups", json::array{"gjovik-staff"}}};
}

IdTokenExpectations expected() { return {kIssuer, kClient, kNonce, kNow}; }

const Provider& rsa() {
  static Provider provider(R_KEY_TYPE_RSA, 2048, "rsa-2026");
  return provider;
}

void expect_refused(const Result<IdTokenClaims>& result, std::string_view code,
                    std::string_view says) {
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, code);
  EXPECT_NE(result.error().message.find(says), std::string::npos) << result.error().message;
}

TEST(IdToken, TheProvidersTokenForThisSignInPasses) {
  auto claims =
      verify_id_token(rsa().sign(good_claims(), R_JWA_ALG_RS256), rsa().jwks(), expected());
  ASSERT_TRUE(claims.ok()) << claims.error().describe();
  EXPECT_EQ(claims->subject, "248289761001");
  EXPECT_EQ(claims->claims.at("groups").as_array().at(0), "gjovik-staff");
  Provider ec(R_KEY_TYPE_EC, 256, "ec-2026");
  EXPECT_TRUE(verify_id_token(ec.sign(good_claims(), R_JWA_ALG_ES256), ec.jwks(), expected()).ok());
}

TEST(IdToken, AForgedOrWronglySignedTokenIsRefused) {
  // Another key pair under the provider's kid: the signature fails.
  Provider forger(R_KEY_TYPE_RSA, 2048, "rsa-2026");
  expect_refused(
      verify_id_token(forger.sign(good_claims(), R_JWA_ALG_RS256), rsa().jwks(), expected()),
      "id_token_invalid", "signature");
  // A claim changed after signing.
  std::string token = rsa().sign(good_claims(), R_JWA_ALG_RS256);
  std::size_t first_dot = token.find('.'), second_dot = token.find('.', first_dot + 1);
  json::object changed = good_claims();
  changed["sub"] = "someone-else";
  std::string forged_payload = rsa().sign(changed, R_JWA_ALG_RS256);
  std::size_t f1 = forged_payload.find('.'), f2 = forged_payload.find('.', f1 + 1);
  std::string spliced = token.substr(0, first_dot + 1) +
                        forged_payload.substr(f1 + 1, f2 - f1 - 1) + token.substr(second_dot);
  expect_refused(verify_id_token(spliced, rsa().jwks(), expected()), "id_token_invalid",
                 "signature");
  // alg "none", with the signature dropped.
  std::string header_none =
      "eyJhbGciOiJub25lIiwia2lkIjoicnNhLTIwMjYifQ";  // {"alg":"none","kid":"rsa-2026"}
  std::string unsigned_token = header_none + token.substr(first_dot, second_dot - first_dot + 1);
  EXPECT_FALSE(verify_id_token(unsigned_token, rsa().jwks(), expected()).ok());
  for (const std::string& malformed : std::vector<std::string>{
           "", "a.b", "a.b.c", "not a token at all", std::string(20000, 'a')}) {
    expect_refused(verify_id_token(malformed, rsa().jwks(), expected()), "id_token_invalid",
                   "refused");
  }
}

TEST(IdToken, AnHmacTokenIsRefusedWhateverItsKey) {
  // HS256 with a symmetric key in the set (an attacker's guess at the
  // client secret, or a provider's HMAC key): never a key pair, refused.
  jwk_t* secret = nullptr;
  r_jwk_init(&secret);
  r_jwk_import_from_json_str(
      secret,
      R"({"kty":"oct","kid":"rsa-2026","k":"c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA"})");
  jwt_t* jwt = nullptr;
  r_jwt_init(&jwt);
  r_jwt_set_full_claims_json_str(jwt, json::serialize(good_claims()).c_str());
  r_jwt_set_sign_alg(jwt, R_JWA_ALG_HS256);
  char* token = r_jwt_serialize_signed(jwt, secret, 0);
  ASSERT_NE(token, nullptr);
  std::string hmac_token(token);
  r_free(token);
  r_jwt_free(jwt);
  r_jwk_free(secret);
  expect_refused(verify_id_token(hmac_token, rsa().jwks(), expected()), "id_token_invalid", "alg");
}

TEST(IdToken, AnExpiredTokenOrOneFromTheFutureIsRefused) {
  json::object expired = good_claims();
  expired["exp"] = kNow - 61;
  expect_refused(verify_id_token(rsa().sign(expired, R_JWA_ALG_RS256), rsa().jwks(), expected()),
                 "id_token_invalid", "exp");
  json::object within_leeway = good_claims();
  within_leeway["exp"] = kNow - 30;
  EXPECT_TRUE(
      verify_id_token(rsa().sign(within_leeway, R_JWA_ALG_RS256), rsa().jwks(), expected()).ok());
  json::object future = good_claims();
  future["iat"] = kNow + 600;
  expect_refused(verify_id_token(rsa().sign(future, R_JWA_ALG_RS256), rsa().jwks(), expected()),
                 "id_token_invalid", "iat");
  json::object no_exp = good_claims();
  no_exp.erase("exp");
  expect_refused(verify_id_token(rsa().sign(no_exp, R_JWA_ALG_RS256), rsa().jwks(), expected()),
                 "id_token_invalid", "exp");
}

TEST(IdToken, AnotherIssuerAudienceOrNonceIsRefused) {
  struct Case {
    const char* claim;
    json::value value;
    const char* says;
  };
  const Case cases[] = {
      {"iss", json::value("https://login.example.no/other-tenant"), "iss"},
      {"aud", json::value("another-client"), "aud"},
      {"aud", json::array{"another-client", "third"}, "aud"},
      {"aud", json::array{kClient, "another-client"}, "azp"},  // several audiences, no azp
      {"azp", json::value("another-client"), "azp"},
      {"nonce", json::value("a nonce from another sign-in"), "nonce"},
      {"nonce", json::value(nullptr), "nonce"},
      {"sub", json::value(""), "sub"},
  };
  for (const Case& c : cases) {
    json::object claims = good_claims();
    claims[c.claim] = c.value;
    expect_refused(verify_id_token(rsa().sign(claims, R_JWA_ALG_RS256), rsa().jwks(), expected()),
                   "id_token_invalid", c.says);
  }
  json::object several = good_claims();
  several["aud"] = json::array{kClient, "another-client"};
  several["azp"] = kClient;
  EXPECT_TRUE(verify_id_token(rsa().sign(several, R_JWA_ALG_RS256), rsa().jwks(), expected()).ok());
  IdTokenExpectations no_nonce = expected();
  no_nonce.nonce = "";
  expect_refused(
      verify_id_token(rsa().sign(good_claims(), R_JWA_ALG_RS256), rsa().jwks(), no_nonce),
      "id_token_invalid", "nonce");
}

TEST(IdToken, ARotatedKeyAsksForTheKeysAgain) {
  Provider next(R_KEY_TYPE_RSA, 2048, "rsa-2027");
  std::string token = next.sign(good_claims(), R_JWA_ALG_RS256);
  expect_refused(verify_id_token(token, rsa().jwks(), expected()), "id_token_unknown_key", "keys");
  // After the refetch, the set holds both keys.
  EXPECT_TRUE(verify_id_token(token, Provider::jwks_of({&rsa(), &next}), expected()).ok());
  expect_refused(verify_id_token(token, "{\"keys\":[]}", expected()), "invalid_argument", "JWKS");
  expect_refused(verify_id_token(token, "not json", expected()), "invalid_argument", "JWKS");
}

}  // namespace
}  // namespace parorende
