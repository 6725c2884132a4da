#include "server/api/staff_caller.h"

#include <boost/json/array.hpp>
#include <stdexcept>

namespace parorende::server {

const StaffCaller& caller_of(const Exchange& exchange) {
  if (!exchange.caller) throw std::logic_error("a staff handler ran without a signed-in caller");
  return *exchange.caller;
}

std::string audit_actor(const Principal& principal) { return "account:" + principal.username; }

boost::json::object account_json(const Account& account) {
  boost::json::array grants;
  for (const Grant& grant : account.grants) {
    boost::json::object entry{{"role", role_name(grant.role)}, {"scope", grant.scope}};
    if (grant.expires_on) entry["expires_on"] = grant.expires_on->iso();
    grants.push_back(std::move(entry));
  }
  return {{"username", account.username},
          {"display_name", account.display_name},
          {"grants", std::move(grants)},
          {"disabled", account.disabled},
          {"has_password", account.has_password},
          {"totp_enrolled", account.totp_enrolled},
          {"signs_in_with_provider", account.signs_in_with_provider},
          {"created_on", account.created_on.iso()}};
}

}  // namespace parorende::server
