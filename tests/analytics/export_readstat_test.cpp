// SPSS .sav and Stata .dta exports, read back with ReadStat's own reader:
// every name, label, value label, cell and missing-value marking.
#include <gtest/gtest.h>

#include "analytics/export/table.h"
#include "common/json_input.h"
#include "export_test_support.h"

namespace parorende::testing {
namespace {

using analytics::encode_table;
using analytics::ExportFormat;

constexpr const char* kSuppressedLabel = "skjult (suppressed)";

ReadFile encode_and_read(const ExportTable& table, StatFile kind) {
  auto bytes = encode_table(table, kind == StatFile::sav ? ExportFormat::sav : ExportFormat::dta);
  if (!bytes) {
    ADD_FAILURE() << describe_problems(bytes.error());
    return {};
  }
  return read_stat_file(bytes.value(), kind);
}

// The SPSS code for suppressed cells: -99 unless the column holds -99 (the
// sample table's "mean" does), then -999.
double expected_spss_code(const ExportTable& table, std::size_t column) {
  for (const auto& row : table.rows)
    if (const double* number = std::get_if<double>(&row[column]); number && *number == -99)
      return -999;
  return -99;
}

void expect_cells_match(const ExportTable& table, const ReadFile& file, StatFile kind) {
  ASSERT_EQ(file.rows.size(), table.rows.size());
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    ASSERT_EQ(file.rows[r].size(), table.variables.size()) << "row " << r;
    for (std::size_t c = 0; c < table.variables.size(); ++c) {
      const ExportCell& expected = table.rows[r][c];
      const ReadCell& read = file.rows[r][c];
      const ExportVariable& variable = table.variables[c];
      SCOPED_TRACE("row " + std::to_string(r) + ", variable " + variable.name);
      if (variable.type == ExportVariable::Type::text) {
        ASSERT_EQ(read.kind, ReadCell::Kind::text);
        const std::string* text = std::get_if<std::string>(&expected);
        EXPECT_EQ(read.text, text ? *text : "");  // no missing codes for text
      } else if (const double* number = std::get_if<double>(&expected)) {
        ASSERT_EQ(read.kind, ReadCell::Kind::number);
        EXPECT_EQ(read.number, *number);  // exactly: stored as double
      } else if (std::holds_alternative<Suppressed>(expected)) {
        if (kind == StatFile::sav) {
          ASSERT_EQ(read.kind, ReadCell::Kind::defined_missing);
          EXPECT_EQ(read.number, expected_spss_code(table, c));
        } else {
          ASSERT_EQ(read.kind, ReadCell::Kind::tagged_missing);
          EXPECT_EQ(read.tag, 's');
        }
      } else {
        EXPECT_EQ(read.kind, ReadCell::Kind::system_missing);
      }
    }
  }
}

void expect_variables_match(const ExportTable& table, const ReadFile& file, StatFile kind) {
  ASSERT_EQ(file.variables.size(), table.variables.size());
  for (std::size_t c = 0; c < table.variables.size(); ++c) {
    const ExportVariable& expected = table.variables[c];
    const ReadVariable& read = file.variables[c];
    SCOPED_TRACE(expected.name);
    EXPECT_EQ(read.name, expected.name);
    EXPECT_EQ(read.label, expected.label_nb);
    bool is_text = expected.type == ExportVariable::Type::text;
    EXPECT_EQ(read.is_text, is_text);
    if (is_text) {
      EXPECT_TRUE(read.label_set.empty());
      continue;
    }
    std::string width = std::to_string(8 + expected.decimals);
    std::string decimals = std::to_string(expected.decimals);
    EXPECT_EQ(read.format, kind == StatFile::sav ? "F" + width + "." + decimals
                                                 : "%" + width + "." + decimals + "f");
    ReadLabels expected_labels;
    for (const auto& label : expected.value_labels)
      expected_labels[label_key(label.value)] = label.label_nb;
    if (kind == StatFile::sav) {
      double code = expected_spss_code(table, c);
      EXPECT_EQ(read.missing_values, std::vector<double>{code});
      expected_labels[label_key(code)] = kSuppressedLabel;
    } else {
      expected_labels[".s"] = kSuppressedLabel;
    }
    ASSERT_FALSE(read.label_set.empty());
    EXPECT_EQ(file.label_sets.at(read.label_set), expected_labels);
  }
}

class ExportStatFile : public ::testing::TestWithParam<StatFile> {};

TEST_P(ExportStatFile, ReadsBackEveryNameLabelCellAndMissingMark) {
  ExportTable table = sample_table();
  ReadFile file = encode_and_read(table, GetParam());
  EXPECT_EQ(file.file_label, table.label_nb);
  EXPECT_EQ(file.row_count, static_cast<long>(table.rows.size()));
  expect_variables_match(table, file, GetParam());
  expect_cells_match(table, file, GetParam());
}

TEST_P(ExportStatFile, TextWidthIsTheLongestValueInBytes) {
  ExportTable table = sample_table();
  ReadFile file = encode_and_read(table, GetParam());
  ASSERT_EQ(file.variables.size(), table.variables.size());
  std::size_t longest = std::string("Oslo, sentrum \"øst\"").size();  // 21 bytes, 20 letters
  if (GetParam() == StatFile::sav) {
    EXPECT_EQ(file.variables[0].format, "A" + std::to_string(longest));
  } else {
    // ReadStat's reader counts a terminating zero byte in a Stata str#.
    EXPECT_EQ(file.variables[0].storage_width, longest + 1);
  }
}

TEST_P(ExportStatFile, AllEmptyTextColumnIsOneByteWide) {
  ExportTable table;
  table.name = "empty_text";
  table.variables = {text_variable("code", "Kode", "Code")};
  table.rows = {{std::monostate{}}, {std::string("")}};
  ReadFile file = encode_and_read(table, GetParam());
  ASSERT_EQ(file.variables.size(), 1u);
  if (GetParam() == StatFile::sav) {
    EXPECT_EQ(file.variables[0].format, "A1");
  } else {
    EXPECT_EQ(file.variables[0].storage_width, 1u + 1);  // str1 plus the reader's zero byte
  }
  expect_cells_match(table, file, GetParam());
}

TEST_P(ExportStatFile, TableWithoutRowsKeepsItsVariables) {
  ExportTable table = sample_table();
  table.rows.clear();
  ReadFile file = encode_and_read(table, GetParam());
  EXPECT_EQ(file.row_count, 0);
  expect_variables_match(table, file, GetParam());
}

TEST_P(ExportStatFile, LongLabelsAreShortenedBetweenCharacters) {
  ExportTable table = sample_table();
  std::string long_label;
  for (int i = 0; i < 200; ++i) long_label += "ø";  // 2 bytes each
  table.variables[2].label_nb = long_label;
  table.variables[1].value_labels[0].label_nb = long_label;
  ReadFile file = encode_and_read(table, GetParam());
  ASSERT_EQ(file.variables.size(), table.variables.size());
  const std::string& label = file.variables[2].label;
  EXPECT_TRUE(is_valid_utf8(label));
  EXPECT_FALSE(label.empty());
  EXPECT_EQ(long_label.substr(0, label.size()), label);
  std::size_t expected_bytes = GetParam() == StatFile::dta ? 160 : 256;  // dta: 80 characters
  EXPECT_EQ(label.size(), expected_bytes);
  const std::string& value_label = file.label_sets.at(file.variables[1].label_set).at("1");
  EXPECT_TRUE(is_valid_utf8(value_label));
  EXPECT_EQ(long_label.substr(0, value_label.size()), value_label);
}

INSTANTIATE_TEST_SUITE_P(ExportFormats, ExportStatFile,
                         ::testing::Values(StatFile::sav, StatFile::dta), [](const auto& info) {
                           return std::string(info.param == StatFile::sav ? "Sav" : "Dta");
                         });

TEST(ExportSav, HoldsLongTextThatStataCannot) {
  ExportTable table;
  table.name = "long_text";
  table.variables = {text_variable("text", "Tekst", "Text")};
  std::string long_text;
  for (int i = 0; i < 1500; ++i) long_text += "æ";  // 3000 bytes
  table.rows = {{long_text}, {std::string("kort")}};

  ReadFile file = encode_and_read(table, StatFile::sav);
  ASSERT_EQ(file.rows.size(), 2u);
  EXPECT_EQ(file.rows[0][0].text, long_text);
  EXPECT_EQ(file.rows[1][0].text, "kort");

  auto dta = encode_table(table, ExportFormat::dta);
  ASSERT_FALSE(dta.ok());
  EXPECT_EQ(dta.error().code, "invalid_export_table");
  ASSERT_EQ(dta.error().problems.size(), 1u);
  EXPECT_EQ(dta.error().problems[0].where, "table long_text, variable text");
  EXPECT_EQ(dta.error().problems[0].code, "text_too_long");
}

TEST(ExportSav, SuppressedCodeAvoidsEveryValueTheColumnUses) {
  ExportTable table;
  table.name = "codes";
  ExportVariable value = number_variable("value", "Verdi", "Value", 0);
  value.value_labels = {{-999, "Ukjent", "Unknown"}};
  table.variables = {value};
  table.rows = {{-99.0}, {Suppressed{}}, {-9999.0}};
  ReadFile file = encode_and_read(table, StatFile::sav);
  ASSERT_EQ(file.variables.size(), 1u);
  EXPECT_EQ(file.variables[0].missing_values, std::vector<double>{-99999});
  ASSERT_EQ(file.rows.size(), 3u);
  EXPECT_EQ(file.rows[0][0].kind, ReadCell::Kind::number);
  EXPECT_EQ(file.rows[1][0].kind, ReadCell::Kind::defined_missing);
  EXPECT_EQ(file.rows[1][0].number, -99999);
  EXPECT_EQ(file.rows[2][0].kind, ReadCell::Kind::number);
}

}  // namespace
}  // namespace parorende::testing
