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

#include "common/result.h"
#include "server/api/server_options.h"
#include "store/response_store.h"

namespace parorende::server {

class Server {
 public:
  // Binds and starts serving on its own threads. Errors: "listen_failed".
  static Result<std::unique_ptr<Server>> start(const ServerOptions& options, ResponseStore& store);
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
