// What operators see and rely on: the OpenAPI document against the routes
// served, /metrics, the access log, and per-client rate limits.
#include <boost/json.hpp>
#include <set>

#include "server/api/openapi.h"
#include "server_fixture.h"

namespace parorende::testing {
namespace {

namespace json = boost::json;

class OperationsTest : public ServerFixture {};

TEST_F(OperationsTest, OpenApiDocumentMatchesTheRoutesServed) {
  start();
  HttpReply reply = call("GET", "/api/v1/openapi.json");
  ASSERT_EQ(reply.status, 200);
  json::value document = reply.json();
  EXPECT_EQ(document.at("openapi"), "3.1.0");
  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, operations] : document.at("paths").as_object()) {
    for (const auto& [method, operation] : operations.as_object()) {
      std::string upper(method);
      for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      documented.emplace(upper, std::string(path));
      EXPECT_TRUE(operation.as_object().contains("responses")) << method << " " << path;
    }
  }
  std::set<std::pair<std::string, std::string>> served;
  for (const auto& route : server_->routes()) served.insert(route);
  EXPECT_EQ(documented, served);

  // And from the outside: each documented operation is routed (never 404
  // or 405 for the path shape itself).
  for (const auto& [method, path] : documented) {
    std::string target = path;
    for (std::string placeholder :
         {"{id}", "{wave}", "{code}", "{receipt}", "{questionnaire}", "{provider}"}) {
      if (auto at = target.find(placeholder); at != std::string::npos) {
        target.replace(at, placeholder.size(), "x");
      }
    }
    HttpReply answer = call(method, target, method == "POST" || method == "PUT" ? "{}" : "");
    EXPECT_NE(answer.status, 405) << method << " " << target;
    if (answer.status == 404) {
      EXPECT_EQ(answer.body.find("\"code\":\"not_found\""), std::string::npos)
          << method << " " << target << ": " << answer.body;
    }
    EXPECT_LT(answer.status, 500) << method << " " << target;
  }
  // The document served is the one compiled in.
  EXPECT_EQ(json::parse(server::openapi_document()), document);
}

TEST_F(OperationsTest, MetricsAreOffWithoutAToken) {
  start();
  HttpReply metrics = call("GET", "/metrics");
  EXPECT_EQ(metrics.status, 404);
  EXPECT_NE(metrics.body.find("\"code\":\"metrics_disabled\""), std::string::npos) << metrics.body;
}

TEST_F(OperationsTest, MetricsNeedTheToken) {
  server::ServerOptions options = test_options();
  options.metrics_token = "0123456789abcdef-metrics";
  start(options);
  for (const std::vector<std::string>& headers :
       {std::vector<std::string>{},
        {"Authorization: Bearer 0123456789abcdef-metricz"},
        {"Authorization: Basic 0123456789abcdef-metrics"},
        {"Authorization: Bearer "}}) {
    HttpReply refused = call("GET", "/metrics", {}, headers);
    EXPECT_EQ(refused.status, 401) << (headers.empty() ? "no header" : headers.front());
    EXPECT_EQ(refused.header("www-authenticate"), "Bearer");
    EXPECT_EQ(refused.body.find("parorende_http"), std::string::npos);
  }
}

TEST_F(OperationsTest, MetricsInPrometheusFormat) {
  server::ServerOptions options = test_options();
  options.metrics_token = "0123456789abcdef-metrics";
  start(options);
  call("GET", "/healthz");
  call("POST", "/api/v1/waves/open/responses", complete_body());
  call("GET", "/api/v1/nothing");
  HttpReply metrics =
      call("GET", "/metrics", {}, {"Authorization: Bearer 0123456789abcdef-metrics"});
  ASSERT_EQ(metrics.status, 200);
  EXPECT_EQ(metrics.header("content-type").rfind("text/plain; version=0.0.4", 0), 0u);
  for (const char* expected : {
           "parorende_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1",
           "parorende_http_requests_total{method=\"POST\",route=\"/api/v1/waves/{wave}/responses\","
           "status=\"201\"} 1",
           "route=\"unmatched\",status=\"404\"} 1",
           "# TYPE parorende_http_request_duration_seconds histogram",
           "parorende_http_request_duration_seconds_bucket{method=\"GET\",route=\"/"
           "healthz\",le=\"+Inf\"} 1",
           "parorende_store_writer_queue_depth ",
           "# TYPE parorende_store_batch_size histogram",
           "parorende_store_batch_size_count ",
           "parorende_http_open_connections ",
       }) {
    EXPECT_NE(metrics.body.find(expected), std::string::npos) << expected << "\n" << metrics.body;
  }
}

