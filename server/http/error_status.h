// Error codes become HTTP statuses here, by the table of
// common/error_codes.h.
#pragma once

#include <string_view>

#include "server/http/http_types.h"

namespace parorende::server {

// The status for an Error code from the engine, the store or the HTTP layer.
// Codes that come from bad input map to 4xx; a code missing from the table
// (a bug, which tests/common/error_codes_test.cpp looks for) gives 500.
http::status status_for_error_code(std::string_view code);

}  // namespace parorende::server
