#include "common/csv.h"

#include "common/json_input.h"

namespace parorende::csv {
namespace {

constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// `problem` is "bad_quoting" or "not_utf8".
Error csv_error(std::size_t line, const char* problem, const std::string& message) {
  std::string where = "line " + std::to_string(line);
  return make_error("invalid_csv", where + ": " + message, {{where, problem, message}});
}

// The first line that is not valid UTF-8. Line breaks are ASCII, so no
// multi-byte character spans two lines.
// CRLF, LF and a lone CR each end a line, as in the reader.
std::size_t first_line_with_bad_utf8(std::string_view text) {
  std::size_t line = 1;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    if (!is_valid_utf8(text.substr(start, end - start))) return line;
    ++line;
    if (end + 1 < text.size() && text[end] == '\r' && text[end + 1] == '\n') ++end;
    start = end + 1;
  }
  return line;
}

class CsvReader {
 public:
  CsvReader(std::string_view text, char separator) : text_(text), separator_(separator) {}

  Result<std::vector<Record>> run() {
    std::vector<Record> records;
    while (position_ < text_.size()) {
      Record record;
      record.row = records.size() + 1;
      record.line = line_;
      while (true) {
        auto field = read_field();
        if (!field) return field.take_error();
        record.fields.push_back(std::move(field).value());
        if (position_ < text_.size() && text_[position_] == separator_) {
          ++position_;
          continue;
        }
        skip_line_break();
        break;
      }
      records.push_back(std::move(record));
    }
    return records;
  }

 private:
  bool at_record_end() const {
    return position_ >= text_.size() || text_[position_] == separator_ ||
           text_[position_] == '\n' || text_[position_] == '\r';
  }

  void skip_line_break() {
    if (position_ >= text_.size()) return;
    if (text_[position_] == '\r') ++position_;
    if (position_ < text_.size() && text_[position_] == '\n') ++position_;
    ++line_;
  }

  Result<std::string> read_field() {
    std::string field;
    if (position_ >= text_.size() || text_[position_] != '"') {
      while (!at_record_end()) field += text_[position_++];
      return field;
    }
    std::size_t opening_line = line_;
    ++position_;
    while (true) {
      if (position_ >= text_.size()) {
        return csv_error(opening_line, "bad_quoting",
                         "the quoted field starting here is never closed");
      }
      char c = text_[position_];
      if (c == '"') {
        if (position_ + 1 < text_.size() && text_[position_ + 1] == '"') {
          field += '"';
          position_ += 2;
          continue;
        }
        ++position_;
        break;
      }
      // A CRLF inside a field counts as one line, at its LF.
      if (c == '\n' ||
          (c == '\r' && (position_ + 1 >= text_.size() || text_[position_ + 1] != '\n'))) {
        ++line_;
      }
      field += c;
      ++position_;
    }
    if (!at_record_end()) {
      return csv_error(line_, "bad_quoting",
                       "unexpected text after the closing quote of a field (a "
                       "quote inside a quoted field is written as two quotes: \"\")");
    }
    return field;
  }

  std::string_view text_;
  char separator_;
  std::size_t position_ = 0;
  std::size_t line_ = 1;
};

}  // namespace

Result<std::vector<Record>> parse(std::string_view text, char separator) {
  if (text.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    text.remove_prefix(kByteOrderMark.size());
  }
  if (!is_valid_utf8(text)) {
    return csv_error(first_line_with_bad_utf8(text), "not_utf8",
                     "the file is not UTF-8 text (save it as \"CSV UTF-8\")");
  }
  return CsvReader(text, separator).run();
}

void append_field(std::string& out, std::string_view field, bool quote_if_empty) {
  bool quoted =
      field.find_first_of(",\"\r\n") != std::string_view::npos || (quote_if_empty && field.empty());
  if (!quoted) {
    out += field;
    return;
  }
  out += '"';
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string field(std::string_view text) {
  std::string out;
  append_field(out, text);
  return out;
}

std::string write(const std::vector<std::vector<std::string>>& records) {
  std::string out;
  for (const auto& record : records) {
    for (std::size_t i = 0; i < record.size(); ++i) {
      if (i > 0) out += ',';
      append_field(out, record[i]);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace parorende::csv
