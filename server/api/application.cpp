#include "server/api/application.h"

#include <cstdio>
#include <stdexcept>
#include <string>

#include "server/api/api_routes.h"
#include "server/api/staff_caller.h"
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
  sessions_ = std::make_unique<StaffSessions>(store, options.session_limits);
  sign_in_throttle_ = std::make_unique<SignInThrottle>(store, options.sign_in_limits);
  hashing_ = std::make_unique<StoreWorkers>(std::max(1u, options.hashing_threads));
  openid_ = std::make_unique<OpenIdSignIns>(store, options.openid_providers, options.public_url);
  outbound_ = std::make_unique<StoreWorkers>(4);
  api_ = std::make_unique<ApiContext>(ApiContext{
      store, workers, *results_, *exports_,
      [this, &store, &workers] {
        return metrics_->render() + render_store_metrics(store.metrics(), workers.queued());
      },
      options.metrics_token, *sessions_, *sign_in_throttle_, *hashing_, *openid_, *outbound_,
      options.public_url});
  add_questionnaire_routes(router_, *api_);
  add_wave_routes(router_, *api_);
  add_municipality_routes(router_, *api_);
  add_results_routes(router_, *api_);
  add_export_routes(router_, *api_);
  add_response_routes(router_, *api_);
  add_invitation_routes(router_, *api_);
  add_screening_routes(router_, *api_);
  add_openapi_route(router_);
  add_operational_routes(router_, *api_);
  add_session_routes(router_, *api_);
  add_openid_routes(router_, *api_);
  add_admin_routes(router_, *api_);
  add_account_routes(router_, *api_);
  add_offer_routes(router_, *api_);
  add_round_routes(router_, *api_);
  add_comment_routes(router_, *api_);

  for (const Route& route : router_.routes()) {
    RouteGuard guard;
    guard.access = find_route_access(route.method, route.pattern);
    if (guard.access == nullptr) {
      // A route nobody decided who may use: never served.
      throw std::logic_error("the authorization matrix has no entry for " +
                             std::string(http::to_string(route.method)) + " " + route.pattern);
    }
    int index = 0;
    for (std::size_t at = route.pattern.find('{'); at != std::string::npos;
         at = route.pattern.find('{', at + 1), ++index) {
      std::string_view name(route.pattern);
      name = name.substr(at + 1, name.find('}', at) - at - 1);
      if (name == "municipality") guard.municipality_param = index;
      if (name == "wave") guard.wave_param = index;
    }
    guards_.push_back(guard);
  }

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
    const RouteAccess& access = *guards_[match.route].access;
    if (access.rule.anyone) {
      route.handler(Exchange{request, match.params, query, client}, std::move(reply));
    } else {
      handle_staff_route(route, access, request, std::move(match.params), query, client,
                         std::move(reply));
    }
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

void Application::handle_staff_route(const Route& route, const RouteAccess& access,
                                     const HttpRequest& request, std::vector<std::string> params,
                                     std::string_view query, ClientKey client, Reply reply) {
  std::string session_id = session_cookie_value(request);
  if (!has_random_token_shape(session_id)) {
    reply(error_response("unauthorized", "sign in first (no session, or it has ended)"));
    return;
  }
  std::size_t index = &route - router_.routes().data();
  const RouteGuard& guard = guards_[index];
  api_->workers.post([this, &route, &access, &guard, &request, params = std::move(params), query,
                      client, session_id = std::move(session_id),
                      reply = std::move(reply)]() mutable {
    try {
      auto session = sessions_->find(session_id, StaffSessions::Clock::now());
      if (!session) return reply(error_response(session.error()));
      if (!session.value()) {
        return reply(error_response("unauthorized", "sign in first (no session, or it has ended)"));
      }
      StaffSessions::Found found = *session.value();
      bool changes_state =
          request.method() != http::verb::get && request.method() != http::verb::head;
      if (changes_state) {
        std::string expected = csrf_token_for(session_id);
        std::string_view given = request[kCsrfHeader];
        auto bytes = [](std::string_view text) {
          return std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size());
        };
        if (!constant_time_equal(bytes(expected), bytes(given))) {
          return reply(
              error_response("csrf_token_invalid",
                             "a change needs the session's token in the X-CSRF-Token header"));
        }
      }
      auto account = api_->store.account_by_id(found.account_id);
      if (!account && account.error().code != "account_not_found") {
        return reply(error_response(account.error()));
      }
      if (account && account->session_epoch != found.epoch) {
        // The session may have moved to the new epoch between the two
        // reads (its password changed through another request): once more.
        auto again = sessions_->find(session_id, StaffSessions::Clock::now());
        if (!again) return reply(error_response(again.error()));
        if (again.value()) found = *again.value();
      }
      // A session under an older epoch never counts again; its row goes
      // when it is idle too long.
      if (!account || account->disabled || account->session_epoch != found.epoch) {
        return reply(error_response("unauthorized", "sign in first (the session has ended)"));
      }
      auto caller = std::make_shared<StaffCaller>();
      caller->principal = {account->id, account->username, account->display_name, account->grants,
                           found.second_factor_done};
      caller->session_id = session_id;
      caller->session_epoch = found.epoch;
      AccessScope scope;
      if (guard.municipality_param >= 0) scope.municipality = params[guard.municipality_param];
      if (guard.wave_param >= 0) scope.wave = params[guard.wave_param];
      AccessDecision decision = decide_access(access.rule, &caller->principal, scope, today_utc());
      if (decision != AccessDecision::allowed) {
        std::string asked(scope.municipality.empty() ? scope.wave : scope.municipality);
        record_audit(*api_, {audit_actor(caller->principal), "access.refused",
                             std::string(http::to_string(route.method)) + " " + route.pattern,
                             AuditOutcome::refused, printable_detail(asked)});
        reply(error_response("forbidden", caller->principal.second_factor_done
                                              ? "this account may not do this"
                                              : "enter or enrol your one-time code first"));
        return;
      }
      route.handler(Exchange{request, params, query, client, std::move(caller)}, reply);
    } catch (const std::exception& bug) {
      std::fprintf(stderr, "parorende serve: internal error: %s\n", bug.what());
      reply(error_response("internal_error", "internal error"));
    }
  });
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
