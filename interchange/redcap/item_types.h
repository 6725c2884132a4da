// One REDCap field as a parorende item: the item's type and the fields that
// go with it, from the field's type, its validation, bounds, choices and
// action tags (docs/redcap.md, "Import"). The importer (import.h) calls it
// once per question row; the cell readers are shared with it.
#pragma once

#include <boost/json/object.hpp>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interchange/redcap/annotation.h"
#include "interchange/redcap/branching.h"
#include "interchange/redcap/dictionary.h"
#include "interchange/redcap/import.h"

namespace parorende::redcap {

// Where the import notes what it left out or changed: the warnings and the
// skipped fields of an Import.
class ImportReport {
 public:
  explicit ImportReport(Import& result) : result_(result) {}
  void warn(std::size_t row, std::string code, std::string message);
  // A field that becomes no item: a warning, and `name` (when known) among
  // the skipped fields.
  void skip(const Field& field, const std::string& name, std::string code, std::string message);

 private:
  Import& result_;
};

// Sets `item`'s "type" and its type-specific fields for the REDCap field
// type `type` (lower case), with labels in `language`. nullopt when the field
// is skipped, which `report` has been told; warnings for what was dropped.
std::optional<FieldInfo> read_item_type(const Field& field, const std::string& name,
                                        const std::string& type, const std::vector<ActionTag>& tags,
                                        const std::string& language, ImportReport& report,
                                        boost::json::object& item);

// The longest text a definition may hold (docs/questionnaire-format.md).
inline constexpr std::size_t kMaxTextLength = 20000;

// A number as a cell holds it (digits, '-' and '.', nothing else).
std::optional<double> number_of(std::string_view cell);
// A whole number within ±10^12.
std::optional<std::int64_t> integer_of(std::string_view cell);
// The first tag named `name`, or nullptr.
const ActionTag* find_tag(const std::vector<ActionTag>& tags, std::string_view name);
// A definition text in one language: {language: text}.
boost::json::object text_in(const std::string& language, const std::string& text);
// The field types the importer knows, for messages.
std::string field_type_list();

}  // namespace parorende::redcap
