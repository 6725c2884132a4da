// Researcher export: aggregate tables (already through disclosure control)
// written as CSV, JSON, SPSS .sav or Stata .dta, plus a bilingual codebook.
// The tables are built elsewhere; this file only knows how to write any
// table faithfully, with labels, value labels and the difference between a
// withheld cell and one that is undefined. Formats: docs/export.md.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "questionnaire/answer.h"

#include "common/result.h"

namespace parorende::analytics {

struct ValueLabel {
  double value;
  std::string label_nb;
  std::string label_en;
};

struct ExportVariable {
  std::string name;  // [a-z][a-z0-9_]*, at most 32 characters (Stata/SPSS rule)
  std::string label_nb;
  std::string label_en;
  enum class Type { number, text } type = Type::number;
  int decimals = 2;  // display format for numbers
  std::vector<ValueLabel> value_labels;
};

struct Suppressed {};  // withheld by disclosure control

using ExportCell =
    std::variant<std::monostate /* undefined / not applicable */, Suppressed, double, std::string>;

struct ExportTable {
  std::string name;  // file stem, e.g. "municipality_scale"
  std::string label_nb;
  std::string label_en;
  std::vector<ExportVariable> variables;
  std::vector<std::vector<ExportCell>> rows;  // each row has variables.size() cells
  // SPSS and Stata files carry a creation time: midnight (UTC) of this day,
  // so a file says no clock time and two encodings of the same figures are
  // the same bytes.
  Date stamped_on{1970, 1, 1};
};

struct CodebookSection {
  std::string heading_nb, heading_en, text_nb, text_en;
};

struct ExportDataset {
  std::string title_nb, title_en;
  std::vector<ExportTable> tables;
  std::vector<CodebookSection> codebook_sections;  // scale definitions, the suppression rule, ...
};

enum class ExportFormat { csv, json, sav, dta };

// "csv", "json", "sav", "dta"; nullopt for anything else.
std::optional<ExportFormat> parse_export_format(std::string_view);
// "csv", "json", "sav", "dta".
std::string_view file_extension(ExportFormat);
// text/csv; charset=utf-8, application/json, application/x-spss-sav,
// application/x-stata-dta.
std::string_view media_type(ExportFormat);

// The file's bytes, in memory (the HTTP route sends them as they are).
// Error code "invalid_export_table" naming table, row and variable when the
// table is malformed (bad or duplicated names, wrong cell count, a text in a
// number column, ...); "export_encoding_failed" if ReadStat refuses a file.
Result<std::string> encode_table(const ExportTable&, ExportFormat);

// Both languages; lists every table and variable and how missing is coded.
std::string codebook_markdown(const ExportDataset&);
std::string codebook_json(const ExportDataset&);

// One file per table <name>.<ext>, plus codebook.md and codebook.json;
// creates the directory. Each file is written under a temporary name and
// renamed, so a failure never leaves a half-written file. Error code
// "export_write_failed" names the file and why.
Status write_export(const ExportDataset&, ExportFormat, const std::filesystem::path& directory);

}  // namespace parorende::analytics
