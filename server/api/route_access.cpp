#include "server/api/route_access.h"

#include <array>

namespace parorende::server {
namespace {

constexpr AccessRule kAnyone{.anyone = true};
constexpr AccessRule kSignedIn{.signed_in = true};
constexpr AccessRule kNationalAdmin{.national_admin = true};
constexpr AccessRule kMunicipality{.national_admin = true, .municipality_staff = true};
// What caregivers were told goes to their municipality, and nowhere else.
constexpr AccessRule kMunicipalityStaffOnly{.municipality_staff = true};
constexpr AccessRule kResearch{.national_admin = true, .researcher = true};

using enum http::verb;

constexpr std::array kRoutes = std::to_array<RouteAccess>({
    {get, "/healthz", kAnyone, ""},
    {get, "/metrics", kAnyone, "bearer token of `serve --metrics-token`"},
    {get, "/api/v1/openapi.json", kAnyone, ""},
    {get, "/api/v1/questionnaires/{id}", kAnyone, ""},
    {get, "/api/v1/waves", kAnyone, ""},
    {get, "/api/v1/municipalities", kAnyone, ""},
    {get, "/api/v1/municipalities/{code}/offers", kAnyone, ""},
    {post, "/api/v1/waves/{wave}/responses", kAnyone, "write limit"},
    {get, "/api/v1/responses/resume/{code}", kAnyone, "the resume code; code-attempt limit"},
    {put, "/api/v1/responses/resume/{code}", kAnyone, "the resume code; code-attempt limit"},
    {delete_, "/api/v1/responses/{receipt}", kAnyone, "the receipt code; code-attempt limit"},
    {get, "/api/v1/invitations/{code}", kAnyone, "the invitation code; code-attempt limit"},
    {post, "/api/v1/screening/{questionnaire}/score", kAnyone, "computation limit"},
    {get, "/api/v1/waves/{wave}/results", kAnyone,
     "the round's results are public; disclosure control"},
    {get, "/api/v1/waves/{wave}/results/{municipality}", kAnyone,
     "the round's results are public; disclosure control"},
    {get, "/api/v1/waves/{wave}/export", kAnyone,
     "the round's results are public; disclosure control; computation limit"},
    {post, "/api/v1/session", kAnyone, "password and one-time code; sign-in throttle"},
    {get, "/api/v1/session/providers", kAnyone, ""},
    {get, "/api/v1/session/providers/{provider}", kAnyone, "computation limit"},
    {get, "/api/v1/session/callback/{provider}", kAnyone,
     "the state of a sign-in this browser began (its cookie); computation limit"},
    {get, "/api/v1/session", kSignedIn, ""},
    {delete_, "/api/v1/session", kSignedIn, "CSRF token"},
    {delete_, "/api/v1/sessions", kSignedIn, "CSRF token"},
    {put, "/api/v1/session/password", kSignedIn, "CSRF token; the current password"},
    {post, "/api/v1/session/totp", kSignedIn, "CSRF token"},
    {put, "/api/v1/session/totp", kSignedIn, "CSRF token"},
    {post, "/api/v1/password-reset", kAnyone, "the reset code; code-attempt limit"},
    {get, "/api/v1/admin/accounts", kNationalAdmin, ""},
    {post, "/api/v1/admin/accounts", kNationalAdmin, "CSRF token"},
    {put, "/api/v1/admin/accounts/{username}/grants", kNationalAdmin,
     "CSRF token; not the caller's own national_admin"},
    {put, "/api/v1/admin/accounts/{username}/disabled", kNationalAdmin,
     "CSRF token; not the caller's own account"},
    {post, "/api/v1/admin/accounts/{username}/reset-code", kNationalAdmin,
     "CSRF token; not the caller's own account"},
    {get, "/api/v1/admin/audit", kNationalAdmin, ""},
    {post, "/api/v1/admin/questionnaires", kNationalAdmin, "CSRF token; write limit"},
    {post, "/api/v1/admin/questionnaires/redcap", kNationalAdmin, "CSRF token; computation limit"},
    {post, "/api/v1/admin/waves", kNationalAdmin, "CSRF token; write limit"},
    {get, "/api/v1/admin/waves/{wave}/results", kResearch, "disclosure control"},
    {get, "/api/v1/admin/waves/{wave}/export", kResearch, "disclosure control; computation limit"},
    {get, "/api/v1/admin/municipalities/{municipality}", kMunicipality, ""},
    {get, "/api/v1/admin/municipalities/{municipality}/invitations", kMunicipality, ""},
    {post, "/api/v1/admin/municipalities/{municipality}/invitations", kMunicipality,
     "CSRF token; write limit"},
    {get, "/api/v1/admin/municipalities/{municipality}/invitations/{batch}/unused",
     kMunicipalityStaffOnly, "a round that tracks participation"},
    {get, "/api/v1/admin/municipalities/{municipality}/open-link/{wave}", kMunicipality, ""},
    {get, "/api/v1/admin/municipalities/{municipality}/progress", kMunicipality,
     "counts under k withheld"},
    {get, "/api/v1/admin/municipalities/{municipality}/offers", kMunicipality, ""},
    {put, "/api/v1/admin/municipalities/{municipality}/offers", kMunicipality,
     "CSRF token; write limit"},
    {put, "/api/v1/admin/municipalities/{municipality}/offers/{offer}", kMunicipality,
     "CSRF token; write limit"},
    {delete_, "/api/v1/admin/municipalities/{municipality}/offers/{offer}", kMunicipality,
     "CSRF token; write limit"},
    {put, "/api/v1/admin/municipalities/{municipality}/contact", kMunicipality,
     "CSRF token; write limit"},
    {post, "/api/v1/admin/municipalities/{municipality}/waves", kMunicipality,
     "CSRF token; write limit"},
    {post, "/api/v1/admin/municipalities/{municipality}/waves/{wave}/join", kMunicipality,
     "CSRF token; a national round"},
    {get, "/api/v1/admin/municipalities/{municipality}/waves/{wave}/results", kMunicipality,
     "a round that covers it; disclosure control"},
    {get, "/api/v1/admin/municipalities/{municipality}/waves/{wave}/overview", kMunicipality,
     "a round that covers it; disclosure control"},
    {get, "/api/v1/admin/municipalities/{municipality}/waves/{wave}/comments",
     kMunicipalityStaffOnly, "the round shares comments; under k withheld; masked"},
});

std::string cell(const AccessRule& rule, bool allowed_for_role) {
  if (rule.anyone) return "yes";
  return allowed_for_role ? "yes" : "403";
}

}  // namespace

std::span<const RouteAccess> route_access_table() { return kRoutes; }

const RouteAccess* find_route_access(http::verb method, std::string_view pattern) {
  for (const RouteAccess& route : kRoutes) {
    if (route.method == method && route.pattern == pattern) return &route;
  }
  return nullptr;
}

std::string render_access_matrix() {
  std::string table =
      "| route | anonymous | signed in, before the second factor | national_admin |"
      " municipality_staff of it | staff of another municipality | researcher of it |"
      " also guarded by |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n";
  for (const RouteAccess& route : kRoutes) {
    const AccessRule& rule = route.rule;
    bool any_role = rule.anyone || rule.signed_in;
    table += "| `" + std::string(http::to_string(route.method)) + " " + std::string(route.pattern) +
             "` | " + (rule.anyone ? "yes" : "401") + " | " + (any_role ? "yes" : "403") + " | " +
             cell(rule, any_role || rule.national_admin) + " | " +
             cell(rule, any_role || rule.municipality_staff) + " | " + cell(rule, any_role) +
             " | " + cell(rule, any_role || rule.researcher) + " | " + std::string(route.note) +
             " |\n";
  }
  return table;
}

}  // namespace parorende::server
