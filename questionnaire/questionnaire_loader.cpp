#include "questionnaire/questionnaire_loader.h"

#include <algorithm>
#include <set>
#include <unordered_set>

#include "common/json_input.h"
#include "questionnaire/internal/definition_fields.h"
#include "questionnaire/internal/scored_list_reader.h"

namespace parorende {
namespace {

namespace json = boost::json;

constexpr std::string_view kFormat = "parorende-questionnaire/1";
constexpr std::size_t kMaxIdLength = kMaxDefinitionIdLength;
constexpr int kMaxTextItemLength = 20000;
constexpr int kMaxMinRespondents = 1000;

std::optional<ItemType> parse_item_type(std::string_view name) {
  static constexpr std::pair<std::string_view, ItemType> kTypes[] = {
      {"single_choice", ItemType::single_choice},
      {"multiple_choice", ItemType::multiple_choice},
      {"yes_no", ItemType::yes_no},
      {"integer", ItemType::integer},
      {"decimal", ItemType::decimal},
      {"text", ItemType::text},
      {"date", ItemType::date},
      {"municipality", ItemType::municipality}};
  for (auto [type_name, type] : kTypes) {
    if (type_name == name) return type;
  }
  return std::nullopt;
}

ValueKind value_kind(ItemType type) {
  switch (type) {
    case ItemType::single_choice:
    case ItemType::integer:
    case ItemType::decimal: return ValueKind::number;
    case ItemType::multiple_choice: return ValueKind::code_set;
    case ItemType::yes_no: return ValueKind::boolean;
    case ItemType::date: return ValueKind::date;
    case ItemType::text:
    case ItemType::municipality: return ValueKind::text;
  }
  return ValueKind::text;
}

struct OptionSet {
  std::vector<ChoiceOption> options;
  std::optional<ChoiceOption> dont_know;
};

// Reads a definition, collecting every problem instead of stopping at the
// first. The scales and burden instruments are read by ScoredListReader.
class DefinitionReader : public questionnaire_detail::DefinitionFields {
 public:
  DefinitionReader() { require_languages(questionnaire_.languages); }

  Result<Questionnaire> read(const json::value& root) {
    const json::object* top = expect_object(root, "$");
    if (top == nullptr) return finish();
    check_fields(
        *top, "$",
        {"format", "id", "version", "languages", "default_language", "title", "description",
         "consent", "option_sets", "sections", "scales", "burden_instruments", "min_respondents"});
    auto format = required_string(*top, "format", "$");
    if (format && *format != kFormat) {
      report("$.format", "bad_format",
             "must be \"" + std::string(kFormat) + "\", found \"" + *format + "\"");
    }
    if (auto id = required_string(*top, "id", "$")) {
      if (!is_definition_id(*id)) report("$.id", "bad_id", id_rule());
      questionnaire_.id = *id;
    }
    if (auto version = required_string(*top, "version", "$")) {
      if (version->empty() || version->size() > kMaxIdLength) {
        report("$.version", "bad_version", "must be 1 to 64 characters");
      }
      questionnaire_.version = *version;
    }
    read_languages(*top);
    questionnaire_.title = read_text(*top, "title", "$", true);
    questionnaire_.description = read_text(*top, "description", "$", false);
    read_consent(*top);
    if (auto floor = optional_integer(*top, "min_respondents", "$")) {
      if (*floor < 1 || *floor > kMaxMinRespondents) {
        report("$.min_respondents", "out_of_range",
               "must be 1 to " + std::to_string(kMaxMinRespondents) + ", found " +
                   std::to_string(*floor));
      } else {
        questionnaire_.min_respondents = static_cast<int>(*floor);
      }
    }
    read_option_sets(*top);
    read_sections(*top);
    check_expressions();
    questionnaire_detail::ScoredListReader scored(questionnaire_);
    scored.read(*top);
    problems().insert(problems().end(), scored.problems().begin(), scored.problems().end());
    return finish();
  }

