// Checking an OpenID Connect id_token (OpenID Connect Core 1.0, 3.1.3.7)
// against the provider's published keys (its JWKS): the signature, by
// Rhonabwy (a Debian-packaged JOSE library: parorende verifies no signature
// by hand), with an asymmetric algorithm only and the key the token names;
// then iss, aud (and azp), exp, iat and the nonce of this sign-in.
//
//   auto claims = verify_id_token(token, jwks_json,
//                                 {issuer, client_id, nonce, std::time(nullptr)});
//   if (!claims && claims.error().code == "id_token_unknown_key") ... fetch the
//   JWKS again (the provider rotated its keys) and verify once more
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <string_view>

#include "common/result.h"

namespace parorende {

struct IdTokenExpectations {
  std::string issuer;        // exactly the provider's, from its discovery document
  std::string client_id;     // must be in aud; azp, when present, must be it
  std::string nonce;         // the one sent with this sign-in
  std::int64_t now = 0;      // seconds since the epoch
  std::int64_t leeway = 60;  // clock skew allowed on exp and iat, seconds
};

struct IdTokenClaims {
  std::string subject;         // sub: the account at the provider
  boost::json::object claims;  // every claim, for mapping groups to roles
};

// "id_token_invalid" naming what failed (malformed, alg, signature, iss,
// aud, azp, exp, iat, nonce, sub); "id_token_unknown_key" when no key of
// the JWKS has the token's kid (or, without a kid, none verifies):
// refetch the keys once and try again. "invalid_argument" when the JWKS
// itself cannot be read.
Result<IdTokenClaims> verify_id_token(std::string_view token, std::string_view jwks_json,
                                      const IdTokenExpectations& expected);

}  // namespace parorende
