#include "interchange/redcap/condition.h"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace parorende::redcap {
namespace {

constexpr int kMaxNesting = 64;

Error unsupported(std::string message) {
  return make_error("unsupported_expression", std::move(message));
}

enum class TokenType { word, number, text, compare, left_paren, right_paren,
                       left_bracket, right_bracket, comma, end };

struct Token {
  TokenType type = TokenType::end;
  std::string text;
  double number = 0;
  Comparison op = Comparison::equal;
};

bool is_word_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }

Result<std::vector<Token>> tokenize(std::string_view source) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (true) {
    while (i < source.size() && (source[i] == ' ' || source[i] == '\t' ||
                                 source[i] == '\n' || source[i] == '\r')) {
      ++i;
    }
    if (i >= source.size()) break;
    char c = source[i];
    Token token;
    if (is_word_start(c)) {
      std::size_t start = i;
      while (i < source.size() && (is_word_start(source[i]) || is_digit(source[i]))) ++i;
      token = {TokenType::word, std::string(source.substr(start, i - start))};
    } else if (is_digit(c) || (c == '-' && i + 1 < source.size() && is_digit(source[i + 1]))) {
      std::size_t start = i++;
      while (i < source.size() && (is_digit(source[i]) || source[i] == '.')) ++i;
      token = {TokenType::number, std::string(source.substr(start, i - start))};
      char* end = nullptr;
      token.number = std::strtod(token.text.c_str(), &end);
      if (end != token.text.c_str() + token.text.size() || !std::isfinite(token.number)) {
        return unsupported("'" + token.text + "' is not a number");
      }
    } else if (c == '\'' || c == '"') {
      std::size_t close = source.find(c, i + 1);
      if (close == std::string_view::npos) return unsupported("a text has no closing quote");
      token = {TokenType::text, std::string(source.substr(i + 1, close - i - 1))};
      i = close + 1;
    } else if (c == '(' || c == ')' || c == '[' || c == ']' || c == ',') {
      static constexpr std::pair<char, TokenType> kPunctuation[] = {
          {'(', TokenType::left_paren},   {')', TokenType::right_paren},
          {'[', TokenType::left_bracket}, {']', TokenType::right_bracket},
          {',', TokenType::comma}};
      for (auto [symbol, type] : kPunctuation) {
        if (symbol == c) token = {type, std::string(1, c)};
      }
      ++i;
    } else {
      static constexpr std::pair<std::string_view, Comparison> kOperators[] = {
          {"==", Comparison::equal},         {"!=", Comparison::not_equal},
          {"<>", Comparison::not_equal},     {"<=", Comparison::less_equal},
          {">=", Comparison::greater_equal}, {"=", Comparison::equal},
          {"<", Comparison::less},           {">", Comparison::greater}};
      bool matched = false;
      for (auto [symbol, op] : kOperators) {
        if (source.substr(i, symbol.size()) == symbol) {
          token = {TokenType::compare, std::string(symbol)};
          token.op = op;
          i += symbol.size();
          matched = true;
          break;
        }
      }
      if (!matched) return unsupported("unexpected character '" + std::string(1, c) + "'");
    }
    tokens.push_back(std::move(token));
  }
  tokens.push_back(Token{});
  return tokens;
}

// What a grammar rule yields before it is known to be a condition: `x` may
// be compared (`x = 1`) or be a yes/no condition on its own.
struct Term {
  enum class Kind { literal, item, condition } kind = Kind::condition;
  Literal literal;
  std::string item;
  Condition condition;
};

Term condition_term(Condition condition) {
  Term term;
  term.condition = std::move(condition);
  return term;
}

