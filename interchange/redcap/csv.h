// CSV as RFC 4180 describes it: the file format of REDCap data dictionaries.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace parorende::redcap {

struct CsvRecord {
  std::vector<std::string> fields;
  // 1-based position among the records: the row number a spreadsheet shows,
  // which differs from `line` once a quoted field holds a line break.
  std::size_t row = 0;
  std::size_t line = 0;  // 1-based physical line the record starts on
};

// Parses CSV text. Fields are separated by commas and records by CRLF, LF or
// CR; a field in double quotes may hold commas, line breaks and doubled
// quotes (""). A UTF-8 byte order mark is skipped, and a line break at the
// very end adds no record. A double quote inside an unquoted field is kept as
// text (spreadsheets write such files). Errors (code "invalid_csv") name the
// line: a quoted field that is never closed, text after a closing quote,
// bytes that are not UTF-8.
Result<std::vector<CsvRecord>> parse_csv(std::string_view text);

// One record per line ending in CRLF; a field is quoted only when it holds a
// comma, a double quote or a line break.
std::string write_csv(const std::vector<std::vector<std::string>>& records);

}  // namespace parorende::redcap
