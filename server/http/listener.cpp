#include "server/http/listener.h"

#include <algorithm>

#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include "server/http/json_reply.h"
#include "server/http/response_writer.h"
#include "server/http/session.h"

namespace parorende::server {
namespace {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

}  // namespace

Result<std::shared_ptr<Listener>> Listener::open(net::io_context& accept_context,
                                                 std::vector<net::io_context*> session_contexts,
                                                 const tcp::endpoint& endpoint,
                                                 RequestHandler& handler,
                                                 ConnectionRegistry& registry) {
  auto listener =
      std::make_shared<Listener>(accept_context, std::move(session_contexts), handler, registry);
  beast::error_code error;
  auto& acceptor = listener->acceptor_;
  auto failed = [&](const char* step) {
    return make_error("listen_failed",
                      std::string("cannot ") + step + " " + endpoint.address().to_string() + ":" +
                          std::to_string(endpoint.port()) + ": " + error.message());
  };
  if (acceptor.open(endpoint.protocol(), error); error) return failed("open");
  if (acceptor.set_option(net::socket_base::reuse_address(true), error); error) {
    return failed("configure");
  }
  if (acceptor.bind(endpoint, error); error) return failed("bind");
  if (acceptor.listen(net::socket_base::max_listen_connections, error); error) {
    return failed("listen on");
  }
  listener->port_ = acceptor.local_endpoint(error).port();
  return listener;
}

Listener::Listener(net::io_context& accept_context, std::vector<net::io_context*> session_contexts,
                   RequestHandler& handler, ConnectionRegistry& registry)
    : acceptor_(accept_context),
      retry_timer_(accept_context),
      session_contexts_(std::move(session_contexts)),
      handler_(handler),
      registry_(registry) {}

void Listener::start() {
  net::post(acceptor_.get_executor(), [self = shared_from_this()] { self->accept(); });
}

void Listener::stop(std::function<void()> stopped) {
  net::post(acceptor_.get_executor(), [self = shared_from_this(), stopped = std::move(stopped)] {
    if (self->acceptor_.is_open()) self->accept_waiting();
    beast::error_code ignored;
    self->acceptor_.close(ignored);
    self->retry_timer_.cancel();
    stopped();
  });
}

void Listener::accept_waiting() {
  beast::error_code error;
  acceptor_.non_blocking(true, error);
  while (!error) {
    net::io_context& context = *session_contexts_[next_context_++ % session_contexts_.size()];
    Socket socket(context);
    acceptor_.accept(socket, error);  // would_block once the backlog is empty
    if (!error) admit(std::move(socket));
  }
}

void Listener::accept() {
  if (!acceptor_.is_open()) return;
  net::io_context& context = *session_contexts_[next_context_++ % session_contexts_.size()];
  acceptor_.async_accept(context,
                         beast::bind_front_handler(&Listener::on_accept, shared_from_this()));
}

void Listener::on_accept(beast::error_code error, Socket socket) {
  if (error == net::error::operation_aborted) return;
  if (error) {
    if (!acceptor_.is_open()) return;
    // Out of file descriptors or similar: pause instead of spinning.
    retry_timer_.expires_after(std::chrono::milliseconds(50));
    retry_timer_.async_wait([self = shared_from_this()](beast::error_code wait_error) {
      if (!wait_error) self->accept();
    });
    return;
  }
  // Accepted just before a stop closed the acceptor: still a client to answer.
  admit(std::move(socket));
  accept();
}

void Listener::admit(Socket socket) {
  const HttpOptions& options = handler_.http_options();
  beast::error_code ignored;
  auto peer = socket.remote_endpoint(ignored);
  ClientKey client = ignored ? 0 : handler_.keyer().key_for(peer.address());
  bool proxy = !ignored && std::find(options.trusted_proxies.begin(), options.trusted_proxies.end(),
                                     peer.address()) != options.trusted_proxies.end();
  if (registry_.size() >= options.max_connections) {
    refuse(socket, "too many open connections; try again in a moment");
  } else if (!proxy && registry_.count_of(client) >= options.max_connections_per_client) {
    refuse(socket, "too many open connections from your address; close some and try again");
  } else {
    std::make_shared<Session>(std::move(socket), client, proxy, handler_, registry_)->start();
  }
}

// One best-effort non-blocking write of a 503, then close: a refused
// client costs no session, buffer or timer.
void Listener::refuse(Socket& socket, const std::string& message) {
  handler_.metrics().connection_refused();
  HttpResponse refusal = error_response("overloaded", message);
  refusal.set(http::field::retry_after, "1");
  std::string wire;
  serialize_response(refusal, {11, false, false}, wire);
  beast::error_code ignored;
  socket.non_blocking(true, ignored);
  socket.write_some(net::buffer(wire), ignored);
  socket.shutdown(tcp::socket::shutdown_send, ignored);
  // Closing with the request unread would reset the connection, which can
  // destroy the 503 before the client reads it: read what has come (a
  // little, at most), then close.
  char sink[4096];
  for (std::size_t read = 0; read < 64 * 1024;) {
    std::size_t got = socket.read_some(net::buffer(sink), ignored);
    if (ignored || got == 0) break;
    read += got;
  }
  socket.close(ignored);
}

}  // namespace parorende::server