 private:
  Result<Questionnaire> finish() {
    if (!problems().empty()) {
      std::string summary = "the definition has " + std::to_string(problems().size()) +
                            (problems().size() == 1 ? " problem" : " problems");
      return make_error("invalid_definition", summary, std::move(problems()));
    }
    return std::move(questionnaire_);
  }

  void read_languages(const json::object& top) {
    const json::array* languages = optional_array(top, "languages", "$", true);
    if (languages == nullptr) return;
    if (languages->empty()) report("$.languages", "empty", "must name at least one language");
    for (std::size_t i = 0; i < languages->size(); ++i) {
      std::string path = json_path_index("$.languages", i);
      const json::value& language = (*languages)[i];
      if (!language.is_string()) {
        wrong_type(path, "a language tag", language);
        continue;
      }
      std::string tag(language.get_string());
      if (!is_language_tag(tag)) {
        report(path, "bad_language", "'" + tag + "' is not a BCP-47 language tag");
      } else if (std::find(questionnaire_.languages.begin(), questionnaire_.languages.end(), tag) !=
                 questionnaire_.languages.end()) {
        report(path, "duplicate_language", "'" + tag + "' is listed twice");
      } else {
        questionnaire_.languages.push_back(tag);
      }
    }
    if (auto default_language = optional_string(top, "default_language", "$")) {
      if (std::find(questionnaire_.languages.begin(), questionnaire_.languages.end(),
                    *default_language) == questionnaire_.languages.end()) {
        report("$.default_language", "bad_language",
               "'" + *default_language + "' is not one of 'languages'");
      }
      questionnaire_.default_language = *default_language;
    } else if (!questionnaire_.languages.empty()) {
      questionnaire_.default_language = questionnaire_.languages.front();
    }
  }

  void read_consent(const json::object& top) {
    auto found = top.find("consent");
    if (found == top.end()) return;
    const json::object* consent = expect_object(found->value(), "$.consent");
    if (consent == nullptr) return;
    check_fields(
        *consent, "$.consent",
        {"version", "text", "shares_comments", "publishes_results", "tracks_participation"});
    Consent result;
    if (auto version = required_string(*consent, "version", "$.consent")) {
      if (version->empty()) report("$.consent.version", "empty", "must not be empty");
      result.version = *version;
    }
    result.text = read_text(*consent, "text", "$.consent", true);
    result.shares_comments =
        optional_bool(*consent, "shares_comments", "$.consent").value_or(false);
    result.publishes_results =
        optional_bool(*consent, "publishes_results", "$.consent").value_or(false);
    result.tracks_participation =
        optional_bool(*consent, "tracks_participation", "$.consent").value_or(false);
    questionnaire_.consent = std::move(result);
  }

  std::optional<ChoiceOption> read_option(const json::value& value, const std::string& path) {
    const json::object* object = expect_object(value, path);
    if (object == nullptr) return std::nullopt;
    check_fields(*object, path, {"code", "label"});
    ChoiceOption option;
    if (!object->contains("code")) {
      report(json_path_key(path, "code"), "missing", "is required");
      return std::nullopt;
    }
    auto code = optional_integer(*object, "code", path);
    option.label = read_text(*object, "label", path, true);
    if (!code) return std::nullopt;
    option.code = *code;
    return option;
  }

