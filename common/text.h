// Small text helpers every part may need.
//
//   if (ascii_lower(trimmed) == "descriptive") ...
#pragma once

#include <string>
#include <string_view>

namespace parorende {

// `text` with A-Z made a-z; every other byte (UTF-8 included) as it is.
std::string ascii_lower(std::string_view text);

// Whether UTF-8 `text` holds a control character: U+0000-U+001F, U+007F or
// U+0080-U+009F. With `line_breaks_allowed`, tab, line feed and a carriage
// return before a line feed are text, not control.
bool has_control_character(std::string_view text, bool line_breaks_allowed);

// RFC 3986 percent-encoding of every byte but the unreserved characters
// (A-Z a-z 0-9 - . _ ~) and those in `also_plain`: query values, form
// fields, otpauth labels.
std::string percent_encode(std::string_view text, std::string_view also_plain = {});

}  // namespace parorende
