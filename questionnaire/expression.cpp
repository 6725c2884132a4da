// Using a parsed expression: evaluation against answers, the items it
// reads, and the type check against the items' kinds. The parser is in
// expression_parser.cpp.
#include "questionnaire/expression.h"

#include "common/calendar.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace parorende {
namespace {

using namespace expression_syntax;  // the tree's names are this file's vocabulary

// What a value is at evaluation time; monostate means "no answer".
using RuntimeValue =
    std::variant<std::monostate, double, bool, std::string, std::vector<std::int64_t>>;

RuntimeValue answer_value(const Answers& answers, const std::string& item) {
  auto found = answers.find(item);
  if (found == answers.end()) return std::monostate{};
  return std::visit(
      [](const auto& answer) -> RuntimeValue {
        using T = std::decay_t<decltype(answer)>;
        if constexpr (std::is_same_v<T, std::int64_t>) {
          return static_cast<double>(answer);
        } else if constexpr (std::is_same_v<T, Date>) {
          return answer.iso();
        } else {
          return answer;
        }
      },
      found->second);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// number(x) of a text answer: spaces or tabs around an optional sign and
// digits with at most one decimal point ("18", " -2.5 ", ".5", "3."), read
// as a decimal number; anything else is no number, and so no value. REDCap
// compares two values as numbers when both look like this.
RuntimeValue text_as_number(const std::string& text) {
  auto is_blank = [](char c) { return c == ' ' || c == '\t'; };
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && is_blank(text[begin])) ++begin;
  while (end > begin && is_blank(text[end - 1])) --end;
  std::string_view number(text.data() + begin, end - begin);
  std::size_t i = !number.empty() && (number[0] == '-' || number[0] == '+') ? 1 : 0;
  std::size_t digits = 0;
  std::size_t points = 0;
  for (std::size_t j = i; j < number.size(); ++j) {
    if (is_digit(number[j])) {
      ++digits;
    } else if (number[j] == '.') {
      ++points;
    } else {
      return std::monostate{};
    }
  }
  if (digits == 0 || points > 1) return std::monostate{};
  // strtod on a copy: from_chars does not take a leading '+'.
  std::string copy(number.substr(i));
  double value = std::strtod(copy.c_str(), nullptr);
  if (!std::isfinite(value)) return std::monostate{};
  return number[0] == '-' ? -value : value;
}

RuntimeValue number_of(const Answers& answers, const std::string& item) {
  RuntimeValue value = answer_value(answers, item);
  if (auto* text = std::get_if<std::string>(&value)) return text_as_number(*text);
  if (std::holds_alternative<double>(value)) return value;
  return std::monostate{};
}

RuntimeValue literal_value(const Literal& literal) {
  return std::visit([](const auto& value) -> RuntimeValue { return value; }, literal);
}

bool evaluate_node(const Node& node, const Answers& answers);

RuntimeValue value_of(const Node& node, const Answers& answers) {
  if (auto* literal = std::get_if<Node::LiteralValue>(&node.kind)) {
    return literal_value(literal->value);
  }
  if (auto* item = std::get_if<Node::ItemValue>(&node.kind)) {
    return answer_value(answers, item->item);
  }
  if (auto* number = std::get_if<Node::NumberOf>(&node.kind)) {
    return number_of(answers, number->item);
  }
  return evaluate_node(node, answers);
}

bool compare(CompareOp op, const RuntimeValue& left, const RuntimeValue& right) {
  if (left.index() != right.index() || left.index() == 0 ||
      std::holds_alternative<std::vector<std::int64_t>>(left)) {
    return false;
  }
  auto ordered = [op](const auto& a, const auto& b) {
    switch (op) {
      case CompareOp::equal: return a == b;
      case CompareOp::not_equal: return a != b;
      case CompareOp::less: return a < b;
      case CompareOp::less_equal: return a <= b;
      case CompareOp::greater: return a > b;
      case CompareOp::greater_equal: return a >= b;
    }
    return false;
  };
  if (auto* number = std::get_if<double>(&left)) {
    return ordered(*number, std::get<double>(right));
  }
  if (auto* text = std::get_if<std::string>(&left)) {
    return ordered(*text, std::get<std::string>(right));
  }
  return ordered(std::get<bool>(left), std::get<bool>(right));
}

bool evaluate_node(const Node& node, const Answers& answers) {
  return std::visit(
      [&answers](const auto& kind) -> bool {
        using K = std::decay_t<decltype(kind)>;
        if constexpr (std::is_same_v<K, Node::LiteralValue>) {
          auto* flag = std::get_if<bool>(&kind.value);
          return flag != nullptr && *flag;
        } else if constexpr (std::is_same_v<K, Node::ItemValue>) {
          RuntimeValue value = answer_value(answers, kind.item);
          auto* flag = std::get_if<bool>(&value);
          return flag != nullptr && *flag;
        } else if constexpr (std::is_same_v<K, Node::Answered>) {
          return answers.find(kind.item) != answers.end();
        } else if constexpr (std::is_same_v<K, Node::Selected>) {
          RuntimeValue value = answer_value(answers, kind.item);
          auto* codes = std::get_if<std::vector<std::int64_t>>(&value);
          return codes != nullptr &&
                 std::find(codes->begin(), codes->end(), kind.code) != codes->end();
        } else if constexpr (std::is_same_v<K, Node::NumberOf>) {
          return false;  // a number is no condition; the check refuses it
        } else if constexpr (std::is_same_v<K, Node::Compare>) {
          return compare(kind.op, value_of(*kind.left, answers), value_of(*kind.right, answers));
        } else if constexpr (std::is_same_v<K, Node::In>) {
          RuntimeValue value = value_of(*kind.value, answers);
          if (auto* codes = std::get_if<std::vector<std::int64_t>>(&value)) {
            for (std::int64_t code : *codes) {
              RuntimeValue as_number = static_cast<double>(code);
              for (const Literal& literal : kind.list) {
                if (compare(CompareOp::equal, as_number, literal_value(literal))) {
                  return true;
                }
              }
            }
            return false;
          }
          for (const Literal& literal : kind.list) {
            if (compare(CompareOp::equal, value, literal_value(literal))) return true;
          }
          return false;
        } else if constexpr (std::is_same_v<K, Node::Not>) {
          return !evaluate_node(*kind.operand, answers);
        } else if constexpr (std::is_same_v<K, Node::And>) {
          for (const NodePtr& operand : kind.operands) {
            if (!evaluate_node(*operand, answers)) return false;
          }
          return true;
        } else {
          for (const NodePtr& operand : kind.operands) {
            if (evaluate_node(*operand, answers)) return true;
          }
          return false;
        }
      },
      node.kind);
}

void collect_items(const Node& node, std::vector<std::string>& items) {
  auto add = [&items](const std::string& item) {
    if (std::find(items.begin(), items.end(), item) == items.end()) {
      items.push_back(item);
    }
  };
  std::visit(
      [&](const auto& kind) {
        using K = std::decay_t<decltype(kind)>;
        if constexpr (std::is_same_v<K, Node::ItemValue> || std::is_same_v<K, Node::Answered> ||
                      std::is_same_v<K, Node::Selected> || std::is_same_v<K, Node::NumberOf>) {
          add(kind.item);
        } else if constexpr (std::is_same_v<K, Node::Compare>) {
          collect_items(*kind.left, items);
          collect_items(*kind.right, items);
        } else if constexpr (std::is_same_v<K, Node::In>) {
          collect_items(*kind.value, items);
        } else if constexpr (std::is_same_v<K, Node::Not>) {
          collect_items(*kind.operand, items);
        } else if constexpr (std::is_same_v<K, Node::And> || std::is_same_v<K, Node::Or>) {
          for (const NodePtr& operand : kind.operands) collect_items(*operand, items);
        }
      },
      node.kind);
}

std::string_view kind_name(ValueKind kind) {
  switch (kind) {
    case ValueKind::number: return "a number";
    case ValueKind::boolean: return "yes/no";
    case ValueKind::text: return "text";
    case ValueKind::date: return "a date";
    case ValueKind::code_set: return "a multiple-choice item";
  }
  return "?";
}

ValueKind literal_kind(const Literal& literal) {
  if (std::holds_alternative<double>(literal)) return ValueKind::number;
  if (std::holds_alternative<bool>(literal)) return ValueKind::boolean;
  return ValueKind::text;
}

class Checker {
 public:
  explicit Checker(const std::function<std::optional<ValueKind>(std::string_view)>& kind_of)
      : kind_of_(kind_of) {}