  // Reads `options` and `dont_know` of an item or an option set.
  OptionSet read_options(const json::object& object, const std::string& path) {
    OptionSet set;
    if (const json::array* options = optional_array(object, "options", path, true)) {
      if (options->size() < 2) {
        report(json_path_key(path, "options"), "too_few_options", "needs at least two options");
      }
      // A hash set: a REDCap dictionary can give a field 300,000 choices.
      std::unordered_set<std::int64_t> codes;
      codes.reserve(options->size());
      set.options.reserve(options->size());
      const std::string options_path = json_path_key(path, "options");
      std::string option_path;
      for (std::size_t i = 0; i < options->size(); ++i) {
        // One buffer for every option's path: no allocation per option.
        option_path.assign(options_path).append("[").append(std::to_string(i)).append("]");
        auto option = read_option((*options)[i], option_path);
        if (!option) continue;
        if (!codes.insert(option->code).second) {
          report(json_path_key(option_path, "code"), "duplicate_code",
                 "code " + std::to_string(option->code) + " is used twice");
        }
        set.options.push_back(std::move(*option));
      }
    }
    auto dont_know = object.find("dont_know");
    if (dont_know != object.end()) {
      std::string dont_know_path = json_path_key(path, "dont_know");
      set.dont_know = read_option(dont_know->value(), dont_know_path);
      if (set.dont_know) {
        for (const ChoiceOption& option : set.options) {
          if (option.code == set.dont_know->code) {
            report(json_path_key(dont_know_path, "code"), "duplicate_code",
                   "code " + std::to_string(option.code) + " is also a substantive option");
          }
        }
      }
    }
    return set;
  }

  void read_option_sets(const json::object& top) {
    auto found = top.find("option_sets");
    if (found == top.end()) return;
    const json::object* sets = expect_object(found->value(), "$.option_sets");
    if (sets == nullptr) return;
    for (const auto& entry : *sets) {
      std::string path = json_path_key("$.option_sets", entry.key());
      if (!is_definition_id(entry.key())) report(path, "bad_id", id_rule());
      const json::object* set = expect_object(entry.value(), path);
      if (set == nullptr) continue;
      check_fields(*set, path, {"options", "dont_know"});
      option_sets_[std::string(entry.key())] = read_options(*set, path);
    }
  }

  void claim_id(const std::string& id, const std::string& path) {
    if (!is_definition_id(id)) {
      report(path, "bad_id", "'" + id + "' " + id_rule());
    } else if (!ids_.insert(id).second) {
      report(path, "duplicate_id", "id '" + id + "' is used more than once");
    }
  }

  std::optional<Expression> read_expression(const json::object& object, std::string_view key,
                                            const std::string& path, const std::string& owner) {
    auto source = optional_string(object, key, path);
    if (!source) return std::nullopt;
    auto expression = Expression::parse(*source);
    if (!expression) {
      report(json_path_key(path, key), "bad_expression",
             owner + ": " + std::string(key) + ": " + expression.error().message);
      return std::nullopt;
    }
    return std::move(expression).value();
  }

  void read_sections(const json::object& top) {
    const json::array* sections = optional_array(top, "sections", "$", true);
    if (sections == nullptr) return;
    if (sections->empty()) report("$.sections", "empty", "needs at least one section");
    for (std::size_t s = 0; s < sections->size(); ++s) {
      std::string path = json_path_index("$.sections", s);
      const json::object* object = expect_object((*sections)[s], path);
      if (object == nullptr) continue;
      check_fields(*object, path, {"id", "title", "description", "visible_if", "items"});
      Section section;
      if (auto id = required_string(*object, "id", path)) {
        claim_id(*id, json_path_key(path, "id"));
        section.id = *id;
      }
      section.title = read_text(*object, "title", path, true);
      section.description = read_text(*object, "description", path, false);
      section.visible_if =
          read_expression(*object, "visible_if", path, "section '" + section.id + "'");
      section_paths_.push_back(path);
      section_first_item_.push_back(questionnaire_.items.size());
      if (const json::array* items = optional_array(*object, "items", path, true)) {
        if (items->empty()) {
          report(json_path_key(path, "items"), "empty", "needs at least one item");
        }
        for (std::size_t i = 0; i < items->size(); ++i) {
          std::string item_path = json_path_index(json_path_key(path, "items"), i);
          if (auto item = read_item((*items)[i], item_path)) {
            item->section_index = questionnaire_.sections.size();
            section.item_indexes.push_back(questionnaire_.items.size());
            if (!item->id.empty()) {
              questionnaire_.item_index_by_id.emplace(item->id, questionnaire_.items.size());
            }
            questionnaire_.items.push_back(std::move(*item));
            item_paths_.push_back(item_path);
          }
        }
      }
      questionnaire_.sections.push_back(std::move(section));
    }
  }

