#include "interchange/redcap/annotation.h"

namespace parorende::redcap {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

bool is_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

// The end of the JSON object starting at `start` (one past its closing
// brace), skipping braces inside strings; the text's end when unbalanced.
std::size_t json_object_end(std::string_view text, std::size_t start) {
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = start; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{') {
      ++depth;
    } else if (c == '}' && --depth == 0) {
      return i + 1;
    }
  }
  return text.size();
}

}  // namespace

std::vector<ActionTag> parse_action_tags(std::string_view annotation) {
  std::vector<ActionTag> tags;
  std::size_t i = 0;
  while (i < annotation.size()) {
    bool at_tag = annotation[i] == '@' && (i == 0 || is_space(annotation[i - 1]));
    if (!at_tag) {
      ++i;
      continue;
    }
    std::size_t name_start = ++i;
    while (i < annotation.size() && is_name_char(annotation[i])) ++i;
    if (i == name_start) continue;
    ActionTag tag;
    for (char c : annotation.substr(name_start, i - name_start)) {
      tag.name += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    }
    if (i < annotation.size() && annotation[i] == '=') {
      ++i;
      if (i < annotation.size() && (annotation[i] == '"' || annotation[i] == '\'')) {
        std::size_t close = annotation.find(annotation[i], i + 1);
        if (close == std::string_view::npos) close = annotation.size();
        tag.value = std::string(annotation.substr(i + 1, close - i - 1));
        i = close + 1;
      } else if (i < annotation.size() && annotation[i] == '{') {
        std::size_t end = json_object_end(annotation, i);
        tag.value = std::string(annotation.substr(i, end - i));
        i = end;
      } else {
        std::size_t start = i;
        while (i < annotation.size() && !is_space(annotation[i])) ++i;
        tag.value = std::string(annotation.substr(start, i - start));
      }
    }
    tags.push_back(std::move(tag));
  }
  return tags;
}

std::string format_action_tags(const std::vector<ActionTag>& tags) {
  std::string text;
  for (const ActionTag& tag : tags) {
    if (!text.empty()) text += '\n';
    text += '@' + tag.name;
    if (!tag.value.empty()) text += '=' + tag.value;
  }
  return text;
}

}  // namespace parorende::redcap
