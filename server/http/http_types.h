// The HTTP vocabulary shared by the server's files.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/status.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>
#include <memory>
#include <string>
#include <string_view>

namespace parorende::server {

namespace http = boost::beast::http;

using HttpRequest = http::request<http::string_body>;
using HttpResponse = http::response<http::string_body>;

// What a handler sends: a response, and for a large body built once and
// sent many times (an export file, a page of the survey) that body shared
// with its cache, so that a thousand connections sending it hold one copy
// and not a thousand. Any HttpResponse converts to one.
struct OutgoingResponse {
  OutgoingResponse(HttpResponse response) : response(std::move(response)) {}  // NOLINT: implicit
  // `response.body()` is ignored: `shared_body` is the body.
  OutgoingResponse(HttpResponse response, std::shared_ptr<const std::string> shared_body)
      : response(std::move(response)), shared_body(std::move(shared_body)) {}

  std::string_view body() const {
    return shared_body ? std::string_view(*shared_body) : std::string_view(response.body());
  }

  HttpResponse response;
  std::shared_ptr<const std::string> shared_body;
};

}  // namespace parorende::server