  std::optional<Item> read_item(const json::value& value, const std::string& path) {
    const json::object* object = expect_object(value, path);
    if (object == nullptr) return std::nullopt;
    Item item;
    if (auto id = required_string(*object, "id", path)) {
      claim_id(*id, json_path_key(path, "id"));
      item.id = *id;
    }
    std::string owner = "item '" + item.id + "'";
    auto type_name = required_string(*object, "type", path);
    std::optional<ItemType> type;
    if (type_name) {
      type = parse_item_type(*type_name);
      if (!type) {
        report(json_path_key(path, "type"), "bad_type",
               "unknown item type '" + *type_name +
                   "'; expected single_choice, multiple_choice, yes_no, integer, "
                   "decimal, text, date or municipality");
      }
    }
    std::vector<std::string_view> allowed = {"id",       "type",       "text",       "help",
                                             "required", "visible_if", "constraints"};
    auto allow = [&allowed](std::initializer_list<std::string_view> more) {
      allowed.insert(allowed.end(), more);
    };
    item.text = read_text(*object, "text", path, true);
    item.help = read_text(*object, "help", path, false);
    item.required = optional_bool(*object, "required", path).value_or(false);
    item.visible_if = read_expression(*object, "visible_if", path, owner);
    // Without a type the item is not built, but what every item has is
    // still checked: the author gets the whole list at once.
    if (!type) {
      std::size_t paths = constraint_paths_[item.id].size();
      read_constraints(*object, path, owner, item);
      constraint_paths_[item.id].resize(paths);  // of an item that is not kept
      return std::nullopt;
    }
    item.type = *type;

    switch (item.type) {
      case ItemType::single_choice:
      case ItemType::multiple_choice:
        allow({"options", "option_set"});
        if (item.type == ItemType::single_choice) allow({"dont_know"});
        if (item.type == ItemType::multiple_choice) allow({"min_choices", "max_choices"});
        read_item_options(*object, path, item);
        break;
      case ItemType::integer:
      case ItemType::decimal:
        allow({"min", "max"});
        read_number_bounds(*object, path, item);
        break;
      case ItemType::text:
        allow({"max_length", "multiline"});
        if (auto max_length = optional_integer(*object, "max_length", path)) {
          if (*max_length < 1 || *max_length > kMaxTextItemLength) {
            report(json_path_key(path, "max_length"), "out_of_range",
                   "must be from 1 to " + std::to_string(kMaxTextItemLength));
          } else {
            item.max_length = static_cast<int>(*max_length);
          }
        }
        item.multiline = optional_bool(*object, "multiline", path).value_or(false);
        break;
      case ItemType::date:
        allow({"min", "max"});
        item.min_date = read_date(*object, "min", path);
        item.max_date = read_date(*object, "max", path);
        if (item.min_date && item.max_date && *item.min_date > *item.max_date) {
          report(json_path_key(path, "min"), "bad_range", "is after max");
        }
        break;
      case ItemType::yes_no:
      case ItemType::municipality: break;
    }
    std::vector<std::string_view> allowed_list = allowed;
    for (const auto& field : *object) {
      if (std::find(allowed_list.begin(), allowed_list.end(), field.key()) == allowed_list.end()) {
        report(json_path_key(path, field.key()), "unknown_field",
               "field '" + std::string(field.key()) + "' is not allowed on a " +
                   std::string(item_type_name(item.type)) + " item");
      }
    }
    read_constraints(*object, path, owner, item);
    return item;
  }

