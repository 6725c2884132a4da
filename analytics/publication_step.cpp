#include "analytics/publication_step.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <stdexcept>
#include <unordered_map>

namespace parorende::analytics {
namespace {

constexpr float kMissingItem = std::numeric_limits<float>::quiet_NaN();

std::uint64_t bit(int table) { return std::uint64_t{1} << table; }

int code_number(const std::string& code) {
  int number = 0;
  std::from_chars(code.data(), code.data() + code.size(), number);
  return number;
}

// Municipality numbers and registry indexes, both ways.
struct Blocks {
  std::vector<int> number_of_index;
  std::unordered_map<int, int> index_of_number;

  explicit Blocks(const MunicipalityRegistry& registry) {
    for (std::size_t i = 0; i < registry.all().size(); ++i) {
      int number = code_number(registry.all()[i].code);
      number_of_index.push_back(number);
      index_of_number[number] = static_cast<int>(i);
    }
  }
  int home_of(const WaveData& data, Eigen::Index row) const {
    int index = data.municipality_of_row[static_cast<std::size_t>(row)];
    return index < 0 ? kNationalPool : number_of_index[static_cast<std::size_t>(index)];
  }
};

// Per block and table: rows waiting, and how many of them are new there.
struct Waiting {
  std::int64_t rows = 0;
  std::int64_t fresh = 0;
};

using Counts = std::map<int, std::vector<Waiting>>;

// The block a row is (or would be) published in: where it is now, else its
// municipality's (the pool without one).
int block_of(const WaveData& data, const Blocks& blocks, Eigen::Index row) {
  const RowPublication& publication = data.publication[static_cast<std::size_t>(row)];
  return publication.block != kNotPublished ? publication.block : blocks.home_of(data, row);
}

void count_waiting(std::vector<Waiting>& counts, const WaveData& data, Eigen::Index row,
                   int tables) {
  const RowPublication& publication = data.publication[static_cast<std::size_t>(row)];
  for (int t = 0; t < tables; ++t) {
    if (!has_figure(data, row, t) || (publication.tables & bit(t)) != 0) continue;
    ++counts[static_cast<std::size_t>(t)].rows;
    if ((publication.ever_tables & bit(t)) == 0) ++counts[static_cast<std::size_t>(t)].fresh;
  }
}

std::uint64_t ready_tables(const std::vector<Waiting>& counts, int min_respondents) {
  std::uint64_t ready = 0;
  for (std::size_t t = 0; t < counts.size(); ++t) {
    if (counts[t].rows > 0 && counts[t].fresh >= min_respondents) ready |= bit(static_cast<int>(t));
  }
  return ready;
}

// The tables a row joins in `block` when `ready` are the block's tables
// that move.
std::uint64_t joining(const WaveData& data, Eigen::Index row, int tables, std::uint64_t ready) {
  const RowPublication& publication = data.publication[static_cast<std::size_t>(row)];
  std::uint64_t add = 0;
  for (int t = 0; t < tables; ++t) {
    if ((ready & bit(t)) != 0 && has_figure(data, row, t) && (publication.tables & bit(t)) == 0) {
      add |= bit(t);
    }
  }
  return add;
}

}  // namespace

int published_table_count(const WaveData& data) {
  auto tables = static_cast<int>(data.scales.size() + data.burden_category.size());
  return std::min(tables, kMaxPublishedTables);
}

bool has_figure(const WaveData& data, Eigen::Index row, int table) {
  auto scales = static_cast<int>(data.scales.size());
  if (table < scales) return !std::isnan(data.scale_scores(row, table));
  return data.burden_category[static_cast<std::size_t>(table - scales)]
                             [static_cast<std::size_t>(row)] >= 0;
}

PublicationPlan plan_publication_step(const WaveData& data, const MunicipalityRegistry& registry,
                                      int min_respondents, bool wave_closed) {
  if (data.publication.size() != static_cast<std::size_t>(data.respondents())) {
    throw std::logic_error("plan_publication_step: one publication entry per row is needed");
  }
  const Blocks blocks(registry);
  const int tables = published_table_count(data);
  const Eigen::Index rows = data.respondents();

  Counts counts;
  for (Eigen::Index row = 0; row < rows; ++row) {
    auto& block = counts[block_of(data, blocks, row)];
    if (block.empty()) block.resize(static_cast<std::size_t>(tables));
    count_waiting(block, data, row, tables);
  }
  std::map<int, std::uint64_t> ready;
  for (const auto& [block, waiting] : counts) {
    if (block != kNationalPool) ready[block] = ready_tables(waiting, min_respondents);
  }

  // After closing: rows never published that cannot join their municipality
  // now join the pool's count (they would wait for ever).
  std::vector<char> pooled(static_cast<std::size_t>(rows), 0);
  auto& pool = counts[kNationalPool];
  if (pool.empty()) pool.resize(static_cast<std::size_t>(tables));
  if (wave_closed) {
    for (Eigen::Index row = 0; row < rows; ++row) {
      const RowPublication& publication = data.publication[static_cast<std::size_t>(row)];
      int home = blocks.home_of(data, row);
      if (home == kNationalPool || publication.block != kNotPublished ||
          publication.ever_tables != 0)
        continue;
      if (joining(data, row, tables, ready[home]) != 0) continue;
      pooled[static_cast<std::size_t>(row)] = 1;
      count_waiting(pool, data, row, tables);
    }
  }
  ready[kNationalPool] = ready_tables(pool, min_respondents);

  PublicationPlan plan;
  for (Eigen::Index row = 0; row < rows; ++row) {
    int block = pooled[static_cast<std::size_t>(row)] ? kNationalPool : block_of(data, blocks, row);
    std::uint64_t add = joining(data, row, tables, ready[block]);
    if (add != 0)
      plan.changes.push_back(
          {data.publication[static_cast<std::size_t>(row)].response_id, block, add});
  }
  return plan;
}

void apply_publication_step(WaveData& data, const PublicationPlan& plan) {
  std::unordered_map<std::int64_t, std::size_t> row_of_id;
  for (std::size_t row = 0; row < data.publication.size(); ++row)
    row_of_id[data.publication[row].response_id] = row;
  for (const PublicationChange& change : plan.changes) {
    RowPublication& publication = data.publication.at(row_of_id.at(change.response_id));
    publication.block = change.block;
    publication.tables |= change.add_tables;
    publication.ever_tables |= change.add_tables;
  }
}

WaveData published_data(const WaveData& data, const MunicipalityRegistry& registry) {
  const Blocks blocks(registry);
  const int tables = published_table_count(data);
  const auto scales = static_cast<int>(data.scales.size());
  std::vector<Eigen::Index> kept;
  for (std::size_t row = 0; row < data.publication.size(); ++row) {
    if (data.publication[row].tables != 0) kept.push_back(static_cast<Eigen::Index>(row));
  }
  const auto count = static_cast<Eigen::Index>(kept.size());

  WaveData published;
  published.wave_name = data.wave_name;
  published.questionnaire = data.questionnaire;
  published.item_ids = data.item_ids;
  published.scales = data.scales;
  published.items.resize(count, data.items.cols());
  published.scale_scores.resize(count, data.scale_scores.cols());
  published.case_mix = data.case_mix;
  for (CategoricalVariable& variable : published.case_mix) variable.level_of_row.clear();
  published.burden_category.assign(data.burden_category.size(), {});
  for (Eigen::Index i = 0; i < count; ++i) {
    const Eigen::Index row = kept[static_cast<std::size_t>(i)];
    const RowPublication& publication = data.publication[static_cast<std::size_t>(row)];
    // A matrix without columns has no storage: a row of it would offset a
    // null pointer (undefined behaviour).
    if (data.items.cols() > 0) published.items.row(i) = data.items.row(row);
    if (data.scale_scores.cols() > 0) published.scale_scores.row(i) = data.scale_scores.row(row);
    for (int s = 0; s < scales; ++s) {
      if (s < tables && (publication.tables & bit(s)) != 0) continue;
      published.scale_scores(i, s) = std::numeric_limits<double>::quiet_NaN();
      const ScaleColumns& columns = data.scales[static_cast<std::size_t>(s)];
      published.items.row(i).segment(columns.first, columns.count).setConstant(kMissingItem);
    }
    for (std::size_t b = 0; b < data.burden_category.size(); ++b) {
      int table = scales + static_cast<int>(b);
      bool in = table < tables && (publication.tables & bit(table)) != 0;
      published.burden_category[b].push_back(
          in ? data.burden_category[b][static_cast<std::size_t>(row)] : -1);
    }
    for (std::size_t v = 0; v < data.case_mix.size(); ++v) {
      published.case_mix[v].level_of_row.push_back(
          data.case_mix[v].level_of_row[static_cast<std::size_t>(row)]);
    }
    published.municipality_of_row.push_back(
        publication.block == kNationalPool ? -1 : blocks.index_of_number.at(publication.block));
    published.publication.push_back(publication);
  }
  return published;
}

}  // namespace parorende::analytics
