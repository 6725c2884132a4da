#include "questionnaire/internal/scored_list_reader.h"

#include <algorithm>
#include <limits>
#include <set>

#include "common/json_input.h"
#include "questionnaire/questionnaire_loader.h"
#include "reference/offer_types.h"

namespace parorende::questionnaire_detail {
namespace {

namespace json = boost::json;

// Burden sums beyond this would overflow the int scores.
constexpr std::int64_t kMaxBurdenSum = 1'000'000;

}  // namespace

ScoredListReader::ScoredListReader(Questionnaire& questionnaire) : questionnaire_(questionnaire) {
  require_languages(questionnaire_.languages);
}

void ScoredListReader::read(const json::object& top) {
  read_scales(top);
  read_burden_instruments(top);
}

// Reads the item list of a scale or instrument: single-choice items, each
// once, with a reverse-keyed subset.
void ScoredListReader::read_scored_items(const json::object& object, const std::string& path,
                                         std::vector<std::string>& items,
                                         std::vector<std::string>& reverse_items,
                                         double& min_answered_share) {
  if (const json::array* list = optional_array(object, "items", path, true)) {
    if (list->empty()) report(json_path_key(path, "items"), "empty", "needs at least one item");
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string item_path = json_path_index(json_path_key(path, "items"), i);
      if (!(*list)[i].is_string()) {
        wrong_type(item_path, "an item id", (*list)[i]);
        continue;
      }
      std::string id((*list)[i].get_string());
      const Item* item = questionnaire_.find_item(id);
      if (item == nullptr) {
        report(item_path, "unknown_item", "no item named '" + id + "'");
      } else if (item->type != ItemType::single_choice) {
        report(item_path, "not_scorable",
               "'" + id + "' is " + std::string(item_type_name(item->type)) +
                   "; only single_choice items can be scored");
      } else if (std::find(items.begin(), items.end(), id) != items.end()) {
        report(item_path, "duplicate_item", "'" + id + "' is listed twice");
      }
      items.push_back(id);
    }
  }
  if (const json::array* list = optional_array(object, "reverse", path, false)) {
    for (std::size_t i = 0; i < list->size(); ++i) {
      std::string item_path = json_path_index(json_path_key(path, "reverse"), i);
      if (!(*list)[i].is_string()) {
        wrong_type(item_path, "an item id", (*list)[i]);
        continue;
      }
      std::string id((*list)[i].get_string());
      if (std::find(items.begin(), items.end(), id) == items.end()) {
        report(item_path, "unknown_item", "'" + id + "' is not one of this list's items");
      } else if (std::find(reverse_items.begin(), reverse_items.end(), id) != reverse_items.end()) {
        report(item_path, "duplicate_item", "'" + id + "' is listed twice");
      } else {
        reverse_items.push_back(id);
      }
    }
  }
  if (auto share = optional_number(object, "min_answered", path)) {
    if (!(*share > 0 && *share <= 1)) {
      report(json_path_key(path, "min_answered"), "out_of_range",
             "must be a share above 0 and at most 1");
    } else {
      min_answered_share = *share;
    }
  }
}

void ScoredListReader::read_scales(const json::object& top) {
  const json::array* scales = optional_array(top, "scales", "$", false);
  if (scales == nullptr) return;
  std::set<std::string> seen;
  for (std::size_t s = 0; s < scales->size(); ++s) {
    std::string path = json_path_index("$.scales", s);
    const json::object* object = expect_object((*scales)[s], path);
    if (object == nullptr) continue;
    check_fields(*object, path, {"id", "title", "description", "items", "reverse", "min_answered"});
    Scale scale;
    scale.id = read_unique_id(*object, path, seen, "scale");
    scale.title = read_text(*object, "title", path, true);
    scale.description = read_text(*object, "description", path, false);
    read_scored_items(*object, path, scale.items, scale.reverse_items, scale.min_answered_share);
    for (const std::string& id : scale.items) {
      const Item* item = questionnaire_.find_item(id);
      if (item && item->type == ItemType::single_choice && item->options.size() < 2) {
        report(path, "not_scorable", "'" + id + "' needs at least two options");
      }
    }
    questionnaire_.scales.push_back(std::move(scale));
  }
}

