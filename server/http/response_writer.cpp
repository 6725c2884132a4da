#include "server/http/response_writer.h"

#include <charconv>
#include <ctime>

#include "server/http/security_headers.h"

namespace parorende::server {
namespace {

// The Date header, formatted once a second per thread.
std::string_view http_date_now() {
  thread_local std::time_t cached_second = 0;
  thread_local char text[64];
  thread_local std::size_t length = 0;
  std::time_t now = std::time(nullptr);
  if (now != cached_second) {
    std::tm utc{};
    gmtime_r(&now, &utc);
    length = std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &utc);
    cached_second = now;
  }
  return {text, length};
}

void append_number(std::string& out, std::uint64_t value) {
  char digits[24];
  auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
  out.append(digits, end);
}

bool has_no_body(unsigned status) {
  return (status >= 100 && status < 200) || status == 204 || status == 304;
}

}  // namespace

void serialize_head(const HttpResponse& response, std::size_t body_size, const WireOptions& options,
                    std::string& out) {
  unsigned status = response.result_int();
  out.clear();
  out.reserve(768);
  out += options.version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  append_number(out, status);
  out += ' ';
  out += http::obsolete_reason(response.result());
  out += "\r\n";
  for (const auto& field : response) {
    http::field name = field.name();
    // Framing is ours to decide, from the body and the connection's state.
    if (name == http::field::content_length || name == http::field::connection ||
        name == http::field::transfer_encoding) {
      continue;
    }
    out += field.name_string();
    out += ": ";
    out += field.value();
    out += "\r\n";
  }
  out += "Server: parorende\r\nDate: ";
  out += http_date_now();
  out += "\r\n";
  out += security_header_lines();
  if (!has_no_body(status)) {
    out += "Content-Length: ";
    append_number(out, body_size);
    out += "\r\n";
  }
  if (!options.keep_alive) {
    out += "Connection: close\r\n";
  } else if (options.version == 10) {
    out += "Connection: keep-alive\r\n";
  }
  out += "\r\n";
}

bool body_is_sent(const HttpResponse& response, const WireOptions& options) {
  return !options.head && !has_no_body(response.result_int());
}

void serialize_response(const HttpResponse& response, const WireOptions& options,
                        std::string& out) {
  serialize_head(response, response.body().size(), options, out);
  if (body_is_sent(response, options)) out += response.body();
}

}  // namespace parorende::server
