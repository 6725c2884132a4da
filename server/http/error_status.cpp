#include "server/http/error_status.h"

#include "common/error_codes.h"

namespace parorende::server {

http::status status_for_error_code(std::string_view code) {
  const ErrorCode* known = find_error_code(code);
  return known ? static_cast<http::status>(known->http_status)
               : http::status::internal_server_error;
}

}  // namespace parorende::server