  std::vector<Problem> problems;

  // The kind of a value node; nullopt when it could not be determined (an
  // error was already reported).
  std::optional<ValueKind> kind(const Node& node) {
    if (auto* literal = std::get_if<Node::LiteralValue>(&node.kind)) {
      return literal_kind(literal->value);
    }
    if (auto* item = std::get_if<Node::ItemValue>(&node.kind)) {
      return item_kind(item->item, node.column);
    }
    if (auto* number = std::get_if<Node::NumberOf>(&node.kind)) {
      return number_kind(number->item, node.column);
    }
    check_condition(node);
    return ValueKind::boolean;
  }

  void check_condition(const Node& node) {
    std::visit(
        [&](const auto& k) {
          using K = std::decay_t<decltype(k)>;
          if constexpr (std::is_same_v<K, Node::LiteralValue>) {
            if (literal_kind(k.value) != ValueKind::boolean) {
              report(node.column, "a condition must be true or false, not " +
                                      std::string(kind_name(literal_kind(k.value))));
            }
          } else if constexpr (std::is_same_v<K, Node::ItemValue>) {
            auto item = item_kind(k.item, node.column);
            if (item && *item != ValueKind::boolean) {
              report(node.column, "'" + k.item + "' is " + std::string(kind_name(*item)) +
                                      ", not yes/no; compare it with a value");
            }
          } else if constexpr (std::is_same_v<K, Node::Answered>) {
            item_kind(k.item, node.column);
          } else if constexpr (std::is_same_v<K, Node::Selected>) {
            auto item = item_kind(k.item, node.column);
            if (item && *item != ValueKind::code_set) {
              report(node.column, "selected() needs a multiple-choice item; '" + k.item + "' is " +
                                      std::string(kind_name(*item)));
            }
          } else if constexpr (std::is_same_v<K, Node::NumberOf>) {
            if (number_kind(k.item, node.column)) {
              report(node.column, "a condition must be true or false, not a number");
            }
          } else if constexpr (std::is_same_v<K, Node::Compare>) {
            check_compare(k, node.column);
          } else if constexpr (std::is_same_v<K, Node::In>) {
            check_in(k, node.column);
          } else if constexpr (std::is_same_v<K, Node::Not>) {
            check_condition(*k.operand);
          } else {
            for (const NodePtr& operand : k.operands) check_condition(*operand);
          }
        },
        node.kind);
  }

