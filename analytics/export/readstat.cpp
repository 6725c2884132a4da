// SPSS .sav and Stata .dta through ReadStat's writer.
//
// Each file holds one label per variable: the Norwegian one, shortened to
// the format's limit at a character boundary; both languages in full are in
// the codebook. Missing values keep the difference JSON keeps:
//   undefined  → system missing (SPSS sysmis, Stata .)
//   suppressed → SPSS: a user-missing code (-99, or -999, -9999, ... when
//                the column already holds -99), value-labelled "skjult
//                (suppressed)"; Stata: extended missing .s, labelled the
//                same.
// Text columns have no missing codes in either format: both are "".
#include <readstat.h>

#include <algorithm>
#include <memory>
#include <string>
#include <variant>

#include "analytics/export/encoders.h"
#include "common/calendar.h"

namespace parorende::analytics {
namespace {

enum class StatFormat { sav, dta };

// What the format can hold. Lengths in bytes; Stata also counts characters.
struct FormatLimits {
  std::string_view extension;
  std::size_t variable_label_bytes;
  std::size_t variable_label_characters;
  std::size_t value_label_bytes;
  std::size_t file_label_bytes;
  std::size_t file_label_characters;
  std::size_t text_bytes;
};

constexpr FormatLimits kSavLimits{"sav", 256, 256, 120, 64, 64, 32767};
// .dta 118: str1 ... str2045; longer text would need strL.
constexpr FormatLimits kDtaLimits{"dta", 320, 80, 32000, 320, 80, 2045};

constexpr char kSuppressedTag = 's';
constexpr const char* kSuppressedLabel = "skjult (suppressed)";

const FormatLimits& limits_of(StatFormat format) {
  return format == StatFormat::sav ? kSavLimits : kDtaLimits;
}

// The longest prefix of `text` within both limits that ends between two
// UTF-8 characters.
std::string shorten_utf8(std::string_view text, std::size_t max_bytes, std::size_t max_characters) {
  std::size_t end = 0;
  std::size_t characters = 0;
  while (end < text.size() && characters < max_characters) {
    std::size_t next = end + 1;
    while (next < text.size() && (static_cast<unsigned char>(text[next]) & 0xC0) == 0x80) ++next;
    if (next > max_bytes) break;
    end = next;
    ++characters;
  }
  return std::string(text.substr(0, end));
}

// The bytes ReadStat produces, and its last complaint.
struct Output {
  std::string bytes;
  std::string message;
};

ssize_t append_bytes(const void* data, size_t length, void* context) {
  static_cast<Output*>(context)->bytes.append(static_cast<const char*>(data), length);
  return static_cast<ssize_t>(length);
}

void remember_message(const char* message, void* context) {
  if (message) static_cast<Output*>(context)->message = message;
}

using WriterPointer = std::unique_ptr<readstat_writer_t, decltype(&readstat_writer_free)>;

bool column_holds(const ExportTable& table, std::size_t column, double value) {
  for (const ValueLabel& label : table.variables[column].value_labels)
    if (label.value == value) return true;
  for (const auto& row : table.rows) {
    const double* number = std::get_if<double>(&row[column]);
    if (number && *number == value) return true;
  }
  return false;
}

// SPSS has no tagged missing values, so suppression is a code the column
// does not otherwise use, declared missing.
double spss_suppressed_code(const ExportTable& table, std::size_t column) {
  double code = -99;
  while (column_holds(table, column, code)) code = code * 10 - 9;
  return code;
}

std::size_t longest_text(const ExportTable& table, std::size_t column) {
  std::size_t longest = 1;  // a zero width means "the format's maximum" to ReadStat
  for (const auto& row : table.rows)
    if (const std::string* text = std::get_if<std::string>(&row[column]))
      longest = std::max(longest, text->size());
  return longest;
}

std::string number_format(StatFormat format, int decimals) {
  std::string width = std::to_string(8 + decimals);
  std::string places = std::to_string(decimals);
  return format == StatFormat::sav ? "F" + width + "." + places : "%" + width + "." + places + "f";
}

class StatFileEncoder {
 public:
  StatFileEncoder(const ExportTable& table, StatFormat format)
      : table_(table),
        format_(format),
        limits_(limits_of(format)),
        writer_(readstat_writer_init(), &readstat_writer_free) {}

  Result<std::string> run() {
    if (!writer_) return failure("ReadStat could not start a writer", READSTAT_ERROR_MALLOC);
    readstat_set_data_writer(writer_.get(), &append_bytes);
    readstat_writer_set_file_timestamp(
        writer_.get(), static_cast<time_t>(days_since_epoch(table_.stamped_on) * 86400));
    readstat_writer_set_error_handler(writer_.get(), &remember_message);
    readstat_writer_set_file_label(
        writer_.get(),
        shorten_utf8(table_.label_nb, limits_.file_label_bytes, limits_.file_label_characters)
            .c_str());
    if (Status declared = declare_variables(); !declared) return declared.take_error();

    long row_count = static_cast<long>(table_.rows.size());
    readstat_error_t error = READSTAT_OK;
    if (format_ == StatFormat::sav) {
      error = readstat_begin_writing_sav(writer_.get(), &output_, row_count);
    } else {
      readstat_writer_set_file_format_version(writer_.get(), 118);  // UTF-8 .dta
      error = readstat_begin_writing_dta(writer_.get(), &output_, row_count);
    }
    if (error != READSTAT_OK) return failure("cannot start the file", error);

    for (std::size_t r = 0; r < table_.rows.size(); ++r) {
      if ((error = readstat_begin_row(writer_.get())) != READSTAT_OK)
        return failure("cannot start row " + std::to_string(r + 1), error);
      for (std::size_t c = 0; c < variables_.size(); ++c)
        if ((error = insert(c, table_.rows[r][c])) != READSTAT_OK)
          return failure("cannot write row " + std::to_string(r + 1) + ", variable " +
                             table_.variables[c].name,
                         error);
      if ((error = readstat_end_row(writer_.get())) != READSTAT_OK)
        return failure("cannot end row " + std::to_string(r + 1), error);
    }
    if ((error = readstat_end_writing(writer_.get())) != READSTAT_OK)
      return failure("cannot finish the file", error);
    return std::move(output_.bytes);
  }

