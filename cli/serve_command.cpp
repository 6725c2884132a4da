// parorende serve: the HTTP API and the survey pages, until SIGINT/SIGTERM.
#include <sys/resource.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <csignal>
#include <functional>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <thread>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "cli/store_access.h"
#include "server/server.h"

namespace parorende::cli {
namespace {

constexpr const char* kUsage =
    "usage: parorende serve --db FILE [--port 8080] [--address 127.0.0.1] [--threads N]\n"
    "                       [--web DIR] [--access-log FILE|-|off] [--body-limit BYTES]\n"
    "                       [--max-connections N] [--store-workers N]\n"
    "                       [--write-limit PER_SECOND[:BURST]] [--attempt-limit PER_SECOND[:BURST]]\n"
    "                       [--synchronous full|normal] [--min-respondents K]\n"
    "                       [--metrics-token-file FILE]\n"
    "  rate limits are per client; 0 turns one off\n";

Result<unsigned long> parse_count(const std::string& name, const std::string& text,
                                  unsigned long max) {
  std::size_t used = 0;
  unsigned long value = 0;
  try {
    value = std::stoul(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used == 0 || used != text.size() || value > max) {
    return make_error("usage", "--" + name + " must be a whole number up to " + std::to_string(max));
  }
  return value;
}

Result<server::RateLimit> parse_rate(const std::string& name, const std::string& text) {
  server::RateLimit limit;
  std::size_t colon = text.find(':');
  try {
    std::size_t used = 0;
    std::string rate = text.substr(0, colon);
    limit.per_second = std::stod(rate, &used);
    if (used != rate.size()) throw std::invalid_argument(name);
    if (colon != std::string::npos) {
      std::string burst = text.substr(colon + 1);
      limit.burst = std::stod(burst, &used);
      if (used != burst.size()) throw std::invalid_argument(name);
    } else {
      limit.burst = std::max(1.0, limit.per_second * 10);
    }
  } catch (const std::exception&) {
    return make_error("usage", "--" + name + " must be PER_SECOND or PER_SECOND:BURST");
  }
  if (limit.per_second < 0 || limit.burst < 1) {
    return make_error("usage", "--" + name + ": the rate must be >= 0 and the burst >= 1");
  }
  return limit;
}

// Thousands of keep-alive connections need as many descriptors.
void raise_descriptor_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

struct ServeSettings {
  server::ServerOptions server;
  StoreOptions store;
  std::string access_log = "-";
};

Result<ServeSettings> read_settings(const Arguments& arguments) {
  ServeSettings settings;
  auto db = arguments.required("db");
  if (!db) return db.take_error();
  settings.store.path = db.value();
  settings.server.database_path = db.value();
  settings.server.web_root = arguments.option("web").value_or("web");
  if (auto address = arguments.option("address")) settings.server.address = *address;
  if (auto log = arguments.option("access-log")) settings.access_log = *log;

  struct Count {
    const char* name;
    unsigned long max;
    std::function<void(unsigned long)> set;
  };
  const Count counts[] = {
      {"port", 65535, [&](unsigned long v) { settings.server.port = static_cast<std::uint16_t>(v); }},
      {"threads", 256, [&](unsigned long v) { settings.server.threads = static_cast<unsigned>(v); }},
      {"store-workers", 4096,
       [&](unsigned long v) { settings.server.store_workers = static_cast<unsigned>(v); }},
      {"body-limit", 64ul << 20, [&](unsigned long v) { settings.server.body_limit = v; }},
      {"max-connections", 1'000'000, [&](unsigned long v) { settings.server.max_connections = v; }},
  };
  for (const Count& count : counts) {
    auto text = arguments.option(count.name);
    if (!text) continue;
    auto value = parse_count(count.name, *text, count.max);
    if (!value) return value.take_error();
    count.set(value.value());
  }
  if (auto text = arguments.option("write-limit")) {
    auto limit = parse_rate("write-limit", *text);
    if (!limit) return limit.take_error();
    settings.server.write_limit = limit.value();
  }
  if (auto text = arguments.option("attempt-limit")) {
    auto limit = parse_rate("attempt-limit", *text);
    if (!limit) return limit.take_error();
    settings.server.code_attempt_limit = limit.value();
  }
  if (auto text = arguments.option("min-respondents")) {
    auto value = parse_count("min-respondents", *text, 1'000'000);
    if (!value) return value.take_error();
    auto threshold = analytics::disclosure_threshold(static_cast<int>(value.value()));
    if (!threshold) return make_error("usage", "--min-respondents: " + threshold.error().message);
    settings.server.min_respondents = threshold.value();
  }
  if (auto file = arguments.option("metrics-token-file")) {
    std::ifstream in(*file);
    std::string token;
    if (!in || !std::getline(in, token)) {
      return make_error("usage", "--metrics-token-file: cannot read a token from " + *file);
    }
    if (token.size() < 16) {
      return make_error("usage", "--metrics-token-file: the token must have at least 16 characters");
    }
    settings.server.metrics_token = token;
  }
  if (auto mode = arguments.option("synchronous")) {
    if (*mode == "full") {
      settings.store.synchronous = StoreOptions::Synchronous::full;
    } else if (*mode == "normal") {
      settings.store.synchronous = StoreOptions::Synchronous::normal;
    } else {
      return make_error("usage", "--synchronous must be full or normal");
    }
  }
  return settings;
}

}  // namespace

int serve_command(const Words& words) {
  auto arguments = Arguments::parse(
      words, {"db", "port", "address", "threads", "web", "access-log", "body-limit",
              "max-connections", "store-workers", "write-limit", "attempt-limit",
              "synchronous", "min-respondents", "metrics-token-file"});
  if (!arguments) {
    std::cerr << "parorende serve: " << arguments.error().message << '\n' << kUsage;
    return 2;
  }
  auto settings = read_settings(arguments.value());
  if (!settings || !arguments->positional().empty()) {
    std::cerr << "parorende serve: "
              << (settings ? "unexpected argument " + arguments->positional().front()
                           : settings.error().message)
              << '\n'
              << kUsage;
    return 2;
  }
  std::signal(SIGPIPE, SIG_IGN);
  raise_descriptor_limit();

  std::FILE* access_log = nullptr;
  if (settings->access_log == "-") {
    access_log = stdout;
  } else if (settings->access_log != "off") {
    access_log = std::fopen(settings->access_log.c_str(), "a");
    if (access_log == nullptr) {
      std::cerr << "parorende serve: cannot open access log " << settings->access_log << '\n';
      return 1;
    }
  }
  settings->server.access_log = access_log;

  int exit_code = 0;
  {
    auto store = ResponseStore::open(settings->store);
    if (!store) {
      report_error("serve", store.error());
      return 1;
    }
    // Signals are caught before the server starts, so none is lost.
    boost::asio::io_context signals_context(1);
    boost::asio::signal_set signals(signals_context, SIGINT, SIGTERM);
    auto server = server::Server::start(settings->server, *store.value());
    if (!server) {
      report_error("serve", server.error());
      exit_code = 1;
    } else {
      std::cerr << "parorende serve: listening on http://" << settings->server.address << ':'
                << server.value()->port() << '/' << std::endl;
      signals.async_wait([&](const boost::system::error_code& error, int signal_number) {
        if (error) return;
        std::cerr << "parorende serve: signal " << signal_number
                  << ", finishing requests in flight" << std::endl;
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
