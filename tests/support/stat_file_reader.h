// Reads SPSS (.sav) and Stata (.dta) files back with ReadStat's own reader,
// for the tests that check what the exports wrote.
#pragma once

#include <gtest/gtest.h>
#include <readstat.h>
#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace parorende::testing {

// One cell as ReadStat reports it.
struct ReadCell {
  enum class Kind { number, text, system_missing, tagged_missing, defined_missing };
  Kind kind = Kind::number;
  double number = 0;
  std::string text;
  char tag = 0;
};

struct ReadVariable {
  std::string name;
  std::string label;
  std::string format;
  std::string label_set;
  bool is_text = false;
  std::size_t storage_width = 0;
  std::vector<double> missing_values;
};

// A label set's labels: key is the value, or "." + tag for tagged missing.
using ReadLabels = std::map<std::string, std::string>;

struct ReadFile {
  std::string file_label;
  long row_count = -1;
  std::vector<ReadVariable> variables;
  std::vector<std::vector<ReadCell>> rows;
  std::map<std::string, ReadLabels> label_sets;
};

inline std::string label_key(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

namespace readback {

inline int on_metadata(readstat_metadata_t* metadata, void* context) {
  auto& file = *static_cast<ReadFile*>(context);
  const char* label = readstat_get_file_label(metadata);
  file.file_label = label ? label : "";
  file.row_count = readstat_get_row_count(metadata);
  return READSTAT_HANDLER_OK;
}

inline int on_variable(int, readstat_variable_t* variable, const char* label_set, void* context) {
  auto& file = *static_cast<ReadFile*>(context);
  ReadVariable read;
  read.name = readstat_variable_get_name(variable);
  const char* label = readstat_variable_get_label(variable);
  read.label = label ? label : "";
  const char* format = readstat_variable_get_format(variable);
  read.format = format ? format : "";
  read.label_set = label_set ? label_set : "";
  read.is_text = readstat_variable_get_type_class(variable) == READSTAT_TYPE_CLASS_STRING;
  read.storage_width = readstat_variable_get_storage_width(variable);
  for (int i = 0; i < readstat_variable_get_missing_ranges_count(variable); ++i)
    read.missing_values.push_back(
        readstat_double_value(readstat_variable_get_missing_range_lo(variable, i)));
  file.variables.push_back(read);
  return READSTAT_HANDLER_OK;
}

inline int on_value(int row, readstat_variable_t* variable, readstat_value_t value, void* context) {
  auto& file = *static_cast<ReadFile*>(context);
  if (static_cast<std::size_t>(row) >= file.rows.size()) file.rows.resize(row + 1);
  ReadCell cell;
  if (readstat_value_type_class(value) == READSTAT_TYPE_CLASS_STRING) {
    cell.kind = ReadCell::Kind::text;
    const char* text = readstat_string_value(value);
    cell.text = text ? text : "";
  } else if (readstat_value_is_tagged_missing(value)) {
    cell.kind = ReadCell::Kind::tagged_missing;
    cell.tag = readstat_value_tag(value);
  } else if (readstat_value_is_system_missing(value)) {
    cell.kind = ReadCell::Kind::system_missing;
  } else {
    cell.number = readstat_double_value(value);
    if (readstat_value_is_defined_missing(value, variable))
      cell.kind = ReadCell::Kind::defined_missing;
  }
  file.rows[row].push_back(cell);
  return READSTAT_HANDLER_OK;
}

inline int on_value_label(const char* label_set, readstat_value_t value, const char* label,
                          void* context) {
  auto& file = *static_cast<ReadFile*>(context);
  std::string key = readstat_value_is_tagged_missing(value)
                        ? std::string(".") + readstat_value_tag(value)
                        : label_key(readstat_double_value(value));
  file.label_sets[label_set][key] = label ? label : "";
  return READSTAT_HANDLER_OK;
}

}  // namespace readback

enum class StatFile { sav, dta };

// Writes `bytes` to a temporary file and reads it back with ReadStat; fails
// the test (and returns what was read) if ReadStat rejects it.
inline ReadFile read_stat_file(std::string_view bytes, StatFile kind) {
  std::string path =
      (std::filesystem::temp_directory_path() /
       (kind == StatFile::sav ? "parorende-read-XXXXXX.sav" : "parorende-read-XXXXXX.dta"))
          .string();
  int descriptor = mkstemps(path.data(), 4);
  EXPECT_GE(descriptor, 0) << "cannot create " << path;
  ReadFile file;
  if (descriptor < 0) return file;
  bool written =
      ::write(descriptor, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
  ::close(descriptor);
  EXPECT_TRUE(written) << "cannot write " << path;
  readstat_parser_t* parser = readstat_parser_init();
  readstat_set_metadata_handler(parser, &readback::on_metadata);
  readstat_set_variable_handler(parser, &readback::on_variable);
  readstat_set_value_handler(parser, &readback::on_value);
  readstat_set_value_label_handler(parser, &readback::on_value_label);
  readstat_error_t error = kind == StatFile::sav ? readstat_parse_sav(parser, path.c_str(), &file)
                                                 : readstat_parse_dta(parser, path.c_str(), &file);
  readstat_parser_free(parser);
  std::filesystem::remove(path);
  EXPECT_EQ(error, READSTAT_OK) << readstat_error_message(error);
  return file;
}

}  // namespace parorende::testing
