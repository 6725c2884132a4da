#include "analytics/wave_data.h"

#include <sys/mman.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <exception>
#include <functional>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <utility>

#include "analytics/statistics/not_a_number.h"
#include "store/wave_reader.h"

namespace parorende::analytics {
namespace {

// A cell's meaning by option code, precomputed: NaN for unanswered, "don't
// know" and codes that are not substantive options.
class CodeTable {
 public:
  CodeTable() = default;
  CodeTable(const Item& item, const std::function<double(std::int64_t)>& meaning) {
    lowest_ = item.lowest_code();
    std::int64_t highest = item.highest_code();
    values_.assign(static_cast<std::size_t>(highest - lowest_ + 1), kNaN);
    for (const ChoiceOption& option : item.options) {
      values_[static_cast<std::size_t>(option.code - lowest_)] = meaning(option.code);
    }
  }
  double operator()(double cell) const {
    if (std::isnan(cell)) return kNaN;
    double index = cell - static_cast<double>(lowest_);
    if (index < 0 || index >= static_cast<double>(values_.size()) || index != std::floor(index)) {
      return kNaN;
    }
    return values_[static_cast<std::size_t>(index)];
  }

 private:
  std::int64_t lowest_ = 0;
  std::vector<double> values_;
};

// Asks Linux for transparent huge pages on a large matrix before its first
// write: a million-row wave would otherwise take ~100,000 page faults.
template <typename Matrix>
void advise_huge_pages(Matrix& matrix) {
  constexpr std::uintptr_t kHugePage = 2 << 20;
  auto begin = reinterpret_cast<std::uintptr_t>(matrix.data());
  auto end = begin + static_cast<std::uintptr_t>(matrix.size()) * sizeof(typename Matrix::Scalar);
  std::uintptr_t first = (begin + kHugePage - 1) & ~(kHugePage - 1);
  if (end <= first + kHugePage) return;
  // Advice only: failing (an older kernel, THP off) changes nothing.
  (void)madvise(reinterpret_cast<void*>(first), (end - first) & ~(kHugePage - 1), MADV_HUGEPAGE);
}

bool contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::size_t column_of(const std::vector<MatrixColumn>& columns, std::string_view item_id) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == item_id && !columns[i].option_code) return i;
  }
  throw std::logic_error("no matrix column for item " + std::string(item_id));
}

// questionnaire/scoring.cpp's rule, with its tolerance (0.8 of 10 is 8).
bool enough_answered(int answered, int total, double share) {
  return total > 0 && answered >= share * total - 1e-9;
}

}  // namespace

struct WaveDataBuilder::Plan {
  struct ItemColumn {
    std::size_t column;
    CodeTable value;  // 0-100, keyed
  };
  struct ScalePlan {
    Eigen::Index first;
    int total;
    double share;
  };
  struct CovariatePlan {
    std::size_t column;
    CodeTable level;  // level index
    std::uint8_t missing_level;
  };
  struct BurdenPlan {
    std::vector<std::pair<std::size_t, CodeTable>> contributions;
    double share;
    std::vector<std::pair<int, int>> category_ranges;
  };
  std::vector<ItemColumn> items;
  std::vector<ScalePlan> scales;
  std::vector<CovariatePlan> covariates;
  std::vector<BurdenPlan> burden;
  std::vector<int> municipality_by_number;  // 0..9999 -> registry index
  std::size_t width = 0;

  std::mutex missing_mutex;
  std::vector<char> covariate_missing_seen;

  // add_row's batch, handed to fill_rows when full.
  std::vector<double> pending_values;
  std::vector<std::uint16_t> pending_municipalities;
};

