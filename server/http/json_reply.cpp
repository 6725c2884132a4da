#include "server/http/json_reply.h"

#include <boost/json/serialize.hpp>
#include <cstdio>

#include "common/error_json.h"
#include "server/http/error_status.h"

namespace parorende::server {

HttpResponse json_response(http::status status, const boost::json::value& body) {
  HttpResponse response{status, 11};
  response.set(http::field::content_type, "application/json");
  // API answers may carry resume and receipt codes: never cache them.
  response.set(http::field::cache_control, "no-store");
  response.body() = boost::json::serialize(body);
  return response;
}

HttpResponse error_response(const Error& error) {
  if (error.code == "storage_failure" || error.code == "internal_error") {
    // The engine's words (or a bug's) name tables, files and servers: they
    // are for the operator; the client only needs to know to try again.
    // "internal error" itself was reported where the bug was caught.
    if (error.message != "internal error") {
      std::fprintf(stderr, "parorende serve: %s: %s\n", error.code.c_str(), error.message.c_str());
    }
    std::string said(error.code == "storage_failure" ? kStorageFailed : "internal error");
    return json_response(
        status_for_error_code(error.code),
        boost::json::object{{"error", error_to_json(make_error(error.code, said))}});
  }
  boost::json::object body;
  body["error"] = error_to_json(error);
  return json_response(status_for_error_code(error.code), body);
}

HttpResponse error_response(const std::string& code, const std::string& message) {
  return error_response(make_error(code, message));
}

}  // namespace parorende::server
