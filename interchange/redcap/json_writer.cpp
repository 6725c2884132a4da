#include "interchange/redcap/json_writer.h"

#include <charconv>
#include <cstdio>

namespace parorende::redcap {
namespace {

namespace json = boost::json;

// Containers up to this width stay on one line when pretty-printing.
constexpr std::size_t kShortLine = 80;

void write_string(std::string_view text, std::string& out) {
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char escaped[8];
          std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(c));
          out += escaped;
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

void write_compact(const json::value& value, std::string& out) {
  switch (value.kind()) {
    case json::kind::null: out += "null"; break;
    case json::kind::bool_: out += value.get_bool() ? "true" : "false"; break;
    case json::kind::int64: out += std::to_string(value.get_int64()); break;
    case json::kind::uint64: out += std::to_string(value.get_uint64()); break;
    case json::kind::double_: out += format_number(value.get_double()); break;
    case json::kind::string: write_string(value.get_string(), out); break;
    case json::kind::array: {
      out += '[';
      bool first = true;
      for (const json::value& element : value.get_array()) {
        if (!first) out += ", ";
        first = false;
        write_compact(element, out);
      }
      out += ']';
      break;
    }
    case json::kind::object: {
      out += '{';
      bool first = true;
      for (const auto& member : value.get_object()) {
        if (!first) out += ", ";
        first = false;
        write_string(member.key(), out);
        out += ": ";
        write_compact(member.value(), out);
      }
      out += '}';
      break;
    }
  }
}

bool holds_containers(const json::value& value) {
  auto is_container = [](const json::value& element) {
    return element.is_object() || element.is_array();
  };
  if (value.is_array()) {
    for (const json::value& element : value.get_array()) {
      if (is_container(element)) return true;
    }
  } else if (value.is_object()) {
    for (const auto& member : value.get_object()) {
      if (is_container(member.value())) return true;
    }
  }
  return false;
}

void write_pretty(const json::value& value, const std::string& indent, std::string& out) {
  bool container = value.is_object() || value.is_array();
  std::string one_line;
  write_compact(value, one_line);
  bool empty = (value.is_object() && value.get_object().empty()) ||
               (value.is_array() && value.get_array().empty());
  if (!container || empty || !holds_containers(value) || one_line.size() <= kShortLine) {
    out += one_line;
    return;
  }
  std::string inner = indent + "  ";
  bool first = true;
  if (value.is_array()) {
    out += "[\n";
    for (const json::value& element : value.get_array()) {
      if (!first) out += ",\n";
      first = false;
      out += inner;
      write_pretty(element, inner, out);
    }
    out += "\n" + indent + "]";
    return;
  }
  out += "{\n";
  for (const auto& member : value.get_object()) {
    if (!first) out += ",\n";
    first = false;
    out += inner;
    write_string(member.key(), out);
    out += ": ";
    write_pretty(member.value(), inner, out);
  }
  out += "\n" + indent + "}";
}

}  // namespace

std::string format_number(double value) {
  if (value == 0) return "0";
  char buffer[400];
  auto [end, error] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  if (error != std::errc()) return std::to_string(value);
  return std::string(buffer, end);
}

std::string write_compact_json(const json::value& value) {
  std::string out;
  write_compact(value, out);
  return out;
}

std::string write_pretty_json(const json::value& value) {
  std::string out;
  write_pretty(value, "", out);
  out += '\n';
  return out;
}

}  // namespace parorende::redcap
