// Signing in through an OpenID Provider, the parts that need no provider:
// the configuration file, PKCE's challenge (RFC 7636's own example), and
// claims mapped to grants. The flow against real providers is in
// tests/e2e/tests/openid*.test.mjs.
#include "access/openid_connect.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <filesystem>
#include <fstream>

#include "access/internal/http_fetch.h"

namespace parorende {
namespace {

namespace json = boost::json;

constexpr std::string_view kGjovik = R"({"providers": [{
  "id": "gjovik", "name": "Gjøvik kommune",
  "issuer": "https://login.microsoftonline.com/tenant/v2.0",
  "client_id": "client", "client_secret": "secret",
  "roles": [
    {"claim": "groups", "value": "coordinators", "grant": "municipality_staff:3407"},
    {"claim": "groups", "value": "admins", "grant": "national_admin"},
    {"claim": "roles", "value": "coordinator", "grant": "municipality_staff:3407"}
  ]}]})";

std::string with(std::string_view field) {
  std::string text(kGjovik);
  text.insert(text.find("\"roles\""), std::string(field) + ", ");
  return text;
}

std::string error_of(std::string_view text) {
  auto parsed = parse_openid_providers(text, ".");
  return parsed ? "" : parsed.error().message;
}

TEST(OpenIdConfiguration, ReadsAProviderWithItsDefaults) {
  auto providers = parse_openid_providers(kGjovik, ".");
  ASSERT_TRUE(providers.ok()) << providers.error().message;
  ASSERT_EQ(providers->size(), 1u);
  const OpenIdProvider& provider = providers->front();
  EXPECT_EQ(provider.id, "gjovik");
  EXPECT_EQ(provider.name, "Gjøvik kommune");
  EXPECT_EQ(provider.client_secret, "secret");
  EXPECT_EQ(provider.scopes, (std::vector<std::string>{"openid", "profile"}));
  EXPECT_EQ(provider.username_claim, "preferred_username");
  ASSERT_EQ(provider.roles.size(), 3u);
  EXPECT_EQ(provider.roles[0].grant, (Grant{Role::municipality_staff, "3407", std::nullopt}));
  EXPECT_EQ(provider.roles[1].grant.role, Role::national_admin);
}

TEST(OpenIdConfiguration, ReadsTheClientSecretFromAFileBesideIt) {
  std::filesystem::path folder = std::filesystem::temp_directory_path() / "parorende-oidc-test";
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "secret") << "from the file\n";
  std::string text(kGjovik);
  text.replace(text.find("\"client_secret\": \"secret\""), 25,
               "\"client_secret_file\": \"secret\"");
  auto providers = parse_openid_providers(text, folder);
  ASSERT_TRUE(providers.ok()) << providers.error().message;
  EXPECT_EQ(providers->front().client_secret, "from the file");
  std::filesystem::remove_all(folder);
  EXPECT_NE(error_of(text).find("cannot read client_secret_file"), std::string::npos);
}

TEST(OpenIdConfiguration, AddsOpenidToTheScopes) {
  auto providers = parse_openid_providers(with(R"("scopes": ["profile", "email"])"), ".");
  ASSERT_TRUE(providers.ok());
  EXPECT_EQ(providers->front().scopes, (std::vector<std::string>{"openid", "profile", "email"}));
}

TEST(OpenIdConfiguration, NamesTheProviderAndFieldAtFault) {
  EXPECT_NE(error_of("not json").find("not JSON"), std::string::npos);
  EXPECT_NE(error_of("{}").find("\"providers\" array"), std::string::npos);
  std::string insecure(kGjovik);
  insecure.replace(insecure.find("https://login"), 13, "http://login");
  EXPECT_NE(error_of(insecure).find("providers[0] (gjovik): "), std::string::npos);
  EXPECT_NE(error_of(insecure).find("is not https://"), std::string::npos);
  std::string loopback(kGjovik);
  loopback.replace(loopback.find("https://login.microsoftonline.com"), 33, "http://127.0.0.1:9000");
  EXPECT_EQ(error_of(loopback), "");
  std::string bad_id(kGjovik);
  bad_id.replace(bad_id.find("\"gjovik\""), 8, "\"Gjøvik\"");
  EXPECT_NE(error_of(bad_id).find("\"id\" is 1 to 32"), std::string::npos);
  std::string researcher(kGjovik);
  researcher.replace(researcher.find("national_admin"), 14, "researcher:w:2030-01-01");
  EXPECT_NE(error_of(researcher).find("researcher grants are given by an administrator"),
            std::string::npos);
  std::string expiring(kGjovik);
  expiring.replace(expiring.find("\"national_admin\""), 16,
                   "\"municipality_staff:3407:2030-01-01\"");
  EXPECT_NE(error_of(expiring).find("a mapped grant has no expiry date"), std::string::npos)
      << error_of(expiring);
  std::string scoped_admin(kGjovik);
  scoped_admin.replace(scoped_admin.find("\"national_admin\""), 16, "\"national_admin:3407\"");
  EXPECT_NE(error_of(scoped_admin).find("national_admin takes no scope"), std::string::npos);
  std::string bad_role(kGjovik);
  bad_role.replace(bad_role.find("national_admin"), 14, "boss");
  EXPECT_NE(error_of(bad_role).find("the role is"), std::string::npos);
  std::string no_secret(kGjovik);
  no_secret.replace(no_secret.find("\"client_secret\""), 15, "\"secret_typo\"");
  EXPECT_NE(error_of(no_secret).find("\"client_secret\" or \"client_secret_file\""),
            std::string::npos);
  std::string twice = R"({"providers": [)" +
                      std::string(kGjovik).substr(15, std::string(kGjovik).size() - 17) + "," +
                      std::string(kGjovik).substr(15, std::string(kGjovik).size() - 17) + "]}";
  EXPECT_NE(error_of(twice).find("the id \"gjovik\" is taken"), std::string::npos)
      << error_of(twice);
}

