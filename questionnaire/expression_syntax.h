// The syntax tree of a `visible_if` / constraint expression, read-only: the
// tree the one parser (Expression::parse) builds, for code that needs the
// structure of an expression rather than its value, such as the REDCap
// export, which translates it into branching logic instead of parsing the
// text a second time.
//
//   auto expression = Expression::parse("not (age < 18) and selected(help, 3)");
//   const expression_syntax::Node& root = expression->syntax();
//   if (auto* all = std::get_if<expression_syntax::Node::And>(&root.kind)) {
//     for (const expression_syntax::NodePtr& operand : all->operands) ...
//   }
//
// Parentheses leave no node of their own; "a and b and c" is one And with
// three operands. A comparison's sides and an `in`'s value may be any node
// (an item, a literal, or a condition used as a yes/no value); the type check
// (Expression::check) is what makes a definition's expressions sensible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace parorende::expression_syntax {

// A literal written in the expression: a number, true/false or text.
using Literal = std::variant<double, bool, std::string>;

enum class CompareOp { equal, not_equal, less, less_equal, greater, greater_equal };

struct Node;
using NodePtr = std::shared_ptr<const Node>;

struct Node {
  struct LiteralValue {  // 3, 'text', true
    Literal value;
  };
  struct ItemValue {  // an item id: its answer
    std::string item;
  };
  struct Answered {  // answered(item)
    std::string item;
  };
  struct Selected {  // selected(item, code)
    std::string item;
    std::int64_t code;
  };
  struct NumberOf {  // number(item): a text answer read as a number
    std::string item;
  };
  struct Compare {  // left op right
    CompareOp op;
    NodePtr left;
    NodePtr right;
  };
  struct In {  // value in [list]
    NodePtr value;
    std::vector<Literal> list;
  };
  struct Not {
    NodePtr operand;
  };
  struct And {  // two or more operands
    std::vector<NodePtr> operands;
  };
  struct Or {  // two or more operands
    std::vector<NodePtr> operands;
  };

  std::variant<LiteralValue, ItemValue, Answered, Selected, NumberOf, Compare, In, Not, And, Or>
      kind;
  std::size_t column = 1;  // where the node starts in the source, 1-based
};

// The comparison with its sides swapped: `3 < x` is `x > 3`.
CompareOp mirrored(CompareOp op);

// The comparison that holds exactly when `op` does not: `x < 3` is
// `not (x >= 3)`.
CompareOp negated(CompareOp op);

// The comparison operator `text` starts with, as written (longest first:
// "<=" before "<"): "=" or "==", "!=" or "<>", "<", "<=", ">", ">=".
// nullopt when it starts with none. REDCap's branching logic spells its
// operators the same way.
struct OperatorSpelling {
  CompareOp op;
  std::string_view symbol;
};
std::optional<OperatorSpelling> operator_at(std::string_view text);

// The operator as expressions are written canonically: "=", "!=", "<", "<=",
// ">", ">=" (the parser also reads "==" and "<>").
std::string_view operator_symbol(CompareOp op);

}  // namespace parorende::expression_syntax
