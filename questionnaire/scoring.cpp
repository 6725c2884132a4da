#include "questionnaire/scoring.h"

#include <cmath>

namespace parorende {
namespace {

// The answered code of a single-choice item, or nullopt when unanswered or
// "don't know" (which scoring treats as missing).
std::optional<std::int64_t> substantive_code(const Item& item, const Answers& answers) {
  auto found = answers.find(item.id);
  if (found == answers.end()) return std::nullopt;
  const auto* code = std::get_if<std::int64_t>(&found->second);
  if (code == nullptr || item.is_dont_know(*code) || !item.has_option(*code)) {
    return std::nullopt;
  }
  return *code;
}

bool contains(const std::vector<std::string>& ids, const std::string& id) {
  for (const std::string& candidate : ids) {
    if (candidate == id) return true;
  }
  return false;
}

// The tolerance keeps 0.8 of 10 items at 8, not 8.000000000000002.
bool enough_answered(int answered, int total, double share) {
  return total > 0 && answered > 0 && answered >= share * total - 1e-9;
}

}  // namespace

std::optional<double> rescaled_item_value(const Item& item, const Answers& answers, bool reverse) {
  auto code = substantive_code(item, answers);
  if (!code) return std::nullopt;
  auto lowest = static_cast<double>(item.lowest_code());
  auto highest = static_cast<double>(item.highest_code());
  double value = (static_cast<double>(*code) - lowest) / (highest - lowest) * 100.0;
  return reverse ? 100.0 - value : value;
}

ScaleScore score_scale(const Questionnaire& questionnaire, const Scale& scale,
                       const Answers& answers) {
  ScaleScore result{scale.id, std::nullopt, 0, static_cast<int>(scale.items.size())};
  double total = 0;
  for (const std::string& id : scale.items) {
    const Item* item = questionnaire.find_item(id);
    auto value = rescaled_item_value(*item, answers, contains(scale.reverse_items, id));
    if (!value) continue;
    total += *value;
    ++result.items_answered;
  }
  if (enough_answered(result.items_answered, result.items_total, scale.min_answered_share)) {
    result.score = total / result.items_answered;
  }
  return result;
}

BurdenScore score_burden(const Questionnaire& questionnaire, const BurdenInstrument& instrument,
                         const Answers& answers) {
  BurdenScore result{instrument.id, std::nullopt, nullptr, 0,
                     static_cast<int>(instrument.items.size())};
  std::int64_t sum = 0;
  for (const std::string& id : instrument.items) {
    const Item* item = questionnaire.find_item(id);
    auto code = substantive_code(*item, answers);
    if (!code) continue;
    sum += contains(instrument.reverse_items, id) ? item->highest_code() - *code
                                                  : *code - item->lowest_code();
    ++result.items_answered;
  }
  if (!enough_answered(result.items_answered, result.items_total, instrument.min_answered_share)) {
    return result;
  }
  if (result.items_answered == result.items_total) {
    result.sum = static_cast<int>(sum);
  } else {
    // Prorate: mean contribution times the number of items, halves up.
    double prorated = static_cast<double>(sum) * result.items_total / result.items_answered;
    result.sum = static_cast<int>(std::floor(prorated + 0.5));
  }
  for (const BurdenCategory& category : instrument.categories) {
    if (*result.sum >= category.min && *result.sum <= category.max) {
      result.category = &category;
    }
  }
  return result;
}

ResponseScores score_response(const Questionnaire& questionnaire, const Response& response) {
  ResponseScores scores;
  for (const Scale& scale : questionnaire.scales) {
    scores.scales.push_back(score_scale(questionnaire, scale, response.answers));
  }
  for (const BurdenInstrument& instrument : questionnaire.burden_instruments) {
    scores.burden.push_back(score_burden(questionnaire, instrument, response.answers));
  }
  return scores;
}

}  // namespace parorende
