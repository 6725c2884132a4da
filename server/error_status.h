// The one place where error codes become HTTP statuses.
#pragma once

#include <string_view>

#include "server/http_types.h"

namespace parorende::server {

// The status for an Error code from the engine, the store or the HTTP layer.
// Codes that come from bad input map to 4xx; only unknown codes (a bug: a
// code nobody mapped) give 500.
http::status status_for_error_code(std::string_view code);

}  // namespace parorende::server
