#include "access/authorization.h"

#include <algorithm>

namespace parorende {

bool grant_is_current(const Grant& grant, Date today) {
  return !grant.expires_on || today <= *grant.expires_on;
}

AccessDecision decide_access(const AccessRule& rule, const Principal* principal, AccessScope scope,
                             Date today) {
  if (rule.anyone) return AccessDecision::allowed;
  if (principal == nullptr) return AccessDecision::sign_in_needed;
  if (rule.signed_in) return AccessDecision::allowed;
  if (!principal->second_factor_done) return AccessDecision::forbidden;
  auto granted = [&](Role role, std::string_view wanted_scope) {
    return std::any_of(principal->grants.begin(), principal->grants.end(), [&](const Grant& g) {
      return g.role == role && g.scope == wanted_scope && grant_is_current(g, today);
    });
  };
  if (rule.national_admin && granted(Role::national_admin, "")) return AccessDecision::allowed;
  if (rule.municipality_staff && !scope.municipality.empty() &&
      granted(Role::municipality_staff, scope.municipality)) {
    return AccessDecision::allowed;
  }
  if (rule.researcher && !scope.wave.empty() && granted(Role::researcher, scope.wave)) {
    return AccessDecision::allowed;
  }
  return AccessDecision::forbidden;
}

}  // namespace parorende
