// Reading one request from a connection's bytes under the server's limits:
// the parser's header and body limits, chunk framing counted against the
// header limit, the checks on a header, and what a request that cannot be
// read is answered with. Session drives it from a socket; the fuzz target
// tests/fuzz/server_request_fuzzer.cpp from bytes in memory.
#pragma once

#include <boost/beast/core/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "server/http/http_types.h"
#include "server/http/options.h"

namespace parorende::server {

using RequestParser = http::request_parser<http::string_body>;

// Why a request is answered with an error before it reaches the handler.
struct Refusal {
  std::string code;
  std::string message;
};

// The read buffer's size: a header, a chunk's size line or a trailer must
// fit, so none of them can grow memory without limit.
std::size_t read_buffer_size(const HttpOptions& options);

// One request's parser, with the limits set. Not movable: the parser calls
// back into it for every chunk.
class RequestReader {
 public:
  explicit RequestReader(const HttpOptions& options);
  RequestReader(const RequestReader&) = delete;
  RequestReader& operator=(const RequestReader&) = delete;

  RequestParser& parser() { return parser_; }

  // The header, `bytes` long, has been read. A refusal when it breaks a rule
  // (Host, Transfer-Encoding).
  std::optional<Refusal> header_read(std::size_t bytes);

 private:
  void on_chunk_header(std::uint64_t size, std::string_view extensions,
                       boost::beast::error_code& error);

  const HttpOptions& options_;
  RequestParser parser_;
  std::function<void(std::uint64_t, std::string_view, boost::beast::error_code&)>
      chunk_header_callback_;
  std::uint64_t framing_bytes_ = 0;  // header, chunk size lines and extensions
};

// What a failed read is answered with; nullopt when there is nobody to
// answer (timeout, reset, the client went away mid-request).
std::optional<Refusal> refusal_for_read_error(boost::beast::error_code error,
                                              const HttpOptions& options);

}  // namespace parorende::server
