#include "questionnaire/expression.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <variant>

namespace parorende {
namespace expression_detail {

// A literal written in the expression.
using Literal = std::variant<double, bool, std::string>;

enum class CompareOp { equal, not_equal, less, less_equal, greater, greater_equal };

struct Node {
  struct LiteralValue {
    Literal value;
  };
  struct ItemValue {
    std::string item;
  };
  struct Answered {
    std::string item;
  };
  struct Selected {
    std::string item;
    std::int64_t code;
  };
  struct Compare {
    CompareOp op;
    std::shared_ptr<const Node> left;
    std::shared_ptr<const Node> right;
  };
  struct In {
    std::shared_ptr<const Node> value;
    std::vector<Literal> list;
  };
  struct Not {
    std::shared_ptr<const Node> operand;
  };
  struct And {
    std::vector<std::shared_ptr<const Node>> operands;
  };
  struct Or {
    std::vector<std::shared_ptr<const Node>> operands;
  };

  std::variant<LiteralValue, ItemValue, Answered, Selected, Compare, In, Not,
               And, Or>
      kind;
  std::size_t column = 1;
};

}  // namespace expression_detail

namespace {

using expression_detail::CompareOp;
using expression_detail::Literal;
using expression_detail::Node;
using NodePtr = std::shared_ptr<const Node>;

// Expressions are short; this bounds recursion on hostile input.
constexpr int kMaxNesting = 64;
constexpr std::size_t kMaxLength = 4000;

enum class TokenType {
  identifier,
  number,
  text,
  compare,
  left_paren,
  right_paren,
  left_bracket,
  right_bracket,
  comma,
  end,
};

struct Token {
  TokenType type;
  std::string text;
  std::size_t column;  // 1-based
  double number = 0;
  CompareOp op = CompareOp::equal;
};

std::string describe(const Token& token) {
  switch (token.type) {
    case TokenType::end:
      return "the end of the expression";
    case TokenType::text:
      return "text '" + token.text + "'";
    default:
      return "'" + token.text + "'";
  }
}

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view source) : source_(source) {}

  Result<std::vector<Token>> run() {
    std::vector<Token> tokens;
    while (true) {
      while (position_ < source_.size() &&
             (source_[position_] == ' ' || source_[position_] == '\t' ||
              source_[position_] == '\n' || source_[position_] == '\r')) {
        ++position_;
      }
      std::size_t column = column_at(position_);
      if (position_ >= source_.size()) {
        tokens.push_back({TokenType::end, "", column});
        return tokens;
      }
      char c = source_[position_];
      if (is_identifier_start(c)) {
        std::size_t start = position_;
        while (position_ < source_.size() && is_identifier_char(source_[position_])) {
          ++position_;
        }
        tokens.push_back({TokenType::identifier,
                          std::string(source_.substr(start, position_ - start)),
                          column});
      } else if ((c >= '0' && c <= '9') ||
                 (c == '-' && position_ + 1 < source_.size() &&
                  source_[position_ + 1] >= '0' && source_[position_ + 1] <= '9')) {
        auto number = read_number(column);
        if (!number) return number.take_error();
        tokens.push_back(std::move(number).value());
      } else if (c == '\'' || c == '"') {
        std::size_t end = source_.find(c, position_ + 1);
        if (end == std::string_view::npos) {
          return error(column, "text starting here has no closing quote");
        }
        tokens.push_back({TokenType::text,
                          std::string(source_.substr(position_ + 1, end - position_ - 1)),
                          column});
        position_ = end + 1;
      } else if (c == '(' || c == ')' || c == '[' || c == ']' || c == ',') {
        static constexpr std::pair<char, TokenType> kPunctuation[] = {
            {'(', TokenType::left_paren},    {')', TokenType::right_paren},
            {'[', TokenType::left_bracket},  {']', TokenType::right_bracket},
            {',', TokenType::comma}};
        for (auto [symbol, type] : kPunctuation) {
          if (symbol == c) tokens.push_back({type, std::string(1, c), column});
        }
        ++position_;
      } else {
        auto comparison = read_comparison(column);
        if (!comparison) return comparison.take_error();
        tokens.push_back(std::move(comparison).value());
      }
    }
  }