WaveDataBuilder::WaveDataBuilder(std::string wave_name,
                                 std::shared_ptr<const Questionnaire> questionnaire,
                                 const std::vector<MatrixColumn>& columns,
                                 const MunicipalityRegistry& municipalities,
                                 std::int64_t expected_rows)
    : plan_(std::make_unique<Plan>()) {
  const Questionnaire& q = *questionnaire;
  data_.wave_name = std::move(wave_name);
  data_.questionnaire = std::move(questionnaire);
  plan_->width = columns.size();
  auto rows = static_cast<Eigen::Index>(expected_rows);

  for (const Scale& scale : q.scales) {
    ScaleColumns placed{scale.id, static_cast<Eigen::Index>(plan_->items.size()),
                        static_cast<Eigen::Index>(scale.items.size())};
    for (const std::string& id : scale.items) {
      const Item& item = *q.find_item(id);
      bool reverse = contains(scale.reverse_items, id);
      auto lowest = static_cast<double>(item.lowest_code());
      auto highest = static_cast<double>(item.highest_code());
      // The expression of questionnaire/scoring.cpp's rescaled_item_value, so the
      // scores agree to the bit.
      CodeTable table(item, [&](std::int64_t code) {
        double value = (static_cast<double>(code) - lowest) / (highest - lowest) * 100.0;
        return reverse ? 100.0 - value : value;
      });
      plan_->items.push_back({column_of(columns, id), std::move(table)});
      data_.item_ids.push_back(id);
    }
    plan_->scales.push_back(
        {placed.first, static_cast<int>(placed.count), scale.min_answered_share});
    data_.scales.push_back(std::move(placed));
  }
  data_.items.resize(rows, static_cast<Eigen::Index>(plan_->items.size()));
  data_.scale_scores.resize(rows, static_cast<Eigen::Index>(plan_->scales.size()));
  advise_huge_pages(data_.items);
  advise_huge_pages(data_.scale_scores);

  for (std::string_view id : kCaseMixItems) {
    const Item* item = q.find_item(id);
    if (item == nullptr || item->type != ItemType::single_choice) continue;
    CategoricalVariable variable;
    variable.name = std::string(id);
    std::int64_t level = 0;
    for (const ChoiceOption& option : item->options) {
      variable.level_names.push_back(std::to_string(option.code));
    }
    CodeTable levels(*item, [&](std::int64_t) { return static_cast<double>(level++); });
    auto missing_level = static_cast<std::uint8_t>(variable.level_names.size());
    variable.level_names.emplace_back("missing");
    variable.level_of_row.resize(static_cast<std::size_t>(expected_rows));
    plan_->covariates.push_back({column_of(columns, id), std::move(levels), missing_level});
    data_.case_mix.push_back(std::move(variable));
  }
  plan_->covariate_missing_seen.assign(plan_->covariates.size(), 0);

  for (const BurdenInstrument& instrument : q.burden_instruments) {
    Plan::BurdenPlan burden;
    burden.share = instrument.min_answered_share;
    for (const std::string& id : instrument.items) {
      const Item& item = *q.find_item(id);
      bool reverse = contains(instrument.reverse_items, id);
      std::int64_t lowest = item.lowest_code();
      std::int64_t highest = item.highest_code();
      burden.contributions.emplace_back(
          column_of(columns, id), CodeTable(item, [&](std::int64_t code) {
            return static_cast<double>(reverse ? highest - code : code - lowest);
          }));
    }
    for (const BurdenCategory& category : instrument.categories) {
      burden.category_ranges.emplace_back(category.min, category.max);
    }
    plan_->burden.push_back(std::move(burden));
    data_.burden_category.emplace_back(static_cast<std::size_t>(expected_rows), -1);
  }

  plan_->municipality_by_number.assign(10000, -1);
  const auto& all = municipalities.all();
  for (std::size_t i = 0; i < all.size(); ++i) {
    int number = 0;
    std::from_chars(all[i].code.data(), all[i].code.data() + all[i].code.size(), number);
    if (number >= 0 && number < 10000)
      plan_->municipality_by_number[static_cast<std::size_t>(number)] = static_cast<int>(i);
  }
  data_.municipality_of_row.assign(static_cast<std::size_t>(expected_rows), -1);
}

WaveDataBuilder::~WaveDataBuilder() = default;

std::int64_t WaveDataBuilder::rows_added() const { return next_row_; }

