// The per-format encoders behind encode_table. Each takes a table that
// validate_export_table accepted; a format may still refuse what only it
// cannot hold (a text too long for Stata).
#pragma once

#include <boost/json/array.hpp>
#include <string>

#include "analytics/export/table.h"

namespace parorende::analytics {

std::string encode_csv(const ExportTable& table);
std::string encode_json(const ExportTable& table);
Result<std::string> encode_sav(const ExportTable& table);
Result<std::string> encode_dta(const ExportTable& table);

// Shortest text that reads back as the same double (std::to_chars); -0 as 0.
std::string shortest_number(double value);

// The variables with both languages' labels and their value labels: the
// same description in a table's JSON and in codebook.json.
boost::json::array variables_json(const ExportTable& table);

}  // namespace parorende::analytics