  static Error error(std::size_t column, std::string message) {
    return make_error("invalid_expression",
                      "column " + std::to_string(column) + ": " + message,
                      {{"column " + std::to_string(column), "syntax", message}});
  }

 private:
  static bool is_identifier_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }
  static bool is_identifier_char(char c) {
    return is_identifier_start(c) || (c >= '0' && c <= '9');
  }

  Result<Token> read_number(std::size_t column) {
    std::size_t start = position_;
    if (source_[position_] == '-') ++position_;
    while (position_ < source_.size() &&
           ((source_[position_] >= '0' && source_[position_] <= '9') ||
            source_[position_] == '.')) {
      ++position_;
    }
    std::string text(source_.substr(start, position_ - start));
    char* end = nullptr;
    double value = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(value)) {
      return error(column, "'" + text + "' is not a number");
    }
    Token token{TokenType::number, text, column};
    token.number = value;
    return token;
  }

  Result<Token> read_comparison(std::size_t column) {
    static constexpr std::pair<std::string_view, CompareOp> kOperators[] = {
        {"==", CompareOp::equal},        {"!=", CompareOp::not_equal},
        {"<>", CompareOp::not_equal},    {"<=", CompareOp::less_equal},
        {">=", CompareOp::greater_equal}, {"=", CompareOp::equal},
        {"<", CompareOp::less},          {">", CompareOp::greater}};
    for (auto [symbol, op] : kOperators) {
      if (source_.substr(position_, symbol.size()) == symbol) {
        position_ += symbol.size();
        Token token{TokenType::compare, std::string(symbol), column};
        token.op = op;
        return token;
      }
    }
    // Quote the whole (UTF-8) character, not just its first byte.
    auto lead = static_cast<unsigned char>(source_[position_]);
    std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return error(column, "unexpected character '" +
                             std::string(source_.substr(position_, length)) + "'");
  }

  // The 1-based column of byte `offset`, counted in characters (UTF-8 code
  // points) like the JSON errors; offsets only grow.
  std::size_t column_at(std::size_t offset) {
    for (; counted_ < offset; ++counted_) {
      if ((static_cast<unsigned char>(source_[counted_]) & 0xC0) != 0x80) ++column_;
    }
    return column_;
  }

  std::string_view source_;
  std::size_t position_ = 0;
  std::size_t counted_ = 0;
  std::size_t column_ = 1;
};

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  Result<NodePtr> parse_all() {
    auto root = parse_or(0);
    if (!root) return root;
    if (peek().type != TokenType::end) {
      return Tokenizer::error(peek().column,
                              "expected 'and', 'or' or the end, found " +
                                  describe(peek()));
    }
    return root;
  }

 private:
  const Token& peek() const { return tokens_[position_]; }
  const Token& advance() { return tokens_[position_++]; }
  bool is_keyword(std::string_view word) const {
    return peek().type == TokenType::identifier && peek().text == word;
  }

  static NodePtr make(Node::LiteralValue literal, std::size_t column) {
    return std::make_shared<const Node>(Node{std::move(literal), column});
  }
  template <typename Kind>
  static NodePtr make(Kind kind, std::size_t column) {
    return std::make_shared<const Node>(Node{std::move(kind), column});
  }

  Result<NodePtr> too_deep() const {
    return Tokenizer::error(peek().column, "expression is nested too deeply");
  }

  Result<NodePtr> parse_or(int depth) {
    if (depth > kMaxNesting) return too_deep();
    std::size_t column = peek().column;
    auto first = parse_and(depth + 1);
    if (!first) return first;
    if (!is_keyword("or")) return first;
    Node::Or node{{std::move(first).value()}};
    while (is_keyword("or")) {
      advance();
      auto next = parse_and(depth + 1);
      if (!next) return next;
      node.operands.push_back(std::move(next).value());
    }
    return make(std::move(node), column);
  }

  Result<NodePtr> parse_and(int depth) {
    if (depth > kMaxNesting) return too_deep();
    std::size_t column = peek().column;
    auto first = parse_not(depth + 1);
    if (!first) return first;
    if (!is_keyword("and")) return first;
    Node::And node{{std::move(first).value()}};
    while (is_keyword("and")) {
      advance();
      auto next = parse_not(depth + 1);
      if (!next) return next;
      node.operands.push_back(std::move(next).value());
    }
    return make(std::move(node), column);
  }

  Result<NodePtr> parse_not(int depth) {
    if (depth > kMaxNesting) return too_deep();
    if (is_keyword("not")) {
      std::size_t column = advance().column;
      auto operand = parse_not(depth + 1);
      if (!operand) return operand;
      return make(Node::Not{std::move(operand).value()}, column);
    }
    return parse_comparison(depth + 1);
  }

  Result<NodePtr> parse_comparison(int depth) {
    std::size_t column = peek().column;
    auto left = parse_value(depth + 1);
    if (!left) return left;
    if (peek().type == TokenType::compare) {
      CompareOp op = advance().op;
      auto right = parse_value(depth + 1);
      if (!right) return right;
      return make(Node::Compare{op, std::move(left).value(),
                                std::move(right).value()},
                  column);
    }
    if (is_keyword("in")) {
      advance();
      if (peek().type != TokenType::left_bracket) {
        return Tokenizer::error(peek().column,
                                "expected '[' after 'in', found " + describe(peek()));
      }
      advance();
      Node::In node{std::move(left).value(), {}};
      while (true) {
        auto literal = parse_literal();
        if (!literal) return literal.take_error();
        node.list.push_back(std::move(literal).value());
        if (peek().type == TokenType::comma) {
          advance();
          continue;
        }
        if (peek().type == TokenType::right_bracket) {
          advance();
          break;
        }
        return Tokenizer::error(peek().column,
                                "expected ',' or ']', found " + describe(peek()));
      }
      return make(std::move(node), column);
    }
    return left;
  }

  Result<Literal> parse_literal() {
    const Token& token = peek();
    if (token.type == TokenType::number) {
      advance();
      return Literal{token.number};
    }
    if (token.type == TokenType::text) {
      advance();
      return Literal{token.text};
    }
    if (is_keyword("true") || is_keyword("false")) {
      advance();
      return Literal{token.text == "true"};
    }
    return Tokenizer::error(token.column,
                            "expected a number, text, true or false, found " +
                                describe(token));
  }

  Result<std::string> expect_item_id() {
    if (peek().type != TokenType::identifier) {
      return Tokenizer::error(peek().column,
                              "expected an item id, found " + describe(peek()));
    }
    return advance().text;
  }

  Status expect(TokenType type, std::string_view what) {
    if (peek().type != type) {
      return Tokenizer::error(peek().column, "expected " + std::string(what) +
                                                 ", found " + describe(peek()));
    }
    advance();
    return {};
  }

  Result<NodePtr> parse_value(int depth) {
    if (depth > kMaxNesting) return too_deep();
    const Token& token = peek();
    std::size_t column = token.column;
    if (token.type == TokenType::left_paren) {
      advance();
      auto inner = parse_or(depth + 1);
      if (!inner) return inner;
      if (auto closed = expect(TokenType::right_paren, "')'"); !closed) {
        return closed.take_error();
      }
      return inner;
    }
    if (token.type == TokenType::identifier &&
        (token.text == "answered" || token.text == "selected") &&
        tokens_[position_ + 1].type == TokenType::left_paren) {
      bool is_selected = advance().text == "selected";
      advance();
      auto item = expect_item_id();
      if (!item) return item.take_error();
      NodePtr node;
      if (is_selected) {
        if (auto comma = expect(TokenType::comma, "','"); !comma) {
          return comma.take_error();
        }
        if (peek().type != TokenType::number ||
            peek().number != std::floor(peek().number) ||
            std::fabs(peek().number) > 1e12) {
          return Tokenizer::error(peek().column, "expected an option code, found " +
                                                     describe(peek()));
        }
        auto code = static_cast<std::int64_t>(advance().number);
        node = make(Node::Selected{std::move(item).value(), code}, column);
      } else {
        node = make(Node::Answered{std::move(item).value()}, column);
      }
      if (auto closed = expect(TokenType::right_paren, "')'"); !closed) {
        return closed.take_error();
      }
      return node;
    }
    if (token.type == TokenType::identifier && token.text != "true" &&
        token.text != "false") {
      static constexpr std::string_view kReserved[] = {"and", "or", "not", "in"};
      for (std::string_view word : kReserved) {
        if (token.text == word) {
          return Tokenizer::error(column, "expected a value, found " + describe(token));
        }
      }
      return make(Node::ItemValue{advance().text}, column);
    }
    auto literal = parse_literal();
    if (!literal) return literal.take_error();
    return make(Node::LiteralValue{std::move(literal).value()}, column);
  }

  std::vector<Token> tokens_;
  std::size_t position_ = 0;
};

