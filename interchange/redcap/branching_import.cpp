// REDCap branching logic read into a tree, then either written as the
// source text of our condition (import) or printed canonically (comparison).
// REDCap's language is not ours; only the comparison operators are shared.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <optional>

#include "common/calendar.h"
#include "common/text.h"
#include "interchange/redcap/branching.h"
#include "interchange/redcap/json_writer.h"

namespace parorende::redcap {
namespace {

using Kind = FieldInfo::Kind;
using Comparison = expression_syntax::CompareOp;
using expression_syntax::Literal;

constexpr int kMaxNesting = 64;

Error unsupported(std::string message) {
  return make_error("unsupported_branching", std::move(message));
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '_';
}

// One side of a comparison: a field reference or a literal.
struct Operand {
  bool is_field = false;
  std::string name;                   // field: lower case
  std::optional<std::string> choice;  // [name(choice)]
  std::string text;                   // literal, without its quotes
  bool quoted = false;
};

struct Node {
  enum class Kind { all, any, compare } kind = Kind::compare;
  std::vector<Node> parts;
  Operand left;
  Operand right;
  Comparison op = Comparison::equal;
};

enum class TokenType { operand, compare, and_word, or_word, left_paren, right_paren, end };

struct Token {
  TokenType type = TokenType::end;
  Operand operand;
  Comparison op = Comparison::equal;
  std::string text;  // as written, for messages
};

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view logic) : logic_(logic) {}

  Result<std::vector<Token>> run() {
    std::vector<Token> tokens;
    for (skip_blanks(); i_ < logic_.size(); skip_blanks()) {
      bool value_expected = tokens.empty() || tokens.back().type == TokenType::compare ||
                            tokens.back().type == TokenType::left_paren ||
                            tokens.back().type == TokenType::and_word ||
                            tokens.back().type == TokenType::or_word;
      auto token = next(value_expected);
      if (!token) return token.take_error();
      tokens.push_back(std::move(token).value());
    }
    tokens.push_back(Token{});
    return tokens;
  }

 private:
  void skip_blanks() { i_ = std::min(logic_.find_first_not_of(" \t\r\n", i_), logic_.size()); }

  Result<Token> next(bool value_expected) {
    char c = logic_[i_];
    if (c == '[') return field();
    if (c == '\'' || c == '"') {
      std::size_t close = logic_.find(c, i_ + 1);
      if (close == std::string_view::npos) {
        return unsupported("the text starting with " + std::string(1, c) + " has no closing quote");
      }
      Token token{TokenType::operand,
                  {},
                  Comparison::equal,
                  std::string(logic_.substr(i_, close + 1 - i_))};
      token.operand.text = std::string(logic_.substr(i_ + 1, close - i_ - 1));
      token.operand.quoted = true;
      i_ = close + 1;
      return token;
    }
    bool negative = c == '-' && value_expected && i_ + 1 < logic_.size() &&
                    (is_digit(logic_[i_ + 1]) || logic_[i_ + 1] == '.');
    if (is_digit(c) || c == '.' || negative) {
      std::size_t start = i_++;
      while (i_ < logic_.size() && (is_digit(logic_[i_]) || logic_[i_] == '.')) ++i_;
      Token token{
          TokenType::operand, {}, Comparison::equal, std::string(logic_.substr(start, i_ - start))};
      token.operand.text = token.text;
      return token;
    }
    if (c == '(' || c == ')') {
      ++i_;
      return Token{c == '(' ? TokenType::left_paren : TokenType::right_paren,
                   {},
                   Comparison::equal,
                   std::string(1, c)};
    }
    if (is_word_char(c)) return word();
    if (auto spelling = expression_syntax::operator_at(logic_.substr(i_))) {
      i_ += spelling->symbol.size();
      return Token{TokenType::compare, {}, spelling->op, std::string(spelling->symbol)};
    }
    if (c == '+' || c == '-' || c == '*' || c == '/' || c == '^' || c == '%') {
      return unsupported("arithmetic ('" + std::string(1, c) + "') is not supported");
    }
    auto lead = static_cast<unsigned char>(c);
    std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return unsupported("unexpected character '" + std::string(logic_.substr(i_, length)) + "'");
  }

