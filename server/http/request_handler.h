// What sessions and the listener ask of the application behind them: the
// limits, a client's key, the counters, and the answer to a complete
// request. The HTTP layer knows only this surface; server/api/application.h
// implements it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>

#include "server/http/client_key.h"
#include "server/http/http_types.h"
#include "server/http/metrics.h"
#include "server/http/options.h"
#include "server/http/router.h"

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

class RequestHandler {
 public:
  virtual ~RequestHandler() = default;

  virtual const HttpOptions& http_options() const = 0;
  virtual const ClientKeyer& keyer() const = 0;
  virtual Metrics& metrics() = 0;

  // Answers `request`; `reply` is called exactly once, maybe on another
  // thread, and `request` must stay unchanged until then. Returns the label
  // to pass to record().
  virtual std::size_t handle(const HttpRequest& request, ClientKey client, Reply reply) = 0;

  // The label of requests refused before routing (bad syntax, too large).
  virtual std::size_t unrouted_label() const = 0;

  virtual void record(const CompletedRequest& completed) = 0;
};

}  // namespace parorende::server
