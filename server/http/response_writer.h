// An answer as the bytes that go on the wire, in one buffer: one copy and
// one write instead of a buffer sequence per header field.
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
// Content-Length and Connection, then the body. Replaces `out`.
void serialize_response(const HttpResponse& response, const WireOptions& options, std::string& out);

}  // namespace parorende::server