  Result<Token> field() {
    std::size_t close = logic_.find(']', i_);
    if (close == std::string_view::npos) return unsupported("a '[' has no closing ']'");
    std::string_view inside = logic_.substr(i_ + 1, close - i_ - 1);
    std::string written(logic_.substr(i_, close + 1 - i_));
    i_ = close + 1;
    if (i_ < logic_.size() && logic_[i_] == '[') {
      return unsupported("event-prefixed or instance references such as " + written +
                         "[...] are not supported");
    }
    if (inside.find(':') != std::string_view::npos) {
      return unsupported("smart-variable options such as " + written + " are not supported");
    }
    std::size_t name_end = 0;
    while (name_end < inside.size() && is_word_char(inside[name_end])) ++name_end;
    if (name_end == 0 || !(name_end == inside.size() || inside[name_end] == '(')) {
      return unsupported("smart variables and other references such as " + written +
                         " are not supported");
    }
    Token token{TokenType::operand, {}, Comparison::equal, written};
    token.operand.is_field = true;
    token.operand.name = ascii_lower(inside.substr(0, name_end));
    if (name_end < inside.size()) {
      std::string_view rest = inside.substr(name_end);
      std::size_t paren = rest.find(')');
      if (paren != rest.size() - 1 || rest.size() < 3) {
        return unsupported("the reference " + written + " is not [field] or [field(code)]");
      }
      token.operand.choice = std::string(rest.substr(1, rest.size() - 2));
    }
    return token;
  }

  Result<Token> word() {
    std::size_t start = i_;
    while (i_ < logic_.size() && is_word_char(logic_[i_])) ++i_;
    std::string text(logic_.substr(start, i_ - start));
    std::string keyword = ascii_lower(text);
    if (keyword == "and") return Token{TokenType::and_word, {}, Comparison::equal, text};
    if (keyword == "or") return Token{TokenType::or_word, {}, Comparison::equal, text};
    std::size_t after = i_;
    while (after < logic_.size() && logic_[after] == ' ') ++after;
    if (after < logic_.size() && logic_[after] == '(') {
      return unsupported("functions such as " + text + "() are not supported");
    }
    return unsupported("unexpected word '" + text + "'");
  }

  std::string_view logic_;
  std::size_t i_ = 0;
};

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  Result<Node> run() {
    auto root = chain(0, TokenType::or_word);
    if (!root) return root;
    if (peek().type != TokenType::end) {
      return unsupported("expected 'and', 'or' or the end, found '" + peek().text + "'");
    }
    return root;
  }

 private:
  const Token& peek() const { return tokens_[position_]; }
  const Token& advance() { return tokens_[position_++]; }

  // An "or" chain of "and" chains of comparisons.
  Result<Node> chain(int depth, TokenType joiner) {
    if (depth > kMaxNesting) return unsupported("the logic is nested too deeply");
    auto operand = [&]() {
      return joiner == TokenType::or_word ? chain(depth + 1, TokenType::and_word)
                                          : primary(depth + 1);
    };
    auto first = operand();
    if (!first || peek().type != joiner) return first;
    Node node;
    node.kind = joiner == TokenType::or_word ? Node::Kind::any : Node::Kind::all;
    node.parts.push_back(std::move(first).value());
    while (peek().type == joiner) {
      advance();
      auto next = operand();
      if (!next) return next;
      node.parts.push_back(std::move(next).value());
    }
    return node;
  }

  Result<Node> primary(int depth) {
    if (peek().type == TokenType::left_paren) {
      advance();
      auto inner = chain(depth + 1, TokenType::or_word);
      if (!inner) return inner;
      if (peek().type != TokenType::right_paren) {
        return unsupported("expected ')', found " + describe(peek()));
      }
      advance();
      return inner;
    }
    if (peek().type != TokenType::operand) {
      return unsupported("expected a comparison, found " + describe(peek()));
    }
    Node node;
    node.left = advance().operand;
    if (peek().type != TokenType::compare) {
      return unsupported("expected an operator such as = after " + tokens_[position_ - 1].text +
                         ", found " + describe(peek()));
    }
    node.op = advance().op;
    if (peek().type != TokenType::operand) {
      return unsupported("expected a value after the operator, found " + describe(peek()));
    }
    node.right = advance().operand;
    return node;
  }

  static std::string describe(const Token& token) {
    return token.type == TokenType::end ? "the end" : "'" + token.text + "'";
  }

  std::vector<Token> tokens_;
  std::size_t position_ = 0;
};