TEST_F(OperationsTest, AccessLogIsJsonWithoutAddressesOrCodes) {
  std::filesystem::path log_path = folder_.path() / "access.log";
  std::FILE* log = std::fopen(log_path.c_str(), "w");
  ASSERT_NE(log, nullptr);
  server::ServerOptions options = test_options();
  options.access_log = log;
  start(options);
  HttpReply saved = call("POST", "/api/v1/waves/open/responses", partial_body());
  ASSERT_EQ(saved.status, 201);
  std::string code(saved.json().at("resume_code").as_string());
  call("GET", "/api/v1/responses/resume/" + code);
  call("GET", "/api/v1/responses/resume/" + code + "?lang=nb");
  server_.reset();  // flushes the log
  std::fclose(log);

  std::string text = read_text(log_path);
  std::string bare_code = code;
  std::erase(bare_code, '-');
  EXPECT_EQ(text.find(code), std::string::npos);
  EXPECT_EQ(text.find(bare_code), std::string::npos);
  EXPECT_EQ(text.find(code.substr(0, 4)), std::string::npos);
  EXPECT_EQ(text.find("127.0.0.1"), std::string::npos);
  std::istringstream lines(text);
  std::string line;
  int count = 0;
  while (std::getline(lines, line)) {
    json::value entry = json::parse(line);
    EXPECT_TRUE(entry.at("status").is_int64());
    EXPECT_TRUE(entry.at("duration_ms").is_number());
    EXPECT_TRUE(entry.at("route").is_string());
    ++count;
  }
  EXPECT_EQ(count, 3);
  EXPECT_NE(text.find("\"route\":\"/api/v1/responses/resume/{code}\""), std::string::npos);
}

TEST_F(OperationsTest, WritesAreRateLimitedPerClient) {
  server::ServerOptions options = test_options();
  options.write_limit = {0.01, 3};
  start(options);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(call("POST", "/api/v1/waves/open/responses", partial_body()).status, 201);
  }
  HttpReply refused = call("POST", "/api/v1/waves/open/responses", partial_body());
  EXPECT_EQ(refused.status, 429);
  EXPECT_GE(std::stoi(refused.header("retry-after")), 1);
  EXPECT_NE(refused.body.find("rate_limited"), std::string::npos);
  // Reads are not writes.
  EXPECT_EQ(call("GET", "/api/v1/waves").status, 200);
}

TEST_F(OperationsTest, ResumeAndErasureAttemptsAreRateLimited) {
  server::ServerOptions options = test_options();
  options.code_attempt_limit = {0.01, 5};
  start(options);
  int refused = 0;
  for (int i = 0; i < 8; ++i) {
    std::string target =
        i % 2 == 0 ? "/api/v1/responses/resume/AAAA-BBBB" : "/api/v1/responses/AAAA-BBBB";
    HttpReply reply = call(i % 2 == 0 ? "GET" : "DELETE", target);
    if (reply.status == 429) ++refused;
  }
  EXPECT_EQ(refused, 3);
  EXPECT_EQ(call("POST", "/api/v1/waves/open/responses", partial_body()).status, 201);
}

TEST_F(OperationsTest, ExportsAndScreeningScoresShareALimitPerClient) {
  server::ServerOptions options = test_options();
  options.computation_limit = {0.01, 4};
  start(options);
  const std::string score_body = R"({"answers":{"strain_sleep":1,"strain_money":2}})";
  int refused = 0;
  for (int i = 0; i < 6; ++i) {
    HttpReply reply = i % 2 == 0 ? call("GET", "/api/v1/waves/open/export?table=county_scale")
                                 : call("POST", "/api/v1/screening/http_survey/score", score_body);
    if (reply.status == 429) {
      ++refused;
      EXPECT_GE(std::stoi(reply.header("retry-after")), 1);
    }
  }
  EXPECT_EQ(refused, 2);
  // Submissions and reads count against their own limits.
  EXPECT_EQ(call("POST", "/api/v1/waves/open/responses", partial_body()).status, 201);
  EXPECT_EQ(call("GET", "/api/v1/waves").status, 200);
}

}  // namespace
}  // namespace parorende::testing
