#include "interchange/redcap/item_types.h"

#include <cmath>
#include <cstdlib>
#include <map>

#include "common/calendar.h"
#include "common/text.h"
#include "interchange/redcap/rich_text.h"

namespace parorende::redcap {
namespace {

namespace json = boost::json;

constexpr double kMaxInteger = 1e12;
constexpr int kSliderMin = 0;
constexpr int kSliderMax = 100;

// Reads the type of one field; the member functions share the field's
// language and where to report.
class ItemTypeReader {
 public:
  ItemTypeReader(const std::string& language, ImportReport& report)
      : language_(language), report_(report) {}

  // Sets the item's type and type-specific fields; nullopt when the row is
  // skipped (already reported).
  std::optional<FieldInfo> describe_item(const Field& field, const std::string& name,
                                         const std::string& type,
                                         const std::vector<ActionTag>& tags, json::object& item) {
    FieldInfo info;
    if (type == "text") return describe_text(field, name, tags, item);
    if (type == "notes") {
      item["type"] = "text";
      item["multiline"] = true;
      read_char_limit(field, tags, item);
      return info;
    }
    if (type == "yesno" || type == "truefalse") {
      // Both store 1 (yes/true) and 0 (no/false).
      item["type"] = "yes_no";
      info.kind = FieldInfo::Kind::yes_no;
      return info;
    }
    if (type == "slider") {
      item["type"] = "integer";
      info.kind = FieldInfo::Kind::number;
      read_bounds(field, name, true, item, kSliderMin, kSliderMax);
      if (!trim(field.choices).empty()) {
        warn(field.row, "slider_labels_dropped",
             "slider '" + name + "' becomes an integer item; its labels '" +
                 std::string(trim(field.choices)) + "' are dropped");
      }
      return info;
    }
    if (type == "dropdown" || type == "radio" || type == "checkbox") {
      return describe_choice(field, name, type, tags, item);
    }
    skip(field, name, "unknown_field_type",
         "field '" + name + "' has unknown field type '" + std::string(trim(field.type)) +
             "'; expected " + field_type_list() + "; skipped");
    return std::nullopt;
  }

  std::optional<FieldInfo> describe_text(const Field& field, const std::string& name,
                                         const std::vector<ActionTag>& tags, json::object& item) {
    FieldInfo info;
    std::string validation = ascii_lower(trim(field.validation));
    if (validation == "integer" || validation == "int") {
      item["type"] = "integer";
      info.kind = FieldInfo::Kind::number;
      read_bounds(field, name, true, item, std::nullopt, std::nullopt);
    } else if (validation == "number" || validation == "float" ||
               validation.rfind("number_", 0) == 0) {
      item["type"] = "decimal";
      info.kind = FieldInfo::Kind::number;
      read_bounds(field, name, false, item, std::nullopt, std::nullopt);
    } else if (validation == "date_ymd" || validation == "date_dmy" || validation == "date_mdy") {
      item["type"] = "date";
      info.kind = FieldInfo::Kind::date;
      read_date_bounds(field, name, item);
    } else {
      item["type"] = "text";
      if (!validation.empty()) {
        warn(field.row, "validation_ignored",
             "validation '" + validation + "' of '" + name +
                 "' has no parorende equivalent; imported as free text");
      }
      read_char_limit(field, tags, item);
    }
    return info;
  }

  void read_char_limit(const Field& field, const std::vector<ActionTag>& tags, json::object& item) {
    const ActionTag* limit = find_tag(tags, tag::kCharLimit);
    if (limit == nullptr) return;
    auto value = integer_of(limit->value);
    if (value && *value >= 1 && *value <= static_cast<std::int64_t>(kMaxTextLength)) {
      item["max_length"] = *value;
    } else {
      warn(field.row, "bad_action_tag",
           "@CHARLIMIT=" + limit->value + " is not a length from 1 to 20000; ignored");
    }
  }