 private:
  Status declare_variables() {
    for (std::size_t c = 0; c < table_.variables.size(); ++c) {
      const ExportVariable& variable = table_.variables[c];
      readstat_variable_t* declared =
          variable.type == ExportVariable::Type::number ? declare_number(c) : declare_text(c);
      if (!declared) {
        std::string where = "table " + table_.name + ", variable " + variable.name;
        std::string message = "a text of " + std::to_string(longest_text(table_, c)) +
                              " bytes is longer than ." + std::string(limits_.extension) +
                              " holds (" + std::to_string(limits_.text_bytes) + ")";
        return make_error("invalid_export_table", where + ": " + message,
                          {{where, "text_too_long", message}});
      }
      readstat_variable_set_label(declared,
                                  shorten_utf8(variable.label_nb, limits_.variable_label_bytes,
                                               limits_.variable_label_characters)
                                      .c_str());
      variables_.push_back(declared);
    }
    return {};
  }

  readstat_variable_t* declare_number(std::size_t column) {
    const ExportVariable& variable = table_.variables[column];
    readstat_label_set_t* labels =
        readstat_add_label_set(writer_.get(), READSTAT_TYPE_DOUBLE, variable.name.c_str());
    for (const ValueLabel& label : variable.value_labels)
      readstat_label_double_value(
          labels, label.value,
          shorten_utf8(label.label_nb, limits_.value_label_bytes, limits_.value_label_bytes)
              .c_str());

    readstat_variable_t* declared =
        readstat_add_variable(writer_.get(), variable.name.c_str(), READSTAT_TYPE_DOUBLE, 0);
    if (format_ == StatFormat::sav) {
      double code = spss_suppressed_code(table_, column);
      suppressed_codes_.push_back(code);
      readstat_variable_add_missing_double_value(declared, code);
      readstat_label_double_value(labels, code, kSuppressedLabel);
    } else {
      suppressed_codes_.push_back(0);
      readstat_label_tagged_value(labels, kSuppressedTag, kSuppressedLabel);
    }
    readstat_variable_set_label_set(declared, labels);
    readstat_variable_set_format(declared, number_format(format_, variable.decimals).c_str());
    readstat_variable_set_measure(declared, variable.value_labels.empty()
                                                ? READSTAT_MEASURE_SCALE
                                                : READSTAT_MEASURE_NOMINAL);
    return declared;
  }

  readstat_variable_t* declare_text(std::size_t column) {
    std::size_t width = longest_text(table_, column);
    if (width > limits_.text_bytes) return nullptr;
    suppressed_codes_.push_back(0);
    readstat_variable_t* declared = readstat_add_variable(
        writer_.get(), table_.variables[column].name.c_str(), READSTAT_TYPE_STRING, width);
    readstat_variable_set_measure(declared, READSTAT_MEASURE_NOMINAL);
    return declared;
  }

  readstat_error_t insert(std::size_t column, const ExportCell& cell) {
    readstat_variable_t* variable = variables_[column];
    if (table_.variables[column].type == ExportVariable::Type::text) {
      const std::string* text = std::get_if<std::string>(&cell);
      return readstat_insert_string_value(writer_.get(), variable, text ? text->c_str() : "");
    }
    if (const double* number = std::get_if<double>(&cell))
      return readstat_insert_double_value(writer_.get(), variable, *number);
    if (std::holds_alternative<Suppressed>(cell)) {
      if (format_ == StatFormat::sav)
        return readstat_insert_double_value(writer_.get(), variable, suppressed_codes_[column]);
      return readstat_insert_tagged_missing_value(writer_.get(), variable, kSuppressedTag);
    }
    return readstat_insert_missing_value(writer_.get(), variable);
  }

  Error failure(const std::string& what, readstat_error_t error) const {
    std::string message = "cannot write table " + table_.name + " as ." +
                          std::string(limits_.extension) + ": " + what + ": " +
                          readstat_error_message(error);
    if (!output_.message.empty()) message += " (" + output_.message + ")";
    return make_error("export_encoding_failed", std::move(message));
  }

  const ExportTable& table_;
  StatFormat format_;
  const FormatLimits& limits_;
  WriterPointer writer_;
  Output output_;
  std::vector<readstat_variable_t*> variables_;
  std::vector<double> suppressed_codes_;  // per column; SPSS number columns only
};

}  // namespace

Result<std::string> encode_sav(const ExportTable& table) {
  return StatFileEncoder(table, StatFormat::sav).run();
}

Result<std::string> encode_dta(const ExportTable& table) {
  return StatFileEncoder(table, StatFormat::dta).run();
}

}  // namespace parorende::analytics
