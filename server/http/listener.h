// Accepts connections and hands each to an I/O thread, up to a cap.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <string>
#include <vector>

#include "common/result.h"
#include "server/http/connection_registry.h"
#include "server/http/request_handler.h"
#include "server/http/session.h"

#include <functional>

namespace parorende::server {

class Listener : public std::enable_shared_from_this<Listener> {
 public:
  // Binds and listens on `endpoint` (error "listen_failed"); sessions are
  // spread over `session_contexts` round robin.
  static Result<std::shared_ptr<Listener>> open(
      boost::asio::io_context& accept_context,
      std::vector<boost::asio::io_context*> session_contexts,
      const boost::asio::ip::tcp::endpoint& endpoint, RequestHandler& handler,
      ConnectionRegistry& registry);

  Listener(boost::asio::io_context& accept_context,
           std::vector<boost::asio::io_context*> session_contexts, RequestHandler& handler,
           ConnectionRegistry& registry);

  void start();
  // Stops accepting, thread-safe. The connections the kernel has accepted
  // already (the listen backlog) still get sessions, so a request sent
  // before the stop is answered, not reset; then `stopped` runs on the
  // accepting thread.
  void stop(std::function<void()> stopped);
  std::uint16_t port() const { return port_; }

 private:
  void accept();
  void on_accept(boost::beast::error_code error, Socket socket);
  // A session for `socket`, or a 503 when the server or this client has too
  // many connections open.
  void admit(Socket socket);
  // Sessions for every connection waiting in the listen backlog.
  void accept_waiting();
  void refuse(Socket& socket, const std::string& message);

  boost::asio::ip::tcp::acceptor acceptor_;
  boost::asio::steady_timer retry_timer_;
  std::vector<boost::asio::io_context*> session_contexts_;
  std::size_t next_context_ = 0;
  RequestHandler& handler_;
  ConnectionRegistry& registry_;
  std::uint16_t port_ = 0;
};

}  // namespace parorende::server
