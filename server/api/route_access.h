// The authorization matrix: who may use each route. This table is the one
// place the server reads it from (Application refuses to start with a
// route the table lacks), docs/security.md shows it (a test checks the two
// agree), and the matrix test walks it over HTTP with every role.
//
//   const RouteAccess* access = find_route_access(http::verb::get, "/api/v1/admin/audit");
//   access->rule.national_admin == true
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "access/authorization.h"
#include "server/http/http_types.h"

namespace parorende::server {

struct RouteAccess {
  http::verb method;
  std::string_view pattern;  // as given to Router::add
  AccessRule rule;
  std::string_view note;  // what else guards it, shown in the matrix
};

std::span<const RouteAccess> route_access_table();

// nullptr when the table has no entry for the route: a bug.
const RouteAccess* find_route_access(http::verb method, std::string_view pattern);

// The table as docs/security.md shows it: one row per route, a column per
// kind of caller, each cell the status that caller gets when the request
// is otherwise right (200-class "yes", 401, 403).
std::string render_access_matrix();

}  // namespace parorende::server
