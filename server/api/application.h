// What the server does with a complete request: limits, routing to the API
// or the static files, and accounting (metrics, access log). Sessions see
// it as a RequestHandler (server/http/request_handler.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string_view>

#include "server/api/api_routes.h"
#include "server/api/route_access.h"
#include "server/api/server_options.h"
#include "server/api/store_workers.h"
#include "server/http/access_log.h"
#include "server/http/client_key.h"
#include "server/http/metrics.h"
#include "server/http/rate_limiter.h"
#include "server/http/request_handler.h"
#include "server/http/router.h"
#include "server/http/static_files.h"
#include "store/response_store.h"

namespace parorende::server {

class Application final : public RequestHandler {
 public:
  Application(const ServerOptions& options, ResponseStore& store, StoreWorkers& workers);
  ~Application();

  const HttpOptions& http_options() const override { return options_; }
  const ClientKeyer& keyer() const override { return keyer_; }
  Metrics& metrics() override { return *metrics_; }
  std::size_t handle(const HttpRequest& request, ClientKey client, Reply reply) override;
  std::size_t unrouted_label() const override { return unrouted_label_; }
  void record(const CompletedRequest& completed) override;

  // (method, pattern) of every API route, for the OpenAPI check.
  const Router& router() const { return router_; }

 private:
  Admission admit(RateClass rate_class, ClientKey client);
  // The matrix's check of a route that needs a signed-in caller, on a
  // store worker (sessions are read from the store): the session (401),
  // the CSRF token of a change (403), the account as it is now and its
  // grants (401, 403); the handler runs there when allowed.
  void handle_staff_route(const Route& route, const RouteAccess& access, const HttpRequest& request,
                          std::vector<std::string> params, std::string_view query, ClientKey client,
                          Reply reply);

  const ServerOptions& options_;
  std::unique_ptr<ResultsCache> results_;
  std::unique_ptr<ExportCache> exports_;
  std::unique_ptr<StaffSessions> sessions_;
  std::unique_ptr<SignInThrottle> sign_in_throttle_;
  std::unique_ptr<OpenIdSignIns> openid_;
  std::unique_ptr<ApiContext> api_;
  Router router_;
  // Per route (as router_.routes()): its row of the matrix, and which of
  // its placeholders names the municipality and the wave (-1: none).
  struct RouteGuard {
    const RouteAccess* access = nullptr;
    int municipality_param = -1;
    int wave_param = -1;
  };
  std::vector<RouteGuard> guards_;
  StaticFiles static_files_;
  RateLimiter write_limiter_;
  RateLimiter code_attempt_limiter_;
  RateLimiter computation_limiter_;
  ClientKeyer keyer_;
  std::vector<MetricsLabel> labels_;
  std::unique_ptr<Metrics> metrics_;
  AccessLog access_log_;
  std::size_t static_label_ = 0;
  std::size_t unrouted_label_ = 0;
  // Last, so that they are destroyed first: their jobs use everything above.
  std::unique_ptr<StoreWorkers> hashing_;
  std::unique_ptr<StoreWorkers> outbound_;
};

}  // namespace parorende::server
