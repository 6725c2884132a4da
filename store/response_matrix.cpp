#include "store/response_matrix.h"

#include <sys/mman.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <limits>
#include <type_traits>
#include <variant>

#include "common/calendar.h"
#include "questionnaire/answers_in_item_order.h"

namespace parorende {
namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

double municipality_number(const std::string& code) {
  int number = 0;
  auto parsed = std::from_chars(code.data(), code.data() + code.size(), number);
  return parsed.ec == std::errc() ? number : kMissing;
}

double cell_value(const MatrixColumn& column, const AnswerValue& answer) {
  return std::visit(
      [&column](const auto& value) -> double {
        using T = std::decay_t<decltype(value)>;
        if constexpr (std::is_same_v<T, std::vector<std::int64_t>>) {
          return std::binary_search(value.begin(), value.end(), *column.option_code) ? 1 : 0;
        } else if constexpr (std::is_same_v<T, bool>) {
          return value ? 1 : 0;
        } else if constexpr (std::is_same_v<T, Date>) {
          return static_cast<double>(days_since_epoch(value));
        } else if constexpr (std::is_same_v<T, std::string>) {
          return municipality_number(value);
        } else {
          return static_cast<double>(value);
        }
      },
      answer);
}

}  // namespace

void* allocate_matrix_bytes(std::size_t bytes) {
  constexpr std::size_t kHugePage = 2 * 1024 * 1024;
  if (bytes < 2 * kHugePage) {
    void* block = std::malloc(std::max<std::size_t>(bytes, 1));
    if (block == nullptr) throw std::bad_alloc();
    return block;
  }
  std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* block = std::aligned_alloc(kHugePage, rounded);
  if (block == nullptr) throw std::bad_alloc();
  // Advice only: without it the kernel falls back to small pages.
  madvise(block, rounded, MADV_HUGEPAGE);
  return block;
}

void release_matrix_bytes(void* block) noexcept { std::free(block); }

std::vector<MatrixColumn> matrix_columns(const Questionnaire& questionnaire) {
  std::vector<MatrixColumn> columns;
  for (std::size_t index = 0; index < questionnaire.items.size(); ++index) {
    const Item& item = questionnaire.items[index];
    if (item.type == ItemType::text) continue;
    if (item.type != ItemType::multiple_choice) {
      columns.push_back({item.id, index, std::nullopt});
      continue;
    }
    auto add_option = [&](const ChoiceOption& option) {
      columns.push_back({item.id + ":" + std::to_string(option.code), index, option.code});
    };
    for (const ChoiceOption& option : item.options) add_option(option);
    if (item.dont_know) add_option(*item.dont_know);
  }
  return columns;
}

std::vector<double> pack_answers(const Questionnaire& questionnaire,
                                 const std::vector<MatrixColumn>& columns, const Answers& answers) {
  std::vector<double> row(columns.size(), kMissing);
  auto by_item = answers_in_item_order(questionnaire, answers);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (const AnswerValue* answer = by_item[columns[i].item_index]) {
      row[i] = cell_value(columns[i], *answer);
    }
  }
  return row;
}

}  // namespace parorende