TEST(Pkce, TheChallengeIsRfc7636sExample) {
  // RFC 7636, appendix B.
  EXPECT_EQ(pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

TEST(ClaimsToGrants, AStringOrAnArrayOfStringsHoldsTheValue) {
  auto providers = parse_openid_providers(kGjovik, ".");
  ASSERT_TRUE(providers.ok());
  const OpenIdProvider& provider = providers->front();
  auto grants = [&](std::string_view claims) {
    return grants_from_claims(provider, json::parse(claims).as_object());
  };
  EXPECT_TRUE(grants(R"({"sub": "x"})").empty());
  EXPECT_TRUE(grants(R"({"groups": ["everyone"], "roles": "reader"})").empty());
  EXPECT_TRUE(grants(R"({"groups": "coordinators-old"})").empty());
  EXPECT_TRUE(grants(R"({"groups": [["coordinators"]], "roles": 7})").empty());
  Grant gjovik{Role::municipality_staff, "3407", std::nullopt};
  EXPECT_EQ(grants(R"({"groups": ["everyone", "coordinators"]})"), std::vector<Grant>{gjovik});
  // The same grant from two claims, once.
  EXPECT_EQ(grants(R"({"groups": "coordinators", "roles": ["coordinator"]})"),
            std::vector<Grant>{gjovik});
  EXPECT_EQ(grants(R"({"groups": ["admins", "coordinators"]})").size(), 2u);
}

TEST(OutboundHttp, FetchesOnlyHttpsOrThisMachine) {
  using internal::check_fetchable_url;
  EXPECT_TRUE(check_fetchable_url("https://login.example/.well-known/openid-configuration").ok());
  EXPECT_TRUE(check_fetchable_url("http://127.0.0.1:8000/jwks").ok());
  EXPECT_TRUE(check_fetchable_url("http://localhost/jwks").ok());
  EXPECT_TRUE(check_fetchable_url("http://[::1]:80/jwks").ok());
  EXPECT_FALSE(check_fetchable_url("http://login.example/jwks").ok());
  EXPECT_FALSE(check_fetchable_url("http://127.0.0.1.evil.example/jwks").ok());
  EXPECT_FALSE(check_fetchable_url("file:///etc/passwd").ok());
  EXPECT_FALSE(check_fetchable_url("gopher://127.0.0.1/").ok());
  EXPECT_FALSE(check_fetchable_url("").ok());
  EXPECT_EQ(check_fetchable_url("not a url").error().code, "provider_unavailable");
}

TEST(OutboundHttp, AnUnreachableProviderIsAnErrorNotAWait) {
  auto providers = parse_openid_providers(
      R"({"providers": [{"id": "gone", "name": "Gone", "issuer": "http://127.0.0.1:1",
          "client_id": "c", "client_secret": "s",
          "roles": [{"claim": "groups", "value": "g", "grant": "national_admin"}]}]})",
      ".");
  ASSERT_TRUE(providers.ok()) << providers.error().message;
  OpenIdClient client(providers->front(), "http://127.0.0.1:8080/api/v1/session/callback/gone");
  auto started = client.begin();
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().code, "provider_unavailable");
  // Asked again at once, it does not wait on the provider a second time.
  auto again = client.begin();
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.error().message.find("did not answer a moment ago"), std::string::npos)
      << again.error().message;
  EXPECT_EQ(client.end_session_url("token", "http://127.0.0.1:8080/staff.html"), "");
}

}  // namespace
}  // namespace parorende
