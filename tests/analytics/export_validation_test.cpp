// Malformed export tables are errors naming table, row and variable, in
// every format, never a crash.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "analytics/export/table.h"
#include "export_test_support.h"

namespace parorende::testing {
namespace {

using analytics::encode_table;
using analytics::ExportFormat;

constexpr ExportFormat kFormats[] = {ExportFormat::csv, ExportFormat::json, ExportFormat::sav,
                                     ExportFormat::dta};

// Encodes in every format, expects the same error each time, returns it.
Error rejected(const ExportTable& table) {
  Error first;
  for (ExportFormat format : kFormats) {
    auto bytes = encode_table(table, format);
    if (bytes.ok()) {
      ADD_FAILURE() << "accepted as ." << analytics::file_extension(format);
      return {};
    }
    EXPECT_EQ(bytes.error().code, "invalid_export_table");
    EXPECT_FALSE(bytes.error().problems.empty());
    if (format == ExportFormat::csv) {
      first = bytes.error();
    } else {
      EXPECT_EQ(bytes.error().describe(), first.describe());
    }
  }
  return first;
}

TEST(ExportValidation, SampleTableIsAccepted) {
  for (ExportFormat format : kFormats) {
    auto bytes = encode_table(sample_table(), format);
    EXPECT_TRUE(bytes.ok()) << describe_result(bytes);
  }
}

TEST(ExportValidation, InvalidVariableNames) {
  for (const std::string& name :
       std::vector<std::string>{"Mean", "1st", "_mean", "mean-value", "gjennomsnitt_ø", "", "with",
                                "by", "int", "str12", std::string(33, 'a')}) {
    SCOPED_TRACE(name);
    ExportTable table = sample_table();
    table.variables[3].name = name;
    Error error = rejected(table);
    problem_at(error, "table municipality_scale, variable " + name, "invalid_name");
  }
}

TEST(ExportValidation, LongestAndUnreservedNamesAreAccepted) {
  ExportTable table = sample_table();
  table.variables[3].name = std::string(32, 'a');
  table.variables[2].name = "strl_count";
  table.variables[1].name = "string";
  for (ExportFormat format : kFormats) EXPECT_TRUE(encode_table(table, format).ok());
}

TEST(ExportValidation, DuplicatedVariableName) {
  ExportTable table = sample_table();
  table.variables[4].name = "mean";
  Error error = rejected(table);
  problem_at(error, "table municipality_scale, variable mean", "duplicate_name");
}

TEST(ExportValidation, RowWithTheWrongNumberOfCells) {
  ExportTable table = sample_table();
  table.rows[2].pop_back();
  table.rows[4].push_back(1.0);
  Error error = rejected(table);
  problem_at(error, "table municipality_scale, row 3", "wrong_cell_count");
  problem_at(error, "table municipality_scale, row 5", "wrong_cell_count");
  EXPECT_TRUE(contains(error.message, "row 3")) << error.message;
}

TEST(ExportValidation, TextInANumberColumnAndNumberInATextColumn) {
  ExportTable table = sample_table();
  table.rows[1][3] = std::string("61,2");
  table.rows[0][0] = 301.0;
  Error error = rejected(table);
  problem_at(error, "table municipality_scale, row 2, variable mean", "type_mismatch");
  problem_at(error, "table municipality_scale, row 1, variable municipality", "type_mismatch");
  EXPECT_EQ(error.problems.size(), 2u);
}

TEST(ExportValidation, NumbersMustBeFinite) {
  ExportTable table = sample_table();
  table.rows[0][3] = std::numeric_limits<double>::quiet_NaN();
  table.rows[1][2] = std::numeric_limits<double>::infinity();
  Error error = rejected(table);
  problem_at(error, "table municipality_scale, row 1, variable mean", "not_finite");
  problem_at(error, "table municipality_scale, row 2, variable n", "not_finite");
}

TEST(ExportValidation, TextMustBeUtf8WithoutZeroBytes) {
  ExportTable table = sample_table();
  table.rows[0][4] = std::string("\xC3\x28");
  table.rows[1][4] = std::string("a\0b", 3);
  table.variables[2].label_en = "\xFF";
  Error error = rejected(table);
  problem_at(error, "table municipality_scale, variable n", "invalid_text");
  // Rows are checked once the variables are sound.
  table.variables[2].label_en = "Count";
  error = rejected(table);
  problem_at(error, "table municipality_scale, row 1, variable note", "invalid_text");
  problem_at(error, "table municipality_scale, row 2, variable note", "invalid_text");
}

TEST(ExportValidation, ValueLabelsAreWholeNumbersOnNumberVariables) {
  ExportTable table = sample_table();
  table.variables[1].value_labels.push_back({1.5, "Halv", "Half"});
  table.variables[1].value_labels.push_back({1, "Igjen", "Again"});
  table.variables[1].value_labels.push_back({3e9, "Stor", "Big"});
  table.variables[4].value_labels.push_back({1, "En", "One"});
  Error error = rejected(table);
  problem_at(error, "table municipality_scale, variable scale, value label 1.5",
             "invalid_value_label");
  problem_at(error, "table municipality_scale, variable scale, value label 1",
             "duplicate_value_label");
  problem_at(error, "table municipality_scale, variable scale, value label 3e+09",
             "invalid_value_label");
  problem_at(error, "table municipality_scale, variable note", "invalid_value_labels");
}

TEST(ExportValidation, DecimalsWithinRange) {
  ExportTable table = sample_table();
  table.variables[3].decimals = -1;
  problem_at(rejected(table), "table municipality_scale, variable mean", "invalid_decimals");
  table.variables[3].decimals = 16;
  problem_at(rejected(table), "table municipality_scale, variable mean", "invalid_decimals");
}

TEST(ExportValidation, TableNameAndVariables) {
  ExportTable table = sample_table();
  table.name = "codebook";
  problem_at(rejected(table), "table codebook", "invalid_name");
  table.name = "../etc/passwd";
  problem_at(rejected(table), "table ../etc/passwd", "invalid_name");
  table.name = "empty";
  table.variables.clear();
  table.rows.clear();
  problem_at(rejected(table), "table empty", "no_variables");
}

TEST(ExportValidation, ManyBadRowsAreCappedNotEndless) {
  ExportTable table = sample_table();
  table.rows.assign(10000, {std::string("x"), std::string("y"), 1.0, 1.0, std::string("z")});
  Error error = rejected(table);
  EXPECT_EQ(error.problems.size(), 50u);
  EXPECT_TRUE(contains(error.message, "and 9999 more")) << error.message;
}

}  // namespace
}  // namespace parorende::testing
