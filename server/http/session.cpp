#include "server/http/session.h"

#include <array>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/read.hpp>
#include <cstdio>
#include <exception>

#include "server/http/json_reply.h"
#include "server/http/response_writer.h"

namespace parorende::server {
namespace {

namespace beast = boost::beast;
namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr std::size_t kFirstReadBytes = 4096;
constexpr std::uint64_t kMaxLingerBytes = 64 * 1024 * 1024;

}  // namespace

Session::Session(Socket socket, ClientKey client, bool proxy, RequestHandler& handler,
                 ConnectionRegistry& registry)
    : stream_(std::move(socket)),
      handler_(handler),
      registry_(registry),
      client_(client),
      proxy_(proxy),
      buffer_(read_buffer_size(handler.http_options())) {}

Session::~Session() {
  if (registration_) {
    handler_.metrics().connection_closed();
    registry_.remove(*registration_);
  }
}

void Session::start() {
  beast::error_code ignored;
  stream_.socket().set_option(tcp::no_delay(true), ignored);
  registration_ = registry_.add(weak_from_this(), client_);
  handler_.metrics().connection_opened();
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->wait_for_request(); });
}

void Session::stop() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    self->stop_requested_ = true;
    if (self->state_ == State::idle) self->stream_.cancel();
  });
}

void Session::abort() {
  net::post(stream_.get_executor(), [self = shared_from_this()] { self->close_now(); });
}

void Session::wait_for_request() {
  state_ = State::idle;
  // A pipelined request may already be buffered.
  if (buffer_.size() > 0) return read_header();
  // Stopping: a request that has arrived is answered (with Connection:
  // close), and only a connection with nothing to read is closed.
  if (stop_requested_ || registry_.stopping())
    return request_waiting() ? read_header() : close_gracefully();
  // Waiting for the first byte is the idle timeout; the header timeout
  // starts once the client has begun a request.
  stream_.expires_after(handler_.http_options().timeouts.idle);
  stream_.async_read_some(buffer_.prepare(kFirstReadBytes),
                          beast::bind_front_handler(&Session::on_first_bytes, shared_from_this()));
}

void Session::on_first_bytes(beast::error_code error, std::size_t bytes) {
  buffer_.commit(bytes);
  if (bytes > 0) return read_header();
  // stop() cancelled the wait: the request may have arrived meanwhile.
  if (error == net::error::operation_aborted && stop_requested_) {
    return request_waiting() ? read_header() : close_gracefully();
  }
  close_now();
}

bool Session::request_waiting() {
  beast::error_code error;
  return stream_.socket().available(error) > 0 && !error;
}

void Session::read_header() {
  state_ = State::reading;
  reader_.emplace(handler_.http_options());
  stream_.expires_after(handler_.http_options().timeouts.header);
  http::async_read_header(stream_, buffer_, reader_->parser(),
                          beast::bind_front_handler(&Session::on_header, shared_from_this()));
}

void Session::on_header(beast::error_code error, std::size_t bytes) {
  if (error) return on_read_error(error);
  if (auto refusal = reader_->header_read(bytes)) return refuse_request(*refusal);
  if (reader_->parser().is_done()) return dispatch();
  // curl and others wait for this before sending a body.
  if (beast::iequals(reader_->parser().get()[http::field::expect], "100-continue")) {
    static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
    stream_.expires_after(handler_.http_options().timeouts.write);
    return net::async_write(
        stream_, net::buffer(kContinue.data(), kContinue.size()),
        [self = shared_from_this()](beast::error_code write_error, std::size_t) {
          if (write_error) return self->close_now();
          self->read_body();
        });
  }
  read_body();
}

void Session::read_body() {
  stream_.expires_after(handler_.http_options().timeouts.body);
  http::async_read(stream_, buffer_, reader_->parser(),
                   beast::bind_front_handler(&Session::on_body, shared_from_this()));
}

void Session::on_body(beast::error_code error, std::size_t) {
  if (error) return on_read_error(error);
  dispatch();
}

void Session::on_read_error(beast::error_code error) {
  auto refusal = refusal_for_read_error(error, handler_.http_options());
  if (!refusal) return close_now();
  refuse_request(*refusal);
}

