// An answer as the bytes that go on the wire: the head in one buffer (one
// write instead of a buffer sequence per header field), the body beside it
// or, for small answers, after it.
#pragma once

#include <string>

#include "server/http/http_types.h"

namespace parorende::server {

struct WireOptions {
  unsigned version = 11;  // of the request: 10 or 11
  bool keep_alive = true;
  bool head = false;  // answer to HEAD: headers only
};

// Status line, the handler's fields, Server, Date, the security headers,
// Content-Length (`body_size`) and Connection, and the blank line that ends
// the head. `response.body()` is not read. Replaces `out`.
void serialize_head(const HttpResponse& response, std::size_t body_size, const WireOptions& options,
                    std::string& out);

// Whether the body goes on the wire: not for HEAD, nor for a status that
// has none (1xx, 204, 304).
bool body_is_sent(const HttpResponse& response, const WireOptions& options);

// The head and then the body, in `out`.
void serialize_response(const HttpResponse& response, const WireOptions& options, std::string& out);

}  // namespace parorende::server
