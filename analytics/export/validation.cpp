#include "analytics/export/validation.h"

#include <array>
#include <cmath>
#include <set>
#include <string>

#include "analytics/export/encoders.h"
#include "common/json_input.h"

namespace parorende::analytics {
namespace {

// SPSS's reserved words and Stata's (lower case: our names have no capitals).
constexpr std::array<std::string_view, 22> kReservedNames = {
    "all", "and",  "by",   "eq",     "ge",    "gt", "le", "lt",  "ne",   "not",   "or",
    "to",  "with", "byte", "double", "float", "if", "in", "int", "long", "using", "strl"};

// Stata stores value labels for integers, and keeps the codes above
// 2,147,483,620 for its missing values.
constexpr double kLowestLabelledValue = -2147483647.0;
constexpr double kHighestLabelledValue = 2147483620.0;

// A C string inside the writers ends at a zero byte, silently.
bool is_clean_text(std::string_view text) {
  return is_valid_utf8(text) && text.find('\0') == std::string_view::npos;
}

class TableChecker {
 public:
  explicit TableChecker(const ExportTable& table) : table_(table) {}

  Status run() {
    check_table();
    check_variables();
    // Cells are judged by their variable, so only once the variables are sound.
    if (problems_.empty()) check_rows();
    if (problems_.empty()) return {};
    std::string message = "export table \"" + table_.name +
                          "\" is malformed: " + problems_.front().where + ": " +
                          problems_.front().message;
    if (problem_count_ > 1) message += " (and " + std::to_string(problem_count_ - 1) + " more)";
    return make_error("invalid_export_table", std::move(message), std::move(problems_));
  }

 private:
  static constexpr std::size_t kMaxProblems = 50;

  // Keeps the first kMaxProblems: a table of 10,000 bad rows needs a fix, not
  // 10,000 lines.
  void add(std::string where, std::string code, std::string message) {
    ++problem_count_;
    if (problems_.size() < kMaxProblems)
      problems_.push_back({std::move(where), std::move(code), std::move(message)});
  }

  std::string table_where() const { return "table " + table_.name; }
  std::string variable_where(const ExportVariable& variable) const {
    return table_where() + ", variable " + variable.name;
  }

  void check_table() {
    // The name becomes a file name next to codebook.md and codebook.json.
    if (!is_valid_export_name(table_.name, 64) || table_.name == "codebook")
      add(table_where(), "invalid_name",
          "a table name must match [a-z][a-z0-9_]*, be at most 64 characters and not be "
          "\"codebook\"");
    if (!is_clean_text(table_.label_nb) || !is_clean_text(table_.label_en))
      add(table_where(), "invalid_text", "the table's labels must be UTF-8 without zero bytes");
    if (table_.variables.empty()) add(table_where(), "no_variables", "a table needs a variable");
  }

  void check_variables() {
    std::set<std::string_view> names;
    for (const ExportVariable& variable : table_.variables) {
      std::string where = variable_where(variable);
      if (!is_valid_export_name(variable.name))
        add(where, "invalid_name",
            "a variable name must match [a-z][a-z0-9_]*, be at most 32 characters and not be a "
            "word SPSS or Stata reserves");
      if (!names.insert(variable.name).second)
        add(where, "duplicate_name", "the variable name is used twice");
      if (!is_clean_text(variable.label_nb) || !is_clean_text(variable.label_en))
        add(where, "invalid_text", "the variable's labels must be UTF-8 without zero bytes");
      if (variable.decimals < 0 || variable.decimals > 15)
        add(where, "invalid_decimals", "decimals must be between 0 and 15");
      if (variable.type == ExportVariable::Type::text && !variable.value_labels.empty())
        add(where, "invalid_value_labels", "only number variables can have value labels");
      check_value_labels(variable, where);
    }
  }

  void check_value_labels(const ExportVariable& variable, const std::string& where) {
    std::set<double> values;
    for (const ValueLabel& label : variable.value_labels) {
      std::string at = where + ", value label " + shortest_number(label.value);
      if (!std::isfinite(label.value) || label.value != std::floor(label.value) ||
          label.value < kLowestLabelledValue || label.value > kHighestLabelledValue)
        add(at, "invalid_value_label",
            "a labelled value must be a whole number Stata can label (up to ±2147483620)");
      if (!values.insert(label.value).second)
        add(at, "duplicate_value_label", "the value is labelled twice");
      if (!is_clean_text(label.label_nb) || !is_clean_text(label.label_en))
        add(at, "invalid_text", "value labels must be UTF-8 without zero bytes");
    }
  }

  void check_rows() {
    for (std::size_t r = 0; r < table_.rows.size(); ++r) {
      const auto& row = table_.rows[r];
      std::string row_where = table_where() + ", row " + std::to_string(r + 1);
      if (row.size() != table_.variables.size()) {
        add(row_where, "wrong_cell_count",
            "the row has " + std::to_string(row.size()) + " cells for " +
                std::to_string(table_.variables.size()) + " variables");
        continue;
      }
      for (std::size_t c = 0; c < row.size(); ++c)
        check_cell(row[c], table_.variables[c],
                   row_where + ", variable " + table_.variables[c].name);
    }
  }

  void check_cell(const ExportCell& cell, const ExportVariable& variable,
                  const std::string& where) {
    bool is_number_column = variable.type == ExportVariable::Type::number;
    if (const double* number = std::get_if<double>(&cell)) {
      if (!is_number_column)
        add(where, "type_mismatch", "a number in a text variable");
      else if (!std::isfinite(*number))
        add(where, "not_finite", "a number must be finite (an undefined cell is empty)");
    } else if (const std::string* text = std::get_if<std::string>(&cell)) {
      if (is_number_column)
        add(where, "type_mismatch", "a text in a number variable");
      else if (!is_clean_text(*text))
        add(where, "invalid_text", "the text must be UTF-8 without zero bytes");
    }
  }

  const ExportTable& table_;
  std::vector<Problem> problems_;
  std::size_t problem_count_ = 0;
};

}  // namespace

bool is_valid_export_name(std::string_view name, std::size_t max_length) {
  if (name.empty() || name.size() > max_length) return false;
  if (name.front() < 'a' || name.front() > 'z') return false;
  for (char c : name) {
    bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!allowed) return false;
  }
  for (std::string_view reserved : kReservedNames)
    if (name == reserved) return false;
  // Stata's type names str1 ... str2045.
  if (name.size() > 3 && name.substr(0, 3) == "str" && name[3] >= '0' && name[3] <= '9')
    return false;
  return true;
}

Status validate_export_table(const ExportTable& table) { return TableChecker(table).run(); }

}  // namespace parorende::analytics