Result<Node> parse_logic(std::string_view logic) {
  auto tokens = Tokenizer(logic).run();
  if (!tokens) return tokens.take_error();
  return Parser(std::move(tokens).value()).run();
}

// A comparison turned so that a field is on the left when there is one.
Node oriented(const Node& node) {
  Node turned = node;
  if (!node.left.is_field && node.right.is_field) {
    std::swap(turned.left, turned.right);
    turned.op = mirrored(node.op);
  }
  return turned;
}

bool is_plain_number(std::string_view text) {
  std::size_t i = text.substr(0, 1) == "-" ? 1 : 0;
  std::size_t digits = 0;
  std::size_t dots = 0;
  for (; i < text.size(); ++i) {
    if (is_digit(text[i])) {
      ++digits;
    } else if (text[i] == '.') {
      ++dots;
    } else {
      return false;
    }
  }
  return digits > 0 && dots <= 1;
}

std::optional<double> literal_number(std::string_view text) {
  if (!is_plain_number(text)) return std::nullopt;
  std::string copy(text);
  double value = std::strtod(copy.c_str(), nullptr);
  if (!std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<std::int64_t> literal_integer(std::string_view text) {
  auto number = literal_number(text);
  if (!number || *number != std::floor(*number) || std::fabs(*number) > 1e12) {
    return std::nullopt;
  }
  return static_cast<std::int64_t>(*number);
}

// --- canonical printing ---------------------------------------------------

std::string canonical_operand(const Operand& operand) {
  if (operand.is_field) {
    return "[" + operand.name + (operand.choice ? "(" + *operand.choice + ")" : "") + "]";
  }
  std::string text = operand.text;
  // '18.0' is 18, but '007' may be a code or text, so it stays.
  std::string_view digits = std::string_view(text).substr(text.rfind('-', 0) == 0 ? 1 : 0);
  bool leading_zero = digits.size() > 1 && digits[0] == '0' && is_digit(digits[1]);
  if (auto number = literal_number(text); number && !leading_zero) text = format_number(*number);
  char quote = text.find('\'') == std::string::npos ? '\'' : '"';
  return quote + text + quote;
}

std::string canonical(const Node& node, bool nested) {
  if (node.kind == Node::Kind::compare) {
    Node turned = oriented(node);
    // An unchecked box is '0', so "<> '1'" and "= '0'" are the same.
    if (turned.left.is_field && turned.left.choice && !turned.right.is_field &&
        turned.op == Comparison::not_equal &&
        (turned.right.text == "1" || turned.right.text == "0")) {
      turned.op = Comparison::equal;
      turned.right.text = turned.right.text == "1" ? "0" : "1";
    }
    return canonical_operand(turned.left) + " " + std::string(redcap_operator(turned.op)) + " " +
           canonical_operand(turned.right);
  }
  std::string text;
  std::string_view word = node.kind == Node::Kind::all ? " and " : " or ";
  // Flatten: (a and b) and c is a and b and c.
  std::vector<const Node*> parts;
  std::vector<const Node*> pending;
  for (auto it = node.parts.rbegin(); it != node.parts.rend(); ++it) pending.push_back(&*it);
  while (!pending.empty()) {
    const Node* part = pending.back();
    pending.pop_back();
    if (part->kind == node.kind) {
      for (auto it = part->parts.rbegin(); it != part->parts.rend(); ++it) pending.push_back(&*it);
    } else {
      parts.push_back(part);
    }
  }
  for (const Node* part : parts) {
    if (!text.empty()) text += word;
    text += canonical(*part, true);
  }
  return nested ? "(" + text + ")" : text;
}

// --- our conditions -------------------------------------------------------

// Our condition being written: its source text, and its form, which decides
// where it needs parentheses.
struct ConditionText {
  enum class Form { any, all, comparison, call } form = Form::call;
  std::string text;
};
using Form = ConditionText::Form;

ConditionText negation_of(const ConditionText& condition) {
  bool bare = condition.form == Form::call;
  return {Form::call, bare ? "not " + condition.text : "not (" + condition.text + ")"};
}

ConditionText call(std::string_view function, const std::string& arguments) {
  return {Form::call, std::string(function) + "(" + arguments + ")"};
}

// A chain of "and" or "or"; "and" binds tighter than "or", but operands of
// the other kind get parentheses anyway, for readers.
ConditionText chain(Form form, const std::vector<ConditionText>& operands) {
  Form other = form == Form::all ? Form::any : Form::all;
  std::string_view word = form == Form::all ? " and " : " or ";
  ConditionText joined{form, {}};
  for (const ConditionText& operand : operands) {
    if (!joined.text.empty()) joined.text += word;
    joined.text += operand.form == other ? "(" + operand.text + ")" : operand.text;
  }
  return joined;
}

std::string literal_text(const Literal& literal) {
  if (auto* number = std::get_if<double>(&literal)) return format_number(*number);
  if (auto* flag = std::get_if<bool>(&literal)) return *flag ? "true" : "false";
  const std::string& text = std::get<std::string>(literal);
  char quote = text.find('\'') == std::string::npos ? '\'' : '"';
  return quote + text + quote;
}

class Converter {
 public:
  explicit Converter(const FieldAllowed& field_allowed) : field_allowed_(field_allowed) {}

  Result<ConditionText> convert(const Node& node) {
    if (node.kind != Node::Kind::compare) {
      std::vector<ConditionText> operands;
      for (const Node& part : node.parts) {
        auto operand = convert(part);
        if (!operand) return operand;
        operands.push_back(std::move(operand).value());
      }
      return chain(node.kind == Node::Kind::all ? Form::all : Form::any, operands);
    }
    Node turned = oriented(node);
    const std::string written = canonical(node, false);
    if (!turned.left.is_field) return unsupported("the comparison " + written + " has no field");
    if (turned.right.is_field) {
      return unsupported("comparing two fields (" + written + ") is not supported");
    }
    auto info = field_allowed_(turned.left.name);
    if (!info) return info.take_error();
    if (turned.left.choice) return checkbox(turned, info.value(), written);
    if (info->kind == Kind::multiple_choice) {
      return unsupported("checkbox field '" + turned.left.name +
                         "' is compared per choice, as in [" + turned.left.name + "(1)] = '1' (" +
                         written + ")");
    }
    const std::string& item = turned.left.name;
    const std::string& text = turned.right.text;
    bool equality = turned.op == Comparison::equal || turned.op == Comparison::not_equal;
    if (turned.right.quoted && text.empty()) {
      if (!equality) return unsupported("a blank cannot be ordered (" + written + ")");
      ConditionText answered = call("answered", item);
      return turned.op == Comparison::equal ? negation_of(answered) : answered;
    }
    auto value = literal_for(item, info.value(), text, written, equality);
    if (!value) return value.take_error();
    // REDCap compares two values as numbers when both look like numbers, so
    // [t] > 18 on a text field is number(t) > 18 here, not t > '18'.
    std::string left = item;
    if (info->kind == Kind::text && std::holds_alternative<double>(value.value())) {
      left = "number(" + item + ")";
    }
    // REDCap's <> is true on a blank; so is our not (x = v).
    bool negated = turned.op == Comparison::not_equal;
    Comparison op = negated ? Comparison::equal : turned.op;
    std::string symbol(operator_symbol(op));
    ConditionText compare{Form::comparison,
                          left + " " + symbol + " " + literal_text(value.value())};
    return negated ? negation_of(compare) : compare;
  }

 private:
  Result<Literal> literal_for(const std::string& item, const FieldInfo& info,
                              const std::string& text, const std::string& written, bool equality) {
    switch (info.kind) {
      case Kind::single_choice:
        if (auto code = literal_integer(text)) return Literal{static_cast<double>(*code)};
        return unsupported("'" + text + "' is not a choice code of '" + item + "' (" + written +
                           ")");
      case Kind::yes_no:
        if (!equality) return unsupported("a yes/no field cannot be ordered (" + written + ")");
        if (text == "1" || text == "0") return Literal{text == "1"};
        return unsupported("yes/no field '" + item + "' is '1' or '0', not '" + text + "' (" +
                           written + ")");
      case Kind::number:
        if (auto number = literal_number(text)) return Literal{*number};
        return unsupported("'" + text + "' is not a number, but '" + item + "' is (" + written +
                           ")");
      case Kind::date:
        // The engine's own reading of a date, so that a literal it would
        // refuse ('age4-03-01', '2026-02-30') is refused here, by name.
        if (text.size() != 10 || !parse_iso_date(text)) {
          return unsupported("'" + text + "' is not a date written YYYY-MM-DD (" + written + ")");
        }
        return Literal{text};
      case Kind::text:
        if (auto number = literal_number(text)) return Literal{*number};
        [[fallthrough]];
      case Kind::municipality:
        if (text.find('\'') != std::string::npos && text.find('"') != std::string::npos) {
          return unsupported("a text holding both kinds of quote cannot be translated (" + written +
                             ")");
        }
        return Literal{text};
      case Kind::multiple_choice: break;
    }
    return unsupported("cannot translate " + written);
  }

  Result<ConditionText> checkbox(const Node& turned, const FieldInfo& info,
                                 const std::string& written) {
    const std::string& item = turned.left.name;
    if (info.kind != Kind::multiple_choice) {
      return unsupported("'" + item + "' is not a checkbox field, so [" + item + "(" +
                         *turned.left.choice + ")] is not supported");
    }
    auto code = literal_integer(*turned.left.choice);
    if (!code) {
      return unsupported("'" + *turned.left.choice + "' is not a choice code of '" + item + "'");
    }
    const std::string& text = turned.right.text;
    bool equality = turned.op == Comparison::equal || turned.op == Comparison::not_equal;
    if (!equality || (text != "1" && text != "0")) {
      return unsupported("a checkbox choice is compared with = or <> to '1' or '0' (" + written +
                         ")");
    }
    ConditionText selected = call("selected", item + ", " + std::to_string(*code));
    bool checked = (turned.op == Comparison::equal) == (text == "1");
    return checked ? selected : negation_of(selected);
  }

  const FieldAllowed& field_allowed_;
};

}  // namespace

Result<std::string> from_branching_logic(std::string_view logic,
                                         const FieldAllowed& field_allowed) {
  auto tree = parse_logic(logic);
  if (!tree) return tree.take_error();
  auto ours = Converter(field_allowed).convert(tree.value());
  if (!ours) return ours.take_error();
  return std::move(ours).value().text;
}

Result<std::string> normalize_branching_logic(std::string_view logic) {
  bool blank = logic.find_first_not_of(" \t\r\n") == std::string_view::npos;
  if (blank) return std::string();
  auto tree = parse_logic(logic);
  if (!tree) return tree.take_error();
  return canonical(tree.value(), false);
}

}  // namespace parorende::redcap