  void read_bounds(const Field& field, const std::string& name, bool whole, json::object& item,
                   std::optional<int> default_min, std::optional<int> default_max) {
    auto bound = [&](const std::string& cell, std::optional<int> fallback,
                     std::string_view which) -> std::optional<double> {
      if (trim(cell).empty()) {
        return fallback ? std::optional<double>(*fallback) : std::nullopt;
      }
      auto value = number_of(cell);
      if (!value || std::fabs(*value) > kMaxInteger || (whole && *value != std::floor(*value))) {
        warn(field.row, "invalid_bound",
             std::string(which) + " '" + std::string(trim(cell)) + "' of '" + name + "' is not " +
                 (whole ? "a whole number" : "a number") + "; dropped");
        return fallback ? std::optional<double>(*fallback) : std::nullopt;
      }
      return value;
    };
    auto min = bound(field.validation_min, default_min, "minimum");
    auto max = bound(field.validation_max, default_max, "maximum");
    if (min && max && *min > *max) {
      warn(field.row, "invalid_bound",
           "the minimum of '" + name + "' is above its maximum; both dropped");
      return;
    }
    auto number = [whole](double value) -> json::value {
      if (whole) return static_cast<std::int64_t>(value);
      return value;
    };
    if (min) item["min"] = number(*min);
    if (max) item["max"] = number(*max);
  }

  void read_date_bounds(const Field& field, const std::string& name, json::object& item) {
    std::optional<Date> bounds[2];
    const std::string* cells[2] = {&field.validation_min, &field.validation_max};
    for (int i = 0; i < 2; ++i) {
      std::string_view cell = trim(*cells[i]);
      if (cell.empty()) continue;
      bounds[i] = parse_iso_date(cell);
      if (!bounds[i]) {
        warn(field.row, "invalid_bound",
             std::string(i == 0 ? "minimum" : "maximum") + " '" + std::string(cell) + "' of '" +
                 name + "' is not a date written YYYY-MM-DD; dropped");
      }
    }
    if (bounds[0] && bounds[1] && *bounds[0] > *bounds[1]) {
      warn(field.row, "invalid_bound",
           "the minimum of '" + name + "' is after its maximum; both dropped");
      return;
    }
    if (bounds[0]) item["min"] = bounds[0]->iso();
    if (bounds[1]) item["max"] = bounds[1]->iso();
  }

  std::optional<FieldInfo> describe_choice(const Field& field, const std::string& name,
                                           const std::string& type,
                                           const std::vector<ActionTag>& tags, json::object& item) {
    FieldInfo info;
    if (type != "checkbox" && find_tag(tags, tag::kMunicipality) != nullptr) {
      item["type"] = "municipality";
      info.kind = FieldInfo::Kind::municipality;
      return info;
    }
    auto choices = parse_choices(field.choices);
    if (!choices) {
      skip(field, name, "malformed_choices",
           "the choices of '" + name + "' are malformed: " + choices.error().message + "; skipped");
      return std::nullopt;
    }
    json::array options;
    std::optional<json::object> dont_know;
    const ActionTag* dont_know_tag = type == "checkbox" ? nullptr : find_tag(tags, tag::kDontKnow);
    std::map<std::int64_t, std::string> written_as;  // "05" and "5" are one code
    std::vector<std::string> rewritten;              // "'01' as 1"
    bool choices_lost_formatting = false;
    for (const Choice& choice : choices.value()) {
      auto code = integer_of(choice.code);
      if (!code) {
        skip(field, name, "malformed_choices",
             "choice code '" + choice.code + "' of '" + name +
                 "' is not a whole number (parorende option codes are); skipped");
        return std::nullopt;
      }
      if (auto [earlier, first] = written_as.emplace(*code, choice.code); !first) {
        skip(field, name, "malformed_choices",
             "choice codes '" + earlier->second + "' and '" + choice.code + "' of '" + name +
                 "' are the same number; skipped");
        return std::nullopt;
      }
      if (choice.code != std::to_string(*code)) {
        rewritten.push_back("'" + choice.code + "' as " + std::to_string(*code));
      }
      RichText label = plain_text_of(choice.label);
      choices_lost_formatting = choices_lost_formatting || label.formatting_lost;
      json::object option{{"code", *code}, {"label", text_in(language_, label.text)}};
      if (dont_know_tag && integer_of(dont_know_tag->value) == code) {
        dont_know = std::move(option);
      } else {
        options.push_back(std::move(option));
        info.codes.push_back(*code);
      }
    }
    if (dont_know_tag && !dont_know) {
      warn(field.row, "bad_action_tag",
           "@PARORENDE-DONTKNOW=" + dont_know_tag->value + " of '" + name +
               "' is not one of its choice codes; ignored");
    }
    if (options.size() < 2) {
      skip(field, name, "too_few_choices",
           "field '" + name +
               "' has fewer than two choices; parorende choice items need "
               "at least two; skipped");
      return std::nullopt;
    }
    if (choices_lost_formatting) {
      warn(field.row, "rich_text_reduced",
           "the choices of '" + name +
               "' are REDCap rich text: their words are kept, their formatting (bold, italics, "
               "colour, a link's address, an image) is not");
    }
    if (!rewritten.empty()) {
      // An export writes the numbers: data coded "01" in REDCap would not
      // match them, so say so, field by field.
      std::string listed;
      for (std::size_t i = 0; i < rewritten.size() && i < 5; ++i)
        listed += (i ? ", " : "") + rewritten[i];
      if (rewritten.size() > 5) listed += " and " + std::to_string(rewritten.size() - 5) + " more";
      warn(field.row, "choice_codes_rewritten",
           "choice codes of '" + name + "' are kept as whole numbers: " + listed +
               "; an export writes them so, and REDCap data coded as before must be recoded");
    }
    if (dont_know) {
      info.codes.push_back(dont_know->at("code").as_int64());
      item["dont_know"] = std::move(*dont_know);
    }
    item["type"] = type == "checkbox" ? "multiple_choice" : "single_choice";
    info.kind =
        type == "checkbox" ? FieldInfo::Kind::multiple_choice : FieldInfo::Kind::single_choice;
    std::size_t count = options.size();
    item["options"] = std::move(options);
    if (type == "checkbox") read_choice_limits(field, name, tags, count, item);
    return info;
  }

