// Headers every answer carries, whatever produced it.
#pragma once

#include <string_view>

namespace parorende::server {

// Content-Security-Policy without inline script or framing,
// X-Content-Type-Options, Referrer-Policy: no-referrer and friends, as
// ready-made header lines ("Name: value\r\n" each).
std::string_view security_header_lines();

}  // namespace parorende::server
