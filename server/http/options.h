// What the HTTP layer needs to know of the server's settings: where to
// listen, how many threads, and the limits that keep a slow or hostile
// client to its own socket. ServerOptions (server/server.h) extends it.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace parorende::server {

struct Timeouts {
  using ms = std::chrono::milliseconds;
  ms idle{30'000};      // keep-alive: no request started within this time
  ms header{10'000};    // from a request's first byte to its last header byte
  ms body{30'000};      // reading the body
  ms write{30'000};     // writing one answer
  ms linger{2'000};     // reading what a client still sends after an error
  ms shutdown{10'000};  // graceful stop: longest wait for requests in flight
};

struct HttpOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port, see Server::port()
  unsigned threads = 0;       // I/O threads; 0: one per core
  std::size_t body_limit = 256 * 1024;
  std::size_t header_limit = 16 * 1024;
  Timeouts timeouts;
  std::size_t max_connections = 10'000;
  // Open connections from one client (one IPv4 address, one IPv6 /64): one
  // client cannot take every slot. A mobile carrier's NAT can put many
  // phones behind one address, hence not lower.
  std::size_t max_connections_per_client = 500;
  // Reverse proxies whose X-Forwarded-For names the client: the rightmost
  // address in it that is not one of them is the client (for the rate
  // limits and the sign-in throttle); their connections are not capped per
  // client. From any other peer, X-Forwarded-For is ignored.
  std::vector<boost::asio::ip::address> trusted_proxies;
  // Set when the public URL is https: every answer carries
  // Strict-Transport-Security, so browsers never come back over http.
  bool strict_transport_security = false;
};

}  // namespace parorende::server
