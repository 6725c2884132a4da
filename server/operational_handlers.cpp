// GET /healthz and GET /metrics (Prometheus text format).
#include <memory>

#include "server/api_routes.h"
#include "server/json_reply.h"

namespace parorende::server {

void add_operational_routes(Router& router, ApiContext& api) {
  auto healthy = std::make_shared<const HttpResponse>(
      json_response(http::status::ok, boost::json::object{{"status", "ok"}}));
  router.add({http::verb::get, "/healthz", RateClass::none,
              [healthy](const Exchange&, Reply reply) { reply(*healthy); }});

  router.add({http::verb::get, "/metrics", RateClass::none,
              [&api](const Exchange&, Reply reply) {
                HttpResponse response{http::status::ok, 11};
                response.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
                response.set(http::field::cache_control, "no-store");
                response.body() = api.render_metrics();
                reply(std::move(response));
              }});
}

}  // namespace parorende::server
