#include "interchange/redcap/export.h"

#include <algorithm>
#include <boost/json/value.hpp>
#include <map>
#include <optional>
#include <set>

#include "interchange/redcap/annotation.h"
#include "interchange/redcap/branching.h"
#include "interchange/redcap/json_writer.h"
#include "reference/municipalities.h"

namespace parorende::redcap {
namespace {

namespace json = boost::json;

// REDCap shows long option lists better as a dropdown than as radio buttons.
constexpr std::size_t kMostRadioChoices = 10;
constexpr int kDefaultMaxLength = 2000;  // docs/questionnaire-format.md

std::string item_where(const std::string& id) { return "item '" + id + "'"; }

FieldInfo field_info(const Item& item) {
  FieldInfo info;
  switch (item.type) {
    case ItemType::single_choice: info.kind = FieldInfo::Kind::single_choice; break;
    case ItemType::multiple_choice: info.kind = FieldInfo::Kind::multiple_choice; break;
    case ItemType::yes_no: info.kind = FieldInfo::Kind::yes_no; break;
    case ItemType::integer:
    case ItemType::decimal: info.kind = FieldInfo::Kind::number; break;
    case ItemType::date: info.kind = FieldInfo::Kind::date; break;
    case ItemType::text: info.kind = FieldInfo::Kind::text; break;
    case ItemType::municipality: info.kind = FieldInfo::Kind::municipality; break;
  }
  for (const ChoiceOption& option : item.options) info.codes.push_back(option.code);
  if (item.dont_know) info.codes.push_back(item.dont_know->code);
  return info;
}

class Exporter {
 public:
  Exporter(const Questionnaire& questionnaire, std::string language)
      : questionnaire_(questionnaire), language_(std::move(language)) {
    for (const Item& item : questionnaire_.items) {
      fields_.emplace(item.id, field_info(item));
      taken_names_.insert(item.id);
    }
    plan_scoring_tags();
  }

  Export run() {
    // REDCap takes the first field as the record's identifier.
    Field record_id;
    record_id.name = unique_name("record_id");
    record_id.form = questionnaire_.id;
    record_id.type = "text";
    record_id.label = "Record ID";
    result_.fields.push_back(std::move(record_id));
    for (const Section& section : questionnaire_.sections) export_section(section);
    return std::move(result_);
  }

 private:
  const std::string& text(const LocalizedText& localized) const { return localized.in(language_); }

  void warn(const std::string& where, std::string code, std::string message) {
    result_.warnings.push_back({where, std::move(code), std::move(message)});
  }

  // Which scale and instrument tags each item carries; the first member of
  // each also carries its definition.
  void plan_scoring_tags() {
    auto first_member = [this](const std::vector<std::string>& items) {
      std::optional<std::size_t> first;
      for (const std::string& id : items) {
        auto index = questionnaire_.item_index(id);
        if (index && (!first || *index < *first)) first = index;
      }
      return first ? questionnaire_.items[*first].id : std::string();
    };
    auto member_tags = [this](const std::vector<std::string>& items,
                              const std::vector<std::string>& reverse, const std::string& id,
                              std::string_view member, std::string_view reversed) {
      for (const std::string& item : items) {
        bool is_reverse = std::find(reverse.begin(), reverse.end(), item) != reverse.end();
        scoring_tags_[item].push_back({std::string(is_reverse ? reversed : member), id});
      }
    };
    for (const Scale& scale : questionnaire_.scales) {
      member_tags(scale.items, scale.reverse_items, scale.id, tag::kScale, tag::kScaleReverse);
      json::object definition{{"id", scale.id}, {"title", text(scale.title)}};
      if (!scale.description.empty()) definition["description"] = text(scale.description);
      definition["min_answered"] = scale.min_answered_share;
      scoring_tags_[first_member(scale.items)].push_back(
          {std::string(tag::kScaleDefinition), write_compact_json(definition)});
    }
    for (const BurdenInstrument& instrument : questionnaire_.burden_instruments) {
      member_tags(instrument.items, instrument.reverse_items, instrument.id, tag::kBurden,
                  tag::kBurdenReverse);
      json::object definition{{"id", instrument.id}, {"title", text(instrument.title)}};
      definition["min_answered"] = instrument.min_answered_share;
      json::array categories;
      for (const BurdenCategory& category : instrument.categories) {
        json::object entry{{"id", category.id},
                           {"min", category.min},
                           {"max", category.max},
                           {"label", text(category.label)}};
        if (!category.meaning.empty()) entry["meaning"] = text(category.meaning);
        entry["follow_up"] = text(category.follow_up);
        if (!category.offer_types.empty()) {
          json::array types;
          for (const std::string& type : category.offer_types) types.emplace_back(type);
          entry["offer_types"] = std::move(types);
        }
        categories.push_back(std::move(entry));
      }
      definition["categories"] = std::move(categories);
      scoring_tags_[first_member(instrument.items)].push_back(
          {std::string(tag::kBurdenDefinition), write_compact_json(definition)});
    }
  }

