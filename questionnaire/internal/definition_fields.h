// Reading the JSON objects of a questionnaire definition field by field,
// collecting every problem with its JSON path instead of stopping at the
// first: an author fixing a file wants the whole list. The loader
// (questionnaire_loader.cpp) and the scale reader (scored_list_reader.h)
// are built on it. Internal to questionnaire/.
//
//   DefinitionFields fields;
//   fields.require_languages(questionnaire.languages);
//   if (const json::object* item = fields.expect_object(value, "$.sections[0].items[2]")) {
//     auto id = fields.required_string(*item, "id", "$.sections[0].items[2]");
//   }
//   if (!fields.problems().empty()) ...
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/localized_text.h"
#include "common/result.h"

namespace parorende::questionnaire_detail {

class DefinitionFields {
 public:
  // Every text read from now on must have these languages (the
  // questionnaire's, once read); `languages` must outlive this object.
  void require_languages(const std::vector<std::string>& languages) { languages_ = &languages; }

  std::vector<Problem>& problems() { return problems_; }

  // The rule is_definition_id checks, as a message.
  static std::string id_rule();

  void report(std::string where, std::string code, std::string message);
  void wrong_type(const std::string& path, std::string_view expected,
                  const boost::json::value& found);

  // The object `value` is, or nullptr after reporting that it is not one.
  const boost::json::object* expect_object(const boost::json::value& value,
                                           const std::string& path);
  // Reports each field of `object` that is not in `allowed` (a misspelt
  // field would otherwise be ignored without a word).
  void check_fields(const boost::json::object& object, const std::string& path,
                    std::initializer_list<std::string_view> allowed);

  // The optional_* functions return nullopt (or nullptr) when the field is
  // absent, and also after reporting a field of the wrong type or range.
  std::optional<std::string> optional_string(const boost::json::object& object,
                                             std::string_view key, const std::string& path);
  // The same, for an object found at `grandparent`.`parent_key`, whose path
  // is built only when there is a problem to report.
  std::optional<std::string> optional_string(const boost::json::object& object,
                                             std::string_view key, const std::string& grandparent,
                                             std::string_view parent_key);
  std::optional<std::string> required_string(const boost::json::object& object,
                                             std::string_view key, const std::string& path);
  std::optional<bool> optional_bool(const boost::json::object& object, std::string_view key,
                                    const std::string& path);
  std::optional<double> optional_number(const boost::json::object& object, std::string_view key,
                                        const std::string& path);
  // Whole numbers within ±10^12, written as integers or as whole doubles.
  std::optional<std::int64_t> optional_integer(const boost::json::object& object,
                                               std::string_view key, const std::string& path);
  const boost::json::array* optional_array(const boost::json::object& object, std::string_view key,
                                           const std::string& path, bool required);
  // The required "id" of an entry of a list: a definition id, unique among
  // `seen` (the list's ids so far, to which it is added). `what` names the
  // entry in messages ("scale"). Empty when missing.
  std::string read_unique_id(const boost::json::object& object, const std::string& path,
                             std::set<std::string>& seen, std::string_view what);
  // A text in several languages: {"nb": "...", "en": "..."}, with every
  // required language present.
  LocalizedText read_text(const boost::json::object& object, std::string_view key,
                          const std::string& path, bool required);

 private:
  std::vector<Problem> problems_;
  const std::vector<std::string>* languages_ = nullptr;
};

}  // namespace parorende::questionnaire_detail
