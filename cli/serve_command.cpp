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
#include <sstream>
#include <thread>

#include "cli/store_access.h"
#include "reference/municipalities.h"
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

// The providers of --oidc-config, whose client secrets may sit in files
// beside it.
Result<std::vector<OpenIdProvider>> read_openid_providers(const std::string& path,
                                                          const std::string& public_url) {
  if (public_url.empty()) {
    return make_error("usage",
                      "--oidc-config needs --public-url: the providers redirect browsers there");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return make_error("usage", "--oidc-config: cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  auto providers = parse_openid_providers(text.str(), std::filesystem::path(path).parent_path());
  if (!providers) return providers;
  // A mapping to a municipality that does not exist would refuse every
  // sign-in it matches: said now, not at the first sign-in.
  for (const OpenIdProvider& provider : *providers) {
    for (const RoleMapping& mapping : provider.roles) {
      if (mapping.grant.role == Role::municipality_staff &&
          builtin_municipalities().find(mapping.grant.scope) == nullptr) {
        return make_error("invalid_grant", "--oidc-config: provider " + provider.id + ": \"" +
                                               grant_text(mapping.grant) +
                                               "\": no municipality has the code " +
                                               mapping.grant.scope);
      }
    }
  }
  return providers;
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
  if (!options.public_url.empty()) server_options.public_url = options.public_url;
  if (options.oidc_config) {
    auto providers = read_openid_providers(*options.oidc_config, options.public_url);
    if (!providers) {
      report_error("serve", providers.error());
      return 2;
    }
    server_options.openid_providers = std::move(providers).value();
  }
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
