#include "interchange/redcap/rich_text.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

namespace parorende::redcap {
namespace {

struct NamedCharacter {
  std::string_view name;
  std::string_view text;
};

// The references REDCap's editor and hand-written labels use; Norwegian
// letters among them.
constexpr std::array kNamedCharacters = std::to_array<NamedCharacter>({
    {"AElig", "Æ"},  {"Aring", "Å"},  {"Oslash", "Ø"}, {"aelig", "æ"},  {"amp", "&"},
    {"apos", "'"},   {"aring", "å"},  {"auml", "ä"},   {"bull", "•"},   {"copy", "©"},
    {"eacute", "é"}, {"euro", "€"},   {"gt", ">"},     {"hellip", "…"}, {"laquo", "«"},
    {"ldquo", "“"},  {"lsquo", "‘"},  {"lt", "<"},     {"mdash", "—"},  {"nbsp", " "},
    {"ndash", "–"},  {"oslash", "ø"}, {"ouml", "ö"},   {"quot", "\""},  {"raquo", "»"},
    {"rdquo", "”"},  {"rsquo", "’"},  {"uuml", "ü"},
});

void append_utf8(std::string& out, char32_t code) {
  if (code < 0x80) {
    out += static_cast<char>(code);
  } else if (code < 0x800) {
    out += static_cast<char>(0xC0 | (code >> 6));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else if (code < 0x10000) {
    out += static_cast<char>(0xE0 | (code >> 12));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (code >> 18));
    out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (code & 0x3F));
  }
}

struct Reference {
  std::string text;
  std::size_t length = 0;  // from '&' to ';' inclusive
};

// A character reference at `at` ('&'): "&amp;", "&#248;", "&#xF8;".
std::optional<Reference> reference_at(std::string_view cell, std::size_t at) {
  // A reference is short: look no further than that (a cell of a million
  // '&' stays linear).
  std::size_t end = cell.substr(at, 14).find(';');
  if (end == std::string_view::npos || end == 1) return std::nullopt;
  end += at;
  std::string_view body = cell.substr(at + 1, end - at - 1);
  Reference reference{{}, end - at + 1};
  if (body.front() == '#') {
    bool hex = body.size() > 1 && (body[1] == 'x' || body[1] == 'X');
    std::string_view digits = body.substr(hex ? 2 : 1);
    if (digits.empty()) return std::nullopt;
    char32_t code = 0;
    for (char c : digits) {
      int digit = std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                  : hex && std::isxdigit(static_cast<unsigned char>(c))
                      ? std::tolower(static_cast<unsigned char>(c)) - 'a' + 10
                      : -1;
      if (digit < 0) return std::nullopt;
      code = code * (hex ? 16 : 10) + static_cast<char32_t>(digit);
      if (code > 0x10FFFF) return std::nullopt;
    }
    if (code == 0 || (code >= 0xD800 && code <= 0xDFFF)) return std::nullopt;
    append_utf8(reference.text, code == 0xA0 ? U' ' : code);
    return reference;
  }
  for (const NamedCharacter& named : kNamedCharacters) {
    if (named.name == body) {
      reference.text = named.text;
      return reference;
    }
  }
  return std::nullopt;
}

// The HTML elements REDCap's editor and hand-written labels use. Anything
// else in angle brackets ("<kommune>") is text a respondent should read.
constexpr std::string_view kElements[] = {
    "a",     "abbr",  "b",      "big",   "blockquote", "br",     "caption", "center", "code", "col",
    "del",   "div",   "em",     "font",  "h1",         "h2",     "h3",      "h4",     "h5",   "h6",
    "hr",    "i",     "img",    "ins",   "label",      "li",     "mark",    "ol",     "p",    "pre",
    "q",     "s",     "script", "small", "span",       "strike", "strong",  "style",  "sub",  "sup",
    "table", "tbody", "td",     "tfoot", "th",         "thead",  "tr",      "u",      "ul"};

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A tag of a known element, or a comment, starting at `at` ('<') and ending
// before `last_close` (the cell's last '>', found once).
bool is_tag_at(std::string_view cell, std::size_t at, std::size_t last_close) {
  if (last_close == std::string_view::npos || at + 1 >= cell.size() || at >= last_close)
    return false;
  if (cell.substr(at, 4) == "<!--") return true;
  std::size_t start = at + 1 + (cell[at + 1] == '/' ? 1 : 0);
  std::size_t end = start;
  while (end < cell.size() && end - start < 12 &&
         std::isalnum(static_cast<unsigned char>(cell[end])))
    ++end;
  if (end == start || end >= cell.size()) return false;
  char after = cell[end];
  if (after != '>' && after != ' ' && after != '/' && after != '\t' && after != '\n' &&
      after != '\r')
    return false;
  std::string name = lower(cell.substr(start, end - start));
  return std::find(std::begin(kElements), std::end(kElements), name) != std::end(kElements);
}

// Where `</name` starts from `from` on, in any case; npos when nowhere.
std::size_t find_closing(std::string_view cell, std::size_t from, std::string_view name) {
  for (std::size_t at = cell.find("</", from); at != std::string_view::npos;
       at = cell.find("</", at + 2)) {
    if (lower(cell.substr(at + 2, name.size())) == name) return at;
  }
  return std::string_view::npos;
}

class Reducer {
 public:
  explicit Reducer(std::string_view cell)
      : cell_(cell),
        last_close_(cell.rfind('>')),
        html_whitespace_(cell.find("rich-text-field-label") != std::string_view::npos) {}

