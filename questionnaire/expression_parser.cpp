// Reading an expression: characters to tokens to the syntax tree of
// questionnaire/expression_syntax.h, with errors that point at a column.
#include "questionnaire/expression.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace parorende {
namespace {

using namespace expression_syntax;  // the tree's names are this file's vocabulary

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
    case TokenType::end: return "the end of the expression";
    case TokenType::text: return "text '" + token.text + "'";
    default: return "'" + token.text + "'";
  }
}

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view source) : source_(source) {}

  Result<std::vector<Token>> run() {
    std::vector<Token> tokens;
    while (true) {
      position_ = std::min(source_.find_first_not_of(" \t\n\r", position_), source_.size());
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
        tokens.push_back(
            {TokenType::identifier, std::string(source_.substr(start, position_ - start)), column});
      } else if ((c >= '0' && c <= '9') ||
                 (c == '-' && position_ + 1 < source_.size() && source_[position_ + 1] >= '0' &&
                  source_[position_ + 1] <= '9')) {
        auto number = read_number(column);
        if (!number) return number.take_error();
        tokens.push_back(std::move(number).value());
      } else if (c == '\'' || c == '"') {
        std::size_t end = source_.find(c, position_ + 1);
        if (end == std::string_view::npos) {
          return error(column, "text starting here has no closing quote");
        }
        tokens.push_back({TokenType::text,
                          std::string(source_.substr(position_ + 1, end - position_ - 1)), column});
        position_ = end + 1;
      } else if (c == '(' || c == ')' || c == '[' || c == ']' || c == ',') {
        static constexpr std::pair<char, TokenType> kPunctuation[] = {
            {'(', TokenType::left_paren},
            {')', TokenType::right_paren},
            {'[', TokenType::left_bracket},
            {']', TokenType::right_bracket},
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
    return make_error("invalid_expression", "column " + std::to_string(column) + ": " + message,
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
    while (
        position_ < source_.size() &&
        ((source_[position_] >= '0' && source_[position_] <= '9') || source_[position_] == '.')) {
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
    if (auto spelling = expression_syntax::operator_at(source_.substr(position_))) {
      position_ += spelling->symbol.size();
      Token token{TokenType::compare, std::string(spelling->symbol), column};
      token.op = spelling->op;
      return token;
    }
    // Quote the whole (UTF-8) character, not just its first byte.
    auto lead = static_cast<unsigned char>(source_[position_]);
    std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return error(column,
                 "unexpected character '" + std::string(source_.substr(position_, length)) + "'");
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
                              "expected 'and', 'or' or the end, found " + describe(peek()));
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

  // The "or" and "and" chains: `word` joins what `next` reads into a
  // `Chain` node; a single operand stays itself.
  template <typename Chain, typename Next>
  Result<NodePtr> parse_chain(int depth, std::string_view word, Next next) {
    if (depth > kMaxNesting) return too_deep();
    std::size_t column = peek().column;
    auto first = next(depth + 1);
    if (!first || !is_keyword(word)) return first;
    Chain node{{std::move(first).value()}};
    while (is_keyword(word)) {
      advance();
      auto following = next(depth + 1);
      if (!following) return following;
      node.operands.push_back(std::move(following).value());
    }
    return make(std::move(node), column);
  }

  Result<NodePtr> parse_or(int depth) {
    return parse_chain<Node::Or>(depth, "or", [this](int d) { return parse_and(d); });
  }

  Result<NodePtr> parse_and(int depth) {
    return parse_chain<Node::And>(depth, "and", [this](int d) { return parse_not(d); });
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
      return make(Node::Compare{op, std::move(left).value(), std::move(right).value()}, column);
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
        return Tokenizer::error(peek().column, "expected ',' or ']', found " + describe(peek()));
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
                            "expected a number, text, true or false, found " + describe(token));
  }

  Result<std::string> expect_item_id() {
    if (peek().type != TokenType::identifier) {
      return Tokenizer::error(peek().column, "expected an item id, found " + describe(peek()));
    }
    return advance().text;
  }

  Status expect(TokenType type, std::string_view what) {
    if (peek().type != type) {
      return Tokenizer::error(peek().column,
                              "expected " + std::string(what) + ", found " + describe(peek()));
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
        (token.text == "answered" || token.text == "selected" || token.text == "number") &&
        tokens_[position_ + 1].type == TokenType::left_paren) {
      std::string function = advance().text;
      bool is_selected = function == "selected";
      advance();
      auto item = expect_item_id();
      if (!item) return item.take_error();
      NodePtr node;
      if (is_selected) {
        if (auto comma = expect(TokenType::comma, "','"); !comma) {
          return comma.take_error();
        }
        if (peek().type != TokenType::number || peek().number != std::floor(peek().number) ||
            std::fabs(peek().number) > 1e12) {
          return Tokenizer::error(peek().column,
                                  "expected an option code, found " + describe(peek()));
        }
        auto code = static_cast<std::int64_t>(advance().number);
        node = make(Node::Selected{std::move(item).value(), code}, column);
      } else if (function == "number") {
        node = make(Node::NumberOf{std::move(item).value()}, column);
      } else {
        node = make(Node::Answered{std::move(item).value()}, column);
      }
      if (auto closed = expect(TokenType::right_paren, "')'"); !closed) {
        return closed.take_error();
      }
      return node;
    }
    if (token.type == TokenType::identifier && token.text != "true" && token.text != "false") {
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

}  // namespace

Result<Expression> Expression::parse(std::string_view source) {
  if (source.size() > kMaxLength) {
    return Tokenizer::error(kMaxLength,
                            "expression is longer than " + std::to_string(kMaxLength) + " bytes");
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

}  // namespace parorende