void ScoredListReader::read_burden_instruments(const json::object& top) {
  const json::array* instruments = optional_array(top, "burden_instruments", "$", false);
  if (instruments == nullptr) return;
  std::set<std::string> seen;
  for (std::size_t b = 0; b < instruments->size(); ++b) {
    std::string path = json_path_index("$.burden_instruments", b);
    const json::object* object = expect_object((*instruments)[b], path);
    if (object == nullptr) continue;
    check_fields(
        *object, path,
        {"id", "title", "items", "reverse", "min_answered", "categories", "offer_target_group"});
    BurdenInstrument instrument;
    instrument.id = read_unique_id(*object, path, seen, "instrument");
    instrument.title = read_text(*object, "title", path, true);
    if (auto group = optional_string(*object, "offer_target_group", path)) {
      if (is_offer_target_group(*group)) {
        instrument.offer_target_group = *group;
      } else {
        report(json_path_key(path, "offer_target_group"), "unknown_target_group",
               "must be one of: " + offer_target_group_list());
      }
    }
    read_scored_items(*object, path, instrument.items, instrument.reverse_items,
                      instrument.min_answered_share);
    std::int64_t highest_sum = 0;
    for (const std::string& id : instrument.items) {
      if (const Item* item = questionnaire_.find_item(id)) {
        highest_sum += item->highest_code() - item->lowest_code();
      }
    }
    if (highest_sum > kMaxBurdenSum) {
      report(json_path_key(path, "items"), "out_of_range",
             "the highest possible sum is " + std::to_string(highest_sum) + "; at most " +
                 std::to_string(kMaxBurdenSum) + " is supported");
    } else {
      instrument.highest_sum = static_cast<int>(highest_sum);
      read_categories(*object, path, instrument);
    }
    questionnaire_.burden_instruments.push_back(std::move(instrument));
  }
}

void ScoredListReader::read_categories(const json::object& object, const std::string& path,
                                       BurdenInstrument& instrument) {
  const json::array* categories = optional_array(object, "categories", path, true);
  if (categories == nullptr) return;
  std::string list_path = json_path_key(path, "categories");
  if (categories->empty()) {
    report(list_path, "empty", "needs at least one category");
    return;
  }
  std::set<std::string> seen;
  bool complete = true;
  for (std::size_t c = 0; c < categories->size(); ++c) {
    std::string category_path = json_path_index(list_path, c);
    const json::object* category = expect_object((*categories)[c], category_path);
    if (category == nullptr) {
      complete = false;
      continue;
    }
    check_fields(*category, category_path,
                 {"id", "min", "max", "label", "meaning", "follow_up", "offer_types"});
    BurdenCategory result;
    result.id = read_unique_id(*category, category_path, seen, "category");
    for (std::string_view bound : {"min", "max"}) {
      if (!category->contains(bound)) {
        report(json_path_key(category_path, bound), "missing", "is required");
      }
    }
    auto min = optional_integer(*category, "min", category_path);
    auto max = optional_integer(*category, "max", category_path);
    result.label = read_text(*category, "label", category_path, true);
    result.meaning = read_text(*category, "meaning", category_path, false);
    result.follow_up = read_text(*category, "follow_up", category_path, true);
    result.offer_types = read_offer_types(*category, category_path);
    if (!min || !max) {
      complete = false;
      continue;
    }
    if (*min > *max) {
      report(category_path, "bad_range", "min is above max");
      complete = false;
      continue;
    }
    // Checked before the narrowing below, which would otherwise wrap a
    // huge cut-off into a plausible one.
    if (*min < std::numeric_limits<int>::min() || *max > std::numeric_limits<int>::max()) {
      report(category_path, "bad_range",
             "min and max must lie within the instrument's possible sums");
      complete = false;
      continue;
    }
    result.min = static_cast<int>(*min);
    result.max = static_cast<int>(*max);
    instrument.categories.push_back(std::move(result));
  }
  if (!complete) return;
  // Cut-offs must tile [lowest_sum, highest_sum] exactly, in order.
  int expected_min = instrument.lowest_sum;
  for (std::size_t c = 0; c < instrument.categories.size(); ++c) {
    const BurdenCategory& category = instrument.categories[c];
    std::string category_path = json_path_index(list_path, c);
    if (category.min > expected_min) {
      report(category_path, "gap",
             "sums " + std::to_string(expected_min) + " to " + std::to_string(category.min - 1) +
                 " fall in no category");
    } else if (category.min < expected_min) {
      report(category_path, "overlap",
             "category '" + category.id + "' starts at " + std::to_string(category.min) +
                 ", overlapping the category before "
                 "(or below the lowest possible sum, " +
                 std::to_string(instrument.lowest_sum) + ")");
    }
    expected_min = category.max + 1;
  }
  if (expected_min - 1 < instrument.highest_sum) {
    report(list_path, "gap",
           "sums " + std::to_string(expected_min) + " to " +
               std::to_string(instrument.highest_sum) + " fall in no category");
  } else if (expected_min - 1 > instrument.highest_sum) {
    report(list_path, "beyond_range",
           "the last category ends at " + std::to_string(expected_min - 1) +
               " but the highest possible sum is " + std::to_string(instrument.highest_sum));
  }
}

std::vector<std::string> ScoredListReader::read_offer_types(const json::object& object,
                                                            const std::string& path) {
  std::vector<std::string> types;
  const json::array* list = optional_array(object, "offer_types", path, false);
  if (list == nullptr) return types;
  for (std::size_t i = 0; i < list->size(); ++i) {
    std::string type_path = json_path_index(json_path_key(path, "offer_types"), i);
    const json::value& type = (*list)[i];
    if (!type.is_string() || !is_offer_type(type.get_string())) {
      report(type_path, "unknown_offer_type", "must be one of: " + offer_type_list());
      continue;
    }
    types.emplace_back(type.get_string());
  }
  return types;
}

}  // namespace parorende::questionnaire_detail
