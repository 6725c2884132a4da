// Behind a reverse proxy: X-Forwarded-For names the client only when the
// peer is a trusted proxy (then each forwarded client has its own rate
// limit, and the proxy's connections are not capped per client), and an
// https public URL adds Strict-Transport-Security to every answer.
#include <gtest/gtest.h>

#include <boost/asio/ip/address.hpp>

#include "server_fixture.h"

namespace parorende::testing {
namespace {

class ProxyTest : public ServerFixture {
 protected:
  static server::ServerOptions limited() {
    server::ServerOptions options = test_options();
    options.write_limit = {0.001, 2};  // two writes, then 429
    return options;
  }

  int write_from(std::string_view forwarded_for) {
    std::vector<std::string> headers;
    if (!forwarded_for.empty()) headers.push_back("X-Forwarded-For: " + std::string(forwarded_for));
    return call("POST", "/api/v1/waves/open/responses", "{}", headers).status;
  }
};

TEST_F(ProxyTest, ForwardedForIsIgnoredFromAPeerThatIsNoTrustedProxy) {
  start(limited());
  EXPECT_EQ(write_from("203.0.113.1"), 422);
  EXPECT_EQ(write_from("203.0.113.2"), 422);
  EXPECT_EQ(write_from("203.0.113.3"), 429) << "one client, whatever it claims";
}

TEST_F(ProxyTest, ATrustedProxysForwardedClientsEachHaveTheirOwnLimit) {
  server::ServerOptions options = limited();
  options.trusted_proxies = {boost::asio::ip::make_address("127.0.0.1"),
                             boost::asio::ip::make_address("10.0.0.2")};
  start(options);
  EXPECT_EQ(write_from("203.0.113.1"), 422);
  EXPECT_EQ(write_from("203.0.113.1"), 422);
  EXPECT_EQ(write_from("203.0.113.1"), 429);
  EXPECT_EQ(write_from("203.0.113.2"), 422) << "another client behind the proxy";
  // A client that sends its own X-Forwarded-For gets it prepended to: the
  // rightmost address that is not a trusted proxy is still its own.
  EXPECT_EQ(write_from("198.51.100.7, 203.0.113.1"), 429);
  EXPECT_EQ(write_from("203.0.113.1, 10.0.0.2"), 429) << "a chain of trusted proxies";
  // Without a readable client address, the proxy itself is the client.
  EXPECT_EQ(write_from(""), 422);
  EXPECT_EQ(write_from("not an address"), 422);
  EXPECT_EQ(write_from("unknown"), 429);
}

TEST_F(ProxyTest, ATrustedProxysConnectionsAreNotCappedPerClient) {
  server::ServerOptions options = test_options();
  options.max_connections_per_client = 2;
  options.trusted_proxies = {boost::asio::ip::make_address("127.0.0.1")};
  start(options);
  std::vector<TestClient> held;
  for (int i = 0; i < 5; ++i) held.push_back(client());
  for (TestClient& connection : held) {
    auto reply = connection.request("GET", "/healthz");
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 200);
  }
}

TEST_F(ProxyTest, AnHttpsPublicUrlAddsStrictTransportSecurity) {
  start();
  EXPECT_EQ(call("GET", "/healthz").header("strict-transport-security"), "");
  server::ServerOptions options = test_options();
  options.strict_transport_security = true;
  start(options);
  for (const char* target : {"/healthz", "/api/v1/no-such-route", "/index.html"}) {
    EXPECT_EQ(call("GET", target).header("strict-transport-security"), "max-age=63072000")
        << target;
  }
}

}  // namespace
}  // namespace parorende::testing