  std::string unique_name(const std::string& wanted) {
    std::string name = wanted;
    for (int suffix = 2; taken_names_.count(name) != 0; ++suffix) {
      name = wanted + "_" + std::to_string(suffix);
    }
    taken_names_.insert(name);
    return name;
  }

  // The section's condition and the item's, joined by "and".
  std::optional<std::string> branching_logic(const Section& section, const Item* item,
                                             const std::string& where) {
    std::vector<const Expression*> conditions;
    if (section.visible_if) conditions.push_back(&*section.visible_if);
    if (item != nullptr && item->visible_if) conditions.push_back(&*item->visible_if);
    auto logic = to_branching_logic(conditions, [this](std::string_view id) -> const FieldInfo* {
      auto found = fields_.find(std::string(id));
      return found == fields_.end() ? nullptr : &found->second;
    });
    if (!logic) {
      warn(where, logic.error().code, logic.error().message + "; exported without branching logic");
      return std::nullopt;
    }
    return std::move(logic).value();
  }

  // REDCap splits choices at '|' and cannot show a line break in a label.
  std::string choice_label(const std::string& label, const std::string& where) {
    std::string cleaned = label;
    std::replace(cleaned.begin(), cleaned.end(), '|', '/');
    std::replace(cleaned.begin(), cleaned.end(), '\n', ' ');
    std::replace(cleaned.begin(), cleaned.end(), '\r', ' ');
    if (cleaned != label) {
      warn(where, "choice_label_changed",
           "option label '" + label +
               "' holds '|' or a line break, which a REDCap choice "
               "cannot; written as '" +
               cleaned + "'");
    }
    return cleaned;
  }

  std::vector<Choice> choices(const Item& item) {
    std::vector<Choice> list;
    for (const ChoiceOption& option : item.options) {
      list.push_back(
          {std::to_string(option.code), choice_label(text(option.label), item_where(item.id))});
    }
    if (item.dont_know) {
      list.push_back({std::to_string(item.dont_know->code),
                      choice_label(text(item.dont_know->label), item_where(item.id))});
    }
    return list;
  }

