// One table as JSON:
//   {"table": name, "label": {"nb", "en"}, "variables": [...],
//    "rows": [{variable: number | text | null, ...}, ...],
//    "suppressed": [{"row": index into rows, "variable": name}, ...]}
// null is a cell without a value; "suppressed" tells which of those were
// withheld by disclosure control, the others being undefined.
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/string.hpp>
#include <cmath>
#include <cstdint>
#include <string>
#include <variant>

#include "analytics/export/encoders.h"

namespace parorende::analytics {
namespace {

namespace json = boost::json;

json::object labels(const std::string& nb, const std::string& en) {
  return {{"nb", nb}, {"en", en}};
}

// Labelled values are whole numbers once validated; the codebook may also
// describe a table that was not, so anything else stays a double (or null).
json::value label_value(double value) {
  if (!std::isfinite(value)) return nullptr;
  if (value == std::floor(value) && std::fabs(value) < 9007199254740992.0)
    return static_cast<std::int64_t>(value);
  return value;
}

std::string quoted(const std::string& text) { return json::serialize(json::string(text)); }

// Boost.JSON writes doubles as 6.125E1; the rows are written by hand so
// numbers read as people write them, in shortest round-trip form.
std::string cell_json(const ExportCell& cell) {
  if (const double* number = std::get_if<double>(&cell)) return shortest_number(*number);
  if (const std::string* text = std::get_if<std::string>(&cell)) return quoted(*text);
  return "null";
}

}  // namespace

json::array variables_json(const ExportTable& table) {
  json::array variables;
  for (const ExportVariable& variable : table.variables) {
    bool is_number = variable.type == ExportVariable::Type::number;
    json::object object{{"name", variable.name},
                        {"label", labels(variable.label_nb, variable.label_en)},
                        {"type", is_number ? "number" : "text"}};
    if (is_number) object.emplace("decimals", variable.decimals);
    if (!variable.value_labels.empty()) {
      json::array value_labels;
      for (const ValueLabel& label : variable.value_labels)
        value_labels.push_back({{"value", label_value(label.value)},
                                {"label", labels(label.label_nb, label.label_en)}});
      object.emplace("value_labels", std::move(value_labels));
    }
    variables.push_back(std::move(object));
  }
  return variables;
}

std::string encode_json(const ExportTable& table) {
  std::string out = "{\"table\":" + quoted(table.name) +
                    ",\"label\":" + json::serialize(labels(table.label_nb, table.label_en)) +
                    ",\"variables\":" + json::serialize(variables_json(table)) + ",\"rows\":[";
  json::array suppressed;
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    out += r == 0 ? "\n{" : ",\n{";
    const auto& row = table.rows[r];
    for (std::size_t c = 0; c < row.size(); ++c) {
      const std::string& name = table.variables[c].name;
      if (c > 0) out += ',';
      out += quoted(name) + ':' + cell_json(row[c]);
      if (std::holds_alternative<Suppressed>(row[c]))
        suppressed.push_back({{"row", r}, {"variable", name}});
    }
    out += '}';
  }
  out += table.rows.empty() ? "]" : "\n]";
  out += ",\"suppressed\":" + json::serialize(suppressed) + "}\n";
  return out;
}

}  // namespace parorende::analytics
