// The signed-in caller of a staff route, as Application hands it to the
// handler once the authorization matrix allowed it (Exchange::caller).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>

#include "access/authorization.h"
#include "server/http/router.h"

namespace parorende::server {

struct StaffCaller {
  Principal principal;
  std::string session_id;  // the cookie's value, for signing out
  // The account's session epoch the request was allowed under: a change
  // that ends the other sessions does so only while it still holds.
  std::int64_t session_epoch = 0;
};

// The caller of a route the matrix guards; a bug to call it elsewhere.
const StaffCaller& caller_of(const Exchange& exchange);

// The audit log's actor: "account:" and the username.
std::string audit_actor(const Principal& principal);

// An account as staff routes show it (never a secret): username, display
// name, grants, disabled, has_password, totp_enrolled, created_on.
boost::json::object account_json(const Account& account);

}  // namespace parorende::server
