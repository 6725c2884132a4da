// parorende serve: the HTTP API and the survey pages, until SIGINT/SIGTERM.
#include "cli/serve_command.h"

#include <malloc.h>
#include <sys/resource.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include "cli/store_access.h"
#include "server/server.h"

namespace parorende::cli {
namespace {

// Thousands of keep-alive connections need as many descriptors.
void raise_descriptor_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

// The token GET /metrics asks for: the first line of `path`.
Result<std::string> read_metrics_token(const std::string& path) {
  std::ifstream in(path);
  std::string token;
  if (!in || !std::getline(in, token)) {
    return make_error("usage", "--metrics-token-file: cannot read a token from " + path);
  }
  if (token.size() < 16) {
    return make_error("usage", "--metrics-token-file: the token must have at least 16 characters");
  }
  return token;
}

}  // namespace

int serve_command(const ServeOptions& options) {
  server::ServerOptions server_options = options.server;
  server_options.database_path = options.db;
  server_options.web_root = options.web;
  for (const std::string& proxy : options.trusted_proxies) {
    server_options.trusted_proxies.push_back(boost::asio::ip::make_address(proxy));
  }
  server_options.strict_transport_security = options.public_url.starts_with("https://");
  if (options.metrics_token_file) {
    auto token = read_metrics_token(*options.metrics_token_file);
    if (!token) {
      std::cerr << "parorende serve: " << token.error().message << '\n';
      return 2;
    }
    server_options.metrics_token = token.value();
  }
  StoreOptions store_options;
  store_options.path = options.db;
  store_options.synchronous = options.synchronous;
  std::signal(SIGPIPE, SIG_IGN);
  raise_descriptor_limit();
  // Large buffers (an export answer, a big body) always in their own
  // mappings, given back when freed. glibc otherwise raises this threshold
  // after the first such free, and memory used for a burst of exports stayed
  // with the process after the clients left (986 MiB, bench/hardening).
  mallopt(M_MMAP_THRESHOLD, 128 * 1024);

  std::FILE* access_log = nullptr;
  if (options.access_log == "-") {
    access_log = stdout;
  } else if (options.access_log != "off") {
    access_log = std::fopen(options.access_log.c_str(), "a");
    if (access_log == nullptr) {
      std::cerr << "parorende serve: cannot open access log " << options.access_log << '\n';
      return 1;
    }
  }
  server_options.access_log = access_log;

  int exit_code = 0;
  {
    auto store = ResponseStore::open(store_options);
    if (!store) {
      report_error("serve", store.error());
      return 1;
    }
    // Signals are caught before the server starts, so none is lost.
    boost::asio::io_context signals_context(1);
    boost::asio::signal_set signals(signals_context, SIGINT, SIGTERM);
    auto server = server::Server::start(server_options, *store.value());
    if (!server) {
      report_error("serve", server.error());
      exit_code = 1;
    } else {
      std::cerr << "parorende serve: listening on http://" << server_options.address << ':'
                << server.value()->port() << '/' << std::endl;
      signals.async_wait([&](const boost::system::error_code& error, int signal_number) {
        if (error) return;
        std::cerr << "parorende serve: signal " << signal_number << ", finishing requests in flight"
                  << std::endl;
        server.value()->request_stop();
      });
      signals_context.run();
      server.value()->wait();
      server.value().reset();
    }
    // Destroying the store drains its writer queue and closes the database.
    store.value().reset();
  }
  if (access_log != nullptr && access_log != stdout) std::fclose(access_log);
  if (exit_code == 0) std::cerr << "parorende serve: stopped" << std::endl;
  return exit_code;
}

}  // namespace parorende::cli
