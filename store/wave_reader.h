// Streaming the complete responses of a wave, row by row, for analytics.
// ResponseStore::complete_responses() returns the whole wave as one
// ResponseMatrix; at a million responses that copy alone is ~420 MB, and
// analytics turns the rows into its own matrices at once. This reads the
// same rows (the store's `responses` table, item_values BLOBs in the
// matrix_columns() layout, docs/storage.md) through a read-only connection
// of its own and hands each to a callback, so nothing is held twice.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "questionnaire/questionnaire.h"
#include "questionnaire/wave.h"
#include "store/response_matrix.h"
#include "store/response_store.h"

namespace parorende {

struct WaveLayout {
  Wave wave;
  std::shared_ptr<const Questionnaire> questionnaire;
  std::vector<MatrixColumn> columns;
  std::int64_t complete_responses = 0;  // rows that will follow
};

// Called once per response, in id order: the row's values (columns.size()
// doubles, NaN unanswered), its municipality as a number (0 = none) and
// what of it is published (store/publication.h).
using WaveRowSink = std::function<void(std::span<const double> values, std::uint16_t municipality,
                                       const RowPublication& publication)>;

// `store` gives the wave and its questionnaire; `database_path` is what it
// was opened on (StoreOptions::path: a file, or a PostgreSQL URI). `begin` is called with the
// layout before the first row. One read transaction: the count and the rows are the same snapshot.
// Errors: those of ResponseStore::wave() and questionnaire(), and
// "storage_failure" (including a BLOB of another layout).
Status read_complete_responses(ResponseStore& store, const std::string& database_path,
                               std::string_view wave_name,
                               const std::function<void(const WaveLayout&)>& begin,
                               const WaveRowSink& row);

}  // namespace parorende
