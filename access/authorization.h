// Who may use a route: the rule a route states (anyone, any signed-in
// account, or some roles, scoped by the route's municipality or wave), the
// principal a session stands for, and the one decision between them. The
// rules of every route are in one table (server/api/route_access.cpp),
// which docs/security.md's authorization matrix shows.
//
//   AccessRule staff_home{.national_admin = true, .municipality_staff = true};
//   switch (decide_access(staff_home, principal, {.municipality = "3407"}, today)) ...
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/calendar.h"
#include "store/accounts.h"

namespace parorende {

struct AccessRule {
  bool anyone = false;     // no sign-in: the caregiver's routes
  bool signed_in = false;  // any account, even before its second factor
  bool national_admin = false;
  bool municipality_staff = false;  // of the route's {municipality}
  bool researcher = false;          // granted the route's {wave}, unexpired
};

// The signed-in account behind a request, read afresh for every request
// (a disabled account or a removed grant counts at once).
struct Principal {
  std::int64_t account_id = 0;
  std::string username;
  std::string display_name;
  std::vector<Grant> grants;
  // Roles count only after it: a local account's TOTP code, or a provider
  // that did its own.
  bool second_factor_done = false;
};

// What the route is about, from its path.
struct AccessScope {
  std::string_view municipality;
  std::string_view wave;
};

enum class AccessDecision {
  allowed,
  sign_in_needed,  // 401: no principal
  forbidden,       // 403: a principal without the role, scope or second factor
};

// `principal` is null for a request without a valid session.
AccessDecision decide_access(const AccessRule& rule, const Principal* principal, AccessScope scope,
                             Date today);

// Whether the grant counts on `today` (not past its expiry date).
bool grant_is_current(const Grant& grant, Date today);

}  // namespace parorende
