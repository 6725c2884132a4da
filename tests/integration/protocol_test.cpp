// HTTP/1.1 behaviour under normal and hostile clients: keep-alive,
// pipelining, limits, timeouts, many idle connections, the connection cap.
#include <algorithm>
#include <atomic>
#include <thread>

#include "server_fixture.h"

namespace parorende::testing {
namespace {

using namespace std::chrono_literals;

class ProtocolTest : public ServerFixture {
 protected:
  // Opens `held` connections that each got an answer, then one more, which
  // must be refused with 503; closing one lets the next one in.
  void expect_refusal_after(int held, std::string_view why) {
    std::vector<TestClient> open;
    for (int i = 0; i < held; ++i) {
      open.emplace_back(port());
      ASSERT_TRUE(open.back().request("GET", "/healthz"));
    }
    TestClient refused = client();
    auto reply = refused.read_reply();
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 503);
    EXPECT_EQ(reply->header("retry-after"), "1");
    EXPECT_NE(reply->body.find(why), std::string::npos) << reply->body;
    open.pop_back();
    std::this_thread::sleep_for(200ms);
    EXPECT_EQ(call("GET", "/healthz").status, 200);
  }
};

TEST_F(ProtocolTest, KeepAliveServesManyRequestsOnOneConnection) {
  start();
  TestClient connection = client();
  for (int i = 0; i < 20; ++i) {
    auto reply = connection.request("GET", "/healthz");
    ASSERT_TRUE(reply) << "request " << i;
    EXPECT_EQ(reply->status, 200);
  }
  auto saved = connection.request("POST", "/api/v1/waves/open/responses", partial_body());
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->status, 201);
  auto after = connection.request("GET", "/api/v1/waves");
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 200);
}

TEST_F(ProtocolTest, PipelinedRequestsAreAnsweredInOrder) {
  start();
  TestClient connection = client();
  std::string body = partial_body();
  std::string batch =
      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
      "POST /api/v1/waves/open/responses HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body +
      "GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /api/v1/waves HTTP/1.1\r\nHost: x\r\n\r\n";
  ASSERT_TRUE(connection.send_raw(batch));
  std::vector<int> statuses;
  for (int i = 0; i < 4; ++i) {
    auto reply = connection.read_reply();
    ASSERT_TRUE(reply) << "answer " << i;
    statuses.push_back(reply->status);
  }
  EXPECT_EQ(statuses, (std::vector<int>{200, 201, 404, 200}));
}

TEST_F(ProtocolTest, ConnectionCloseIsHonoured) {
  start();
  TestClient connection = client();
  auto reply = connection.request("GET", "/healthz", "", {"Connection: close"});
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->header("connection"), "close");
  EXPECT_TRUE(connection.closed_by_peer(2s));
}

TEST_F(ProtocolTest, ExpectContinueGetsA100BeforeTheBody) {
  start();
  TestClient connection = client();
  std::string body = partial_body();
  ASSERT_TRUE(connection.send_raw(
      "POST /api/v1/waves/open/responses HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n"));
  auto interim = connection.read_reply();
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(connection.send_raw(body));
  auto reply = connection.read_reply();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 201);
}

TEST_F(ProtocolTest, TenMegabyteBodyGets413) {
  start();
  TestClient connection = client();
  std::string head =
      "POST /api/v1/waves/open/responses HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\nContent-Length: 10485760\r\n\r\n";
  ASSERT_TRUE(connection.send_raw(head));
  // The answer comes as soon as the headers say too much; the body that
  // follows is read and dropped rather than answered with a reset.
  std::thread sender([&] { connection.send_raw(std::string(10 * 1024 * 1024, 'x')); });
  auto reply = connection.read_reply();
  sender.join();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 413);
  EXPECT_NE(reply->body.find("body_too_large"), std::string::npos);
}

TEST_F(ProtocolTest, ChunkedBodyOverTheLimitGets413) {
  start();
  TestClient connection = client();
  std::string head =
      "POST /api/v1/waves/open/responses HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
  std::string chunk(64 * 1024, 'x');
  std::string request = head;
  for (int i = 0; i < 8; ++i) request += "10000\r\n" + chunk + "\r\n";
  request += "0\r\n\r\n";
  std::thread sender([&] { connection.send_raw(request); });
  auto reply = connection.read_reply();
  sender.join();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 413);
}

TEST_F(ProtocolTest, OversizedHeadersGet431) {
  start();
  auto reply = client().request("GET", "/healthz", "", {"X-Big: " + std::string(64 * 1024, 'a')});
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 431);
}

