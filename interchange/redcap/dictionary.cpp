#include "interchange/redcap/dictionary.h"

#include <algorithm>
#include <optional>
#include <set>

#include "common/csv.h"
#include "common/text.h"

namespace parorende::redcap {
namespace {

using FieldCell = std::string Field::*;

// The cell of each column, in dictionary_columns() order.
constexpr std::array<FieldCell, kColumnCount> kCells = {
    &Field::name,           &Field::form,           &Field::section_header,
    &Field::type,           &Field::label,          &Field::choices,
    &Field::note,           &Field::validation,     &Field::validation_min,
    &Field::validation_max, &Field::identifier,     &Field::branching_logic,
    &Field::required,       &Field::alignment,      &Field::question_number,
    &Field::matrix_group,   &Field::matrix_ranking, &Field::annotation};

std::string row_name(std::size_t row) { return "row " + std::to_string(row); }

bool is_blank(const std::vector<std::string>& cells) {
  return std::all_of(cells.begin(), cells.end(),
                     [](const std::string& cell) { return trim(cell).empty(); });
}

// The names REDCap's API gives the columns (content=metadata), in
// dictionary_columns() order.
constexpr std::array<std::string_view, kColumnCount> kApiColumns = {
    "field_name",          "form_name",
    "section_header",      "field_type",
    "field_label",         "select_choices_or_calculations",
    "field_note",          "text_validation_type_or_show_slider_number",
    "text_validation_min", "text_validation_max",
    "identifier",          "branching_logic",
    "required_field",      "custom_alignment",
    "question_number",     "matrix_group_name",
    "matrix_ranking",      "field_annotation"};

// Dictionaries from before REDCap 6.5 have 16 columns: neither of these.
bool is_legacy_optional(std::size_t column) {
  return dictionary_columns()[column] == "Matrix Ranking?" ||
         dictionary_columns()[column] == "Field Annotation";
}

std::string separator_name(char separator) {
  return separator == '\t' ? "tab" : std::string("'") + separator + "'";
}

// The header line's separator: comma, semicolon (a spreadsheet saving CSV
// in a Norwegian locale) or tab, whichever splits the first line the most
// outside quotes; a comma when none does.
char detect_separator(std::string_view text) {
  std::size_t counts[3] = {0, 0, 0};
  constexpr char kSeparators[3] = {',', ';', '\t'};
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    for (int i = 0; i < 3; ++i) {
      if (c == kSeparators[i]) ++counts[i];
    }
  }
  int best = 0;
  for (int i = 1; i < 3; ++i) {
    if (counts[i] > counts[best]) best = i;
  }
  return kSeparators[best];
}

// Where each of the 18 columns is in the file's header (the two a legacy
// dictionary lacks: nullopt), or the error naming every missing column,
// the separator read and the columns found.
Result<std::array<std::optional<std::size_t>, kColumnCount>> locate_columns(
    const std::vector<std::string>& header, char separator, std::vector<Problem>& problems) {
  std::array<std::optional<std::size_t>, kColumnCount> found;
  std::vector<std::string> seen;
  for (std::size_t position = 0; position < header.size(); ++position) {
    std::string heading = ascii_lower(trim(header[position]));
    if (!heading.empty()) seen.push_back("'" + std::string(trim(header[position])) + "'");
    bool known = false;
    for (std::size_t column = 0; column < kColumnCount; ++column) {
      if (heading == ascii_lower(dictionary_columns()[column]) || heading == kApiColumns[column]) {
        if (!found[column]) found[column] = position;
        known = true;
      }
    }
    if (!known && !heading.empty()) {
      problems.push_back({row_name(1), "unknown_column",
                          "column '" + std::string(trim(header[position])) +
                              "' is not a REDCap dictionary column; ignored"});
    }
  }
  std::vector<Problem> missing;
  bool legacy = true;  // only the columns REDCap added in 6.5 are missing
  for (std::size_t column = 0; column < kColumnCount; ++column) {
    if (found[column]) continue;
    if (!is_legacy_optional(column)) legacy = false;
    missing.push_back(
        {row_name(1), "missing_column",
         "the header has no column '" + std::string(dictionary_columns()[column]) + "'"});
  }
  if (!missing.empty() && !legacy) {
    std::string found_list;
    for (std::size_t i = 0; i < seen.size() && i < 6; ++i) found_list += (i ? ", " : "") + seen[i];
    if (seen.size() > 6) found_list += " and " + std::to_string(seen.size() - 6) + " more";
    std::string summary =
        "the header lacks " + std::to_string(missing.size()) +
        " of the 18 REDCap dictionary columns (read with the separator " +
        separator_name(separator) + "; found " +
        (seen.empty() ? std::string("no column") : found_list) +
        "); a data dictionary is downloaded from REDCap's Dictionary page or its API "
        "(content=metadata)";
    return make_error("invalid_dictionary", summary, std::move(missing));
  }
  return found;
}

}  // namespace