namespace {

// A burden instrument's category for one row, -1 when too few items are
// answered: questionnaire/scoring.cpp's score_burden on the row's codes.
int burden_category(const WaveDataBuilder::Plan::BurdenPlan& burden, const double* cells) {
  std::int64_t sum = 0;
  int answered = 0;
  auto total = static_cast<int>(burden.contributions.size());
  for (const auto& [column, contribution] : burden.contributions) {
    double value = contribution(cells[column]);
    if (std::isnan(value)) continue;
    sum += static_cast<std::int64_t>(value);
    ++answered;
  }
  if (!enough_answered(answered, total, burden.share)) return -1;
  int final_sum = static_cast<int>(sum);
  if (answered != total) {
    // questionnaire/scoring.cpp: prorated, halves up.
    double prorated = static_cast<double>(sum) * total / answered;
    final_sum = static_cast<int>(std::floor(prorated + 0.5));
  }
  int category = -1;
  for (std::size_t k = 0; k < burden.category_ranges.size(); ++k) {
    if (final_sum >= burden.category_ranges[k].first &&
        final_sum <= burden.category_ranges[k].second) {
      category = static_cast<int>(k);
    }
  }
  return category;
}

}  // namespace

void WaveDataBuilder::fill_rows(std::int64_t first_row, std::span<const double> values,
                                std::span<const std::uint16_t> municipalities) {
  const Plan& plan = *plan_;
  const auto count = static_cast<Eigen::Index>(municipalities.size());
  if (values.size() != municipalities.size() * plan.width || first_row < 0 ||
      first_row + count > data_.items.rows()) {
    throw std::logic_error("WaveDataBuilder: rows of another layout, or beyond the expected rows");
  }
  // Items and scores are computed row-major into this thread's staging
  // chunk and copied into the column-major matrices a chunk at a time:
  // writing 54 columns a row at a time touches 54 distant cache lines.
  // Raw pointers keep Debug builds (no inlining) fast enough for tests.
  constexpr Eigen::Index kChunk = 1024;
  using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  thread_local RowMajor staged_items;  // double: the scores are summed from it
  thread_local RowMajor staged_scores;
  staged_items.resize(kChunk, data_.items.cols());
  staged_scores.resize(kChunk, data_.scale_scores.cols());
  std::vector<char> missing_seen(plan.covariates.size(), 0);

  for (Eigen::Index chunk_start = 0; chunk_start < count; chunk_start += kChunk) {
    Eigen::Index chunk_rows = std::min(kChunk, count - chunk_start);
    for (Eigen::Index local = 0; local < chunk_rows; ++local) {
      Eigen::Index index = chunk_start + local;
      auto row = static_cast<std::size_t>(first_row + index);
      const double* cells = values.data() + static_cast<std::size_t>(index) * plan.width;
      std::uint16_t municipality = municipalities[static_cast<std::size_t>(index)];
      data_.municipality_of_row[row] =
          municipality < 10000 ? plan.municipality_by_number[municipality] : -1;

      double* items = staged_items.data() + local * staged_items.cols();
      double* scores = staged_scores.data() + local * staged_scores.cols();
      for (std::size_t c = 0; c < plan.items.size(); ++c) {
        items[c] = plan.items[c].value(cells[plan.items[c].column]);
      }
      for (std::size_t s = 0; s < plan.scales.size(); ++s) {
        const Plan::ScalePlan& scale = plan.scales[s];
        double total = 0;
        int answered = 0;
        for (int i = 0; i < scale.total; ++i) {
          double value = items[scale.first + i];
          if (std::isnan(value)) continue;
          total += value;
          ++answered;
        }
        scores[s] = enough_answered(answered, scale.total, scale.share) ? total / answered : kNaN;
      }
      for (std::size_t v = 0; v < plan.covariates.size(); ++v) {
        const Plan::CovariatePlan& covariate = plan.covariates[v];
        double level = covariate.level(cells[covariate.column]);
        std::uint8_t stored = covariate.missing_level;
        if (std::isnan(level)) {
          missing_seen[v] = 1;
        } else {
          stored = static_cast<std::uint8_t>(level);
        }
        data_.case_mix[v].level_of_row[row] = stored;
      }
      for (std::size_t b = 0; b < plan.burden.size(); ++b) {
        data_.burden_category[b][row] = burden_category(plan.burden[b], cells);
      }
    }
    // A matrix without columns has no storage: a block of its rows would
    // offset a null pointer (undefined behaviour).
    if (data_.items.cols() > 0) {
      data_.items.middleRows(first_row + chunk_start, chunk_rows) =
          staged_items.topRows(chunk_rows).cast<float>();
    }
    if (data_.scale_scores.cols() > 0) {
      data_.scale_scores.middleRows(first_row + chunk_start, chunk_rows) =
          staged_scores.topRows(chunk_rows);
    }
  }
  if (std::find(missing_seen.begin(), missing_seen.end(), 1) != missing_seen.end()) {
    std::lock_guard lock(plan_->missing_mutex);
    for (std::size_t v = 0; v < missing_seen.size(); ++v) {
      if (missing_seen[v]) plan_->covariate_missing_seen[v] = 1;
    }
  }
}

