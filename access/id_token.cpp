#include "access/id_token.h"

#include <rhonabwy.h>

#include <boost/json/parse.hpp>
#include <memory>
#include <mutex>
#include <optional>

namespace parorende {
namespace {

namespace json = boost::json;

struct JwtFree {
  void operator()(jwt_t* jwt) const { r_jwt_free(jwt); }
};
struct JwksFree {
  void operator()(jwks_t* jwks) const { r_jwks_free(jwks); }
};
struct JwkFree {
  void operator()(jwk_t* jwk) const { r_jwk_free(jwk); }
};
struct RhonabwyFree {
  void operator()(char* text) const { r_free(text); }
};

Error invalid(std::string what) {
  return make_error("id_token_invalid", "the id_token is refused: " + what);
}

// Signatures by a key pair only: "none" and the HMAC algorithms (whose key
// would be the client secret, or an attacker's guess at it) are refused.
bool is_asymmetric(jwa_alg alg) {
  switch (alg) {
    case R_JWA_ALG_RS256:
    case R_JWA_ALG_RS384:
    case R_JWA_ALG_RS512:
    case R_JWA_ALG_PS256:
    case R_JWA_ALG_PS384:
    case R_JWA_ALG_PS512:
    case R_JWA_ALG_ES256:
    case R_JWA_ALG_ES384:
    case R_JWA_ALG_ES512:
    case R_JWA_ALG_EDDSA: return true;
    default: return false;
  }
}

const json::string* string_claim(const json::object& claims, std::string_view name) {
  const json::value* value = claims.if_contains(name);
  return value ? value->if_string() : nullptr;
}

std::optional<std::int64_t> time_claim(const json::object& claims, std::string_view name) {
  const json::value* value = claims.if_contains(name);
  if (value == nullptr) return std::nullopt;
  if (value->is_int64()) return value->as_int64();
  if (value->is_uint64() && value->as_uint64() <= INT64_MAX) {
    return static_cast<std::int64_t>(value->as_uint64());
  }
  // A time as a fraction is allowed (RFC 7519's NumericDate); one past what
  // int64 holds, or not a number, is no time.
  if (value->is_double()) {
    double seconds = value->as_double();
    if (!(seconds > -9.2e18 && seconds < 9.2e18)) return std::nullopt;
    return static_cast<std::int64_t>(seconds);
  }
  return std::nullopt;
}

Status check_claims(const json::object& claims, const IdTokenExpectations& expected) {
  const json::string* issuer = string_claim(claims, "iss");
  if (issuer == nullptr || *issuer != expected.issuer) return invalid("iss is not the provider");
  const json::value* audience = claims.if_contains("aud");
  bool audience_has_client = false;
  std::size_t audiences = 0;
  if (audience != nullptr && audience->is_string()) {
    audiences = 1;
    audience_has_client = audience->as_string() == expected.client_id;
  } else if (audience != nullptr && audience->is_array()) {
    for (const json::value& entry : audience->as_array()) {
      ++audiences;
      if (entry.is_string() && entry.as_string() == expected.client_id) audience_has_client = true;
    }
  }
  if (!audience_has_client) return invalid("aud does not name this client");
  const json::string* authorized = string_claim(claims, "azp");
  if ((audiences > 1 || claims.contains("azp")) &&
      (authorized == nullptr || *authorized != expected.client_id)) {
    return invalid("azp is not this client");
  }
  auto expires = time_claim(claims, "exp");
  if (!expires || *expires + expected.leeway <= expected.now)
    return invalid("it has expired (exp)");
  auto issued = time_claim(claims, "iat");
  if (!issued || *issued - expected.leeway > expected.now) return invalid("iat is in the future");
  const json::string* nonce = string_claim(claims, "nonce");
  if (nonce == nullptr || expected.nonce.empty() || *nonce != expected.nonce) {
    return invalid("the nonce is not this sign-in's");
  }
  const json::string* subject = string_claim(claims, "sub");
  if (subject == nullptr || subject->empty() || subject->size() > 255)
    return invalid("sub is missing");
  return {};
}

void start_rhonabwy() {
  static std::once_flag started;
  std::call_once(started, [] { (void)r_global_init(); });
}

}  // namespace

Result<IdTokenClaims> verify_id_token(std::string_view token, std::string_view jwks_json,
                                      const IdTokenExpectations& expected) {
  start_rhonabwy();
  jwks_t* raw_jwks = nullptr;
  if (r_jwks_init(&raw_jwks) != RHN_OK) return make_error("internal_error", "no memory for keys");
  std::unique_ptr<jwks_t, JwksFree> jwks(raw_jwks);
  std::string jwks_text(jwks_json);
  if (r_jwks_import_from_json_str(jwks.get(), jwks_text.c_str()) != RHN_OK ||
      r_jwks_size(jwks.get()) == 0) {
    return make_error("invalid_argument", "the provider's JWKS holds no key that can be read");
  }

  jwt_t* raw_jwt = nullptr;
  if (r_jwt_init(&raw_jwt) != RHN_OK) return make_error("internal_error", "no memory for a JWT");
  std::unique_ptr<jwt_t, JwtFree> jwt(raw_jwt);
  std::string token_text(token);
  if (token.size() > 16 * 1024 || r_jwt_parse(jwt.get(), token_text.c_str(), 0) != RHN_OK) {
    return invalid("it is not a signed JWT");
  }
  if (!is_asymmetric(r_jwt_get_sign_alg(jwt.get()))) {
    return invalid("it is not signed with a key pair (alg)");
  }

  // The key the token names, or (no kid) any key of the set that verifies.
  const char* kid = r_jwt_get_header_str_value(jwt.get(), "kid");
  bool verified = false;
  if (kid != nullptr) {
    std::unique_ptr<jwk_t, JwkFree> key(r_jwks_get_by_kid(jwks.get(), kid));
    if (!key) {
      return make_error("id_token_unknown_key", "the provider's keys do not include the token's");
    }
    verified = r_jwt_verify_signature(jwt.get(), key.get(), 0) == RHN_OK;
  } else {
    for (std::size_t i = 0; i < r_jwks_size(jwks.get()) && !verified; ++i) {
      std::unique_ptr<jwk_t, JwkFree> key(r_jwks_get_at(jwks.get(), i));
      verified = key && r_jwt_verify_signature(jwt.get(), key.get(), 0) == RHN_OK;
    }
    if (!verified) {
      return make_error("id_token_unknown_key", "no key of the provider verifies the token");
    }
  }
  if (!verified) return invalid("the signature does not verify");

  std::unique_ptr<char, RhonabwyFree> claims_text(r_jwt_get_full_claims_str(jwt.get()));
  if (!claims_text) return invalid("it has no claims");
  boost::system::error_code error;
  json::value claims = json::parse(claims_text.get(), error);
  if (error || !claims.is_object()) return invalid("its claims are not a JSON object");
  if (auto checked = check_claims(claims.as_object(), expected); !checked) return checked.error();
  return IdTokenClaims{std::string(claims.as_object().at("sub").as_string()),
                       std::move(claims.as_object())};
}

}  // namespace parorende