// What a value is at evaluation time; monostate means "no answer".
using RuntimeValue = std::variant<std::monostate, double, bool, std::string,
                                  std::vector<std::int64_t>>;

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

RuntimeValue literal_value(const Literal& literal) {
  return std::visit([](const auto& value) -> RuntimeValue { return value; },
                    literal);
}

bool evaluate_node(const Node& node, const Answers& answers);

RuntimeValue value_of(const Node& node, const Answers& answers) {
  if (auto* literal = std::get_if<Node::LiteralValue>(&node.kind)) {
    return literal_value(literal->value);
  }
  if (auto* item = std::get_if<Node::ItemValue>(&node.kind)) {
    return answer_value(answers, item->item);
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
        } else if constexpr (std::is_same_v<K, Node::Compare>) {
          return compare(kind.op, value_of(*kind.left, answers),
                         value_of(*kind.right, answers));
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
        if constexpr (std::is_same_v<K, Node::ItemValue> ||
                      std::is_same_v<K, Node::Answered> ||
                      std::is_same_v<K, Node::Selected>) {
          add(kind.item);
        } else if constexpr (std::is_same_v<K, Node::Compare>) {
          collect_items(*kind.left, items);
          collect_items(*kind.right, items);
        } else if constexpr (std::is_same_v<K, Node::In>) {
          collect_items(*kind.value, items);
        } else if constexpr (std::is_same_v<K, Node::Not>) {
          collect_items(*kind.operand, items);
        } else if constexpr (std::is_same_v<K, Node::And> ||
                             std::is_same_v<K, Node::Or>) {
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
  explicit Checker(
      const std::function<std::optional<ValueKind>(std::string_view)>& kind_of)
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
              report(node.column, "'" + k.item + "' is " +
                                      std::string(kind_name(*item)) +
                                      ", not yes/no; compare it with a value");
            }
          } else if constexpr (std::is_same_v<K, Node::Answered>) {
            item_kind(k.item, node.column);
          } else if constexpr (std::is_same_v<K, Node::Selected>) {
            auto item = item_kind(k.item, node.column);
            if (item && *item != ValueKind::code_set) {
              report(node.column, "selected() needs a multiple-choice item; '" +
                                      k.item + "' is " + std::string(kind_name(*item)));
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
  }

  void check_in(const Node::In& in, std::size_t column) {
    auto value = kind(*in.value);
    if (!value) return;
    ValueKind element = *value == ValueKind::code_set ? ValueKind::number : *value;
    for (const Literal& literal : in.list) {
      if (!comparable(element, literal_kind(literal))) {
        report(column, "the list holds " +
                           std::string(kind_name(literal_kind(literal))) +
                           " but the value is " + std::string(kind_name(*value)));
        return;
      }
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

Result<Expression> Expression::parse(std::string_view source) {
  if (source.size() > kMaxLength) {
    return Tokenizer::error(kMaxLength, "expression is longer than " +
                                            std::to_string(kMaxLength) +
                                            " characters");
  }
  auto tokens = Tokenizer(source).run();
  if (!tokens) return tokens.take_error();
  auto root = Parser(std::move(tokens).value()).parse_all();
  if (!root) return root.take_error();
  Expression expression;
  expression.source_ = std::string(source);
  expression.root_ = std::move(root).value();
  return expression;
}

std::vector<std::string> Expression::referenced_items() const {
  std::vector<std::string> items;
  if (root_) collect_items(*root_, items);
  return items;
}

std::vector<Problem> Expression::check(
    const std::function<std::optional<ValueKind>(std::string_view)>& kind_of)
    const {
  if (!root_) return {};
  Checker checker(kind_of);
  checker.check_condition(*root_);
  return std::move(checker.problems);
}

bool Expression::evaluate(const Answers& answers) const {
  return root_ != nullptr && evaluate_node(*root_, answers);
}

}  // namespace parorende