void WaveDataBuilder::add_row(std::span<const double> values, std::uint16_t municipality) {
  if (values.size() != plan_->width || next_row_ >= data_.items.rows()) {
    throw std::logic_error("WaveDataBuilder: row of another layout, or more rows than expected");
  }
  plan_->pending_values.insert(plan_->pending_values.end(), values.begin(), values.end());
  plan_->pending_municipalities.push_back(municipality);
  ++next_row_;
  if (plan_->pending_municipalities.size() == 4096) flush_pending();
}

void WaveDataBuilder::flush_pending() {
  auto count = static_cast<std::int64_t>(plan_->pending_municipalities.size());
  fill_rows(next_row_ - count, plan_->pending_values, plan_->pending_municipalities);
  plan_->pending_values.clear();
  plan_->pending_municipalities.clear();
}

WaveData WaveDataBuilder::finish(std::int64_t rows_filled) && {
  flush_pending();
  auto rows = static_cast<Eigen::Index>(rows_filled < 0 ? next_row_ : rows_filled);
  if (rows != data_.items.rows()) {
    // Fewer rows than announced (a concurrent erase): keep what came.
    data_.items.conservativeResize(rows, Eigen::NoChange);
    data_.scale_scores.conservativeResize(rows, Eigen::NoChange);
    data_.municipality_of_row.resize(static_cast<std::size_t>(rows));
    for (CategoricalVariable& variable : data_.case_mix)
      variable.level_of_row.resize(static_cast<std::size_t>(rows));
    for (auto& categories : data_.burden_category)
      categories.resize(static_cast<std::size_t>(rows));
  }
  data_.publication.resize(static_cast<std::size_t>(rows));
  // A "missing" level nobody has would only be an unestimable dummy.
  for (std::size_t v = 0; v < data_.case_mix.size(); ++v) {
    if (!plan_->covariate_missing_seen[v]) data_.case_mix[v].level_names.pop_back();
  }
  return std::move(data_);
}

WaveData wave_data_from_matrix(std::string wave_name, const ResponseMatrix& matrix,
                               const MunicipalityRegistry& municipalities) {
  auto rows = static_cast<std::int64_t>(matrix.rows());
  WaveDataBuilder builder(std::move(wave_name), matrix.questionnaire, matrix.columns,
                          municipalities, rows);
  builder.fill_rows(0, std::span<const double>(matrix.values.data(), matrix.values.size()),
                    matrix.municipalities);
  WaveData data = std::move(builder).finish(rows);
  if (matrix.publication.size() == static_cast<std::size_t>(rows))
    data.publication = matrix.publication;
  return data;
}

