// CSV per RFC 4180: a header row of variable names, CRLF line ends, fields
// quoted only when they hold a comma, a quote or a line break. Undefined and
// suppressed cells are both an empty field, which R, pandas, Stata and SPSS
// read as missing; the codebook says so (the JSON export keeps the
// difference).
#include <string>
#include <string_view>
#include <variant>

#include "analytics/export/encoders.h"
#include "common/csv.h"

namespace parorende::analytics {
namespace {

std::string cell_text(const ExportCell& cell) {
  if (const double* number = std::get_if<double>(&cell)) return shortest_number(*number);
  if (const std::string* text = std::get_if<std::string>(&cell)) return *text;
  return "";
}

}  // namespace

// No UTF-8 byte order mark: R's read.csv and pandas read it as part of the
// first column's name.
std::string encode_csv(const ExportTable& table) {
  std::string out;
  // A lone empty field would be a blank line, which R and pandas skip.
  bool only_field = table.variables.size() == 1;
  for (std::size_t i = 0; i < table.variables.size(); ++i) {
    if (i > 0) out += ',';
    csv::append_field(out, table.variables[i].name, only_field);
  }
  out += "\r\n";
  for (const auto& row : table.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i > 0) out += ',';
      csv::append_field(out, cell_text(row[i]), only_field);
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace parorende::analytics
