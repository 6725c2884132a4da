// `parorende serve` (cli/commands.h says how subcommands take their
// options).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "server/api/server_options.h"
#include "store/response_store.h"

namespace parorende::cli {

// The HTTP server (docs/api.md).
struct ServeOptions {
  std::string db;
  server::ServerOptions server;
  StoreOptions::Synchronous synchronous = StoreOptions::Synchronous::full;
  std::string web = "web";
  std::string access_log = "-";  // a file, "-" for standard output, or "off"
  std::optional<std::string> metrics_token_file;
  std::vector<std::string> trusted_proxies;  // checked to be IP addresses
  std::string public_url;
  std::optional<std::string> oidc_config;  // the OpenID Providers' file
};

int serve_command(const ServeOptions& options);

}  // namespace parorende::cli