Result<Condition> as_condition(Term term) {
  switch (term.kind) {
    case Term::Kind::condition:
      return std::move(term.condition);
    case Term::Kind::item: {
      Condition condition;
      condition.kind = Condition::Kind::item_is_true;
      condition.item = std::move(term.item);
      return condition;
    }
    case Term::Kind::literal:
      if (auto* flag = std::get_if<bool>(&term.literal)) {
        Condition condition;
        condition.kind = Condition::Kind::constant;
        condition.value = *flag;
        return condition;
      }
      return unsupported("a number or text is not a condition");
  }
  return unsupported("not a condition");
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  Result<Condition> run() {
    auto term = parse_or(0);
    if (!term) return term.take_error();
    if (peek().type != TokenType::end) {
      return unsupported("unexpected '" + peek().text + "'");
    }
    return as_condition(std::move(term).value());
  }

 private:
  const Token& peek() const { return tokens_[position_]; }
  const Token& advance() { return tokens_[position_++]; }
  bool at_word(std::string_view word) const {
    return peek().type == TokenType::word && peek().text == word;
  }
  Status expect(TokenType type, std::string_view what) {
    if (peek().type != type) {
      return unsupported("expected " + std::string(what) + ", found '" + peek().text + "'");
    }
    advance();
    return {};
  }

  // "and" and "or" chains share this: `word` joins operands into `kind`.
  template <typename Next>
  Result<Term> parse_chain(int depth, std::string_view word, Condition::Kind kind,
                           Next next) {
    if (depth > kMaxNesting) return unsupported("the expression is nested too deeply");
    auto first = next(depth + 1);
    if (!first || !at_word(word)) return first;
    Condition chain;
    chain.kind = kind;
    auto operand = as_condition(std::move(first).value());
    if (!operand) return operand.take_error();
    chain.operands.push_back(std::move(operand).value());
    while (at_word(word)) {
      advance();
      auto following = next(depth + 1);
      if (!following) return following;
      auto condition = as_condition(std::move(following).value());
      if (!condition) return condition.take_error();
      chain.operands.push_back(std::move(condition).value());
    }
    return condition_term(std::move(chain));
  }

  Result<Term> parse_or(int depth) {
    return parse_chain(depth, "or", Condition::Kind::any,
                       [this](int d) { return parse_and(d); });
  }

  Result<Term> parse_and(int depth) {
    return parse_chain(depth, "and", Condition::Kind::all,
                       [this](int d) { return parse_not(d); });
  }

  Result<Term> parse_not(int depth) {
    if (depth > kMaxNesting) return unsupported("the expression is nested too deeply");
    if (!at_word("not")) return parse_comparison(depth + 1);
    advance();
    auto operand = parse_not(depth + 1);
    if (!operand) return operand;
    auto condition = as_condition(std::move(operand).value());
    if (!condition) return condition.take_error();
    Condition negation;
    negation.kind = Condition::Kind::negation;
    negation.operands.push_back(std::move(condition).value());
    return condition_term(std::move(negation));
  }

  Result<Term> parse_comparison(int depth) {
    auto left = parse_value(depth + 1);
    if (!left) return left;
    if (peek().type == TokenType::compare) {
      Comparison op = advance().op;
      auto right = parse_value(depth + 1);
      if (!right) return right;
      Term* item = &left.value();
      Term* value = &right.value();
      if (item->kind == Term::Kind::literal && value->kind == Term::Kind::item) {
        std::swap(item, value);
        op = mirrored(op);
      }
      if (item->kind != Term::Kind::item || value->kind != Term::Kind::literal) {
        return unsupported(
            "only comparisons of an item with a value can be translated (not of "
            "two items, or of a condition)");
      }
      Condition compare;
      compare.kind = Condition::Kind::compare;
      compare.item = item->item;
      compare.op = op;
      compare.value = value->literal;
      return condition_term(std::move(compare));
    }
    if (at_word("in")) {
      advance();
      if (left->kind != Term::Kind::item) {
        return unsupported("only an item can be tested with 'in'");
      }
      if (auto opened = expect(TokenType::left_bracket, "'['"); !opened) {
        return opened.take_error();
      }
      Condition one_of;
      one_of.kind = Condition::Kind::one_of;
      one_of.item = left->item;
      while (true) {
        auto literal = parse_literal();
        if (!literal) return literal.take_error();
        one_of.values.push_back(std::move(literal).value());
        if (peek().type == TokenType::comma) {
          advance();
          continue;
        }
        if (auto closed = expect(TokenType::right_bracket, "']'"); !closed) {
          return closed.take_error();
        }
        break;
      }
      return condition_term(std::move(one_of));
    }
    return left;
  }

  Result<Literal> parse_literal() {
    const Token& token = advance();
    if (token.type == TokenType::number) return Literal{token.number};
    if (token.type == TokenType::text) return Literal{token.text};
    if (token.type == TokenType::word && (token.text == "true" || token.text == "false")) {
      return Literal{token.text == "true"};
    }
    return unsupported("expected a value, found '" + token.text + "'");
  }

  Result<Term> parse_value(int depth) {
    if (depth > kMaxNesting) return unsupported("the expression is nested too deeply");
    if (peek().type == TokenType::left_paren) {
      advance();
      auto inner = parse_or(depth + 1);
      if (!inner) return inner;
      if (auto closed = expect(TokenType::right_paren, "')'"); !closed) {
        return closed.take_error();
      }
      return inner;
    }
    bool is_call = peek().type == TokenType::word &&
                   (peek().text == "answered" || peek().text == "selected") &&
                   tokens_[position_ + 1].type == TokenType::left_paren;
    if (is_call) return parse_call();
    if (peek().type == TokenType::word && peek().text != "true" && peek().text != "false") {
      for (std::string_view reserved : {"and", "or", "not", "in"}) {
        if (peek().text == reserved) {
          return unsupported("expected a value, found '" + peek().text + "'");
        }
      }
      Term term;
      term.kind = Term::Kind::item;
      term.item = advance().text;
      return term;
    }
    auto literal = parse_literal();
    if (!literal) return literal.take_error();
    Term term;
    term.kind = Term::Kind::literal;
    term.literal = std::move(literal).value();
    return term;
  }

  Result<Term> parse_call() {
    Condition call;
    call.kind = advance().text == "selected" ? Condition::Kind::selected
                                             : Condition::Kind::answered;
    advance();  // '('
    if (peek().type != TokenType::word) {
      return unsupported("expected an item id, found '" + peek().text + "'");
    }
    call.item = advance().text;
    if (call.kind == Condition::Kind::selected) {
      if (auto comma = expect(TokenType::comma, "','"); !comma) return comma.take_error();
      if (peek().type != TokenType::number || peek().number != std::floor(peek().number) ||
          std::fabs(peek().number) > 1e12) {
        return unsupported("expected an option code, found '" + peek().text + "'");
      }
      call.code = static_cast<std::int64_t>(advance().number);
    }
    if (auto closed = expect(TokenType::right_paren, "')'"); !closed) {
      return closed.take_error();
    }
    return condition_term(std::move(call));
  }

  std::vector<Token> tokens_;
  std::size_t position_ = 0;
};

