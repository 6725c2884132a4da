#include "access/openid_connect.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <fstream>
#include <sstream>

#include "access/id_token.h"
#include "access/internal/http_fetch.h"
#include "common/crypto.h"
#include "common/text.h"

namespace parorende {
namespace {

namespace json = boost::json;

// The discovery document is read again after a day; the keys at most
// every 5 seconds, so a stream of tokens under unknown key ids cannot make
// the server hammer the provider.
constexpr std::chrono::hours kEndpointsMaxAge{24};
constexpr std::chrono::seconds kKeysMinRefetch{5};
// A discovery fetch that failed is not tried again for this long: a burst
// of sign-ins while the provider is down fails at once instead of each
// holding a worker for the fetch timeout.
constexpr std::chrono::seconds kRetryAfterFailure{10};
constexpr internal::FetchLimits kFetchLimits{std::chrono::milliseconds(5'000), 1 << 20};

Error bad_config(const std::string& where, const std::string& what) {
  return make_error("invalid_argument", "OpenID configuration: " + where + ": " + what);
}

Result<std::string> required_string(const json::object& object, std::string_view key,
                                    const std::string& where) {
  const json::value* value = object.if_contains(key);
  if (value == nullptr || !value->is_string() || value->as_string().empty()) {
    return bad_config(where, "\"" + std::string(key) + "\" must be a non-empty string");
  }
  return std::string(value->as_string());
}

std::string optional_string(const json::object& object, std::string_view key,
                            std::string fallback) {
  const json::value* value = object.if_contains(key);
  if (value != nullptr && value->is_string()) return std::string(value->as_string());
  return fallback;
}

bool valid_provider_id(std::string_view id) {
  if (id.empty() || id.size() > 32) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

Result<std::string> read_secret_file(const std::filesystem::path& path, const std::string& where) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return bad_config(where, "cannot read client_secret_file " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  std::string secret = text.str();
  while (!secret.empty() && (secret.back() == '\n' || secret.back() == '\r')) secret.pop_back();
  if (secret.empty()) return bad_config(where, "client_secret_file " + path.string() + " is empty");
  return secret;
}

Result<RoleMapping> parse_mapping(const json::value& value, const std::string& where) {
  const json::object* object = value.if_object();
  if (object == nullptr) return bad_config(where, "each role mapping is an object");
  RoleMapping mapping;
  auto claim = required_string(*object, "claim", where);
  if (!claim) return claim.error();
  auto claim_value = required_string(*object, "value", where);
  if (!claim_value) return claim_value.error();
  auto grant_text = required_string(*object, "grant", where);
  if (!grant_text) return grant_text.error();
  auto grant = parse_grant(*grant_text);
  if (!grant) return bad_config(where, grant.error().message);
  if (grant->role == Role::researcher) {
    return bad_config(where,
                      "researcher grants are given by an administrator, with an expiry date");
  }
  if (grant->expires_on) return bad_config(where, "a mapped grant has no expiry date");
  if (grant->role == Role::national_admin && !grant->scope.empty()) {
    return bad_config(where, "national_admin takes no scope");
  }
  mapping.claim = std::move(claim).value();
  mapping.value = std::move(claim_value).value();
  mapping.grant = std::move(grant).value();
  return mapping;
}

Result<OpenIdProvider> parse_provider(const json::value& value, std::size_t index,
                                      const std::filesystem::path& folder) {
  std::string where = "providers[" + std::to_string(index) + "]";
  const json::object* object = value.if_object();
  if (object == nullptr) return bad_config(where, "a provider is an object");
  OpenIdProvider provider;
  auto id = required_string(*object, "id", where);
  if (!id) return id.error();
  if (!valid_provider_id(*id)) {
    return bad_config(where, "\"id\" is 1 to 32 of a-z, 0-9 and -");
  }
  provider.id = std::move(id).value();
  where += " (" + provider.id + ")";
  for (auto [key, field] :
       {std::pair{"name", &provider.name}, std::pair{"issuer", &provider.issuer},
        std::pair{"client_id", &provider.client_id}}) {
    auto text = required_string(*object, key, where);
    if (!text) return text.error();
    *field = std::move(text).value();
  }
  if (auto fetchable = internal::check_fetchable_url(provider.issuer); !fetchable) {
    return bad_config(where, fetchable.error().message);
  }
  if (object->contains("client_secret_file")) {
    auto path = required_string(*object, "client_secret_file", where);
    if (!path) return path.error();
    auto secret = read_secret_file(folder / *path, where);
    if (!secret) return secret.error();
    provider.client_secret = std::move(secret).value();
  } else {
    auto secret = required_string(*object, "client_secret", where);
    if (!secret)
      return bad_config(where, "\"client_secret\" or \"client_secret_file\" is required");
    provider.client_secret = std::move(secret).value();
  }
  if (const json::value* scopes = object->if_contains("scopes")) {
    if (!scopes->is_array()) return bad_config(where, "\"scopes\" is an array of strings");
    provider.scopes.clear();
    bool has_openid = false;
    for (const json::value& scope : scopes->as_array()) {
      if (!scope.is_string() || scope.as_string().empty()) {
        return bad_config(where, "\"scopes\" is an array of strings");
      }
      has_openid = has_openid || scope.as_string() == "openid";
      provider.scopes.emplace_back(scope.as_string());
    }
    if (!has_openid) provider.scopes.insert(provider.scopes.begin(), "openid");
  }
  for (auto [key, list] : {std::pair{"required_amr", &provider.required_amr},
                           std::pair{"required_acr", &provider.required_acr}}) {
    const json::value* values = object->if_contains(key);
    if (values == nullptr) continue;
    if (!values->is_array() || values->as_array().empty()) {
      return bad_config(where, "\"" + std::string(key) + "\" is a non-empty array of strings");
    }
    for (const json::value& value : values->as_array()) {
      if (!value.is_string() || value.as_string().empty()) {
        return bad_config(where, "\"" + std::string(key) + "\" is a non-empty array of strings");
      }
      list->emplace_back(value.as_string());
    }
  }
  provider.username_claim = optional_string(*object, "username_claim", provider.username_claim);
  provider.display_name_claim =
      optional_string(*object, "display_name_claim", provider.display_name_claim);
  const json::value* roles = object->if_contains("roles");
  if (roles == nullptr || !roles->is_array() || roles->as_array().empty()) {
    return bad_config(where, "\"roles\" lists which claim values give which grant");
  }
  for (const json::value& mapping : roles->as_array()) {
    auto parsed = parse_mapping(mapping, where);
    if (!parsed) return parsed.error();
    provider.roles.push_back(std::move(parsed).value());
  }
  return provider;
}

bool claim_holds(const json::value* claim, std::string_view wanted) {
  if (claim == nullptr) return false;
  if (claim->is_string()) return claim->as_string() == wanted;
  if (claim->is_array()) {
    for (const json::value& item : claim->as_array()) {
      if (item.is_string() && item.as_string() == wanted) return true;
    }
  }
  return false;
}

Result<std::string> random_or_error() {
  auto token = random_token();
  if (!token) return token.error();
  return std::move(token).value();
}

// A username made from the provider and a hash of the subject: stable
// across sign-ins, and no one else's.
std::string fallback_username_for(const OpenIdProvider& provider, const IdTokenClaims& claims) {
  std::string digest = to_hex(sha256(provider.issuer + " " + claims.subject));
  return provider.id + "-" + digest.substr(0, 16);
}

// The claim when it makes a username, else the fallback.
std::string username_for(const OpenIdProvider& provider, const IdTokenClaims& claims) {
  const json::value* claim = claims.claims.if_contains(provider.username_claim);
  if (claim != nullptr && claim->is_string()) {
    if (auto normalized = normalize_username(claim->as_string())) return *normalized;
  }
  return fallback_username_for(provider, claims);
}

// The provider's required_amr and required_acr against the token's claims.
Status check_assurance(const OpenIdProvider& provider, const json::object& claims) {
  auto refused = [](const std::string& what) {
    return make_error("second_factor_missing",
                      "the provider did not sign the person in strongly enough: " + what);
  };
  if (!provider.required_amr.empty()) {
    bool found = false;
    for (const std::string& method : provider.required_amr) {
      found = found || claim_holds(claims.if_contains("amr"), method);
    }
    if (!found) return refused("amr has none of the required methods");
  }
  if (!provider.required_acr.empty()) {
    const json::value* acr = claims.if_contains("acr");
    bool found = acr != nullptr && acr->is_string() &&
                 std::find(provider.required_acr.begin(), provider.required_acr.end(),
                           std::string_view(acr->as_string())) != provider.required_acr.end();
    if (!found) return refused("acr is not one of the required levels");
  }
  return {};
}

std::string display_name_for(const OpenIdProvider& provider, const IdTokenClaims& claims,
                             const std::string& username) {
  const json::value* claim = claims.claims.if_contains(provider.display_name_claim);
  if (claim == nullptr || !claim->is_string()) return username;
  std::string_view name = claim->as_string();
  if (name.empty() || name.size() > 200) return username;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) return username;
  }
  return std::string(name);
}

Result<json::object> json_object_answer(const internal::Fetched& fetched, const std::string& what) {
  boost::system::error_code error;
  json::value parsed = json::parse(fetched.body, error);
  if (error || !parsed.is_object()) {
    return make_error("provider_unavailable",
                      "the identity provider: " + what + " is not a JSON object");
  }
  return std::move(parsed.as_object());
}

}  // namespace

struct OpenIdClient::Endpoints {
  std::string authorization;
  std::string token;
  std::string jwks;
  std::string end_session;  // "" when the provider has none
};

Result<std::vector<OpenIdProvider>> parse_openid_providers(std::string_view text,
                                                           const std::filesystem::path& folder) {
  boost::system::error_code error;
  json::value parsed = json::parse(text, error);
  if (error) return bad_config("the file", "not JSON: " + error.message());
  const json::object* root = parsed.if_object();
  const json::value* list = root ? root->if_contains("providers") : nullptr;
  if (list == nullptr || !list->is_array()) {
    return bad_config("the file", "an object with a \"providers\" array");
  }
  std::vector<OpenIdProvider> providers;
  for (std::size_t index = 0; index < list->as_array().size(); ++index) {
    auto provider = parse_provider(list->as_array()[index], index, folder);
    if (!provider) return provider.error();
    for (const OpenIdProvider& earlier : providers) {
      if (earlier.id == provider->id) {
        return bad_config("providers[" + std::to_string(index) + "]",
                          "the id \"" + provider->id + "\" is taken");
      }
    }
    providers.push_back(std::move(provider).value());
  }
  return providers;
}

std::string pkce_challenge(std::string_view code_verifier) {
  return to_base64url(sha256(code_verifier));
}

std::vector<Grant> grants_from_claims(const OpenIdProvider& provider, const json::object& claims) {
  std::vector<Grant> grants;
  for (const RoleMapping& mapping : provider.roles) {
    if (!claim_holds(claims.if_contains(mapping.claim), mapping.value)) continue;
    if (std::find(grants.begin(), grants.end(), mapping.grant) == grants.end()) {
      grants.push_back(mapping.grant);
    }
  }
  return grants;
}

OpenIdClient::OpenIdClient(OpenIdProvider provider, std::string redirect_uri)
    : provider_(std::move(provider)), redirect_uri_(std::move(redirect_uri)) {}

OpenIdClient::~OpenIdClient() = default;

Result<std::shared_ptr<const OpenIdClient::Endpoints>> OpenIdClient::endpoints() {
  auto now = std::chrono::steady_clock::now();
  std::shared_ptr<const Endpoints> known;
  {
    std::lock_guard lock(mutex_);
    known = endpoints_;
    if (known && now - endpoints_fetched_ < kEndpointsMaxAge) return known;
    bool failed_lately = endpoints_failed_.time_since_epoch().count() != 0 &&
                         now - endpoints_failed_ < kRetryAfterFailure;
    if (failed_lately) {
      if (known) return known;
      return make_error("provider_unavailable",
                        "the identity provider did not answer a moment ago; try again shortly");
    }
  }
  auto fresh = fetch_endpoints();
  std::lock_guard lock(mutex_);
  if (!fresh) {
    endpoints_failed_ = now;
    // A refresh that fails keeps the endpoints that worked.
    if (known) return known;
    return fresh.error();
  }
  endpoints_ = std::move(fresh).value();
  endpoints_fetched_ = now;
  return endpoints_;
}

Result<std::shared_ptr<const OpenIdClient::Endpoints>> OpenIdClient::fetch_endpoints() const {
  std::string issuer = provider_.issuer;
  std::string url = (issuer.ends_with('/') ? issuer.substr(0, issuer.size() - 1) : issuer) +
                    "/.well-known/openid-configuration";
  auto fetched = internal::http_get(url, kFetchLimits);
  if (!fetched) return fetched.error();
  if (fetched->status != 200) {
    return make_error("provider_unavailable", "the identity provider: " + url + " answered " +
                                                  std::to_string(fetched->status));
  }
  auto document = json_object_answer(*fetched, "the discovery document");
  if (!document) return document.error();
  // OpenID Connect Discovery 1.0, 4.3: the document's issuer is exactly the
  // one configured, or its tokens would be checked against another.
  if (optional_string(*document, "issuer", "") != provider_.issuer) {
    return make_error("provider_unavailable",
                      "the identity provider: the discovery document's issuer is not \"" +
                          provider_.issuer + "\"");
  }
  // An https provider's endpoints are https too: plain http (allowed to a
  // provider on this machine, for tests) is never where a real provider
  // sends its client secret.
  bool https_only = provider_.issuer.starts_with("https://");
  auto usable = [&](const std::string& endpoint) -> Status {
    if (https_only && !endpoint.starts_with("https://")) {
      return make_error("provider_unavailable", "\"" + endpoint + "\" is not https://");
    }
    return internal::check_fetchable_url(endpoint);
  };
  auto made = std::make_shared<Endpoints>();
  for (auto [key, field] :
       {std::pair{"authorization_endpoint", &made->authorization},
        std::pair{"token_endpoint", &made->token}, std::pair{"jwks_uri", &made->jwks}}) {
    *field = optional_string(*document, key, "");
    if (auto fetchable = usable(*field); !fetchable) {
      return make_error("provider_unavailable", "the identity provider's " + std::string(key) +
                                                    ": " + fetchable.error().message);
    }
  }
  made->end_session = optional_string(*document, "end_session_endpoint", "");
  if (!made->end_session.empty() && !usable(made->end_session)) made->end_session.clear();
  return std::shared_ptr<const Endpoints>(std::move(made));
}

Result<std::string> OpenIdClient::keys(bool refresh) {
  auto now = std::chrono::steady_clock::now();
  {
    std::lock_guard lock(mutex_);
    bool fresh_enough = !refresh || now - jwks_fetched_ < kKeysMinRefetch;
    if (!jwks_.empty() && fresh_enough) return jwks_;
  }
  auto found = endpoints();
  if (!found) return found.error();
  auto fetched = internal::http_get((*found)->jwks, kFetchLimits);
  if (!fetched) return fetched.error();
  if (fetched->status != 200) {
    return make_error("provider_unavailable",
                      "the identity provider's keys answered " + std::to_string(fetched->status));
  }
  std::lock_guard lock(mutex_);
  jwks_ = std::move(fetched->body);
  jwks_fetched_ = now;
  return jwks_;
}

Result<SignInStart> OpenIdClient::begin() {
  auto found = endpoints();
  if (!found) return found.error();
  SignInStart start;
  for (std::string* field :
       {&start.pending.state, &start.pending.nonce, &start.pending.code_verifier}) {
    auto token = random_or_error();
    if (!token) return token.error();
    *field = std::move(token).value();
  }
  std::string scope;
  for (const std::string& item : provider_.scopes) scope += (scope.empty() ? "" : " ") + item;
  const std::string& endpoint = (*found)->authorization;
  start.url = endpoint + (endpoint.find('?') == std::string::npos ? "?" : "&") +
              "response_type=code&client_id=" + percent_encode(provider_.client_id) +
              "&redirect_uri=" + percent_encode(redirect_uri_) + "&scope=" + percent_encode(scope) +
              "&state=" + start.pending.state + "&nonce=" + start.pending.nonce +
              "&code_challenge=" + pkce_challenge(start.pending.code_verifier) +
              "&code_challenge_method=S256";
  if (!provider_.required_acr.empty()) {
    std::string levels;
    for (const std::string& level : provider_.required_acr)
      levels += (levels.empty() ? "" : " ") + level;
    start.url += "&acr_values=" + percent_encode(levels);
  }
  return start;
}

Result<ExternalIdentity> OpenIdClient::finish(std::string_view code, const PendingSignIn& pending,
                                              std::int64_t now) {
  auto found = endpoints();
  if (!found) return found.error();
  // client_secret_post (RFC 6749, 2.3.1): no question of how a secret with
  // reserved characters is encoded in a Basic header.
  std::string form = "grant_type=authorization_code&code=" + percent_encode(code) +
                     "&redirect_uri=" + percent_encode(redirect_uri_) +
                     "&code_verifier=" + percent_encode(pending.code_verifier) +
                     "&client_id=" + percent_encode(provider_.client_id) +
                     "&client_secret=" + percent_encode(provider_.client_secret);
  auto fetched = internal::http_post_form((*found)->token, form, kFetchLimits);
  if (!fetched) return fetched.error();
  if (fetched->status == 400 || fetched->status == 401) {
    return make_error("provider_refused", "the identity provider refused the sign-in code");
  }
  if (fetched->status != 200) {
    return make_error("provider_unavailable", "the identity provider's token endpoint answered " +
                                                  std::to_string(fetched->status));
  }
  auto answer = json_object_answer(*fetched, "the token answer");
  if (!answer) return answer.error();
  std::string id_token = optional_string(*answer, "id_token", "");
  if (id_token.empty()) {
    return make_error("id_token_invalid", "the id_token is refused: the answer has none");
  }
  IdTokenExpectations expected{provider_.issuer, provider_.client_id, pending.nonce, now};
  auto jwks = keys(false);
  if (!jwks) return jwks.error();
  auto claims = verify_id_token(id_token, *jwks, expected);
  if (!claims && claims.error().code == "id_token_unknown_key") {
    jwks = keys(true);
    if (!jwks) return jwks.error();
    claims = verify_id_token(id_token, *jwks, expected);
  }
  if (!claims) return claims.error();
  if (auto strong = check_assurance(provider_, claims->claims); !strong) return strong.error();
  ExternalIdentity identity;
  identity.issuer = provider_.issuer;
  identity.subject = claims->subject;
  identity.username = username_for(provider_, *claims);
  identity.fallback_username = fallback_username_for(provider_, *claims);
  identity.display_name = display_name_for(provider_, *claims, identity.username);
  identity.grants = grants_from_claims(provider_, claims->claims);
  identity.id_token = std::move(id_token);
  return identity;
}

std::string OpenIdClient::end_session_url(std::string_view id_token,
                                          std::string_view post_logout_redirect_uri) {
  std::shared_ptr<const Endpoints> found;
  {
    std::lock_guard lock(mutex_);
    found = endpoints_;
  }
  if (!found || found->end_session.empty()) return {};
  const std::string& endpoint = found->end_session;
  return endpoint + (endpoint.find('?') == std::string::npos ? "?" : "&") +
         "id_token_hint=" + percent_encode(id_token) +
         "&post_logout_redirect_uri=" + percent_encode(post_logout_redirect_uri) +
         "&client_id=" + percent_encode(provider_.client_id);
}

}  // namespace parorende
