#include "server/api/application.h"

#include <string>

#include "server/api/api_routes.h"
#include "server/api/store_metrics.h"
#include "server/http/json_reply.h"

namespace parorende::server {
namespace {

bool is_reserved_path(std::string_view path) {
  return path.starts_with("/api/") || path == "/api" || path == "/healthz" || path == "/metrics";
}

HttpResponse method_not_allowed(std::string_view allow) {
  HttpResponse response =
      error_response("method_not_allowed", "this path answers only " + std::string(allow));
  response.set(http::field::allow, allow);
  return response;
}

}  // namespace

Application::Application(const ServerOptions& options, ResponseStore& store, StoreWorkers& workers)
    : options_(options),
      static_files_(options.web_root),
      write_limiter_(options.write_limit, options.rate_limited_clients),
      code_attempt_limiter_(options.code_attempt_limit, options.rate_limited_clients),
      computation_limiter_(options.computation_limit, options.rate_limited_clients),
      access_log_(options.access_log) {
  results_ = std::make_unique<ResultsCache>(
      store, ResultsCacheOptions{options.min_respondents, options.database_path,
                                 options.results_count_check_interval,
                                 options.results_min_recompute_interval, options.results_max_age});
  exports_ = std::make_unique<ExportCache>();
  api_ = std::make_unique<ApiContext>(ApiContext{
      store, workers, *results_, *exports_,
      [this, &store, &workers] {
        return metrics_->render() + render_store_metrics(store.metrics(), workers.queued());
      },
      options.metrics_token});
  add_questionnaire_routes(router_, *api_);
  add_wave_routes(router_, *api_);
  add_municipality_routes(router_, *api_);
  add_results_routes(router_, *api_);
  add_export_routes(router_, *api_);
  add_response_routes(router_, *api_);
  add_screening_routes(router_, *api_);
  add_openapi_route(router_);
  add_operational_routes(router_, *api_);

  for (const Route& route : router_.routes()) {
    labels_.push_back({std::string(http::to_string(route.method)), route.pattern});
  }
  static_label_ = labels_.size();
  labels_.push_back({"GET", "static"});
  unrouted_label_ = labels_.size();
  labels_.push_back({"", "unmatched"});
  metrics_ = std::make_unique<Metrics>(labels_);
}

Application::~Application() = default;

std::size_t Application::handle(const HttpRequest& request, ClientKey client, Reply reply) {
  std::string_view target = request.target();
  if (target.empty() || target.front() != '/') {
    reply(error_response("bad_request", "the request target must be a path"));
    return unrouted_label_;
  }
  auto [path, query] = split_target(target);
  RouteMatch match = router_.match(request.method(), path);
  if (match.kind == RouteMatch::Kind::found) {
    const Route& route = router_.routes()[match.route];
    if (Admission admission = admit(route.rate_class, client); !admission.allowed) {
      HttpResponse refused = error_response("rate_limited", "too many requests; try again later");
      refused.set(http::field::retry_after, std::to_string(admission.retry_after.count()));
      reply(std::move(refused));
      return match.route;
    }
    route.handler(Exchange{request, match.params, query, client}, std::move(reply));
    return match.route;
  }
  if (match.kind == RouteMatch::Kind::wrong_method) {
    reply(method_not_allowed(match.allow));
    return unrouted_label_;
  }
  if (is_reserved_path(path)) {
    reply(error_response("not_found", "no such resource"));
    return unrouted_label_;
  }
  if (request.method() != http::verb::get && request.method() != http::verb::head) {
    reply(method_not_allowed("GET, HEAD"));
    return unrouted_label_;
  }
  reply(static_files_.serve(path, request));
  return static_label_;
}

Admission Application::admit(RateClass rate_class, ClientKey client) {
  Admission admission;
  if (rate_class == RateClass::write) admission = write_limiter_.admit(client);
  if (rate_class == RateClass::code_attempt) admission = code_attempt_limiter_.admit(client);
  if (rate_class == RateClass::computation) admission = computation_limiter_.admit(client);
  if (!admission.allowed) metrics_->rate_limited();
  return admission;
}

void Application::record(const CompletedRequest& completed) {
  metrics_->record_request(completed.label, completed.status, completed.duration);
  if (!access_log_.enabled()) return;
  access_log_.write({std::chrono::system_clock::now(), http::to_string(completed.method),
                     labels_[completed.label].route, completed.status, completed.duration,
                     completed.request_bytes, completed.response_bytes});
}

}  // namespace parorende::server
