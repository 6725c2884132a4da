// The HTTP server: `parorende serve` and the integration tests start it.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "analytics/disclosure_control.h"
#include "store/response_store.h"
#include "common/result.h"
#include "server/rate_limiter.h"

namespace parorende::server {

struct Timeouts {
  using ms = std::chrono::milliseconds;
  ms idle{30'000};    // keep-alive: no request started within this time
  ms header{10'000};  // from a request's first byte to its last header byte
  ms body{30'000};    // reading the body
  ms write{30'000};   // writing one answer
  ms linger{2'000};   // reading what a client still sends after an error
  ms shutdown{10'000};  // graceful stop: longest wait for requests in flight
};

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port, see Server::port()
  unsigned threads = 0;       // I/O threads; 0: one per core
  // Threads that wait on the store's group commit. Many writes must be in
  // flight at once for a commit to carry many of them.
  unsigned store_workers = 128;
  std::filesystem::path web_root;  // empty: no static files
  std::size_t body_limit = 256 * 1024;
  std::size_t header_limit = 16 * 1024;
  Timeouts timeouts;
  std::size_t max_connections = 10'000;
  RateLimit write_limit{2, 60};         // saves and submissions
  RateLimit code_attempt_limit{0.2, 20};  // resume and erasure attempts
  std::size_t rate_limited_clients = 100'000;  // buckets kept in memory
  std::FILE* access_log = nullptr;  // not owned; nullptr: no access log
  // Results API: k of the disclosure control (docs/privacy.md), and the
  // database file to stream waves from (empty: the store's read path).
  int min_respondents = analytics::kDefaultMinRespondents;
  std::string database_path;
  // How often results are looked at and recomputed (server/results_cache.h).
  std::chrono::seconds results_count_check_interval{5};
  std::chrono::seconds results_min_recompute_interval{30};
  std::chrono::seconds results_max_age{600};
  // GET /metrics answers only a request with "Authorization: Bearer" and
  // this token; empty: /metrics answers 404. Its counters would tell when
  // responses arrive, so they are for operators only.
  std::string metrics_token;
};

class Server {
 public:
  // Binds and starts serving on its own threads. Errors: "listen_failed".
  static Result<std::unique_ptr<Server>> start(const ServerOptions& options,
                                               ResponseStore& store);
  ~Server();  // request_stop() and wait()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  std::uint16_t port() const;

  // Every route the server answers: {"GET", "/api/v1/waves"}, ...
  std::vector<std::pair<std::string, std::string>> routes() const;

  // Stops accepting, closes idle connections, lets requests in flight finish
  // (up to timeouts.shutdown). Thread-safe; returns at once.
  void request_stop();

  // Blocks until stopped and every thread has ended. Afterwards no request
  // touches the store any more.
  void wait();

  class State;

 private:
  explicit Server(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace parorende::server