  void describe_type(const Item& item, Field& field, std::vector<ActionTag>& tags) {
    auto bound = [](const std::optional<double>& value) {
      return value ? format_number(*value) : std::string();
    };
    switch (item.type) {
      case ItemType::single_choice: {
        auto list = choices(item);
        field.type = list.size() > kMostRadioChoices ? "dropdown" : "radio";
        field.choices = format_choices(list);
        if (item.dont_know) {
          tags.push_back({std::string(tag::kDontKnow), std::to_string(item.dont_know->code)});
        }
        break;
      }
      case ItemType::multiple_choice:
        field.type = "checkbox";
        field.choices = format_choices(choices(item));
        if (item.max_choices) {
          tags.push_back({std::string(tag::kMaxChecked), std::to_string(*item.max_choices)});
        }
        if (item.min_choices) {
          tags.push_back({std::string(tag::kMinChoices), std::to_string(*item.min_choices)});
        }
        break;
      case ItemType::yes_no: field.type = "yesno"; break;
      case ItemType::integer:
      case ItemType::decimal:
        field.type = "text";
        field.validation = item.type == ItemType::integer ? "integer" : "number";
        field.validation_min = bound(item.min);
        field.validation_max = bound(item.max);
        break;
      case ItemType::text:
        field.type = item.multiline ? "notes" : "text";
        if (item.max_length != kDefaultMaxLength) {
          tags.push_back({std::string(tag::kCharLimit), std::to_string(item.max_length)});
        }
        break;
      case ItemType::date:
        field.type = "text";
        field.validation = "date_ymd";
        if (item.min_date) field.validation_min = item.min_date->iso();
        if (item.max_date) field.validation_max = item.max_date->iso();
        break;
      case ItemType::municipality: {
        // A dropdown keeps REDCap's data the 4-digit code; the tag tells an
        // import to restore the municipality type.
        field.type = "dropdown";
        std::vector<Choice> list;
        for (const Municipality& municipality : builtin_municipalities().all()) {
          list.push_back({municipality.code, municipality.name});
        }
        field.choices = format_choices(list);
        tags.push_back({std::string(tag::kMunicipality), ""});
        break;
      }
    }
  }

  Field item_field(const Section& section, const Item& item) {
    Field field;
    field.name = item.id;
    field.form = questionnaire_.id;
    field.label = text(item.text);
    if (!item.help.empty()) field.note = text(item.help);
    field.required = item.required ? "y" : "";
    std::vector<ActionTag> tags;
    describe_type(item, field, tags);
    auto scoring = scoring_tags_.find(item.id);
    if (scoring != scoring_tags_.end()) {
      tags.insert(tags.end(), scoring->second.begin(), scoring->second.end());
    }
    field.annotation = format_action_tags(tags);
    field.branching_logic =
        branching_logic(section, &item, item_where(item.id)).value_or(std::string());
    if (!item.constraints.empty()) {
      warn(item_where(item.id), "constraints_not_exported",
           "has " + std::to_string(item.constraints.size()) +
               " constraint(s); a REDCap dictionary has no place for them");
    }
    return field;
  }

  // The first row of a section carries its title as Section Header and its
  // id as a tag; a description becomes a descriptive field before the items.
  void export_section(const Section& section) {
    std::vector<Field> rows;
    if (!section.description.empty()) {
      Field intro;
      intro.name = unique_name(section.id + "_intro");
      intro.form = questionnaire_.id;
      intro.type = "descriptive";
      intro.label = text(section.description);
      intro.branching_logic =
          branching_logic(section, nullptr, "section '" + section.id + "'").value_or(std::string());
      rows.push_back(std::move(intro));
    }
    for (std::size_t index : section.item_indexes) {
      rows.push_back(item_field(section, questionnaire_.items[index]));
    }
    if (rows.empty()) return;
    Field& first = rows.front();
    first.section_header = text(section.title);
    std::string section_tag = format_action_tags({{std::string(tag::kSection), section.id}});
    first.annotation =
        first.annotation.empty() ? section_tag : section_tag + "\n" + first.annotation;
    for (Field& row : rows) result_.fields.push_back(std::move(row));
  }

  const Questionnaire& questionnaire_;
  std::string language_;
  std::map<std::string, FieldInfo, std::less<>> fields_;
  std::set<std::string> taken_names_;
  std::map<std::string, std::vector<ActionTag>> scoring_tags_;
  Export result_;
};

}  // namespace

Result<Export> export_dictionary(const Questionnaire& questionnaire, const std::string& language) {
  std::string chosen = language.empty() ? questionnaire.default_language : language;
  const auto& languages = questionnaire.languages;
  if (std::find(languages.begin(), languages.end(), chosen) == languages.end()) {
    std::string available;
    for (const std::string& tag : languages) available += (available.empty() ? "" : ", ") + tag;
    return make_error("unknown_language", "questionnaire '" + questionnaire.id +
                                              "' has no texts in '" + chosen + "'; it has " +
                                              available);
  }
  return Exporter(questionnaire, chosen).run();
}

}  // namespace parorende::redcap
