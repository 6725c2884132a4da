// Fuzz target: bytes as the source of a visible_if or constraint expression
// -> Expression::parse; an expression that parses is checked against the
// kinds of a few items and evaluated against answers of every kind (the
// "sample" answer set of tests/data/expression_cases.json), with and
// without answers.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "questionnaire/expression.h"

namespace {

using parorende::Answers;
using parorende::ValueKind;

const Answers& sample_answers() {
  static const Answers answers = {
      {"n", std::int64_t{3}},
      {"d", 2.5},
      {"neg", std::int64_t{-2}},
      {"yes", true},
      {"no", false},
      {"t", std::string("hei")},
      {"date", parorende::Date{2024, 1, 31}},
      {"m", std::vector<std::int64_t>{1, 2}},
      {"home", std::string("0301")},
      {"dk", std::int64_t{9}},
  };
  return answers;
}

std::optional<ValueKind> kind_of(std::string_view item) {
  if (item == "n" || item == "d" || item == "neg" || item == "dk") return ValueKind::number;
  if (item == "yes" || item == "no") return ValueKind::boolean;
  if (item == "t" || item == "home") return ValueKind::text;
  if (item == "date") return ValueKind::date;
  if (item == "m") return ValueKind::code_set;
  return std::nullopt;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view source(reinterpret_cast<const char*>(data), size);
  auto expression = parorende::Expression::parse(source);
  if (!expression) return 0;
  expression.value().check(kind_of);
  expression.value().referenced_items();
  expression.value().evaluate(sample_answers());
  expression.value().evaluate(Answers{});
  return 0;
}
