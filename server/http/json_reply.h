// Building JSON answers, and the one error shape:
// {"error": {"code", "message", "details"}}.
#pragma once

#include <boost/json/value.hpp>
#include <string>
#include <string_view>

#include "common/result.h"
#include "server/http/http_types.h"

namespace parorende::server {

HttpResponse json_response(http::status status, const boost::json::value& body);

// What a client reads of a "storage_failure" (of an "internal_error":
// "internal error"): the original message goes to standard error only.
inline constexpr std::string_view kStorageFailed =
    "the database could not answer; try again shortly";

// The status comes from the error's code (server/http/error_status.h).
HttpResponse error_response(const Error& error);
HttpResponse error_response(const std::string& code, const std::string& message);

}  // namespace parorende::server
