// Integration test support: a real store in a temporary folder with
// tests/data/http/survey.json published and a wave in every state, a web
// folder, and the real server on an ephemeral loopback port.
#pragma once

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <boost/json/serialize.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>

#include "common/calendar.h"
#include "http_client.h"
#include "server/server.h"
#include "store/response_store.h"
#include "store_test_support.h"
#include "test_support.h"

namespace parorende::testing {

inline const std::string kBinary = PARORENDE_BINARY;

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void write_text(const std::filesystem::path& path, std::string_view text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
}

class TemporaryFolder {
 public:
  TemporaryFolder() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() /
            ("parorende-http-" + std::to_string(::getpid()) + "-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TemporaryFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

// Short timeouts keep the suite fast; tests that need others set them.
inline server::ServerOptions test_options() {
  server::ServerOptions options;
  options.port = 0;
  options.threads = 2;
  options.store_workers = 16;
  options.timeouts.idle = std::chrono::seconds(5);
  options.timeouts.header = std::chrono::seconds(2);
  options.timeouts.body = std::chrono::seconds(2);
  options.timeouts.write = std::chrono::seconds(5);
  options.timeouts.linger = std::chrono::seconds(1);
  options.timeouts.shutdown = std::chrono::seconds(5);
  options.write_limit = {0, 1};  // off unless a test turns it on
  options.code_attempt_limit = {0, 1};
  options.computation_limit = {0, 1};
  return options;
}

inline void raise_descriptor_limit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
}

// A valid complete response to tests/data/http/survey.json, and a partial one.
inline std::string complete_body(std::string_view extra_answers = "") {
  return std::string(R"({"status":"complete","consent_version":"2026-1","language":"nb",)"
                     R"("answers":{"municipality":"0301","relation":2,"children":false,)"
                     R"("strain_sleep":2,"strain_money":3)") +
         std::string(extra_answers) + "}}";
}

inline std::string partial_body() {
  return R"({"status":"partial","consent_version":"2026-1","language":"nb",)"
         R"("answers":{"municipality":"0301","relation":1}})";
}

class ServerFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    StoreOptions store_options;
    store_options.path = store_path();
    // These tests are about HTTP; full durability is the SIGTERM test's.
    store_options.synchronous = StoreOptions::Synchronous::normal;
    auto store = ResponseStore::open(store_options);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    store_ = std::move(store).value();
    auto published =
        store_->publish_questionnaire(read_text(kSourceDir + "/tests/data/http/survey.json"));
    ASSERT_TRUE(published.ok()) << published.error().describe();
    create_wave("open", {2000, 1, 1}, {2999, 12, 31});
    create_wave("closed", {2000, 1, 1}, {2000, 12, 31});
    create_wave("future", {2999, 1, 1}, {2999, 12, 31});
    create_wave("oslo_only", {2000, 1, 1}, {2999, 12, 31}, {"0301"});
    make_web_folder();
  }

  void TearDown() override {
    server_.reset();
    store_.reset();
  }

  void create_wave(const std::string& name, Date opens, Date closes,
                   std::vector<std::string> municipalities = {}) {
    auto wave = store_->create_wave(
        {name, "http_survey", std::nullopt, opens, closes, std::move(municipalities)});
    ASSERT_TRUE(wave.ok()) << wave.error().describe();
  }

  void make_web_folder() {
    web_ = folder_.path() / "web";
    write_text(web_ / "index.html",
               "<!doctype html><html><head><title>Test</title>"
               "<script src=\"/app.js\"></script></head><body>" +
                   std::string(2000, ' ') + "</body></html>\n");
    write_text(web_ / "app.js", "console.log('hello');\n");
    write_text(web_ / "css" / "site.css", "body { margin: 0; }\n" + std::string(1000, '\n'));
    write_text(web_ / ".secret", "hidden\n");
    write_text(folder_.path() / "outside.txt", "outside the web root\n");
    std::filesystem::create_symlink(folder_.path() / "outside.txt", web_ / "escape.txt");
  }

  void start(server::ServerOptions options = test_options()) {
    server_.reset();
    options.web_root = web_;
    auto started = server::Server::start(options, *store_);
    ASSERT_TRUE(started.ok()) << started.error().describe();
    server_ = std::move(started).value();
  }

  std::uint16_t port() const { return server_->port(); }
  TestClient client() { return TestClient(port(), answer_timeout_); }

  // GET/POST/... on a fresh connection.
  HttpReply call(std::string_view method, std::string_view target, std::string_view body = {},
                 std::vector<std::string> headers = {}) {
    TestClient connection = client();
    auto reply = connection.request(method, target, body, std::move(headers));
    if (!reply) {
      ADD_FAILURE() << method << " " << target << ": no answer";
      return {};
    }
    return *reply;
  }

  // The store: a file, or with PARORENDE_TEST_STORE_ENGINE=postgresql a
  // database of the test's own (tests/support/store_test_support.h).
  const std::string& store_path() const { return home_.path(); }

  TemporaryFolder folder_;
  TestStoreHome home_{"responses.db"};
  std::filesystem::path web_;
  // How long call() waits for an answer before it fails the test. Fixtures
  // whose first request analyses thousands of responses raise it: under
  // ThreadSanitizer, sharing two cores, that takes longer than 10 s.
  std::chrono::milliseconds answer_timeout_ = std::chrono::seconds(10);
  std::unique_ptr<ResponseStore> store_;
  std::unique_ptr<server::Server> server_;
};

}  // namespace parorende::testing
