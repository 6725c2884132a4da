// Every setting of `parorende serve`: the HTTP layer's (server/http/options.h)
// and the API's (store workers, static files, rate limits, access log,
// results, metrics).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "access/openid_connect.h"

#include "analytics/disclosure_control.h"
#include "server/api/sign_in_throttle.h"
#include "server/api/staff_sessions.h"
#include "server/http/options.h"
#include "server/http/rate_limiter.h"

namespace parorende::server {

// The HTTP layer's settings (server/http/options.h), and the API's.
struct ServerOptions : HttpOptions {
  // Threads that wait on the store's group commit. Many writes must be in
  // flight at once for a commit to carry many of them.
  unsigned store_workers = 128;
  std::filesystem::path web_root;              // empty: no static files
  RateLimit write_limit{2, 60};                // saves and submissions
  RateLimit code_attempt_limit{0.2, 20};       // resume and erasure attempts
  RateLimit computation_limit{2, 30};          // exports and screening scores
  std::size_t rate_limited_clients = 100'000;  // buckets kept in memory
  std::FILE* access_log = nullptr;             // not owned; nullptr: no access log
  // Results API: k of the disclosure control (docs/privacy.md), and the
  // database file to stream waves from (empty: the store's read path).
  int min_respondents = analytics::kDefaultMinRespondents;
  std::string database_path;
  // How often results are looked at and recomputed (server/api/results_cache.h).
  std::chrono::seconds results_count_check_interval{5};
  std::chrono::seconds results_min_recompute_interval{30};
  std::chrono::seconds results_max_age{600};
  // GET /metrics answers only a request with "Authorization: Bearer" and
  // this token; empty: /metrics answers 404. Its counters would tell when
  // responses arrive, so they are for operators only.
  std::string metrics_token;
  // Staff sign-in: threads that hash passwords (each hash holds 19 MiB
  // while it runs), and the throttle on failed attempts.
  unsigned hashing_threads = 2;
  SignInThrottleLimits sign_in_limits;
  StaffSessionLimits session_limits;
  // Where browsers reach the server (serve --public-url), and the OpenID
  // Providers staff may sign in through (serve --oidc-config).
  std::string public_url = "http://127.0.0.1:8080";
  std::vector<OpenIdProvider> openid_providers;
};

}  // namespace parorende::server
