#include "questionnaire/questionnaire.h"

#include <algorithm>
#include <charconv>

namespace parorende {

std::string_view item_type_name(ItemType type) {
  switch (type) {
    case ItemType::single_choice: return "single_choice";
    case ItemType::multiple_choice: return "multiple_choice";
    case ItemType::yes_no: return "yes_no";
    case ItemType::integer: return "integer";
    case ItemType::decimal: return "decimal";
    case ItemType::text: return "text";
    case ItemType::date: return "date";
    case ItemType::municipality: return "municipality";
  }
  return "unknown";
}

std::int64_t Item::lowest_code() const {
  std::int64_t lowest = options.empty() ? 0 : options.front().code;
  for (const ChoiceOption& option : options) lowest = std::min(lowest, option.code);
  return lowest;
}

std::int64_t Item::highest_code() const {
  std::int64_t highest = options.empty() ? 0 : options.front().code;
  for (const ChoiceOption& option : options) highest = std::max(highest, option.code);
  return highest;
}

bool Item::has_option(std::int64_t code) const {
  return std::any_of(options.begin(), options.end(),
                     [code](const ChoiceOption& option) { return option.code == code; });
}

bool Item::is_dont_know(std::int64_t code) const { return dont_know && dont_know->code == code; }

const Item* Questionnaire::find_item(std::string_view id) const {
  auto index = item_index(id);
  return index ? &items[*index] : nullptr;
}

std::optional<std::size_t> Questionnaire::item_index(std::string_view id) const {
  auto found = item_index_by_id.find(id);
  if (found == item_index_by_id.end()) return std::nullopt;
  return found->second;
}

bool version_less(std::string_view left, std::string_view right) {
  while (!left.empty() || !right.empty()) {
    auto take = [](std::string_view& text) {
      std::size_t dot = text.find('.');
      std::string_view part = text.substr(0, dot);
      text = dot == std::string_view::npos ? std::string_view{} : text.substr(dot + 1);
      return part;
    };
    std::string_view a = take(left);
    std::string_view b = take(right);
    auto number = [](std::string_view part) -> std::optional<long long> {
      long long value = 0;
      auto parsed = std::from_chars(part.data(), part.data() + part.size(), value);
      if (part.empty() || parsed.ec != std::errc() || parsed.ptr != part.data() + part.size()) {
        return std::nullopt;
      }
      return value;
    };
    auto number_a = number(a);
    auto number_b = number(b);
    if (number_a && number_b) {
      if (*number_a != *number_b) return *number_a < *number_b;
    } else if (a != b) {
      return a < b;
    }
  }
  return false;
}

}  // namespace parorende
