#include "analytics/answers_per_question.h"

#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <cmath>
#include <map>

namespace parorende::analytics {
namespace {

namespace json = boost::json;

// What one scale's rows hold for its tables, per municipality (registry
// index) and for the nation.
struct Tally {
  std::int64_t scored = 0;                        // with a scale score
  std::int64_t complete = 0;                      // of those, answered every item
  std::vector<std::vector<std::int64_t>> counts;  // item -> option -> complete respondents
};

bool allowed(std::int64_t n, int k) { return n == 0 || n >= k; }

// The option whose keyed 0-100 value is nearest `value` (the items are
// single precision).
int option_of(float value, const std::vector<double>& option_values) {
  int nearest = 0;
  for (std::size_t o = 1; o < option_values.size(); ++o) {
    if (std::abs(option_values[o] - value) <
        std::abs(option_values[static_cast<std::size_t>(nearest)] - value)) {
      nearest = static_cast<int>(o);
    }
  }
  return nearest;
}

struct ItemColumn {
  Eigen::Index column = 0;
  const Item* item = nullptr;
  std::vector<double> option_values;  // keyed, as WaveData holds them
};

std::vector<ItemColumn> single_choice_columns(const WaveData& data, const Scale& scale,
                                              const ScaleColumns& columns) {
  std::vector<ItemColumn> items;
  for (Eigen::Index i = 0; i < columns.count; ++i) {
    const Eigen::Index column = columns.first + i;
    const std::string& id = data.item_ids[static_cast<std::size_t>(column)];
    const Item* item = data.questionnaire->find_item(id);
    if (!item || item->type != ItemType::single_choice || item->options.size() < 2) continue;
    const bool reverse = std::find(scale.reverse_items.begin(), scale.reverse_items.end(), id) !=
                         scale.reverse_items.end();
    const auto lowest = static_cast<double>(item->lowest_code());
    const auto highest = static_cast<double>(item->highest_code());
    ItemColumn entry{column, item, {}};
    for (const ChoiceOption& option : item->options) {
      double value = (static_cast<double>(option.code) - lowest) / (highest - lowest) * 100.0;
      entry.option_values.push_back(reverse ? 100.0 - value : value);
    }
    items.push_back(std::move(entry));
  }
  return items;
}

QuestionCell cell_of(std::string code, const Tally& tally, std::size_t item,
                     Suppression suppression) {
  QuestionCell cell{std::move(code), 0, {}, suppression};
  if (cell.published()) {
    cell.n = tally.complete;
    cell.counts = tally.counts[item];
  }
  return cell;
}

std::vector<QuestionAnswers> scale_questions(const WaveData& data, std::size_t scale_index,
                                             const ScaleReport& report,
                                             const MunicipalityRegistry& registry, int k) {
  const Scale& scale = data.questionnaire->scales[scale_index];
  const ScaleColumns& columns = data.scales[scale_index];
  const std::vector<ItemColumn> items = single_choice_columns(data, scale, columns);
  if (items.empty()) return {};
  auto fresh = [&] {
    Tally tally;
    for (const ItemColumn& item : items) tally.counts.emplace_back(item.option_values.size(), 0);
    return tally;
  };
  Tally nation = fresh();
  std::map<int, Tally> by_municipality;
  auto scores = data.scale_scores.col(static_cast<Eigen::Index>(scale_index));
  for (Eigen::Index row = 0; row < data.respondents(); ++row) {
    if (std::isnan(scores[row])) continue;
    bool complete = true;
    for (Eigen::Index c = 0; c < columns.count && complete; ++c) {
      complete = !std::isnan(data.items(row, columns.first + c));
    }
    const int municipality = data.municipality_of_row[static_cast<std::size_t>(row)];
    Tally* own = nullptr;
    if (municipality >= 0) {
      auto [entry, added] = by_municipality.try_emplace(municipality);
      if (added) entry->second = fresh();
      own = &entry->second;
    }
    for (Tally* tally : {&nation, own}) {
      if (!tally) continue;
      ++tally->scored;
      if (!complete) continue;
      ++tally->complete;
      for (std::size_t i = 0; i < items.size(); ++i) {
        const int option = option_of(data.items(row, items[i].column), items[i].option_values);
        ++tally->counts[i][static_cast<std::size_t>(option)];
      }
    }
  }

  std::map<std::string, const MunicipalityResult*> scale_cells;
  for (const MunicipalityResult& result : report.municipalities) scale_cells[result.code] = &result;
  // Each municipality on its own counts, then what the nation hides.
  struct Municipality {
    std::string code;
    Suppression why;
    const Tally* tally;
  };
  std::vector<Municipality> municipalities;
  std::int64_t published_complete = 0, published_skipped = 0;
  for (const auto& [index, tally] : by_municipality) {
    const std::string& code = registry.all()[static_cast<std::size_t>(index)].code;
    auto found = scale_cells.find(code);
    Suppression why = Suppression::none;
    if (found == scale_cells.end()) {
      why = Suppression::primary;
    } else if (found->second->suppressed) {
      why = found->second->suppression;
    } else if (tally.complete < k) {
      why = Suppression::primary;
    } else if (!allowed(tally.scored - tally.complete, k)) {
      why = Suppression::secondary;
    }
    if (why == Suppression::none) {
      published_complete += tally.complete;
      published_skipped += tally.scored - tally.complete;
    }
    municipalities.push_back({code, why, &tally});
  }
  Suppression national =
      report.national.suppressed ? report.national.suppression : Suppression::none;
  if (national == Suppression::none && nation.complete < k) national = Suppression::primary;
  if (national == Suppression::none &&
      (!allowed(nation.complete - published_complete, k) ||
       !allowed(nation.scored - nation.complete - published_skipped, k))) {
    national = Suppression::secondary;
  }

  std::vector<QuestionAnswers> questions;
  for (std::size_t i = 0; i < items.size(); ++i) {
    QuestionAnswers question;
    question.scale_id = scale.id;
    question.item_id = items[i].item->id;
    for (const ChoiceOption& option : items[i].item->options)
      question.option_codes.push_back(option.code);
    question.national = cell_of("", nation, i, national);
    for (const Municipality& municipality : municipalities) {
      question.municipalities.push_back(
          cell_of(municipality.code, *municipality.tally, i, municipality.why));
    }
    questions.push_back(std::move(question));
  }
  return questions;
}

json::array cell_json(const QuestionCell& cell) {
  json::array counts(cell.counts.begin(), cell.counts.end());
  return {json::string(cell.code), cell.n, static_cast<int>(cell.suppression), std::move(counts)};
}

QuestionCell cell_from(const json::value& value, std::size_t options) {
  const json::array& row = value.as_array();
  QuestionCell cell;
  cell.code = std::string(row.at(0).as_string());
  cell.n = row.at(1).to_number<std::int64_t>();
  const int suppression = row.at(2).to_number<int>();
  if (suppression < 0 || suppression > static_cast<int>(Suppression::secondary)) {
    throw std::invalid_argument("unknown suppression " + std::to_string(suppression));
  }
  cell.suppression = static_cast<Suppression>(suppression);
  for (const json::value& count : row.at(3).as_array())
    cell.counts.push_back(count.to_number<std::int64_t>());
  if (cell.published() ? cell.counts.size() != options : !cell.counts.empty()) {
    throw std::invalid_argument("a cell of " + std::to_string(cell.counts.size()) + " counts for " +
                                std::to_string(options) + " options");
  }
  std::int64_t total = 0;
  for (std::int64_t count : cell.counts) {
    if (count < 0) throw std::invalid_argument("a negative count");
    total += count;
  }
  if (total != cell.n) {
    throw std::invalid_argument("counts adding up to " + std::to_string(total) + ", not " +
                                std::to_string(cell.n));
  }
  return cell;
}

}  // namespace

bool scale_shares_items(const Questionnaire& questionnaire, std::size_t scale_index) {
  const Scale& scale = questionnaire.scales.at(scale_index);
  auto in = [&](const std::vector<std::string>& items) {
    return std::any_of(scale.items.begin(), scale.items.end(), [&](const std::string& id) {
      return std::find(items.begin(), items.end(), id) != items.end();
    });
  };
  for (std::size_t other = 0; other < questionnaire.scales.size(); ++other) {
    if (other != scale_index && in(questionnaire.scales[other].items)) return true;
  }
  return std::any_of(questionnaire.burden_instruments.begin(),
                     questionnaire.burden_instruments.end(),
                     [&](const BurdenInstrument& instrument) { return in(instrument.items); });
}

const QuestionCell* municipality_cell(const QuestionAnswers& question, std::string_view code) {
  for (const QuestionCell& cell : question.municipalities) {
    if (cell.code == code) return &cell;
  }
  return nullptr;
}

std::string answers_text(const std::vector<QuestionAnswers>& questions) {
  json::array rows;
  for (const QuestionAnswers& question : questions) {
    json::array municipalities;
    for (const QuestionCell& cell : question.municipalities)
      municipalities.push_back(cell_json(cell));
    rows.push_back(
        json::array{json::string(question.scale_id), json::string(question.item_id),
                    json::array(question.option_codes.begin(), question.option_codes.end()),
                    cell_json(question.national), std::move(municipalities)});
  }
  return json::serialize(rows);
}

Result<std::vector<QuestionAnswers>> answers_from_text(std::string_view text) {
  std::vector<QuestionAnswers> questions;
  try {
    const json::value parsed = json::parse(text);
    for (const json::value& value : parsed.as_array()) {
      const json::array& row = value.as_array();
      QuestionAnswers question;
      question.scale_id = std::string(row.at(0).as_string());
      question.item_id = std::string(row.at(1).as_string());
      for (const json::value& code : row.at(2).as_array())
        question.option_codes.push_back(code.to_number<std::int64_t>());
      question.national = cell_from(row.at(3), question.option_codes.size());
      for (const json::value& cell : row.at(4).as_array())
        question.municipalities.push_back(cell_from(cell, question.option_codes.size()));
      questions.push_back(std::move(question));
    }
  } catch (const std::exception& failure) {
    return make_error(
        "storage_failure",
        std::string("the stored answers per question are damaged: ") + failure.what());
  }
  return questions;
}

std::vector<QuestionAnswers> answers_per_question(const WaveData& data, const WaveReport& report,
                                                  const MunicipalityRegistry& registry,
                                                  int min_respondents) {
  std::vector<QuestionAnswers> questions;
  for (std::size_t s = 0; s < data.scales.size() && s < report.scales.size(); ++s) {
    if (report.scales[s].scale_id != data.scales[s].scale_id) {
      throw std::logic_error("answers per question: the report's scales are not the data's");
    }
    if (scale_shares_items(*data.questionnaire, s)) continue;
    auto scale = scale_questions(data, s, report.scales[s], registry, min_respondents);
    std::move(scale.begin(), scale.end(), std::back_inserter(questions));
  }
  return questions;
}

}  // namespace parorende::analytics