  RichText run() {
    for (std::size_t i = 0; i < cell_.size();) {
      char c = cell_[i];
      if (c == '<' && is_tag_at(cell_, i, last_close_)) {
        i = tag(i);
        continue;
      }
      if (c == '&') {
        if (auto reference = reference_at(cell_, i)) {
          result_.was_html = true;
          for (char decoded : reference->text) character(decoded);
          i += reference->length;
          continue;
        }
      }
      if (c == '\r') {
        if (i + 1 < cell_.size() && cell_[i + 1] == '\n') ++i;
        c = '\n';
      }
      if (c == '\n' && !html_whitespace_) {
        line_break();
      } else {
        character(c);
      }
      ++i;
    }
    result_.text = tidy(out_);
    return result_;
  }

 private:
  void character(char c) {
    if (c == ' ' || c == '\t' || c == '\n') {
      space_ = true;
      return;
    }
    if (space_ && !out_.empty() && out_.back() != '\n') out_ += ' ';
    space_ = false;
    out_ += c;
  }

  void line_break() {
    out_ += '\n';
    space_ = false;
  }

  // Ends the line unless it is empty already: a block starts on its own line.
  void block() {
    if (!out_.empty() && out_.back() != '\n') line_break();
    space_ = false;
  }

  // Reads the tag at `at`; returns where the text goes on.
  std::size_t tag(std::size_t at) {
    result_.was_html = true;
    if (cell_.substr(at, 4) == "<!--") {
      std::size_t end = cell_.find("-->", at + 4);
      return end == std::string_view::npos ? cell_.size() : end + 3;
    }
    std::size_t end = cell_.find('>', at);
    std::string_view inside = cell_.substr(at + 1, end - at - 1);
    bool closing = !inside.empty() && inside.front() == '/';
    if (closing) inside.remove_prefix(1);
    std::size_t name_end = 0;
    while (name_end < inside.size() && std::isalnum(static_cast<unsigned char>(inside[name_end])))
      ++name_end;
    std::string name = lower(inside.substr(0, name_end));
    std::string attributes = lower(inside.substr(name_end));
    bool has_attributes = attributes.find('=') != std::string::npos;
    // Alignment, colour, size: nothing plain text can keep.
    if (attributes.find("style") != std::string::npos) result_.formatting_lost = true;
    std::size_t next = end + 1;

    if (!closing && (name == "script" || name == "style")) {
      std::size_t close = find_closing(cell_, next, name);
      if (close == std::string_view::npos) return cell_.size();
      std::size_t after = cell_.find('>', close);
      return after == std::string_view::npos ? cell_.size() : after + 1;
    }
    static constexpr std::string_view kBlocks[] = {"p",     "div", "h1",         "h2",     "h3",
                                                   "h4",    "h5",  "h6",         "ul",     "ol",
                                                   "table", "tr",  "blockquote", "center", "hr"};
    static constexpr std::string_view kFormatting[] = {"b",    "strong", "i",     "em",  "u",
                                                       "s",    "strike", "font",  "sup", "sub",
                                                       "mark", "big",    "small", "img"};
    if (name == "br") {
      line_break();
    } else if (name == "li") {
      block();
      if (!closing) out_ += "• ";
    } else if (std::find(std::begin(kBlocks), std::end(kBlocks), name) != std::end(kBlocks)) {
      block();
      if (name == "hr") result_.formatting_lost = true;
    } else if (name == "td" || name == "th") {
      space_ = true;
    } else if (std::find(std::begin(kFormatting), std::end(kFormatting), name) !=
               std::end(kFormatting)) {
      result_.formatting_lost = true;
    } else if ((name == "span" || name == "a") && has_attributes && !closing) {
      result_.formatting_lost = true;  // a colour, a class, a link's address
    }
    return next;
  }

  // Spaces off each line's ends, at most one empty line in a row, none at
  // either end.
  static std::string tidy(const std::string& text) {
    std::string out;
    std::size_t empty_lines = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      std::string_view line = std::string_view(text).substr(start, end - start);
      std::size_t first = line.find_first_not_of(' ');
      line = first == std::string_view::npos
                 ? std::string_view()
                 : line.substr(first, line.find_last_not_of(' ') - first + 1);
      if (line.empty()) {
        ++empty_lines;
      } else {
        if (!out.empty()) out += empty_lines > 0 ? "\n\n" : "\n";
        out += line;
        empty_lines = 0;
      }
      start = end + 1;
    }
    return out;
  }

  std::string_view cell_;
  std::size_t last_close_;
  bool html_whitespace_;  // REDCap's editor: line breaks in the source are spaces
  std::string out_;
  bool space_ = false;
  RichText result_;
};

}  // namespace

RichText plain_text_of(std::string_view cell) {
  bool markup = false;
  const std::size_t last_close = cell.rfind('>');
  for (std::size_t i = 0; i < cell.size() && !markup; ++i) {
    markup = (cell[i] == '<' && is_tag_at(cell, i, last_close)) ||
             (cell[i] == '&' && reference_at(cell, i));
  }
  if (!markup) return {std::string(cell), false, false};
  return Reducer(cell).run();
}

}  // namespace parorende::redcap
