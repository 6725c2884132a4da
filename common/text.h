// Small text helpers every part may need.
//
//   if (ascii_lower(trimmed) == "descriptive") ...
#pragma once

#include <string>
#include <string_view>

namespace parorende {

// `text` with A-Z made a-z; every other byte (UTF-8 included) as it is.
std::string ascii_lower(std::string_view text);

}  // namespace parorende
