// One client connection: read a request, answer it, repeat (keep-alive,
// pipelining), with a deadline on every read and write so that a slow or
// silent client never holds more than its own socket.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "server/http/connection_registry.h"
#include "server/http/http_types.h"
#include "server/http/request_handler.h"
#include "server/http/request_reader.h"

namespace parorende::server {

// Sockets and streams bound to one I/O thread's io_context: a concrete
// executor type spares every operation the cost of a type-erased one.
using Executor = boost::asio::io_context::executor_type;
using Socket = boost::asio::basic_stream_socket<boost::asio::ip::tcp, Executor>;
using Stream = boost::beast::basic_stream<boost::asio::ip::tcp, Executor>;

class Session : public std::enable_shared_from_this<Session> {
 public:
  // `client` is the key of the peer's address (client_key.h); `proxy`:
  // the peer is a trusted proxy, so each request's client comes from its
  // X-Forwarded-For.
  Session(Socket socket, ClientKey client, bool proxy, RequestHandler& handler,
          ConnectionRegistry& registry);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void start();
  // Graceful stop: an idle connection closes now, a busy one right after
  // its answer. Safe to call from any thread.
  void stop();
  // The shutdown deadline passed: close whatever is going on.
  void abort();

 private:
  enum class State { idle, reading, handling, writing, closing, closed };

  void wait_for_request();
  void on_first_bytes(boost::beast::error_code error, std::size_t bytes);
  // Whether bytes of a request wait in the socket.
  bool request_waiting();
  void read_header();
  void on_header(boost::beast::error_code error, std::size_t bytes);
  void read_body();
  void on_body(boost::beast::error_code error, std::size_t bytes);
  void on_read_error(boost::beast::error_code error);
  // Answers the refusal and closes: the request cannot be read on.
  void refuse_request(const Refusal& refusal);
  void dispatch();
  void send(OutgoingResponse outgoing);
  void on_write(boost::beast::error_code error, std::size_t bytes);
  void close_gracefully();
  void drain(boost::beast::error_code error, std::size_t bytes);
  void close_now();

  Stream stream_;
  RequestHandler& handler_;
  ConnectionRegistry& registry_;
  std::optional<ConnectionRegistry::Handle> registration_;
  ClientKey client_;
  bool proxy_ = false;

  boost::beast::flat_buffer buffer_;  // bounded: read_buffer_size()
  std::optional<RequestReader> reader_;
  HttpRequest request_;
  HttpResponse response_;
  std::shared_ptr<const std::string> shared_body_;  // when set, response_'s body
  std::string wire_;                                // the head being written

  State state_ = State::idle;
  bool stop_requested_ = false;
  bool replied_ = false;
  bool head_request_ = false;
  bool keep_alive_ = false;
  std::size_t label_ = 0;
  std::chrono::steady_clock::time_point started_;
  std::uint64_t request_bytes_ = 0;
  std::uint64_t lingered_bytes_ = 0;
};

}  // namespace parorende::server
