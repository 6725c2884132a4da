// What the server does with a complete request: limits, routing to the API
// or the static files, and accounting (metrics, access log). Sessions know
// only this surface.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string_view>

#include "store/response_store.h"
#include "server/access_log.h"
#include "server/api_routes.h"
#include "server/client_key.h"
#include "server/metrics.h"
#include "server/rate_limiter.h"
#include "server/router.h"
#include "server/server.h"
#include "server/static_files.h"
#include "server/store_workers.h"

namespace parorende::server {

// What one finished request is counted and logged as.
struct CompletedRequest {
  std::size_t label = 0;
  http::verb method = http::verb::unknown;
  unsigned status = 0;
  std::chrono::nanoseconds duration{0};
  std::uint64_t request_bytes = 0;
  std::uint64_t response_bytes = 0;
};

class Application {
 public:
  Application(const ServerOptions& options, ResponseStore& store,
              StoreWorkers& workers);
  ~Application();

  const ServerOptions& options() const { return options_; }
  const ClientKeyer& keyer() const { return keyer_; }
  Metrics& metrics() { return *metrics_; }

  // Answers `request`; `reply` is called exactly once, maybe on another
  // thread, and `request` must stay unchanged until then. Returns the label
  // to pass to record().
  std::size_t handle(const HttpRequest& request, ClientKey client, Reply reply);

  // The label of requests refused before routing (bad syntax, too large).
  std::size_t unrouted_label() const { return unrouted_label_; }

  void record(const CompletedRequest& completed);

  // (method, pattern) of every API route, for the OpenAPI check.
  const Router& router() const { return router_; }

 private:
  Admission admit(RateClass rate_class, ClientKey client);

  const ServerOptions& options_;
  std::unique_ptr<ResultsCache> results_;
  std::unique_ptr<ApiContext> api_;
  Router router_;
  StaticFiles static_files_;
  RateLimiter write_limiter_;
  RateLimiter code_attempt_limiter_;
  ClientKeyer keyer_;
  std::vector<MetricsLabel> labels_;
  std::unique_ptr<Metrics> metrics_;
  AccessLog access_log_;
  std::size_t static_label_ = 0;
  std::size_t unrouted_label_ = 0;
};

}  // namespace parorende::server
