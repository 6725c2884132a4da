#include "questionnaire/internal/definition_fields.h"

#include <algorithm>
#include <cmath>

#include "common/json_input.h"
#include "questionnaire/questionnaire_loader.h"

namespace parorende::questionnaire_detail {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxTextLength = 20000;
// Integers (codes, bounds) beyond this would overflow code differences and
// sums.
constexpr std::int64_t kMaxInteger = 1'000'000'000'000;

std::string_view json_kind_name(const json::value& value) {
  switch (value.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: return "a number";
    case json::kind::string: return "a string";
    case json::kind::array: return "an array";
    case json::kind::object: return "an object";
  }
  return "?";
}

}  // namespace

std::string DefinitionFields::id_rule() {
  return "must start with a-z and hold only a-z, 0-9 and _ (at most 64 characters)";
}

void DefinitionFields::report(std::string where, std::string code, std::string message) {
  problems_.push_back({std::move(where), std::move(code), std::move(message)});
}

void DefinitionFields::wrong_type(const std::string& path, std::string_view expected,
                                  const json::value& found) {
  report(path, "wrong_type",
         "must be " + std::string(expected) + ", found " + std::string(json_kind_name(found)));
}

const json::object* DefinitionFields::expect_object(const json::value& value,
                                                    const std::string& path) {
  if (!value.is_object()) {
    wrong_type(path, "an object", value);
    return nullptr;
  }
  return &value.get_object();
}

void DefinitionFields::check_fields(const json::object& object, const std::string& path,
                                    std::initializer_list<std::string_view> allowed) {
  for (const auto& field : object) {
    if (std::find(allowed.begin(), allowed.end(), field.key()) == allowed.end()) {
      report(json_path_key(path, field.key()), "unknown_field",
             "unknown field '" + std::string(field.key()) + "'");
    }
  }
}

std::optional<std::string> DefinitionFields::optional_string(const json::object& object,
                                                             std::string_view key,
                                                             const std::string& path) {
  auto found = object.find(key);
  if (found == object.end()) return std::nullopt;
  // Paths are built for problems only: a definition can hold a million texts.
  if (!found->value().is_string()) {
    wrong_type(json_path_key(path, key), "a string", found->value());
    return std::nullopt;
  }
  const json::string& text = found->value().get_string();
  if (text.size() > kMaxTextLength * 4 || utf8_length(text) > kMaxTextLength) {
    report(json_path_key(path, key), "too_long",
           "is longer than " + std::to_string(kMaxTextLength) + " characters");
    return std::nullopt;
  }
  return std::string(text);
}

std::optional<std::string> DefinitionFields::optional_string(const json::object& object,
                                                             std::string_view key,
                                                             const std::string& grandparent,
                                                             std::string_view parent_key) {
  auto found = object.find(key);
  if (found == object.end()) return std::nullopt;
  const json::value& value = found->value();
  if (value.is_string() && value.get_string().size() <= kMaxTextLength) {
    return std::string(value.get_string());  // no more bytes than the limit has characters
  }
  return optional_string(object, key, json_path_key(grandparent, parent_key));
}

std::optional<std::string> DefinitionFields::required_string(const json::object& object,
                                                             std::string_view key,
                                                             const std::string& path) {
  if (!object.contains(key)) {
    report(json_path_key(path, key), "missing", "is required");
    return std::nullopt;
  }
  return optional_string(object, key, path);
}

std::optional<bool> DefinitionFields::optional_bool(const json::object& object,
                                                    std::string_view key, const std::string& path) {
  auto found = object.find(key);
  if (found == object.end()) return std::nullopt;
  if (!found->value().is_bool()) {
    wrong_type(json_path_key(path, key), "true or false", found->value());
    return std::nullopt;
  }
  return found->value().get_bool();
}

std::optional<double> DefinitionFields::optional_number(const json::object& object,
                                                        std::string_view key,
                                                        const std::string& path) {
  auto found = object.find(key);
  if (found == object.end()) return std::nullopt;
  if (!found->value().is_number()) {
    wrong_type(json_path_key(path, key), "a number", found->value());
    return std::nullopt;
  }
  return found->value().to_number<double>();
}

std::optional<std::int64_t> DefinitionFields::optional_integer(const json::object& object,
                                                               std::string_view key,
                                                               const std::string& path) {
  auto found = object.find(key);
  if (found == object.end()) return std::nullopt;
  const json::value& value = found->value();
  if (value.is_int64() && value.get_int64() >= -kMaxInteger && value.get_int64() <= kMaxInteger) {
    return value.get_int64();
  }
  if (value.is_uint64() && value.get_uint64() <= 1'000'000'000'000ULL) {
    return static_cast<std::int64_t>(value.get_uint64());
  }
  bool whole = value.is_double() && std::floor(value.get_double()) == value.get_double();
  if (whole && std::fabs(value.get_double()) <= 1e12) {
    return static_cast<std::int64_t>(value.get_double());
  }
  std::string field_path = json_path_key(path, key);
  if (value.is_int64() || value.is_uint64() || whole) {
    report(field_path, "out_of_range",
           "must be from -" + std::to_string(kMaxInteger) + " to " + std::to_string(kMaxInteger));
    return std::nullopt;
  }
  wrong_type(field_path, "an integer", value);
  return std::nullopt;
}

const json::array* DefinitionFields::optional_array(const json::object& object,
                                                    std::string_view key, const std::string& path,
                                                    bool required) {
  auto found = object.find(key);
  if (found == object.end()) {
    if (required) report(json_path_key(path, key), "missing", "is required");
    return nullptr;
  }
  if (!found->value().is_array()) {
    wrong_type(json_path_key(path, key), "an array", found->value());
    return nullptr;
  }
  return &found->value().get_array();
}

std::string DefinitionFields::read_unique_id(const json::object& object, const std::string& path,
                                             std::set<std::string>& seen, std::string_view what) {
  auto id = required_string(object, "id", path);
  if (!id) return "";
  if (!is_definition_id(*id)) report(json_path_key(path, "id"), "bad_id", id_rule());
  if (!seen.insert(*id).second) {
    report(json_path_key(path, "id"), "duplicate_id",
           std::string(what) + " id '" + *id + "' is used more than once");
  }
  return *id;
}

LocalizedText DefinitionFields::read_text(const json::object& object, std::string_view key,
                                          const std::string& path, bool required) {
  LocalizedText text;
  // The path is built for problems only: a definition can hold a million
  // texts (a REDCap field with 300,000 choices).
  auto text_path = [&] { return json_path_key(path, key); };
  auto found = object.find(key);
  if (found == object.end()) {
    if (required) report(text_path(), "missing", "is required");
    return text;
  }
  const json::object* by_language = found->value().if_object();
  if (by_language == nullptr) {
    expect_object(found->value(), text_path());
    return text;
  }
  for (const auto& entry : *by_language) {
    std::string language(entry.key());
    if (!is_language_tag(language)) {
      report(json_path_key(text_path(), language), "bad_language",
             "'" + language + "' is not a BCP-47 language tag");
      continue;
    }
    if (auto value = optional_string(*by_language, entry.key(), path, key)) {
      text.set(std::move(language), std::move(*value));
    }
  }
  if (languages_ == nullptr) return text;
  for (const std::string& language : *languages_) {
    if (!text.has(language)) {
      report(text_path(), "missing_language", "has no text in '" + language + "'");
    }
  }
  return text;
}

}  // namespace parorende::questionnaire_detail
