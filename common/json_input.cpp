#include "common/json_input.h"

#include <algorithm>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse_options.hpp>
#include <boost/json/stream_parser.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unordered_set>
#include <vector>

namespace parorende {
namespace {

std::string line_and_column(std::string_view text, std::size_t offset) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

// A second pass over a document that parsed: Boost.JSON keeps the last of
// two equal keys without a word, so `{"status": "complete", ...,
// "status": "partial"}` would be read as partial. This handler sees every
// key and stops at the first that repeats in its object.
class DuplicateKeyFinder {
 public:
  static constexpr std::size_t max_array_size = -1;
  static constexpr std::size_t max_object_size = -1;
  static constexpr std::size_t max_string_size = -1;
  static constexpr std::size_t max_key_size = -1;

  // The path of the repeated key ("$.answers.home"); empty when none.
  const std::string& duplicate() const { return duplicate_; }

  bool on_document_begin(boost::system::error_code&) { return true; }
  bool on_document_end(boost::system::error_code&) { return true; }
  bool on_array_begin(boost::system::error_code&) {
    frames_.push_back({false, {}, {}, {}, 0});
    return true;
  }
  bool on_array_end(std::size_t, boost::system::error_code&) { return end_value_after_pop(); }
  bool on_object_begin(boost::system::error_code&) {
    frames_.push_back({true, {}, {}, {}, 0});
    return true;
  }
  bool on_object_end(std::size_t, boost::system::error_code&) { return end_value_after_pop(); }
  bool on_string_part(boost::json::string_view, std::size_t, boost::system::error_code&) {
    return true;
  }
  bool on_string(boost::json::string_view, std::size_t, boost::system::error_code&) {
    return end_value();
  }
  bool on_key_part(boost::json::string_view part, std::size_t, boost::system::error_code&) {
    key_.append(part.data(), part.size());
    return true;
  }
  bool on_key(boost::json::string_view last, std::size_t, boost::system::error_code& error) {
    key_.append(last.data(), last.size());
    Frame& frame = frames_.back();
    bool repeated = false;
    if (frame.keys.size() < kListedKeys) {
      repeated = std::find(frame.keys.begin(), frame.keys.end(), key_) != frame.keys.end();
      frame.keys.push_back(key_);
      if (frame.keys.size() == kListedKeys) frame.many.insert(frame.keys.begin(), frame.keys.end());
    } else {
      repeated = !frame.many.insert(key_).second;
    }
    if (repeated) {
      duplicate_ = path_to(key_);
      error = boost::json::error::syntax;
      return false;
    }
    frame.key = std::move(key_);
    key_.clear();
    return true;
  }
  bool on_number_part(boost::json::string_view, boost::system::error_code&) { return true; }
  bool on_int64(std::int64_t, boost::json::string_view, boost::system::error_code&) {
    return end_value();
  }
  bool on_uint64(std::uint64_t, boost::json::string_view, boost::system::error_code&) {
    return end_value();
  }
  bool on_double(double, boost::json::string_view, boost::system::error_code&) {
    return end_value();
  }
  bool on_bool(bool, boost::system::error_code&) { return end_value(); }
  bool on_null(boost::system::error_code&) { return end_value(); }
  bool on_comment_part(boost::json::string_view, boost::system::error_code&) { return true; }
  bool on_comment(boost::json::string_view, boost::system::error_code&) { return true; }

 private:
  // A few keys per object: a list beats a hash; an object with thousands
  // (an answers map, a generated option set) must not be quadratic.
  static constexpr std::size_t kListedKeys = 16;
  struct Frame {
    bool object;
    std::vector<std::string> keys;         // the first kListedKeys
    std::unordered_set<std::string> many;  // all of them, once there are more
    std::string key;                       // the key whose value is being read
    std::size_t index;                     // in an array: the element being read
  };

  bool end_value() {
    if (!frames_.empty() && !frames_.back().object) ++frames_.back().index;
    return true;
  }
  bool end_value_after_pop() {
    frames_.pop_back();
    return end_value();
  }
  std::string path_to(const std::string& key) const {
    std::string path = "$";
    for (std::size_t i = 0; i + 1 < frames_.size(); ++i) {
      path = frames_[i].object ? json_path_key(path, frames_[i].key)
                               : json_path_index(path, frames_[i].index);
    }
    return json_path_key(path, key);
  }

  std::vector<Frame> frames_;
  std::string key_;
  std::string duplicate_;
};

// The keys the text gives, counted by a plain scan: a string followed by a
// colon is a key (outside strings no other colon is valid JSON).
std::size_t keys_in_text(std::string_view text) {
  std::size_t keys = 0;
  bool in_string = false;
  bool after_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
        after_string = true;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == ':' && after_string) {
      ++keys;
      after_string = false;
    } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
      after_string = false;
    }
  }
  return keys;
}

