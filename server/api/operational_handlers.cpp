// GET /healthz and GET /metrics (Prometheus text format, for operators
// holding the metrics token).
#include <memory>

#include "common/crypto.h"
#include "server/api/api_routes.h"
#include "server/http/json_reply.h"

namespace parorende::server {
namespace {

// Compares digests of equal length in constant time: the time taken says
// nothing about how much of a guessed token was right, nor its length.
bool bearer_token_matches(const HttpRequest& request, const std::string& token) {
  auto field = request.find(http::field::authorization);
  if (field == request.end()) return false;
  std::string_view value = field->value();
  constexpr std::string_view kScheme = "Bearer ";
  if (!value.starts_with(kScheme)) return false;
  return constant_time_equal(sha256(value.substr(kScheme.size())), sha256(token));
}

}  // namespace

void add_operational_routes(Router& router, ApiContext& api) {
  auto healthy = std::make_shared<const HttpResponse>(
      json_response(http::status::ok, boost::json::object{{"status", "ok"}}));
  router.add({http::verb::get, "/healthz", RateClass::none,
              [healthy](const Exchange&, Reply reply) { reply(*healthy); }});

  router.add(
      {http::verb::get, "/metrics", RateClass::none, [&api](const Exchange& exchange, Reply reply) {
         if (api.metrics_token.empty()) {
           reply(
               error_response("metrics_disabled", "metrics are off (serve --metrics-token-file)"));
           return;
         }
         if (!bearer_token_matches(exchange.request, api.metrics_token)) {
           HttpResponse refused = error_response(
               "unauthorized", "metrics need \"Authorization: Bearer\" with the metrics token");
           refused.set(http::field::www_authenticate, "Bearer");
           reply(std::move(refused));
           return;
         }
         HttpResponse response{http::status::ok, 11};
         response.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
         response.set(http::field::cache_control, "no-store");
         response.body() = api.render_metrics();
         reply(std::move(response));
       }});
}

}  // namespace parorende::server
