// The numeric form of answers that analytics reads: one row per response,
// one column per numeric item (a multiple-choice item gets one 0/1 column per
// option), NaN where unanswered. The store keeps each response's row as a
// packed BLOB, so a whole wave loads without parsing JSON (docs/storage.md).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "questionnaire/answer.h"
#include "questionnaire/questionnaire.h"
#include "store/publication.h"

namespace parorende {

// Cell values by item type:
//   single_choice, integer, decimal -> the code / the number
//   yes_no                          -> 1 or 0
//   multiple_choice                 -> per option: 1 selected, 0 not selected
//   date                            -> days since 1970-01-01
//   municipality                    -> the code as a number ("0301" -> 301)
//   text                            -> no column (free text stays in JSON)
struct MatrixColumn {
  std::string name;                         // the item id, or "item_id:code" for an option column
  std::size_t item_index = 0;               // into Questionnaire::items
  std::optional<std::int64_t> option_code;  // multiple_choice only
};

// The columns of a questionnaire version, in definition order. A wave has
// one questionnaire version, so all its rows share this layout.
std::vector<MatrixColumn> matrix_columns(const Questionnaire& questionnaire);

// One row: `columns.size()` values in column order.
std::vector<double> pack_answers(const Questionnaire& questionnaire,
                                 const std::vector<MatrixColumn>& columns, const Answers& answers);

// The allocator of matrix values: a wave's matrix can be hundreds of MiB,
// so values are not zero-filled before being overwritten, and large blocks
// are 2 MiB aligned and marked for transparent huge pages (far fewer page
// faults; docs/storage.md, "Answer layout").
void* allocate_matrix_bytes(std::size_t bytes);
void release_matrix_bytes(void* block) noexcept;

template <typename T>
struct MatrixAllocator {
  using value_type = T;
  MatrixAllocator() = default;
  template <typename U>
  MatrixAllocator(const MatrixAllocator<U>&) noexcept {}

  T* allocate(std::size_t count) {
    return static_cast<T*>(allocate_matrix_bytes(count * sizeof(T)));
  }
  void deallocate(T* values, std::size_t) noexcept { release_matrix_bytes(values); }

  // Default-initializes: no zero fill.
  template <typename U>
  void construct(U* place) noexcept {
    ::new (static_cast<void*>(place)) U;
  }
  template <typename U, typename... Arguments>
  void construct(U* place, Arguments&&... arguments) {
    ::new (static_cast<void*>(place)) U(std::forward<Arguments>(arguments)...);
  }

  friend bool operator==(const MatrixAllocator&, const MatrixAllocator&) { return true; }
};

using MatrixValues = std::vector<double, MatrixAllocator<double>>;

// Complete responses of one wave.
struct ResponseMatrix {
  std::shared_ptr<const Questionnaire> questionnaire;
  std::vector<MatrixColumn> columns;
  std::vector<std::int64_t> response_ids;     // one per row, ascending
  std::vector<std::uint16_t> municipalities;  // one per row; 0 = not given
  std::vector<RowPublication> publication;    // one per row
  MatrixValues values;                        // row-major, rows() x columns.size()

  std::size_t rows() const { return response_ids.size(); }
  double at(std::size_t row, std::size_t column) const {
    return values[row * columns.size() + column];
  }
  static bool missing(double value) { return std::isnan(value); }
};

}  // namespace parorende
