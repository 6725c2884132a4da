// Reading untrusted JSON: size and nesting limits, and errors that say where.
#pragma once

#include <boost/json/storage_ptr.hpp>
#include <boost/json/value.hpp>
#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"

namespace parorende {

struct JsonLimits {
  std::size_t max_bytes = 16 * 1024 * 1024;
  std::size_t max_depth = 64;
};

// Parses `text` as one JSON document. Errors (code "invalid_json") name the
// line and column, and cover truncation, bad syntax, invalid UTF-8, too deep
// nesting and oversized input; a key given twice in one object is the error
// "duplicate_key", whose problem names the key's path ("$.answers.home").
// `storage` holds the values (e.g. an arena for a document that is read
// once and dropped); the default allocates each one.
Result<boost::json::value> parse_json(std::string_view text, const JsonLimits& limits = {},
                                      boost::json::storage_ptr storage = {});

// Reads a whole file, refusing files larger than `max_bytes`.
Result<std::string> read_text_file(const std::string& path,
                                   std::size_t max_bytes = 16 * 1024 * 1024);

// "$.sections[2].items[0].text" style paths for problem reports.
std::string json_path_key(std::string_view parent, std::string_view key);
std::string json_path_index(std::string_view parent, std::size_t index);

// Counts Unicode code points in valid UTF-8.
std::size_t utf8_length(std::string_view text);
bool is_valid_utf8(std::string_view text);

}  // namespace parorende
