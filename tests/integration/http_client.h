// A tiny blocking HTTP/1.1 client over a raw socket, for driving the real
// server byte by byte: pipelining, slow senders, oversized bodies.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace parorende::testing {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;

  std::string header(const std::string& name) const {
    auto found = headers.find(name);
    return found == headers.end() ? std::string() : found->second;
  }
  boost::json::value json() const { return boost::json::parse(body); }
};

class TestClient {
 public:
  // `source`: the loopback address to connect from (127.0.0.2 is another
  // client to the server than 127.0.0.1); 0: the system's choice.
  explicit TestClient(std::uint16_t port,
                      std::chrono::milliseconds timeout = std::chrono::seconds(10),
                      std::uint32_t source = 0)
      : timeout_(timeout) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error("socket failed");
    if (source != 0) {
      sockaddr_in local{};
      local.sin_family = AF_INET;
      local.sin_addr.s_addr = htonl(source);
      if (::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
        ::close(fd_);
        throw std::runtime_error("bind failed");
      }
    }
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      ::close(fd_);
      fd_ = -1;
      throw std::runtime_error("connect failed");
    }
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~TestClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  TestClient(const TestClient&) = delete;
  TestClient& operator=(const TestClient&) = delete;
  TestClient(TestClient&& other) noexcept
      : fd_(other.fd_), timeout_(other.timeout_), pending_(std::move(other.pending_)) {
    other.fd_ = -1;
  }

  // False when the peer has closed or reset the connection.
  bool send_raw(std::string_view bytes) {
    while (!bytes.empty()) {
      ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (sent <= 0) return false;
      bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
  }

  // Reads one answer. `head` for answers to HEAD requests (no body).
  std::optional<HttpReply> read_reply(bool head = false) {
    std::size_t end;
    while ((end = pending_.find("\r\n\r\n")) == std::string::npos) {
      if (!fill()) return std::nullopt;
    }
    HttpReply reply;
    std::string_view head_text(pending_.data(), end);
    std::size_t line_end = head_text.find("\r\n");
    std::string_view status_line = head_text.substr(0, line_end);
    if (status_line.size() < 12) return std::nullopt;
    reply.status = std::stoi(std::string(status_line.substr(9, 3)));
    std::string_view rest =
        line_end == std::string_view::npos ? std::string_view{} : head_text.substr(line_end + 2);
    while (!rest.empty()) {
      std::size_t next = rest.find("\r\n");
      std::string_view line = rest.substr(0, next);
      rest = next == std::string_view::npos ? std::string_view{} : rest.substr(next + 2);
      std::size_t colon = line.find(':');
      if (colon == std::string_view::npos) continue;
      std::string name(line.substr(0, colon));
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string_view value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      reply.headers[name] = std::string(value);
    }
    pending_.erase(0, end + 4);
    std::size_t length = 0;
    bool no_body = head || reply.status == 204 || reply.status == 304 ||
                   (reply.status >= 100 && reply.status < 200);
    if (!no_body && reply.headers.count("content-length") != 0) {
      length = std::stoul(reply.headers["content-length"]);
    }
    while (pending_.size() < length) {
      if (!fill()) return std::nullopt;
    }
    reply.body = pending_.substr(0, length);
    pending_.erase(0, length);
    return reply;
  }

  std::optional<HttpReply> request(std::string_view method, std::string_view target,
                                   std::string_view body = {},
                                   std::vector<std::string> headers = {}) {
    std::string text =
        std::string(method) + " " + std::string(target) + " HTTP/1.1\r\nHost: localhost\r\n";
    bool has_type = false;
    for (const std::string& header : headers) {
      text += header + "\r\n";
      if (header.rfind("Content-Type:", 0) == 0) has_type = true;
    }
    if (!body.empty() || method == "POST" || method == "PUT") {
      if (!has_type) text += "Content-Type: application/json\r\n";
      text += "Content-Length: " + std::to_string(body.size()) + "\r\n";
    }
    text += "\r\n";
    text += body;
    if (!send_raw(text)) return std::nullopt;
    return read_reply(method == "HEAD");
  }

  // True when the server closes the connection within `within`.
  bool closed_by_peer(std::chrono::milliseconds within) {
    auto deadline = std::chrono::steady_clock::now() + within;
    while (std::chrono::steady_clock::now() < deadline) {
      pollfd poller{fd_, POLLIN, 0};
      int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                      deadline - std::chrono::steady_clock::now())
                                      .count());
      if (::poll(&poller, 1, std::max(left, 1)) <= 0) continue;
      char buffer[4096];
      ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
      if (got <= 0) return true;
      pending_.append(buffer, static_cast<std::size_t>(got));
    }
    return false;
  }

  int fd() const { return fd_; }

 private:
  bool fill() {
    pollfd poller{fd_, POLLIN, 0};
    if (::poll(&poller, 1, static_cast<int>(timeout_.count())) <= 0) return false;
    char buffer[65536];
    ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
    if (got <= 0) return false;
    pending_.append(buffer, static_cast<std::size_t>(got));
    return true;
  }

  int fd_ = -1;
  std::chrono::milliseconds timeout_;
  std::string pending_;
};

}  // namespace parorende::testing
