// Every Error code parorende makes (common/result.h), in one table: its HTTP
// status and what it means. The HTTP layer takes statuses from here
// (server/http/error_status.h); make_error() refuses a code that is not here (a
// bug); tests/common/error_codes_test.cpp finds every code literal in the
// sources and checks docs/api.md's table against this one.
//
//   const ErrorCode* known = find_error_code("wave_closed");  // 409
#pragma once

#include <span>
#include <string_view>

namespace parorende {

struct ErrorCode {
  std::string_view code;
  int http_status;  // what an HTTP client gets
  // False for codes only the command line or the start of the server
  // meets (a usage mistake, an unreadable file); they are not in docs/api.md.
  bool reaches_http;
  std::string_view meaning;
};

std::span<const ErrorCode> error_codes();

// Null for a code that is not in the table.
const ErrorCode* find_error_code(std::string_view code);

}  // namespace parorende
