#include "server/http/session.h"

#include <array>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
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
// Room beyond the header limit in the read buffer, for the start of a body
// or of a pipelined request read together with a header.
constexpr std::size_t kBufferSlack = 8 * 1024;
// What a chunk's size line costs beyond its extensions ("1f4\r\n", the
// CRLF after the data).
constexpr std::uint64_t kChunkLineBytes = 20;
constexpr std::uint64_t kMaxLingerBytes = 64 * 1024 * 1024;

bool is_parse_error(const beast::error_code& error) {
  return error.category() == beast::http::make_error_code(http::error::bad_target).category();
}

}  // namespace

Session::Session(Socket socket, ClientKey client, RequestHandler& handler,
                 ConnectionRegistry& registry)
    : stream_(std::move(socket)),
      handler_(handler),
      registry_(registry),
      client_(client),
      buffer_(handler.http_options().header_limit + kBufferSlack) {
  chunk_header_callback_ = [this](std::uint64_t size, std::string_view extensions,
                                  beast::error_code& error) {
    on_chunk_header(size, extensions, error);
  };
}

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
  const HttpOptions& options = handler_.http_options();
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(options.header_limit));
  parser_->body_limit(options.body_limit);
  parser_->on_chunk_header(chunk_header_callback_);
  framing_bytes_ = 0;
  stream_.expires_after(options.timeouts.header);
  http::async_read_header(stream_, buffer_, *parser_,
                          beast::bind_front_handler(&Session::on_header, shared_from_this()));
}

void Session::on_header(beast::error_code error, std::size_t bytes) {
  if (error) return on_read_error(error);
  framing_bytes_ = bytes;
  const auto& header = parser_->get();
  // RFC 9112 3.2: a server answers 400 to an HTTP/1.1 request without a
  // Host header or with more than one.
  std::size_t hosts = header.count(http::field::host);
  if (hosts > 1 || (hosts == 0 && header.version() >= 11)) {
    return refuse_request("bad_request", hosts == 0 ? "the request has no Host header"
                                                    : "the request has more than one Host header");
  }
  // Only "chunked" alone: another coding (gzip, chunked) would hand the
  // handler bytes it cannot read as the body it expects.
  if (header.count(http::field::transfer_encoding) > 0) {
    auto coding = header[http::field::transfer_encoding];
    while (!coding.empty() && (coding.front() == ' ' || coding.front() == '\t'))
      coding.remove_prefix(1);
    while (!coding.empty() && (coding.back() == ' ' || coding.back() == '\t'))
      coding.remove_suffix(1);
    if (header.count(http::field::transfer_encoding) > 1 || !beast::iequals(coding, "chunked")) {
      return refuse_request("unsupported_transfer_coding",
                            "Transfer-Encoding \"" + std::string(coding) +
                                "\" is not supported; send the body as it is, or chunked");
    }
  }
  if (parser_->is_done()) return dispatch();
  // curl and others wait for this before sending a body.
  if (beast::iequals(parser_->get()[http::field::expect], "100-continue")) {
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
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&Session::on_body, shared_from_this()));
}

void Session::on_body(beast::error_code error, std::size_t) {
  if (error) return on_read_error(error);
  dispatch();
}

void Session::on_chunk_header(std::uint64_t, std::string_view extensions,
                              beast::error_code& error) {
  framing_bytes_ += extensions.size() + kChunkLineBytes;
  if (framing_bytes_ > handler_.http_options().header_limit) error = http::error::header_limit;
}

void Session::on_read_error(beast::error_code error) {
  std::string code;
  std::string message;
  if (error == http::error::body_limit) {
    code = "body_too_large";
    message = "the request body is larger than " +
              std::to_string(handler_.http_options().body_limit) + " bytes";
  } else if (error == http::error::header_limit || error == http::error::buffer_overflow) {
    // A trailer or a chunk's size line that does not fit the buffer, or
    // chunk framing beyond the limit, counts as a header too large.
    code = "header_too_large";
    message = "the request headers, chunk extensions and trailers are larger than " +
              std::to_string(handler_.http_options().header_limit) + " bytes";
  } else if (is_parse_error(error) && error != http::error::end_of_stream &&
             error != http::error::partial_message) {
    code = "bad_request";
    message = "malformed HTTP request: " + error.message();
  } else {
    // Timeout, reset, or the client went away mid-request: nobody to answer.
    return close_now();
  }
  refuse_request(code, message);
}

void Session::refuse_request(const std::string& code, const std::string& message) {
  // The connection cannot be trusted to continue after a refused request.
  stop_requested_ = true;
  label_ = handler_.unrouted_label();
  head_request_ = false;
  request_ = {};
  request_bytes_ = 0;
  started_ = std::chrono::steady_clock::now();
  replied_ = false;
  send(error_response(code, message));
}

void Session::dispatch() {
  state_ = State::handling;
  request_ = parser_->release();
  parser_.reset();
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
  try {
    label_ = handler_.handle(request_, client_, std::move(reply));
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