namespace {

// Rows travel from the reading thread to the filling threads in batches.
struct Batch {
  std::int64_t first_row = 0;
  std::vector<double> values;
  std::vector<std::uint16_t> municipalities;
};

// A bounded hand-over: full batches one way, empty ones back.
class BatchQueue {
 public:
  explicit BatchQueue(std::size_t batches) {
    for (std::size_t i = 0; i < batches; ++i) empty_.push_back(std::make_unique<Batch>());
  }
  std::unique_ptr<Batch> take_empty() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !empty_.empty(); });
    auto batch = std::move(empty_.back());
    empty_.pop_back();
    return batch;
  }
  void give_full(std::unique_ptr<Batch> batch) {
    {
      std::lock_guard lock(mutex_);
      full_.push_back(std::move(batch));
    }
    changed_.notify_all();
  }
  // Null once closed and drained.
  std::unique_ptr<Batch> take_full() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !full_.empty() || closed_; });
    if (full_.empty()) return nullptr;
    auto batch = std::move(full_.front());
    full_.pop_front();
    return batch;
  }
  void give_empty(std::unique_ptr<Batch> batch) {
    batch->values.clear();
    batch->municipalities.clear();
    {
      std::lock_guard lock(mutex_);
      empty_.push_back(std::move(batch));
    }
    changed_.notify_all();
  }
  void close() {
    {
      std::lock_guard lock(mutex_);
      closed_ = true;
    }
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::unique_ptr<Batch>> empty_;
  std::deque<std::unique_ptr<Batch>> full_;
  bool closed_ = false;
};

}  // namespace

Result<WaveData> load_wave_data(ResponseStore& store, const std::string& database_path,
                                std::string_view wave_name,
                                const MunicipalityRegistry& municipalities,
                                const Progress& progress) {
  // SQLite reads on this thread; scoring and filling the matrices (and the
  // kernel's zeroing of their fresh pages) run on worker threads.
  constexpr std::size_t kBatchRows = 8192;
  const unsigned workers = std::max(1u, std::thread::hardware_concurrency());
  BatchQueue queue(2 * workers + 2);
  std::unique_ptr<WaveDataBuilder> builder;
  std::vector<std::thread> threads;
  std::exception_ptr failure;
  std::mutex failure_mutex;
  std::unique_ptr<Batch> current;
  std::int64_t expected = 0;
  std::int64_t rows = 0;
  std::size_t width = 0;
  std::vector<RowPublication> publication;  // in row order, from the reading thread

  auto fill = [&] {
    while (auto batch = queue.take_full()) {
      try {
        builder->fill_rows(batch->first_row, batch->values, batch->municipalities);
      } catch (...) {
        std::lock_guard lock(failure_mutex);
        failure = std::current_exception();
      }
      queue.give_empty(std::move(batch));
    }
  };
  auto hand_over = [&] {
    if (current && !current->municipalities.empty()) queue.give_full(std::move(current));
  };
  auto stop_workers = [&] {
    hand_over();
    queue.close();
    for (std::thread& thread : threads) thread.join();
  };

  auto read = read_complete_responses(
      store, database_path, wave_name,
      [&](const WaveLayout& layout) {
        expected = layout.complete_responses;
        width = layout.columns.size();
        builder = std::make_unique<WaveDataBuilder>(std::string(wave_name), layout.questionnaire,
                                                    layout.columns, municipalities, expected);
        for (unsigned w = 0; w < workers; ++w) threads.emplace_back(fill);
        if (progress) progress("reading responses", 0.0);
      },
      [&](std::span<const double> values, std::uint16_t municipality,
          const RowPublication& row_publication) {
        publication.push_back(row_publication);
        if (!current) {
          current = queue.take_empty();
          current->first_row = rows;
          current->values.reserve(kBatchRows * width);
        }
        current->values.insert(current->values.end(), values.begin(), values.end());
        current->municipalities.push_back(municipality);
        ++rows;
        if (current->municipalities.size() == kBatchRows) hand_over();
        if (progress && rows % 65536 == 0) {
          progress(
              "reading responses",
              static_cast<double>(rows) / static_cast<double>(std::max<std::int64_t>(1, expected)));
        }
      });
  stop_workers();
  if (failure) std::rethrow_exception(failure);
  if (!read) return read.take_error();
  if (progress) progress("reading responses", 1.0);
  WaveData data = std::move(*builder).finish(rows);
  data.publication = std::move(publication);
  return data;
}

}  // namespace parorende::analytics
