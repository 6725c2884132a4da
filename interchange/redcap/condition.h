// A `visible_if` expression as a tree, the form both branching-logic
// translations go through. The engine's Expression keeps its syntax tree to
// itself, so this reads the same grammar (docs/questionnaire-format.md); it
// is meant for expressions that have already loaded.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/result.h"

namespace parorende::redcap {

using Literal = std::variant<double, bool, std::string>;

enum class Comparison { equal, not_equal, less, less_equal, greater, greater_equal };

struct Condition {
  enum class Kind {
    all,           // operands joined by "and"
    any,           // operands joined by "or"
    negation,      // not operands[0]
    compare,       // item op value
    one_of,        // item in [values]
    answered,      // answered(item)
    selected,      // selected(item, code)
    item_is_true,  // a yes/no item used as a condition
    constant,      // true or false
  };
  Kind kind = Kind::constant;
  std::vector<Condition> operands;
  std::string item;
  Comparison op = Comparison::equal;
  Literal value = false;
  std::vector<Literal> values;
  std::int64_t code = 0;
};

// Parses our expression language. A comparison must have an item on one side
// and a literal on the other (the literal first is turned round); anything
// else fails with code "unsupported_expression" and the reason, as do syntax
// errors.
Result<Condition> parse_condition(std::string_view source);

// The source text of a condition, parenthesized only where needed.
std::string print_condition(const Condition& condition);

// Shortest decimal text of a number that reads back the same, never in
// exponent form ("18", "0.5", "-2.25").
std::string format_number(double value);

// The comparison with its sides swapped: `3 < x` is `x > 3`.
Comparison mirrored(Comparison op);

}  // namespace parorende::redcap