// The keys of every object in a parsed value, without recursion.
std::size_t keys_in_value(const boost::json::value& root) {
  std::size_t keys = 0;
  std::vector<const boost::json::value*> pending{&root};
  while (!pending.empty()) {
    const boost::json::value* value = pending.back();
    pending.pop_back();
    if (const auto* object = value->if_object()) {
      keys += object->size();
      for (const auto& entry : *object) pending.push_back(&entry.value());
    } else if (const auto* array = value->if_array()) {
      for (const auto& element : *array) pending.push_back(&element);
    }
  }
  return keys;
}

// The path of the first key that repeats in its object, or empty.
std::string first_duplicate_key(std::string_view text, const boost::json::parse_options& options) {
  boost::json::basic_parser<DuplicateKeyFinder> parser(options);
  boost::system::error_code error;
  parser.write_some(false, text.data(), text.size(), error);
  return parser.handler().duplicate();
}

}  // namespace

Result<boost::json::value> parse_json(std::string_view text, const JsonLimits& limits,
                                      boost::json::storage_ptr storage) {
  if (text.size() > limits.max_bytes) {
    return make_error("invalid_json", "JSON document is " + std::to_string(text.size()) +
                                          " bytes; the limit is " +
                                          std::to_string(limits.max_bytes) + " bytes");
  }
  boost::json::parse_options options;
  options.max_depth = limits.max_depth;
  boost::json::stream_parser parser({}, options);
  parser.reset(std::move(storage));
  boost::system::error_code ec;
  std::size_t consumed = parser.write_some(text.data(), text.size(), ec);
  if (!ec && consumed < text.size()) {
    ec = boost::json::error::extra_data;
  }
  if (!ec) parser.finish(ec);
  if (ec) {
    std::string reason = ec.message();
    if (ec == boost::json::error::too_deep) {
      reason = "nested more than " + std::to_string(limits.max_depth) + " levels deep";
    } else if (ec == boost::json::error::incomplete) {
      reason = "the document ends too early (truncated?)";
    } else if (ec == boost::json::error::syntax) {
      reason = "syntax error (or invalid UTF-8)";
    } else if (ec == boost::json::error::extra_data) {
      reason = "unexpected data after the JSON value";
    }
    return make_error("invalid_json",
                      "invalid JSON at " + line_and_column(text, consumed) + ": " + reason);
  }
  boost::json::value parsed = parser.release();
  // The parser keeps one of two equal keys, so fewer keys in the value than
  // in the text means a repeat; only then is the text read again to say
  // where (a second full parse would double the time of a large document).
  if (keys_in_value(parsed) != keys_in_text(text)) {
    if (std::string duplicate = first_duplicate_key(text, options); !duplicate.empty()) {
      return make_error("duplicate_key",
                        duplicate + " is given twice; each key may appear once in an object",
                        {{duplicate, "duplicate_key", "the key is given twice"}});
    }
  }
  return parsed;
}

Result<std::string> read_text_file(const std::string& path, std::size_t max_bytes) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored)) {
    // A directory opens, but its "size" is meaningless.
    return make_error("file_unreadable", "'" + path + "' is a directory, not a file");
  }
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return make_error("file_unreadable", "cannot open '" + path + "'");
  }
  file.seekg(0, std::ios::end);
  std::streamoff size = file.tellg();
  if (size < 0) {
    return make_error("file_unreadable", "cannot read '" + path + "'");
  }
  if (static_cast<std::size_t>(size) > max_bytes) {
    return make_error("file_too_large", "'" + path + "' is " + std::to_string(size) +
                                            " bytes; the limit is " + std::to_string(max_bytes) +
                                            " bytes");
  }
  file.seekg(0, std::ios::beg);
  std::string contents(static_cast<std::size_t>(size), '\0');
  if (!file.read(contents.data(), size)) {
    return make_error("file_unreadable", "cannot read '" + path + "'");
  }
  return contents;
}

std::string json_path_key(std::string_view parent, std::string_view key) {
  std::string path(parent);
  path += '.';
  path += key;
  return path;
}

std::string json_path_index(std::string_view parent, std::size_t index) {
  std::string path(parent);
  path += '[';
  path += std::to_string(index);
  path += ']';
  return path;
}

bool is_valid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    std::uint32_t code_point = 0;
    if (byte < 0x80) {
      ++i;
      continue;
    } else if ((byte & 0xE0) == 0xC0) {
      length = 2;
      code_point = byte & 0x1F;
    } else if ((byte & 0xF0) == 0xE0) {
      length = 3;
      code_point = byte & 0x0F;
    } else if ((byte & 0xF8) == 0xF0) {
      length = 4;
      code_point = byte & 0x07;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    static constexpr std::uint32_t kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code_point < kSmallest[length] || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

std::size_t utf8_length(std::string_view text) {
  std::size_t count = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++count;
  }
  return count;
}

}  // namespace parorende
