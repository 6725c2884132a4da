#include "interchange/redcap/equivalence.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <set>

#include "common/text.h"
#include "interchange/redcap/annotation.h"
#include "interchange/redcap/branching.h"
#include "interchange/redcap/json_writer.h"

namespace parorende::redcap {
namespace {

namespace json = boost::json;

struct NormalField {
  std::size_t row = 0;
  std::map<std::string, std::string> facets;  // facet name -> normalized text
};

struct NormalSection {
  std::size_t row = 0;
  std::string header;
  std::vector<std::string> opening;
  std::vector<NormalField> fields;
};

std::string clean(std::string_view cell) {
  std::string text;
  for (char c : trim(cell)) {
    if (c != '\r') text += c;
  }
  return text;
}

std::string number_text(std::string_view cell) {
  std::string text(trim(cell));
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  bool number = !text.empty() && end == text.c_str() + text.size() && std::isfinite(value);
  return number ? format_number(value) : text;
}

// JSON with every object's keys sorted, so that key order does not matter.
json::value sorted(const json::value& value) {
  if (value.is_array()) {
    json::array list;
    for (const json::value& element : value.get_array()) list.push_back(sorted(element));
    return list;
  }
  if (!value.is_object()) return value;
  std::vector<std::pair<std::string, json::value>> members;
  for (const auto& member : value.get_object()) {
    members.emplace_back(std::string(member.key()), sorted(member.value()));
  }
  std::sort(members.begin(), members.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  json::object object;
  for (auto& [key, member] : members) object[key] = std::move(member);
  return object;
}

// Whether parorende reads `tag` on a field of normalized `type`.
bool is_read(const std::string& tag, const std::string& type) {
  if (tag == tag::kCharLimit) return type == "text" || type == "notes";
  if (tag == tag::kMaxChecked || tag == tag::kMinChoices) return type == "multiple choice";
  if (tag == tag::kDontKnow || tag == tag::kMunicipality) return type == "single choice";
  if (tag == tag::kSection) return false;
  return tag.rfind("PARORENDE-", 0) == 0 && type == "single choice";  // scoring
}

std::string compared_tags(const std::vector<ActionTag>& tags, const std::string& type) {
  std::vector<std::string> kept;
  for (const ActionTag& tag : tags) {
    if (!is_read(tag.name, type)) continue;
    std::string value(trim(tag.value));
    if (!value.empty() && value.front() == '{') {
      boost::system::error_code error;
      json::value parsed = json::parse(value, error);
      if (!error) value = write_compact_json(sorted(parsed));
    }
    kept.push_back("@" + tag.name + (value.empty() ? "" : "=" + value));
  }
  std::sort(kept.begin(), kept.end());
  std::string text;
  for (const std::string& tag : kept) text += (text.empty() ? "" : " ") + tag;
  return text;
}

// The field type after normalization, and whether min/max are numbers.
std::string normal_type(const Field& field, bool& numeric_bounds, bool& date_bounds) {
  std::string type = ascii_lower(trim(field.type));
  std::string validation = ascii_lower(trim(field.validation));
  numeric_bounds = false;
  date_bounds = false;
  if (type == "dropdown" || type == "radio") return "single choice";
  if (type == "checkbox") return "multiple choice";
  if (type == "yesno" || type == "truefalse") return "yes/no";
  if (type == "slider") {
    numeric_bounds = true;
    return "integer";
  }
  if (type != "text") return type;
  if (validation == "integer" || validation == "int") {
    numeric_bounds = true;
    return "integer";
  }
  if (validation == "number" || validation == "float" || validation.rfind("number_", 0) == 0) {
    numeric_bounds = true;
    return "decimal";
  }
  if (validation.rfind("date_", 0) == 0) {
    date_bounds = true;
    return "date";
  }
  return "text";
}

NormalField normalize_field(const Field& field, const RoundTripLosses& losses,
                            const std::vector<ActionTag>& tags) {
  NormalField normal;
  normal.row = field.row;
  auto& facets = normal.facets;
  bool numeric_bounds = false;
  bool date_bounds = false;
  facets["type"] = normal_type(field, numeric_bounds, date_bounds);
  facets["label"] = clean(field.label);
  facets["field note"] = clean(field.note);
  facets["required"] = is_yes(field.required) ? "y" : "n";
  facets["identifier"] = is_yes(field.identifier) ? "y" : "n";
  facets["action tags"] = compared_tags(tags, facets["type"]);
  bool is_choice = facets["type"] == "single choice" || facets["type"] == "multiple choice";
  bool municipality = std::any_of(tags.begin(), tags.end(), [](const ActionTag& tag) {
    return tag.name == tag::kMunicipality;
  });
  if (is_choice && !municipality) {
    auto choices = parse_choices(field.choices);
    facets["choices"] = choices ? format_choices(choices.value()) : clean(field.choices);
  }
  if (numeric_bounds) {
    bool slider = ascii_lower(trim(field.type)) == "slider";
    std::string min = number_text(field.validation_min);
    std::string max = number_text(field.validation_max);
    facets["validation min"] = min.empty() && slider ? "0" : min;
    facets["validation max"] = max.empty() && slider ? "100" : max;
  } else if (date_bounds) {
    facets["validation min"] = clean(field.validation_min);
    facets["validation max"] = clean(field.validation_max);
  }
  std::string name(trim(field.name));
  if (losses.fields_without_logic.count(name) == 0) {
    auto logic = normalize_branching_logic(field.branching_logic);
    facets["branching logic"] =
        logic ? logic.value() : "unreadable: " + clean(field.branching_logic);
  }
  return normal;
}

std::vector<NormalSection> normalize(const std::vector<Field>& fields,
                                     const RoundTripLosses& losses) {
  std::vector<NormalSection> sections;
  std::optional<NormalSection> current;
  std::string form;
  auto close = [&]() {
    if (current && !current->fields.empty()) sections.push_back(std::move(*current));
    current.reset();
  };
  std::set<std::string> seen;
  for (const Field& field : fields) {
    std::string header = clean(field.section_header);
    std::string field_form(trim(field.form));
    if (!current || !header.empty() || field_form != form) {
      close();
      current = NormalSection{};
      current->row = field.row;
      current->header = header.empty() ? field_form : header;
    }
    form = field_form;
    std::string name(trim(field.name));
    // The first field is REDCap's record ID; a repeated name counts once.
    bool first = seen.empty();
    if (name.empty() || !seen.insert(name).second || first) continue;
    if (losses.skipped_fields.count(name) != 0) continue;
    if (ascii_lower(trim(field.type)) == "descriptive") {
      if (current->fields.empty()) current->opening.push_back(clean(field.label));
      continue;
    }
    NormalField normal = normalize_field(field, losses, parse_action_tags(field.annotation));
    normal.facets["name"] = name;
    current->fields.push_back(std::move(normal));
  }
  close();
  return sections;
}

std::string row_text(std::size_t row) {
  return row == 0 ? "" : " (row " + std::to_string(row) + ")";
}

void compare_fields(const NormalField& a, const NormalField& b,
                    std::vector<std::string>& differences) {
  const std::string& name = a.facets.at("name");
  for (const auto& [facet, value] : a.facets) {
    auto other = b.facets.find(facet);
    std::string other_value = other == b.facets.end() ? "(none)" : other->second;
    if (value != other_value) {
      differences.push_back("field '" + name + "'" + row_text(a.row) + " vs" + row_text(b.row) +
                            ": " + facet + " '" + value + "' vs '" + other_value + "'");
    }
  }
  for (const auto& [facet, value] : b.facets) {
    if (a.facets.count(facet) == 0) {
      differences.push_back("field '" + name + "'" + row_text(a.row) + ": " + facet +
                            " only after the round trip: '" + value + "'");
    }
  }
}

}  // namespace

std::vector<std::string> dictionary_differences(const std::vector<Field>& original,
                                                const std::vector<Field>& round_trip,
                                                const RoundTripLosses& losses) {
  std::vector<std::string> differences;
  auto a = normalize(original, losses);
  auto b = normalize(round_trip, losses);
  if (a.size() != b.size()) {
    differences.push_back(std::to_string(a.size()) + " sections vs " + std::to_string(b.size()));
  }
  for (std::size_t s = 0; s < std::min(a.size(), b.size()); ++s) {
    std::string where = "section " + std::to_string(s + 1) + row_text(a[s].row);
    if (a[s].header != b[s].header) {
      differences.push_back(where + ": header '" + a[s].header + "' vs '" + b[s].header + "'");
    }
    if (a[s].opening != b[s].opening) {
      differences.push_back(where + ": the opening descriptive text differs");
    }
    std::size_t count = std::min(a[s].fields.size(), b[s].fields.size());
    if (a[s].fields.size() != b[s].fields.size()) {
      differences.push_back(where + ": " + std::to_string(a[s].fields.size()) + " fields vs " +
                            std::to_string(b[s].fields.size()));
    }
    for (std::size_t f = 0; f < count; ++f) {
      compare_fields(a[s].fields[f], b[s].fields[f], differences);
    }
  }
  return differences;
}

}  // namespace parorende::redcap
