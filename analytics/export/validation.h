// The rules an ExportTable must follow before any file is written, shared by
// every format so that a table that writes as CSV also writes as .sav and
// .dta: names Stata and SPSS accept, one cell per variable, numbers in
// number columns, text in UTF-8, value labels on whole numbers (Stata labels
// integers only).
#pragma once

#include <string_view>

#include "analytics/export/table.h"

namespace parorende::analytics {

// [a-z][a-z0-9_]*, at most `max_length` characters, and no word SPSS or
// Stata reserves (by, to, with, int, str5, ...).
bool is_valid_export_name(std::string_view name, std::size_t max_length = 32);

// Every problem at once; error code "invalid_export_table", each problem's
// `where` naming table, row (1-based, header not counted) and variable.
Status validate_export_table(const ExportTable& table);

}  // namespace parorende::analytics
