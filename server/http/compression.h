// gzip for answers whose client accepts it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "server/http/http_types.h"

namespace parorende::server {

// Smaller bodies gain less than the header costs.
inline constexpr std::size_t kMinGzipBytes = 256;

// RFC 1952 gzip of `bytes`; empty on failure.
std::string gzip(std::string_view bytes);

// True when an Accept-Encoding value accepts gzip (q=0 refuses it).
bool accepts_gzip(std::string_view accept_encoding);

// Compresses a public answer in place when the request accepts gzip. Never
// for answers that carry secrets (resume or receipt codes): compressing a
// secret next to text an attacker controls leaks it through the size.
void gzip_if_accepted(HttpResponse& response, const HttpRequest& request);

}  // namespace parorende::server