  void read_item_options(const json::object& object, const std::string& path, Item& item) {
    auto set_name = optional_string(object, "option_set", path);
    if (set_name) {
      if (object.contains("options") || object.contains("dont_know")) {
        report(path, "conflicting_options",
               "has both 'option_set' and its own 'options' or 'dont_know'");
      }
      auto found = option_sets_.find(*set_name);
      if (found == option_sets_.end()) {
        report(json_path_key(path, "option_set"), "unknown_option_set",
               "no option set named '" + *set_name + "'");
        return;
      }
      item.options = found->second.options;
      item.dont_know = found->second.dont_know;
      if (item.type == ItemType::multiple_choice && item.dont_know) {
        report(json_path_key(path, "option_set"), "bad_option_set",
               "a multiple-choice item cannot use an option set with 'dont_know'");
      }
    } else if (!object.contains("option_set")) {
      OptionSet set = read_options(object, path);
      item.options = std::move(set.options);
      item.dont_know = std::move(set.dont_know);
    }
    if (item.type != ItemType::multiple_choice) return;
    auto min_choices = optional_integer(object, "min_choices", path);
    auto max_choices = optional_integer(object, "max_choices", path);
    auto count = static_cast<std::int64_t>(item.options.size());
    if (min_choices && (*min_choices < 1 || *min_choices > count)) {
      report(json_path_key(path, "min_choices"), "out_of_range",
             "must be from 1 to the number of options");
    } else if (min_choices) {
      item.min_choices = static_cast<int>(*min_choices);
    }
    if (max_choices && (*max_choices < 1 || *max_choices > count)) {
      report(json_path_key(path, "max_choices"), "out_of_range",
             "must be from 1 to the number of options");
    } else if (max_choices) {
      item.max_choices = static_cast<int>(*max_choices);
    }
    if (item.min_choices && item.max_choices && *item.min_choices > *item.max_choices) {
      report(json_path_key(path, "min_choices"), "bad_range", "is above max_choices");
    }
  }

  void read_number_bounds(const json::object& object, const std::string& path, Item& item) {
    if (item.type == ItemType::integer) {
      if (auto min = optional_integer(object, "min", path)) item.min = double(*min);
      if (auto max = optional_integer(object, "max", path)) item.max = double(*max);
    } else {
      item.min = optional_number(object, "min", path);
      item.max = optional_number(object, "max", path);
    }
    if (item.min && item.max && *item.min > *item.max) {
      report(json_path_key(path, "min"), "bad_range", "is above max");
    }
  }

  std::optional<Date> read_date(const json::object& object, std::string_view key,
                                const std::string& path) {
    auto text = optional_string(object, key, path);
    if (!text) return std::nullopt;
    auto date = parse_iso_date(*text);
    if (!date) {
      report(json_path_key(path, key), "invalid_date",
             "'" + *text + "' is not a date written YYYY-MM-DD");
    }
    return date;
  }

  void read_constraints(const json::object& object, const std::string& path,
                        const std::string& owner, Item& item) {
    const json::array* constraints = optional_array(object, "constraints", path, false);
    if (constraints == nullptr) return;
    for (std::size_t i = 0; i < constraints->size(); ++i) {
      std::string constraint_path = json_path_index(json_path_key(path, "constraints"), i);
      const json::object* constraint = expect_object((*constraints)[i], constraint_path);
      if (constraint == nullptr) continue;
      check_fields(*constraint, constraint_path, {"expression", "message"});
      if (!constraint->contains("expression")) {
        report(json_path_key(constraint_path, "expression"), "missing", "is required");
      }
      auto expression = read_expression(*constraint, "expression", constraint_path, owner);
      LocalizedText message = read_text(*constraint, "message", constraint_path, true);
      if (expression) {
        item.constraints.push_back({std::move(*expression), std::move(message)});
        constraint_paths_[item.id].push_back(json_path_key(constraint_path, "expression"));
      }
    }
  }

