#include "analytics/export/table.h"

#include <charconv>

#include "analytics/export/encoders.h"
#include "analytics/export/validation.h"

namespace parorende::analytics {

std::optional<ExportFormat> parse_export_format(std::string_view text) {
  if (text == "csv") return ExportFormat::csv;
  if (text == "json") return ExportFormat::json;
  if (text == "sav") return ExportFormat::sav;
  if (text == "dta") return ExportFormat::dta;
  return std::nullopt;
}

std::string_view file_extension(ExportFormat format) {
  switch (format) {
    case ExportFormat::csv: return "csv";
    case ExportFormat::json: return "json";
    case ExportFormat::sav: return "sav";
    case ExportFormat::dta: return "dta";
  }
  return "";
}

std::string_view media_type(ExportFormat format) {
  switch (format) {
    case ExportFormat::csv: return "text/csv; charset=utf-8";
    case ExportFormat::json: return "application/json";
    case ExportFormat::sav: return "application/x-spss-sav";
    case ExportFormat::dta: return "application/x-stata-dta";
  }
  return "";
}

Result<std::string> encode_table(const ExportTable& table, ExportFormat format) {
  if (Status valid = validate_export_table(table); !valid) return valid.take_error();
  switch (format) {
    case ExportFormat::csv: return encode_csv(table);
    case ExportFormat::json: return encode_json(table);
    case ExportFormat::sav: return encode_sav(table);
    case ExportFormat::dta: return encode_dta(table);
  }
  return make_error("invalid_export_format", "unknown export format");
}

std::string shortest_number(double value) {
  if (value == 0) return "0";  // also -0, which reads as a surprise
  char buffer[32];
  auto written = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, written.ptr);
}

}  // namespace parorende::analytics
