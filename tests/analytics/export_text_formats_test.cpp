// CSV and JSON exports, read back with the project's RFC 4180 parser and
// with Boost.JSON: every name, label, cell and missing-value marking.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <charconv>
#include <set>
#include <utility>

#include "analytics/export/table.h"
#include "common/csv.h"
#include "export_test_support.h"

namespace parorende::testing {
namespace {

using analytics::encode_table;
using analytics::ExportFormat;
namespace json = boost::json;

std::string encoded(const ExportTable& table, ExportFormat format) {
  auto bytes = encode_table(table, format);
  if (!bytes) {
    ADD_FAILURE() << describe_problems(bytes.error());
    return {};
  }
  return bytes.value();
}

double number_of(const std::string& field) {
  double value = 0;
  auto [end, error] = std::from_chars(field.data(), field.data() + field.size(), value);
  EXPECT_EQ(error, std::errc()) << field;
  EXPECT_EQ(end, field.data() + field.size()) << field;
  return value;
}

TEST(ExportFormatNames, ParseExtensionAndMediaType) {
  EXPECT_EQ(analytics::parse_export_format("csv"), ExportFormat::csv);
  EXPECT_EQ(analytics::parse_export_format("json"), ExportFormat::json);
  EXPECT_EQ(analytics::parse_export_format("sav"), ExportFormat::sav);
  EXPECT_EQ(analytics::parse_export_format("dta"), ExportFormat::dta);
  EXPECT_EQ(analytics::parse_export_format("CSV"), std::nullopt);
  EXPECT_EQ(analytics::parse_export_format("xlsx"), std::nullopt);
  EXPECT_EQ(analytics::file_extension(ExportFormat::dta), "dta");
  EXPECT_EQ(analytics::media_type(ExportFormat::csv), "text/csv; charset=utf-8");
  EXPECT_EQ(analytics::media_type(ExportFormat::json), "application/json");
  EXPECT_EQ(analytics::media_type(ExportFormat::sav), "application/x-spss-sav");
  EXPECT_EQ(analytics::media_type(ExportFormat::dta), "application/x-stata-dta");
}

TEST(ExportCsv, ReadsBackEveryCell) {
  ExportTable table = sample_table();
  std::string text = encoded(table, ExportFormat::csv);
  auto records = csv::parse(text);
  ASSERT_TRUE(records.ok()) << describe_problems(records.error());
  ASSERT_EQ(records->size(), table.rows.size() + 1);

  std::vector<std::string> names;
  for (const ExportVariable& variable : table.variables) names.push_back(variable.name);
  EXPECT_EQ(records->at(0).fields, names);

  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& fields = records->at(r + 1).fields;
    ASSERT_EQ(fields.size(), table.variables.size()) << "row " << r;
    for (std::size_t c = 0; c < fields.size(); ++c) {
      SCOPED_TRACE("row " + std::to_string(r) + ", variable " + table.variables[c].name);
      const ExportCell& cell = table.rows[r][c];
      if (const double* number = std::get_if<double>(&cell)) {
        EXPECT_EQ(number_of(fields[c]), *number);  // exactly, not approximately
      } else if (const std::string* text_cell = std::get_if<std::string>(&cell)) {
        EXPECT_EQ(fields[c], *text_cell);
      } else {
        EXPECT_EQ(fields[c], "");  // suppressed and undefined alike
      }
    }
  }
}

TEST(ExportCsv, Rfc4180Bytes) {
  std::string text = encoded(sample_table(), ExportFormat::csv);
  EXPECT_TRUE(text.starts_with("municipality,scale,n,mean,note\r\n")) << "no byte order mark";
  EXPECT_TRUE(text.ends_with("\r\n"));
  EXPECT_TRUE(contains(text, "\r\n\"Oslo, sentrum \"\"øst\"\"\",2,3,,\"linje 1\nlinje 2\"\r\n"));
  EXPECT_TRUE(contains(text, "\r\n\"Ås\r\nvest\",1,,0.3333333333333333,\r\n"));
  EXPECT_TRUE(contains(text, "\r\nHå,1,1e-07,1e+21,\r\n"));
  EXPECT_TRUE(contains(text, "\r\nNordre Follo,1,42,61.25,æøå ÆØÅ\r\n"));
}

TEST(ExportCsv, LoneEmptyFieldKeepsItsRow) {
  ExportTable table;
  table.name = "one_column";
  table.variables = {number_variable("share", "Andel", "Share", 2)};
  table.rows = {{0.5}, {Suppressed{}}, {-0.0}};
  std::string text = encoded(table, ExportFormat::csv);
  EXPECT_EQ(text, "share\r\n0.5\r\n\"\"\r\n0\r\n");
  auto records = csv::parse(text);
  ASSERT_TRUE(records.ok());
  EXPECT_EQ(records->size(), 4u);
}

json::value parsed_json(const ExportTable& table) {
  std::string text = encoded(table, ExportFormat::json);
  boost::system::error_code error;
  json::value document = json::parse(text, error);
  EXPECT_FALSE(error) << error.message() << "\n" << text;
  return document;
}

json::object labels(const std::string& nb, const std::string& en) {
  return {{"nb", nb}, {"en", en}};
}

TEST(ExportJson, DescribesTableAndVariables) {
  ExportTable table = sample_table();
  json::value document = parsed_json(table);
  ASSERT_TRUE(document.is_object());
  EXPECT_EQ(document.at("table"), json::value(table.name));
  EXPECT_EQ(document.at("label"), labels(table.label_nb, table.label_en));
  const json::array& variables = document.at("variables").as_array();
  ASSERT_EQ(variables.size(), table.variables.size());
  for (std::size_t c = 0; c < variables.size(); ++c) {
    const ExportVariable& expected = table.variables[c];
    const json::object& variable = variables[c].as_object();
    SCOPED_TRACE(expected.name);
    EXPECT_EQ(variable.at("name"), json::value(expected.name));
    EXPECT_EQ(variable.at("label"), labels(expected.label_nb, expected.label_en));
    bool is_number = expected.type == ExportVariable::Type::number;
    EXPECT_EQ(variable.at("type"), json::value(is_number ? "number" : "text"));
    if (is_number) {
      EXPECT_EQ(variable.at("decimals").to_number<int>(), expected.decimals);
    }
    json::array value_labels;
    for (const auto& label : expected.value_labels)
      value_labels.push_back({{"value", static_cast<std::int64_t>(label.value)},
                              {"label", labels(label.label_nb, label.label_en)}});
    if (value_labels.empty()) {
      EXPECT_FALSE(variable.contains("value_labels"));
    } else {
      EXPECT_EQ(variable.at("value_labels"), value_labels);
    }
  }
}

TEST(ExportJson, ReadsBackEveryCellAndWhichAreSuppressed) {
  ExportTable table = sample_table();
  json::value document = parsed_json(table);
  const json::array& rows = document.at("rows").as_array();
  ASSERT_EQ(rows.size(), table.rows.size());
  std::set<std::pair<std::int64_t, std::string>> expected_suppressed;
  for (std::size_t r = 0; r < rows.size(); ++r) {
    const json::object& row = rows[r].as_object();
    ASSERT_EQ(row.size(), table.variables.size());
    for (std::size_t c = 0; c < table.variables.size(); ++c) {
      const std::string& name = table.variables[c].name;
      SCOPED_TRACE("row " + std::to_string(r) + ", variable " + name);
      const json::value& value = row.at(name);
      const ExportCell& cell = table.rows[r][c];
      if (const double* number = std::get_if<double>(&cell)) {
        ASSERT_TRUE(value.is_number());
        EXPECT_EQ(value.to_number<double>(), *number);
      } else if (const std::string* text = std::get_if<std::string>(&cell)) {
        EXPECT_EQ(value, json::value(*text));
      } else {
        EXPECT_TRUE(value.is_null());
        if (std::holds_alternative<Suppressed>(cell))
          expected_suppressed.insert({static_cast<std::int64_t>(r), name});
      }
    }
  }
  std::set<std::pair<std::int64_t, std::string>> suppressed;
  for (const json::value& entry : document.at("suppressed").as_array())
    suppressed.insert(
        {entry.at("row").to_number<std::int64_t>(), std::string(entry.at("variable").as_string())});
  EXPECT_EQ(suppressed, expected_suppressed);
  EXPECT_EQ(suppressed.size(), 3u);
}

TEST(ExportJson, NumbersAreWrittenAsPeopleWriteThem) {
  std::string text = encoded(sample_table(), ExportFormat::json);
  EXPECT_TRUE(contains(text, "\"mean\":61.25")) << text;
  EXPECT_FALSE(contains(text, "E1")) << text;
}

TEST(ExportJson, EmptyTableIsValidJson) {
  ExportTable table = sample_table();
  table.rows.clear();
  json::value document = parsed_json(table);
  EXPECT_TRUE(document.at("rows").as_array().empty());
  EXPECT_TRUE(document.at("suppressed").as_array().empty());
}

}  // namespace
}  // namespace parorende::testing