TEST_F(ProtocolTest, GarbageGets400OrCloseNeverA500) {
  start();
  const char* garbage[] = {
      "GARBAGE\r\n\r\n",
      "GET / HTTP/9.9\r\n\r\n",
      "GET /healthz HTTP/1.1\r\nNo colon here\r\n\r\n",
      "POST /api/v1/waves/open/responses HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
      ("POST /api/v1/waves/open/responses HTTP/1.1\r\nContent-Length: 5\r\nContent-Length: "
       "6\r\n\r\nhello"),
      "POST /api/v1/waves/open/responses HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
      "GET http://example.com/healthz HTTP/1.1\r\nHost: x\r\n\r\n",
      "\r\n\r\n\r\n",
      "GET /\x01\x02 HTTP/1.1\r\n\r\n",
  };
  for (const char* request : garbage) {
    TestClient connection = client();
    ASSERT_TRUE(connection.send_raw(request));
    auto reply = connection.read_reply();
    if (reply) {
      EXPECT_GE(reply->status, 400) << request;
      EXPECT_LT(reply->status, 500) << request;
    }
  }
  EXPECT_EQ(call("GET", "/healthz").status, 200);
}

TEST_F(ProtocolTest, SlowHeaderSenderIsCutOffWhileOthersAreServed) {
  start();  // header timeout 2 s
  TestClient slow = client();
  std::atomic<bool> cut_off{false};
  auto began = std::chrono::steady_clock::now();
  std::thread trickle([&] {
    const std::string request =
        "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + std::string(100, 'a') +
        "\r\n\r\n";
    for (char c : request) {
      if (!slow.send_raw(std::string(1, c)) || slow.closed_by_peer(1000ms)) {
        cut_off = true;
        return;
      }
    }
  });
  // Meanwhile, everyone else gets prompt answers.
  for (int i = 0; i < 10; ++i) {
    auto start_time = std::chrono::steady_clock::now();
    EXPECT_EQ(call("GET", "/healthz").status, 200);
    EXPECT_LT(std::chrono::steady_clock::now() - start_time, 500ms);
    std::this_thread::sleep_for(100ms);
  }
  trickle.join();
  auto lasted = std::chrono::steady_clock::now() - began;
  EXPECT_TRUE(cut_off);
  EXPECT_LT(lasted, 6s);
}

TEST_F(ProtocolTest, SlowBodySenderIsCutOff) {
  start();  // body timeout 2 s
  TestClient slow = client();
  ASSERT_TRUE(
      slow.send_raw("POST /api/v1/waves/open/responses HTTP/1.1\r\nHost: x\r\n"
                    "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"));
  EXPECT_TRUE(slow.closed_by_peer(4s));
}

TEST_F(ProtocolTest, IdleConnectionIsClosedAfterTheIdleTimeout) {
  server::ServerOptions options = test_options();
  options.timeouts.idle = 1s;
  start(options);
  TestClient idle = client();
  auto reply = idle.request("GET", "/healthz");
  ASSERT_TRUE(reply);
  EXPECT_TRUE(idle.closed_by_peer(3s));
}

TEST_F(ProtocolTest, TwoThousandIdleConnectionsDoNotStarveAClient) {
  raise_descriptor_limit();
  server::ServerOptions options = test_options();
  options.timeouts.idle = 60s;
  options.max_connections_per_client = 10'000;  // every test client is 127.0.0.1
  start(options);
  std::vector<TestClient> idle;
  idle.reserve(2000);
  for (int i = 0; i < 2000; ++i) idle.emplace_back(port());
  // Half of them are mid-request, stuck in their headers.
  for (int i = 0; i < 2000; i += 2) ASSERT_TRUE(idle[i].send_raw("GET /healthz HTTP/1.1\r\n"));

  // The first answer also waits for the 2,000 accepts queued before it.
  TestClient normal = client();
  ASSERT_TRUE(normal.request("GET", "/healthz"));
  std::vector<std::chrono::nanoseconds> latencies;
  for (int i = 0; i < 50; ++i) {
    auto began = std::chrono::steady_clock::now();
    auto reply = normal.request("GET", "/api/v1/waves");
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
    latencies.push_back(std::chrono::steady_clock::now() - began);
  }
  std::sort(latencies.begin(), latencies.end());
  EXPECT_LT(latencies[latencies.size() / 2], 20ms);
  EXPECT_LT(latencies.back(), 500ms);
  // The idle ones were held, not dropped: one of them still works.
  auto late = idle[1].request("GET", "/healthz");
  ASSERT_TRUE(late);
  EXPECT_EQ(late->status, 200);
}

TEST_F(ProtocolTest, ConnectionsOverTheCapGet503) {
  server::ServerOptions options = test_options();
  options.max_connections = 3;
  start(options);
  expect_refusal_after(3, "too many open connections");
}

// The fifth from the same address is refused although the server has room.
TEST_F(ProtocolTest, OneClientCannotTakeEverySlot) {
  server::ServerOptions options = test_options();
  options.max_connections = 10;
  options.max_connections_per_client = 4;
  start(options);
  expect_refusal_after(4, "from your address");
}

}  // namespace
}  // namespace parorende::testing
