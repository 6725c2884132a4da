// A REDCap data dictionary: one row per field, in REDCap's 18 columns
// (docs/redcap.md).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace parorende::redcap {

inline constexpr std::size_t kColumnCount = 18;

// The column headings, in REDCap's order.
const std::array<std::string_view, kColumnCount>& dictionary_columns();

// One row of the dictionary, cells as written (REDCap's names in comments).
struct Field {
  std::string name;             // Variable / Field Name
  std::string form;             // Form Name
  std::string section_header;   // Section Header
  std::string type;             // Field Type
  std::string label;            // Field Label
  std::string choices;          // Choices, Calculations, OR Slider Labels
  std::string note;             // Field Note
  std::string validation;       // Text Validation Type OR Show Slider Number
  std::string validation_min;   // Text Validation Min
  std::string validation_max;   // Text Validation Max
  std::string identifier;       // Identifier?
  std::string branching_logic;  // Branching Logic (Show field only if...)
  std::string required;         // Required Field?
  std::string alignment;        // Custom Alignment
  std::string question_number;  // Question Number (surveys only)
  std::string matrix_group;     // Matrix Group Name
  std::string matrix_ranking;   // Matrix Ranking?
  std::string annotation;       // Field Annotation
  // The CSV row (the header is row 1), as a spreadsheet numbers it; 0 when
  // the field was not read from a file.
  std::size_t row = 0;
};

struct Dictionary {
  std::vector<Field> fields;
  // Rows that could not be read as a field and extra header columns, each
  // with `where` = "row N".
  std::vector<Problem> problems;
};

// Reads a dictionary CSV. The separator is the one that splits the header
// line the most: comma, semicolon (Excel in a Norwegian locale) or tab.
// Columns are found by heading, as the Dictionary page or the API
// (`field_name`, ...) names them (case and surrounding spaces do not
// matter), in any order; the two columns REDCap added in 6.5 (Matrix
// Ranking?, Field Annotation) may be missing. Rows with no text at all are
// ignored, and so are empty cells beyond the header's width. A row with
// fewer or more cells is reported in `problems` and skipped.
// Fails (code "invalid_dictionary", or "invalid_csv" from the CSV reader) when
// the CSV is malformed or the header lacks any other column, listing every
// missing one and saying which separator was read and what was found.
Result<Dictionary> read_dictionary(std::string_view csv_text);

// The CSV text of `fields` under REDCap's header.
std::string write_dictionary(const std::vector<Field>& fields);

// Yes/no cells ("Identifier?", "Required Field?"): "y" (any case) or "1".
bool is_yes(std::string_view cell);

// Trims spaces, tabs and line breaks at both ends.
std::string_view trim(std::string_view text);

struct Choice {
  std::string code;
  std::string label;
};

// Parses a choices cell, "1, Yes | 2, No": choices separated by '|' (or,
// in a cell without any '|', by line breaks), each a code and a label
// separated by the first comma. Fails (code
// "malformed_choices") saying what is wrong: an empty cell or choice, a
// choice without a comma or a code, a code used twice.
Result<std::vector<Choice>> parse_choices(std::string_view cell);
std::string format_choices(const std::vector<Choice>& choices);

}  // namespace parorende::redcap