  void read_choice_limits(const Field& field, const std::string& name,
                          const std::vector<ActionTag>& tags, std::size_t count,
                          json::object& item) {
    std::optional<std::int64_t> limits[2];
    std::string_view names[2] = {tag::kMinChoices, tag::kMaxChecked};
    for (int i = 0; i < 2; ++i) {
      const ActionTag* limit = find_tag(tags, names[i]);
      if (limit == nullptr) continue;
      auto value = integer_of(limit->value);
      if (!value || *value < 1 || *value > static_cast<std::int64_t>(count)) {
        warn(field.row, "bad_action_tag",
             "@" + limit->name + "=" + limit->value + " of '" + name +
                 "' is not from 1 to the number of choices; ignored");
        continue;
      }
      limits[i] = value;
    }
    if (limits[0] && limits[1] && *limits[0] > *limits[1]) {
      warn(field.row, "bad_action_tag",
           "the minimum number of choices of '" + name + "' is above the maximum; both ignored");
      return;
    }
    if (limits[0]) item["min_choices"] = *limits[0];
    if (limits[1]) item["max_choices"] = *limits[1];
  }

 private:
  void warn(std::size_t row, std::string code, std::string message) {
    report_.warn(row, std::move(code), std::move(message));
  }
  void skip(const Field& field, const std::string& name, std::string code, std::string message) {
    report_.skip(field, name, std::move(code), std::move(message));
  }

  const std::string& language_;
  ImportReport& report_;
};

}  // namespace

void ImportReport::warn(std::size_t row, std::string code, std::string message) {
  result_.warnings.push_back({"row " + std::to_string(row), std::move(code), std::move(message)});
}

void ImportReport::skip(const Field& field, const std::string& name, std::string code,
                        std::string message) {
  warn(field.row, std::move(code), std::move(message));
  if (!name.empty()) result_.skipped_fields.insert(name);
}

std::optional<FieldInfo> read_item_type(const Field& field, const std::string& name,
                                        const std::string& type, const std::vector<ActionTag>& tags,
                                        const std::string& language, ImportReport& report,
                                        json::object& item) {
  return ItemTypeReader(language, report).describe_item(field, name, type, tags, item);
}

json::object text_in(const std::string& language, const std::string& text) {
  return json::object{{language, text}};
}

std::optional<double> number_of(std::string_view cell) {
  std::string text(trim(cell));
  if (text.empty() || text.find_first_not_of("-.0123456789") != std::string::npos) {
    return std::nullopt;
  }
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<std::int64_t> integer_of(std::string_view cell) {
  auto value = number_of(cell);
  if (!value || *value != std::floor(*value) || std::fabs(*value) > kMaxInteger) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(*value);
}

const ActionTag* find_tag(const std::vector<ActionTag>& tags, std::string_view name) {
  for (const ActionTag& tag : tags) {
    if (tag.name == name) return &tag;
  }
  return nullptr;
}

std::string field_type_list() {
  return "text, notes, dropdown, radio, checkbox, yesno, truefalse, calc, file, slider "
         "or descriptive";
}

}  // namespace parorende::redcap
