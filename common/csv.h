// CSV as RFC 4180 describes it: the one reader and writer for every CSV the
// product reads (REDCap data dictionaries, offer catalogues, the municipality
// list) or writes (exports, reports, REDCap dictionaries).
//
//   auto records = csv::parse(text);          // Result<std::vector<csv::Record>>
//   if (!records) return records.take_error(); // code "invalid_csv", names the line
//   std::string line;
//   csv::append_field(line, "Nord-Fron, Vinstra");  // "\"Nord-Fron, Vinstra\""
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace parorende::csv {

struct Record {
  std::vector<std::string> fields;
  // 1-based position among the records: the row number a spreadsheet shows,
  // which differs from `line` once a quoted field holds a line break.
  std::size_t row = 0;
  std::size_t line = 0;  // 1-based physical line the record starts on
};

// Parses CSV text. Fields are separated by commas (or `separator`: a
// spreadsheet in a Norwegian locale writes semicolons) and records by CRLF, LF or
// CR; a field in double quotes may hold commas, line breaks and doubled
// quotes (""). A UTF-8 byte order mark is skipped, and a line break at the
// very end adds no record. A double quote inside an unquoted field is kept as
// text (spreadsheets write such files). Errors (code "invalid_csv") name the
// line in their one problem: "bad_quoting" for a quoted field that is never
// closed or text after a closing quote, "not_utf8" for bytes that are not
// UTF-8.
Result<std::vector<Record>> parse(std::string_view text, char separator = ',');

// Appends `field` to `out`, in double quotes (a quote doubled) only when it
// holds a comma, a double quote or a line break, or when it is empty and
// `quote_if_empty`: a record of one empty field would otherwise be a blank
// line, which R and pandas skip as if the record were not there.
void append_field(std::string& out, std::string_view field, bool quote_if_empty = false);

// `field` as append_field writes it.
std::string field(std::string_view text);

// One record per line ending in CRLF, fields as append_field writes them.
std::string write(const std::vector<std::vector<std::string>>& records);

}  // namespace parorende::csv
