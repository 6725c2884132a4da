// Which handler answers a method and path: patterns with {placeholders},
// 404 for unknown paths, 405 with Allow for known paths and other methods.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "server/http/client_key.h"
#include "server/http/http_types.h"

namespace parorende::server {

// Who signed in, for routes that need it; the application above this layer
// defines it (server/api/staff_caller.h).
struct StaffCaller;

// One request as a handler sees it. `request` and `query` stay valid until
// the reply is sent; `params` only during the handler call (copy what an
// asynchronous handler keeps).
struct Exchange {
  const HttpRequest& request;
  const std::vector<std::string>& params;  // decoded placeholders, in order
  std::string_view query;                  // after '?', not decoded
  ClientKey client;
  // Set for routes that need a signed-in caller, once the caller is known
  // to be allowed; null otherwise.
  std::shared_ptr<const StaffCaller> caller = nullptr;
};

// Called exactly once per request, from any thread.
using Reply = std::function<void(OutgoingResponse)>;
using Handler = std::function<void(const Exchange&, Reply)>;

// Which per-client limit a route counts against: saves and submissions,
// code attempts, or computations on demand (exports, screening scores).
enum class RateClass { none, write, code_attempt, computation };

struct Route {
  http::verb method;
  std::string pattern;  // "/api/v1/waves/{wave}/responses"
  RateClass rate_class = RateClass::none;
  Handler handler;
};

struct RouteMatch {
  enum class Kind { found, wrong_method, not_found };
  Kind kind = Kind::not_found;
  std::size_t route = 0;            // when found: index into routes()
  std::vector<std::string> params;  // when found
  std::string allow;                // when wrong_method: "GET, PUT"
};

class Router {
 public:
  void add(Route route);

  // HEAD matches GET routes. A placeholder matches one non-empty segment;
  // a segment that does not percent-decode matches nothing.
  RouteMatch match(http::verb method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> segments_;  // per route
};

// "/a/b?x=1" -> {"/a/b", "x=1"}
std::pair<std::string_view, std::string_view> split_target(std::string_view target);

}  // namespace parorende::server