const std::array<std::string_view, kColumnCount>& dictionary_columns() {
  static constexpr std::array<std::string_view, kColumnCount> kColumns = {
      "Variable / Field Name",
      "Form Name",
      "Section Header",
      "Field Type",
      "Field Label",
      "Choices, Calculations, OR Slider Labels",
      "Field Note",
      "Text Validation Type OR Show Slider Number",
      "Text Validation Min",
      "Text Validation Max",
      "Identifier?",
      "Branching Logic (Show field only if...)",
      "Required Field?",
      "Custom Alignment",
      "Question Number (surveys only)",
      "Matrix Group Name",
      "Matrix Ranking?",
      "Field Annotation"};
  return kColumns;
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n";
  std::size_t start = text.find_first_not_of(kSpace);
  if (start == std::string_view::npos) return {};
  std::size_t end = text.find_last_not_of(kSpace);
  return text.substr(start, end - start + 1);
}

bool is_yes(std::string_view cell) {
  std::string value = ascii_lower(trim(cell));
  return value == "y" || value == "1";
}

Result<Dictionary> read_dictionary(std::string_view csv_text) {
  const char separator = detect_separator(csv_text);
  auto records = csv::parse(csv_text, separator);
  if (!records) return records.take_error();
  if (records->empty() || is_blank(records->front().fields)) {
    return make_error("invalid_dictionary",
                      "the file is empty; a REDCap data dictionary starts with "
                      "a header row of 18 columns",
                      {{row_name(1), "missing_header", "no header row"}});
  }
  Dictionary dictionary;
  auto positions = locate_columns(records->front().fields, separator, dictionary.problems);
  if (!positions) return positions.take_error();
  std::size_t header_width = records->front().fields.size();
  for (std::size_t i = 1; i < records->size(); ++i) {
    const csv::Record& record = (*records)[i];
    if (is_blank(record.fields)) continue;
    // Spreadsheets may leave empty cells beyond the header; those are harmless.
    bool blank_overhang =
        record.fields.size() > header_width &&
        std::all_of(record.fields.begin() + static_cast<std::ptrdiff_t>(header_width),
                    record.fields.end(),
                    [](const std::string& cell) { return trim(cell).empty(); });
    if (record.fields.size() != header_width && !blank_overhang) {
      dictionary.problems.push_back(
          {row_name(record.row), "malformed_row",
           "has " + std::to_string(record.fields.size()) + " values but the header has " +
               std::to_string(header_width) +
               " columns (is a line break missing its quotes?); skipped"});
      continue;
    }
    Field field;
    field.row = record.row;
    for (std::size_t column = 0; column < kColumnCount; ++column) {
      if (const auto& position = (*positions)[column])
        field.*kCells[column] = record.fields[*position];
    }
    dictionary.fields.push_back(std::move(field));
  }
  return dictionary;
}

std::string write_dictionary(const std::vector<Field>& fields) {
  std::vector<std::vector<std::string>> records;
  records.emplace_back(dictionary_columns().begin(), dictionary_columns().end());
  for (const Field& field : fields) {
    std::vector<std::string> cells;
    for (FieldCell cell : kCells) cells.push_back(field.*cell);
    records.push_back(std::move(cells));
  }
  return csv::write(records);
}

Result<std::vector<Choice>> parse_choices(std::string_view cell) {
  auto malformed = [](std::string message) {
    return make_error("malformed_choices", std::move(message));
  };
  if (trim(cell).empty()) return malformed("has no choices");
  std::vector<Choice> choices;
  std::set<std::string, std::less<>> codes;
  // REDCap separates choices by '|'; a cell typed one choice per line
  // (older dictionaries, spreadsheets) separates them by line breaks.
  const std::string_view separators =
      cell.find('|') == std::string_view::npos &&
              trim(cell).find_first_of("\r\n") != std::string_view::npos
          ? "\r\n"
          : "|";
  std::size_t start = 0;
  while (start <= cell.size()) {
    std::size_t end = cell.find_first_of(separators, start);
    if (end == std::string_view::npos) end = cell.size();
    std::string_view choice = trim(cell.substr(start, end - start));
    std::size_t number = choices.size() + 1;
    std::string which = "choice " + std::to_string(number);
    if (choice.empty() && separators != "|") {  // a blank line, or CRLF's two characters
      start = end + 1;
      continue;
    }
    if (choice.empty()) return malformed(which + " is empty (two '|' in a row?)");
    std::size_t comma = choice.find(',');
    if (comma == std::string_view::npos) {
      return malformed(which + " '" + std::string(choice) +
                       "' has no comma between code and label");
    }
    std::string_view code = trim(choice.substr(0, comma));
    if (code.empty()) return malformed(which + " '" + std::string(choice) + "' has no code");
    if (!codes.insert(std::string(code)).second) {
      return malformed("code '" + std::string(code) + "' is used twice");
    }
    choices.push_back({std::string(code), std::string(trim(choice.substr(comma + 1)))});
    start = end + 1;
  }
  return choices;
}

std::string format_choices(const std::vector<Choice>& choices) {
  std::string cell;
  for (const Choice& choice : choices) {
    if (!cell.empty()) cell += " | ";
    cell += choice.code + ", " + choice.label;
  }
  return cell;
}

}  // namespace parorende::redcap
