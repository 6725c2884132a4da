#include "server/api/questionnaire_view.h"

#include <boost/json/array.hpp>

namespace parorende::server {
namespace {

namespace json = boost::json;

json::object option_view(const ChoiceOption& option, std::string_view language) {
  return {{"code", option.code}, {"label", option.label.in(language)}};
}

void put_text(json::object& view, std::string_view key, const LocalizedText& text,
              std::string_view language) {
  if (!text.empty()) view[key] = text.in(language);
}

void put_number(json::object& view, std::string_view key, double value, bool integral) {
  if (integral) {
    view[key] = static_cast<std::int64_t>(value);
  } else {
    view[key] = value;
  }
}

json::object item_view(const Item& item, std::string_view language) {
  json::object view;
  view["id"] = item.id;
  view["type"] = item_type_name(item.type);
  view["text"] = item.text.in(language);
  put_text(view, "help", item.help, language);
  view["required"] = item.required;
  if (item.visible_if) view["visible_if"] = item.visible_if->source();
  switch (item.type) {
    case ItemType::single_choice:
    case ItemType::multiple_choice: {
      json::array options;
      for (const ChoiceOption& option : item.options) {
        options.push_back(option_view(option, language));
      }
      view["options"] = std::move(options);
      if (item.dont_know) view["dont_know"] = option_view(*item.dont_know, language);
      if (item.min_choices) view["min_choices"] = *item.min_choices;
      if (item.max_choices) view["max_choices"] = *item.max_choices;
      break;
    }
    case ItemType::integer:
    case ItemType::decimal: {
      bool integral = item.type == ItemType::integer;
      if (item.min) put_number(view, "min", *item.min, integral);
      if (item.max) put_number(view, "max", *item.max, integral);
      break;
    }
    case ItemType::date:
      if (item.min_date) view["min"] = item.min_date->iso();
      if (item.max_date) view["max"] = item.max_date->iso();
      break;
    case ItemType::text:
      view["max_length"] = item.max_length;
      view["multiline"] = item.multiline;
      break;
    case ItemType::yes_no:
    case ItemType::municipality: break;
  }
  if (!item.constraints.empty()) {
    json::array constraints;
    for (const Constraint& constraint : item.constraints) {
      constraints.push_back({{"expression", constraint.expression.source()},
                             {"message", constraint.message.in(language)}});
    }
    view["constraints"] = std::move(constraints);
  }
  return view;
}

}  // namespace

json::object questionnaire_view(const Questionnaire& questionnaire, std::string_view language) {
  json::object view;
  view["id"] = questionnaire.id;
  view["version"] = questionnaire.version;
  view["language"] = language;
  json::array languages;
  for (const std::string& offered : questionnaire.languages)
    languages.push_back(json::value(offered));
  view["languages"] = std::move(languages);
  view["title"] = questionnaire.title.in(language);
  put_text(view, "description", questionnaire.description, language);
  // The pages offer a screening's result before (or instead of) storing.
  view["screening"] = !questionnaire.burden_instruments.empty();
  if (questionnaire.consent) {
    view["consent"] = {{"version", questionnaire.consent->version},
                       {"text", questionnaire.consent->text.in(language)}};
  }
  json::array sections;
  for (const Section& section : questionnaire.sections) {
    json::object section_view;
    section_view["id"] = section.id;
    section_view["title"] = section.title.in(language);
    put_text(section_view, "description", section.description, language);
    if (section.visible_if) section_view["visible_if"] = section.visible_if->source();
    json::array items;
    for (std::size_t index : section.item_indexes) {
      items.push_back(item_view(questionnaire.items[index], language));
    }
    section_view["items"] = std::move(items);
    sections.push_back(std::move(section_view));
  }
  view["sections"] = std::move(sections);
  return view;
}

}  // namespace parorende::server