void Session::refuse_request(const Refusal& refusal) {
  // The connection cannot be trusted to continue after a refused request.
  stop_requested_ = true;
  label_ = handler_.unrouted_label();
  head_request_ = false;
  request_ = {};
  request_bytes_ = 0;
  started_ = std::chrono::steady_clock::now();
  replied_ = false;
  send(error_response(refusal.code, refusal.message));
}

void Session::dispatch() {
  state_ = State::handling;
  request_ = reader_->parser().release();
  reader_.reset();
  started_ = std::chrono::steady_clock::now();
  head_request_ = request_.method() == http::verb::head;
  request_bytes_ = request_.body().size();
  replied_ = false;
  // The reference to the session moves into the handler, so a Reply kept
  // by another thread (the store's answering thread) never ends up destroying the
  // session there, after the I/O threads are gone.
  Reply reply = [self = shared_from_this()](OutgoingResponse response) mutable {
    if (!self) return;  // answered already
    auto executor = self->stream_.get_executor();
    net::dispatch(executor, [self = std::move(self), response = std::move(response)]() mutable {
      self->send(std::move(response));
    });
  };
  ClientKey client = client_;
  if (proxy_) {
    std::string forwarded;
    auto [first, last] = request_.equal_range("X-Forwarded-For");
    for (auto field = first; field != last; ++field) {
      if (!forwarded.empty()) forwarded += ',';
      forwarded += field->value();
    }
    client = handler_.keyer().forwarded_key_for(forwarded, client_,
                                                handler_.http_options().trusted_proxies);
  }
  try {
    label_ = handler_.handle(request_, client, std::move(reply));
  } catch (const std::exception& bug) {
    // Expected failures are Results; an exception here is a bug.
    std::fprintf(stderr, "parorende serve: internal error: %s\n", bug.what());
    label_ = handler_.unrouted_label();
    if (!replied_) send(error_response("internal_error", "internal error"));
  }
}

void Session::send(OutgoingResponse outgoing) {
  if (state_ == State::closed || replied_) return;
  replied_ = true;
  state_ = State::writing;
  response_ = std::move(outgoing.response);
  shared_body_ = std::move(outgoing.shared_body);
  if (handler_.http_options().strict_transport_security) {
    response_.set(http::field::strict_transport_security, "max-age=63072000");
  }
  keep_alive_ = request_.keep_alive() && !stop_requested_ && !registry_.stopping();
  WireOptions wire_options{request_.version() == 10 ? 10u : 11u, keep_alive_, head_request_};
  std::string_view body = shared_body_ ? std::string_view(*shared_body_) : response_.body();
  serialize_head(response_, body.size(), wire_options, wire_);
  if (!body_is_sent(response_, wire_options)) body = {};
  // The body is written from where it is: a shared export file is not
  // copied per connection.
  std::array<net::const_buffer, 2> buffers{net::buffer(wire_), net::buffer(body)};
  stream_.expires_after(handler_.http_options().timeouts.write);
  net::async_write(stream_, buffers,
                   beast::bind_front_handler(&Session::on_write, shared_from_this()));
}

void Session::on_write(beast::error_code error, std::size_t bytes) {
  handler_.record({label_, request_.method(), response_.result_int(),
                   std::chrono::steady_clock::now() - started_, request_bytes_, bytes});
  if (error) return close_now();
  if (!keep_alive_) return close_gracefully();
  request_ = {};
  response_ = {};
  shared_body_.reset();
  wait_for_request();
}

// Half-close, then read and drop what the client still sends for a while:
// closing with unread data would reset the connection and could destroy
// the answer before the client reads it (a 413 to a large upload).
void Session::close_gracefully() {
  state_ = State::closing;
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  buffer_.clear();
  lingered_bytes_ = 0;
  stream_.expires_after(handler_.http_options().timeouts.linger);
  drain({}, 0);
}

void Session::drain(beast::error_code error, std::size_t bytes) {
  lingered_bytes_ += bytes;
  if (error || lingered_bytes_ > kMaxLingerBytes || state_ != State::closing) {
    return close_now();
  }
  buffer_.clear();
  stream_.async_read_some(buffer_.prepare(16 * 1024),
                          beast::bind_front_handler(&Session::drain, shared_from_this()));
}

void Session::close_now() {
  state_ = State::closed;
  beast::error_code ignored;
  stream_.socket().close(ignored);
}

}  // namespace parorende::server
