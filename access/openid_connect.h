// Signing staff in through their organisation's OpenID Provider (Microsoft
// Entra ID, ID-porten/Ansattporten, any standard provider): OpenID Connect
// Core 1.0's authorization code flow with PKCE (RFC 7636, S256), state and
// nonce. The provider's discovery document and keys (JWKS) are fetched over
// HTTPS with libcurl and kept; a token signed by a key not seen before
// fetches the keys again (the provider rotated them). The id_token is
// checked by verify_id_token (Rhonabwy), and its claims are mapped to
// grants by the provider's configuration (docs/security.md, "Signing in
// through an OpenID Provider").
//
//   auto providers = parse_openid_providers(read("oidc.json"), "/etc/parorende");
//   OpenIdClient client(providers->front(), "https://example.no/api/v1/session/callback/gjovik");
//   auto started = client.begin();            // keep started->pending, redirect to started->url
//   ... the provider redirects back with ?code=&state=
//   auto identity = client.finish(code, started->pending, std::time(nullptr));
//
// begin and finish fetch from the provider: call them on a worker thread.
#pragma once

#include <boost/json/object.hpp>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "store/accounts.h"

namespace parorende {

// A claim value that gives a grant: `claim` (a string, or an array of
// strings such as "groups") holds `value`.
struct RoleMapping {
  std::string claim;
  std::string value;
  Grant grant;
};

struct OpenIdProvider {
  std::string id;    // in URLs and usernames: 1 to 32 of a-z, 0-9 and -
  std::string name;  // the sign-in button's text
  std::string issuer;
  std::string client_id;
  std::string client_secret;
  std::vector<std::string> scopes{"openid", "profile"};
  std::string username_claim = "preferred_username";
  std::string display_name_claim = "name";
  std::vector<RoleMapping> roles;
  // How strongly the provider must have signed the person in: when given,
  // the id_token's amr must hold one of these ("mfa" for Entra ID), and
  // its acr must be one of these (ID-porten's "idporten-loa-high"), or the
  // sign-in is refused with "second_factor_missing". acr values are also
  // asked for in the authorization request.
  std::vector<std::string> required_amr;
  std::vector<std::string> required_acr;
};

// The providers of a configuration file (docs/security.md shows its form).
// A client secret is given inline or as "client_secret_file", read relative
// to `folder`. "invalid_argument" naming the provider and field at fault.
Result<std::vector<OpenIdProvider>> parse_openid_providers(std::string_view json,
                                                           const std::filesystem::path& folder);

// PKCE (RFC 7636, 4.2): BASE64URL(SHA-256(verifier)).
std::string pkce_challenge(std::string_view code_verifier);

// The grants the claims give under the provider's mappings, each once.
std::vector<Grant> grants_from_claims(const OpenIdProvider& provider,
                                      const boost::json::object& claims);

// What the server keeps between sending the browser to the provider and
// its return: random, single-use, never shown to anyone but the provider.
struct PendingSignIn {
  std::string state;
  std::string nonce;
  std::string code_verifier;
};

struct SignInStart {
  std::string url;  // the provider's authorization endpoint, with the request
  PendingSignIn pending;
};

// Who the provider says signed in.
struct ExternalIdentity {
  std::string issuer;
  std::string subject;
  std::string username;           // from username_claim, or fallback_username
  std::string fallback_username;  // the provider's id and a hash of the subject
  std::string display_name;
  std::vector<Grant> grants;
  std::string id_token;  // kept for the provider's sign-out (id_token_hint)
};

class OpenIdClient {
 public:
  OpenIdClient(OpenIdProvider provider, std::string redirect_uri);
  ~OpenIdClient();
  OpenIdClient(const OpenIdClient&) = delete;
  OpenIdClient& operator=(const OpenIdClient&) = delete;

  const OpenIdProvider& provider() const { return provider_; }

  // A fresh state, nonce and PKCE verifier, and the URL to send the browser
  // to. "provider_unavailable" when the discovery document cannot be read.
  Result<SignInStart> begin();

  // Exchanges the code at the token endpoint and checks the id_token
  // (signature, iss, aud, exp, iat, nonce, then amr and acr). Errors:
  // "provider_refused" (the token endpoint said no), "provider_unavailable",
  // "id_token_invalid", "id_token_unknown_key", "second_factor_missing".
  Result<ExternalIdentity> finish(std::string_view code, const PendingSignIn& pending,
                                  std::int64_t now);

  // The provider's end_session_endpoint with id_token_hint and
  // post_logout_redirect_uri; "" when the provider has none, or its
  // discovery document is not at hand (this never fetches).
  std::string end_session_url(std::string_view id_token, std::string_view post_logout_redirect_uri);

 private:
  struct Endpoints;
  Result<std::shared_ptr<const Endpoints>> endpoints();
  Result<std::shared_ptr<const Endpoints>> fetch_endpoints() const;
  Result<std::string> keys(bool refresh);

  OpenIdProvider provider_;
  std::string redirect_uri_;
  std::mutex mutex_;
  std::shared_ptr<const Endpoints> endpoints_;
  std::chrono::steady_clock::time_point endpoints_fetched_;
  std::chrono::steady_clock::time_point endpoints_failed_;
  std::string jwks_;
  std::chrono::steady_clock::time_point jwks_fetched_;
};

}  // namespace parorende
