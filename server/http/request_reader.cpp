#include "server/http/request_reader.h"

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>

namespace parorende::server {
namespace {

namespace beast = boost::beast;

// Room beyond the header limit in the read buffer, for the start of a body
// or of a pipelined request read together with a header.
constexpr std::size_t kBufferSlack = 8 * 1024;
// What a chunk's size line costs beyond its extensions ("1f4\r\n", the
// CRLF after the data).
constexpr std::uint64_t kChunkLineBytes = 20;

bool is_parse_error(const beast::error_code& error) {
  return error.category() == beast::http::make_error_code(http::error::bad_target).category();
}

}  // namespace

std::size_t read_buffer_size(const HttpOptions& options) {
  return options.header_limit + kBufferSlack;
}

RequestReader::RequestReader(const HttpOptions& options) : options_(options) {
  parser_.header_limit(static_cast<std::uint32_t>(options.header_limit));
  parser_.body_limit(options.body_limit);
  chunk_header_callback_ = [this](std::uint64_t size, std::string_view extensions,
                                  beast::error_code& error) {
    on_chunk_header(size, extensions, error);
  };
  parser_.on_chunk_header(chunk_header_callback_);
}

std::optional<Refusal> RequestReader::header_read(std::size_t bytes) {
  framing_bytes_ = bytes;
  const auto& header = parser_.get();
  // RFC 9112 3.2: a server answers 400 to an HTTP/1.1 request without a
  // Host header or with more than one.
  std::size_t hosts = header.count(http::field::host);
  if (hosts > 1 || (hosts == 0 && header.version() >= 11)) {
    return Refusal{"bad_request", hosts == 0 ? "the request has no Host header"
                                             : "the request has more than one Host header"};
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
      return Refusal{"unsupported_transfer_coding",
                     "Transfer-Encoding \"" + std::string(coding) +
                         "\" is not supported; send the body as it is, or chunked"};
    }
  }
  return std::nullopt;
}

void RequestReader::on_chunk_header(std::uint64_t, std::string_view extensions,
                                    beast::error_code& error) {
  framing_bytes_ += extensions.size() + kChunkLineBytes;
  if (framing_bytes_ > options_.header_limit) error = http::error::header_limit;
}

std::optional<Refusal> refusal_for_read_error(beast::error_code error, const HttpOptions& options) {
  if (error == http::error::body_limit) {
    return Refusal{"body_too_large", "the request body is larger than " +
                                         std::to_string(options.body_limit) + " bytes"};
  }
  if (error == http::error::header_limit || error == http::error::buffer_overflow) {
    // A trailer or a chunk's size line that does not fit the buffer, or
    // chunk framing beyond the limit, counts as a header too large.
    return Refusal{"header_too_large",
                   "the request headers, chunk extensions and trailers are larger than " +
                       std::to_string(options.header_limit) + " bytes"};
  }
  if (is_parse_error(error) && error != http::error::end_of_stream &&
      error != http::error::partial_message) {
    return Refusal{"bad_request", "malformed HTTP request: " + error.message()};
  }
  // Timeout, reset, or the client went away mid-request: nobody to answer.
  return std::nullopt;
}

}  // namespace parorende::server
