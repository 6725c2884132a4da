// A wave's complete responses as Eigen matrices, ready for the statistics:
// the scale items (respondents x items, 0-100, NaN for missing and "don't
// know"), per-respondent scale scores by the questionnaire's rules (the
// same arithmetic as questionnaire/scoring.cpp, bit for bit), each respondent's
// municipality, the case-mix characteristics and burden categories. Built
// in one pass over the store's rows.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/progress.h"
#include "analytics/statistics/case_mix.h"
#include "common/result.h"
#include "questionnaire/questionnaire.h"
#include "reference/municipalities.h"
#include "store/publication.h"
#include "store/response_matrix.h"
#include "store/response_store.h"

namespace parorende::analytics {

// The columns of WaveData::items that one scale averages.
struct ScaleColumns {
  std::string scale_id;
  Eigen::Index first = 0;
  Eigen::Index count = 0;
};

// The respondent characteristics used for case-mix adjustment, by item id,
// when the questionnaire has them as single-choice items.
inline constexpr std::string_view kCaseMixItems[] = {"age_band", "relationship", "condition_group",
                                                     "care_hours"};

struct WaveData {
  std::string wave_name;
  std::shared_ptr<const Questionnaire> questionnaire;
  // Columns of `items`: each scale's items in the scale's order, already
  // keyed (reverse-keyed items flipped), so higher is better throughout.
  // Single precision halves the biggest block of memory (360 MB at a
  // million respondents): exact for items whose 0-100 values are multiples
  // of 100/2^k (2-, 3-, 5-, 9-point items), ~1e-7 relative otherwise, which
  // only reliability figures see. Scale scores are computed in double from
  // the codes, before this rounding.
  std::vector<std::string> item_ids;
  std::vector<ScaleColumns> scales;  // in the questionnaire's order
  Eigen::MatrixXf items;             // respondents x item_ids
  Eigen::MatrixXd scale_scores;      // respondents x scales, NaN = too few answered
  // Index into the municipality registry's all(), -1 when not given.
  std::vector<int> municipality_of_row;
  // The kCaseMixItems present; a "missing" level is added when some
  // respondent skipped the item.
  std::vector<CategoricalVariable> case_mix;
  // Per burden instrument: the category index per respondent, -1 = none.
  std::vector<std::vector<int>> burden_category;
  // What of each row is published (store/publication.h); rows never
  // published (response id 0) when the data did not come from a store.
  std::vector<RowPublication> publication;

  Eigen::Index respondents() const { return items.rows(); }
};

// Fills a WaveData from rows in the store's matrix layout (`columns`).
class WaveDataBuilder {
 public:
  WaveDataBuilder(std::string wave_name, std::shared_ptr<const Questionnaire> questionnaire,
                  const std::vector<MatrixColumn>& columns,
                  const MunicipalityRegistry& municipalities, std::int64_t expected_rows);
  ~WaveDataBuilder();
  WaveDataBuilder(const WaveDataBuilder&) = delete;
  WaveDataBuilder& operator=(const WaveDataBuilder&) = delete;

  // Rows first_row, first_row + 1, ...: `values` row-major, columns.size()
  // per row; one municipality (0 = none) per row. Several threads may fill
  // disjoint rows at once. Rows beyond expected_rows are a bug.
  void fill_rows(std::int64_t first_row, std::span<const double> values,
                 std::span<const std::uint16_t> municipalities);

  // The next row, for filling in order from one thread.
  void add_row(std::span<const double> values, std::uint16_t municipality);
  std::int64_t rows_added() const;

  // The data of the first `rows_filled` rows (default: the rows added).
  WaveData finish(std::int64_t rows_filled = -1) &&;

  struct Plan;

 private:
  void flush_pending();

  std::unique_ptr<Plan> plan_;
  WaveData data_;
  std::int64_t next_row_ = 0;
};

// From the store's whole-wave matrix (ResponseStore::complete_responses).
WaveData wave_data_from_matrix(std::string wave_name, const ResponseMatrix& matrix,
                               const MunicipalityRegistry& municipalities);

// Streams the wave from the database file (store/wave_reader.h), reporting
// progress as "reading responses".
Result<WaveData> load_wave_data(ResponseStore& store, const std::string& database_path,
                                std::string_view wave_name,
                                const MunicipalityRegistry& municipalities,
                                const Progress& progress = {});

}  // namespace parorende::analytics