  // Checks that each expression reads only items before the point where it is
  // decided, and that it compares like with like.
  void check_expression(const Expression& expression, std::size_t first_later_item,
                        const std::string& path, const std::string& owner, std::string_view field) {
    for (const std::string& referenced : expression.referenced_items()) {
      auto index = questionnaire_.item_index(referenced);
      if (index && *index >= first_later_item) {
        report(path, "later_item",
               owner + ": " + std::string(field) + " refers to '" + referenced +
                   "', which does not come before it");
      }
    }
    auto kind_of = [this](std::string_view id) -> std::optional<ValueKind> {
      const Item* item = questionnaire_.find_item(id);
      if (item == nullptr) return std::nullopt;
      return value_kind(item->type);
    };
    for (const Problem& problem : expression.check(kind_of)) {
      report(path, "bad_expression",
             owner + ": " + std::string(field) + ": " + problem.where + ": " + problem.message);
    }
  }

  void check_expressions() {
    for (std::size_t s = 0; s < questionnaire_.sections.size(); ++s) {
      const Section& section = questionnaire_.sections[s];
      if (section.visible_if) {
        check_expression(*section.visible_if, section_first_item_[s],
                         json_path_key(section_paths_[s], "visible_if"),
                         "section '" + section.id + "'", "visible_if");
      }
    }
    for (std::size_t i = 0; i < questionnaire_.items.size(); ++i) {
      const Item& item = questionnaire_.items[i];
      std::string owner = "item '" + item.id + "'";
      if (item.visible_if) {
        check_expression(*item.visible_if, i, json_path_key(item_paths_[i], "visible_if"), owner,
                         "visible_if");
      }
      const auto& paths = constraint_paths_[item.id];
      for (std::size_t c = 0; c < item.constraints.size() && c < paths.size(); ++c) {
        check_expression(item.constraints[c].expression, i + 1, paths[c], owner, "constraint");
      }
    }
  }

  Questionnaire questionnaire_;
  std::set<std::string> ids_;
  std::map<std::string, OptionSet> option_sets_;
  std::vector<std::string> section_paths_;
  std::vector<std::size_t> section_first_item_;
  std::vector<std::string> item_paths_;
  std::map<std::string, std::vector<std::string>> constraint_paths_;
};

}  // namespace

Result<Questionnaire> load_questionnaire(const boost::json::value& definition) {
  return DefinitionReader().read(definition);
}

Result<Questionnaire> load_questionnaire_text(std::string_view text) {
  auto parsed = parse_json(text);
  if (!parsed) {
    Error error = parsed.take_error();
    return make_error("invalid_definition", error.message, {{"$", "invalid_json", error.message}});
  }
  return load_questionnaire(parsed.value());
}

Result<Questionnaire> load_questionnaire_file(const std::string& path) {
  auto text = read_text_file(path);
  if (!text) return text.take_error();
  return load_questionnaire_text(text.value());
}

bool is_reserved_section_id(std::string_view id) { return id == "consent" || id == "check"; }

Status check_new_version(const Questionnaire& questionnaire) {
  std::vector<Problem> problems;
  for (std::size_t s = 0; s < questionnaire.sections.size(); ++s) {
    const std::string& id = questionnaire.sections[s].id;
    if (!is_reserved_section_id(id)) continue;
    problems.push_back({json_path_key(json_path_index("$.sections", s), "id"), "reserved_id",
                        "'" + id +
                            "' is a page of the survey itself (consent, check); give the section "
                            "another id"});
  }
  if (problems.empty()) return {};
  return make_error("invalid_definition",
                    "the definition has " + std::to_string(problems.size()) + " problem" +
                        (problems.size() == 1 ? "" : "s"),
                    std::move(problems));
}

bool is_definition_id(std::string_view id) {
  if (id.empty() || id.size() > kMaxDefinitionIdLength) return false;
  if (id.front() < 'a' || id.front() > 'z') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace parorende