std::string_view operator_text(Comparison op) {
  switch (op) {
    case Comparison::equal: return "=";
    case Comparison::not_equal: return "!=";
    case Comparison::less: return "<";
    case Comparison::less_equal: return "<=";
    case Comparison::greater: return ">";
    case Comparison::greater_equal: return ">=";
  }
  return "=";
}

std::string print_literal(const Literal& literal) {
  if (auto* number = std::get_if<double>(&literal)) return format_number(*number);
  if (auto* flag = std::get_if<bool>(&literal)) return *flag ? "true" : "false";
  const std::string& text = std::get<std::string>(literal);
  char quote = text.find('\'') == std::string::npos ? '\'' : '"';
  return quote + text + quote;
}

std::string join(const std::vector<Condition>& operands, std::string_view word,
                 Condition::Kind parenthesized) {
  std::string text;
  for (const Condition& operand : operands) {
    if (!text.empty()) text += word;
    bool wrap = operand.kind == parenthesized;
    text += wrap ? "(" + print_condition(operand) + ")" : print_condition(operand);
  }
  return text;
}

}  // namespace

Result<Condition> parse_condition(std::string_view source) {
  auto tokens = tokenize(source);
  if (!tokens) return tokens.take_error();
  return Parser(std::move(tokens).value()).run();
}

std::string print_condition(const Condition& condition) {
  switch (condition.kind) {
    case Condition::Kind::all:
      return join(condition.operands, " and ", Condition::Kind::any);
    case Condition::Kind::any:
      // "and" binds tighter than "or", but the parentheses help readers.
      return join(condition.operands, " or ", Condition::Kind::all);
    case Condition::Kind::negation: {
      const Condition& operand = condition.operands.front();
      bool simple = operand.kind == Condition::Kind::answered ||
                    operand.kind == Condition::Kind::selected ||
                    operand.kind == Condition::Kind::item_is_true ||
                    operand.kind == Condition::Kind::constant;
      return simple ? "not " + print_condition(operand)
                    : "not (" + print_condition(operand) + ")";
    }
    case Condition::Kind::compare:
      return condition.item + " " + std::string(operator_text(condition.op)) + " " +
             print_literal(condition.value);
    case Condition::Kind::one_of: {
      std::string list;
      for (const Literal& value : condition.values) {
        if (!list.empty()) list += ", ";
        list += print_literal(value);
      }
      return condition.item + " in [" + list + "]";
    }
    case Condition::Kind::answered:
      return "answered(" + condition.item + ")";
    case Condition::Kind::selected:
      return "selected(" + condition.item + ", " + std::to_string(condition.code) + ")";
    case Condition::Kind::item_is_true:
      return condition.item;
    case Condition::Kind::constant:
      return std::get<bool>(condition.value) ? "true" : "false";
  }
  return "false";
}

std::string format_number(double value) {
  if (value == 0) return "0";
  char buffer[400];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value,
                                    std::chars_format::fixed);
  if (error != std::errc()) return std::to_string(value);
  return std::string(buffer, end);
}

Comparison mirrored(Comparison op) {
  switch (op) {
    case Comparison::less: return Comparison::greater;
    case Comparison::less_equal: return Comparison::greater_equal;
    case Comparison::greater: return Comparison::less;
    case Comparison::greater_equal: return Comparison::less_equal;
    default: return op;
  }
}

}  // namespace parorende::redcap