 private:
  std::optional<ValueKind> item_kind(const std::string& item, std::size_t column) {
    auto kind = kind_of_(item);
    if (!kind) report(column, "unknown item '" + item + "'");
    return kind;
  }

  // number(item) reads a text item (or a number item, as it is).
  std::optional<ValueKind> number_kind(const std::string& item, std::size_t column) {
    auto kind = item_kind(item, column);
    if (!kind) return std::nullopt;
    if (*kind != ValueKind::text && *kind != ValueKind::number) {
      report(column,
             "number() reads a text item; '" + item + "' is " + std::string(kind_name(*kind)));
      return std::nullopt;
    }
    return ValueKind::number;
  }

  void report(std::size_t column, std::string message) {
    problems.push_back({"column " + std::to_string(column), "type", std::move(message)});
  }

  static bool comparable(ValueKind left, ValueKind right) {
    auto textual = [](ValueKind kind) {
      return kind == ValueKind::text || kind == ValueKind::date;
    };
    return left == right || (textual(left) && textual(right));
  }

  void check_compare(const Node::Compare& compare, std::size_t column) {
    auto left = kind(*compare.left);
    auto right = kind(*compare.right);
    if (!left || !right) return;
    if (*left == ValueKind::code_set || *right == ValueKind::code_set) {
      report(column,
             "a multiple-choice item cannot be compared; use selected(item, code) "
             "or 'in'");
      return;
    }
    if (!comparable(*left, *right)) {
      report(column, "cannot compare " + std::string(kind_name(*left)) + " with " +
                         std::string(kind_name(*right)));
      return;
    }
    bool ordering = compare.op != CompareOp::equal && compare.op != CompareOp::not_equal;
    if (ordering && *left == ValueKind::boolean) {
      report(column, "yes/no values can only be compared with = or !=");
    }
    if (*left == ValueKind::date) check_date_literal(*compare.right, column);
    if (*right == ValueKind::date) check_date_literal(*compare.left, column);
  }

  // Dates compare as text, so a text compared with a date that is not
  // itself a date ('31.01.2024', '2024-02-30') would give a wrong answer
  // without a word.
  void check_date_literal(const Node& side, std::size_t column) {
    const auto* literal = std::get_if<Node::LiteralValue>(&side.kind);
    if (literal == nullptr) return;
    check_date_text(literal->value, column);
  }
  void check_date_text(const Literal& literal, std::size_t column) {
    const auto* text = std::get_if<std::string>(&literal);
    if (text != nullptr && !parse_iso_date(*text)) {
      report(column, "'" + *text + "' is not a date; write dates as 'YYYY-MM-DD'");
    }
  }

  void check_in(const Node::In& in, std::size_t column) {
    auto value = kind(*in.value);
    if (!value) return;
    ValueKind element = *value == ValueKind::code_set ? ValueKind::number : *value;
    for (const Literal& literal : in.list) {
      if (!comparable(element, literal_kind(literal))) {
        report(column, "the list holds " + std::string(kind_name(literal_kind(literal))) +
                           " but the value is " + std::string(kind_name(*value)));
        return;
      }
      if (*value == ValueKind::date) check_date_text(literal, column);
    }
  }

  const std::function<std::optional<ValueKind>(std::string_view)>& kind_of_;
};

}  // namespace

Expression::Expression() = default;
Expression::~Expression() = default;
Expression::Expression(Expression&&) noexcept = default;
Expression& Expression::operator=(Expression&&) noexcept = default;
Expression::Expression(const Expression&) = default;
Expression& Expression::operator=(const Expression&) = default;

const expression_syntax::Node& Expression::syntax() const {
  static const Node kFalse{Node::LiteralValue{false}, 1};
  return root_ ? *root_ : kFalse;
}

std::vector<std::string> Expression::referenced_items() const {
  std::vector<std::string> items;
  if (root_) collect_items(*root_, items);
  return items;
}

std::vector<Problem> Expression::check(
    const std::function<std::optional<ValueKind>(std::string_view)>& kind_of) const {
  if (!root_) return {};
  Checker checker(kind_of);
  checker.check_condition(*root_);
  return std::move(checker.problems);
}

bool Expression::evaluate(const Answers& answers) const {
  return root_ != nullptr && evaluate_node(*root_, answers);
}

}  // namespace parorende
