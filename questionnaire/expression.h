// The small expression language of `visible_if` and item constraints.
//
//   relation = 2 and hours >= 10
//   not (condition in [1, 3]) or answered(children_count)
//   selected(help_received, 4)
//
// See docs/questionnaire-format.md for the grammar and semantics. An
// Expression is parsed once when a definition is loaded and evaluated many
// times against a response's answers. Its syntax tree is open to reading
// (questionnaire/expression_syntax.h) for translations into other languages.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "questionnaire/answer.h"
#include "questionnaire/expression_syntax.h"

namespace parorende {

// What kind of value an item answer is, as seen by expressions.
enum class ValueKind { number, boolean, text, date, code_set };

class Expression {
 public:
  // Parses `source`. On failure the error's single problem has `where` set to
  // "column N" (1-based) and a message saying what was expected.
  static Result<Expression> parse(std::string_view source);

  Expression();
  ~Expression();
  Expression(Expression&&) noexcept;
  Expression& operator=(Expression&&) noexcept;
  Expression(const Expression&);
  Expression& operator=(const Expression&);

  const std::string& source() const { return source_; }

  // The root of the syntax tree the parser built; shared by copies and alive
  // as long as the expression. A default-constructed expression is the
  // literal false.
  const expression_syntax::Node& syntax() const;

  // Every item id the expression reads, in order of first appearance.
  std::vector<std::string> referenced_items() const;

  // Checks operand kinds against the items' kinds: `kind_of` returns the
  // kind of an item id, or nullopt for an unknown item. Returns one problem
  // per mistake (unknown item, comparing a number with text, ...).
  std::vector<Problem> check(
      const std::function<std::optional<ValueKind>(std::string_view)>& kind_of) const;

  // Evaluates against `answers`. A comparison involving an unanswered item
  // is false; answered(x) is the way to test for an answer.
  bool evaluate(const Answers& answers) const;

 private:
  std::string source_;
  expression_syntax::NodePtr root_;
};

}  // namespace parorende
