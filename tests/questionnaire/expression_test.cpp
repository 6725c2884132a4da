// The visible_if / constraint expression language: parsing, errors with
// columns, type checks and evaluation (docs/questionnaire-format.md).
#include "questionnaire/expression.h"

#include <gtest/gtest.h>

#include <map>

#include "test_support.h"

namespace parorende {
namespace {

using testing::describe_problems;

Expression parse_ok(std::string_view source) {
  auto parsed = Expression::parse(source);
  if (!parsed) {
    ADD_FAILURE() << "'" << source << "' did not parse: "
                  << describe_problems(parsed.error());
    return Expression();
  }
  return std::move(parsed).value();
}

bool eval(std::string_view source, const Answers& answers) {
  return parse_ok(source).evaluate(answers);
}

// The answers most tests evaluate against.
Answers sample_answers() {
  Answers answers;
  answers["n"] = std::int64_t{3};                          // integer / single choice
  answers["d"] = 2.5;                                      // decimal
  answers["neg"] = std::int64_t{-2};
  answers["yes"] = true;                                   // yes_no
  answers["no"] = false;
  answers["t"] = std::string("hei");                      // text
  answers["date"] = Date{2024, 1, 31};                     // date
  answers["m"] = std::vector<std::int64_t>{1, 2};          // multiple choice
  answers["home"] = std::string("0301");                  // municipality
  answers["dk"] = std::int64_t{9};                         // "don't know"
  return answers;
}

struct SyntaxError {
  std::size_t column;
  std::string message;
};

SyntaxError syntax_error(std::string_view source) {
  auto parsed = Expression::parse(source);
  if (parsed.ok()) {
    ADD_FAILURE() << "'" << source << "' parsed but should not";
    return {0, ""};
  }
  const Error& error = parsed.error();
  EXPECT_EQ(error.code, "invalid_expression");
  EXPECT_EQ(error.problems.size(), 1u) << describe_problems(error);
  if (error.problems.empty()) return {0, ""};
  const Problem& problem = error.problems[0];
  EXPECT_EQ(problem.code, "syntax");
  EXPECT_EQ(problem.where.rfind("column ", 0), 0u) << problem.where;
  std::size_t column = std::stoul(problem.where.substr(7));
  // The summary repeats the column and the reason.
  EXPECT_EQ(error.message, problem.where + ": " + problem.message);
  return {column, problem.message};
}

// ---------------------------------------------------------------- evaluation

TEST(ExpressionEvaluate, EqualityOperators) {
  Answers answers = sample_answers();
  EXPECT_TRUE(eval("n = 3", answers));
  EXPECT_FALSE(eval("n = 4", answers));
  EXPECT_TRUE(eval("n == 3", answers));
  EXPECT_FALSE(eval("n == 2", answers));
  EXPECT_TRUE(eval("n != 4", answers));
  EXPECT_FALSE(eval("n != 3", answers));
  EXPECT_TRUE(eval("n <> 4", answers));
  EXPECT_FALSE(eval("n <> 3", answers));
  EXPECT_TRUE(eval("n=3", answers)) << "no spaces needed";
  EXPECT_TRUE(eval("3 = n", answers)) << "literal on the left";
}

TEST(ExpressionEvaluate, OrderingOperatorsAtTheBoundary) {
  Answers answers = sample_answers();
  EXPECT_TRUE(eval("n < 4", answers));
  EXPECT_FALSE(eval("n < 3", answers));
  EXPECT_TRUE(eval("n <= 3", answers));
  EXPECT_FALSE(eval("n <= 2", answers));
  EXPECT_TRUE(eval("n > 2", answers));
  EXPECT_FALSE(eval("n > 3", answers));
  EXPECT_TRUE(eval("n >= 3", answers));
  EXPECT_FALSE(eval("n >= 4", answers));
}

TEST(ExpressionEvaluate, DecimalAndNegativeNumbers) {
  Answers answers = sample_answers();
  EXPECT_TRUE(eval("d = 2.5", answers));
  EXPECT_TRUE(eval("d > 2.49", answers));
  EXPECT_FALSE(eval("d > 2.5", answers));
  EXPECT_TRUE(eval("neg = -2", answers));
  EXPECT_TRUE(eval("neg < -1", answers));
  EXPECT_FALSE(eval("neg < -2", answers));
  EXPECT_TRUE(eval("n>-1", answers)) << "'>' followed by a negative number";
}

TEST(ExpressionEvaluate, YesNoValues) {
  Answers answers = sample_answers();
  EXPECT_TRUE(eval("yes = true", answers));
  EXPECT_FALSE(eval("yes = false", answers));
  EXPECT_TRUE(eval("no = false", answers));
  EXPECT_TRUE(eval("no != true", answers));
  EXPECT_TRUE(eval("yes", answers)) << "a yes/no item is a condition by itself";
  EXPECT_FALSE(eval("no", answers));
  EXPECT_FALSE(eval("not yes", answers));
  EXPECT_TRUE(eval("not no", answers));
  EXPECT_TRUE(eval("true", answers));
  EXPECT_FALSE(eval("false", answers));
}

TEST(ExpressionEvaluate, TextInBothQuoteStyles) {
  Answers answers = sample_answers();
  EXPECT_TRUE(eval("t = 'hei'", answers));
  EXPECT_TRUE(eval("t = \"hei\"", answers));
  EXPECT_FALSE(eval("t = 'Hei'", answers)) << "text comparison is exact";
  EXPECT_TRUE(eval("t != 'hallo'", answers));
  EXPECT_TRUE(eval("t > 'ha'", answers));
  EXPECT_TRUE(eval("home = '0301'", answers));
  EXPECT_FALSE(eval("home = 301", answers)) << "a municipality code is text";

  Answers quotes;
  quotes["t"] = std::string("it's");
  EXPECT_TRUE(eval("t = \"it's\"", quotes)) << "a ' inside double quotes";
  quotes["t"] = std::string("say \"hi\"");
  EXPECT_TRUE(eval("t = 'say \"hi\"'", quotes)) << "a \" inside single quotes";
  quotes["t"] = std::string("Bjørn og, (så) and or");
  EXPECT_TRUE(eval("t = 'Bjørn og, (så) and or'", quotes))
      << "keywords and punctuation inside text are text";
}

TEST(ExpressionEvaluate, DatesCompareAsIsoText) {
  Answers answers = sample_answers();  // 2024-01-31
  EXPECT_TRUE(eval("date = '2024-01-31'", answers));
  EXPECT_TRUE(eval("date >= '2024-01-31'", answers));
  EXPECT_TRUE(eval("date < '2024-02-01'", answers));
  EXPECT_FALSE(eval("date < '2024-01-31'", answers));
  EXPECT_TRUE(eval("date > '2023-12-31'", answers));
  Answers early;
  early["date"] = Date{2024, 1, 5};
  EXPECT_TRUE(eval("date < '2024-01-10'", early)) << "zero padding keeps the order";
}

TEST(ExpressionEvaluate, AndOrNot) {
  Answers answers = sample_answers();
  EXPECT_TRUE(eval("n = 3 and yes = true", answers));
  EXPECT_FALSE(eval("n = 3 and yes = false", answers));
  EXPECT_FALSE(eval("n = 4 and yes = true", answers));
  EXPECT_TRUE(eval("n = 4 or yes = true", answers));
  EXPECT_TRUE(eval("n = 3 or yes = false", answers));
  EXPECT_FALSE(eval("n = 4 or yes = false", answers));
  EXPECT_TRUE(eval("n = 1 or n = 2 or n = 3", answers));
  EXPECT_TRUE(eval("n = 3 and d = 2.5 and t = 'hei'", answers));
  EXPECT_FALSE(eval("n = 3 and d = 2.5 and t = 'nei'", answers));
  EXPECT_TRUE(eval("not n = 4", answers));
  EXPECT_FALSE(eval("not n = 3", answers));
  EXPECT_TRUE(eval("not not n = 3", answers));
}

TEST(ExpressionEvaluate, AndBindsTighterThanOr) {
  Answers answers;
  answers["a"] = true;
  answers["b"] = false;
  answers["c"] = false;
  // a or (b and c) = true; (a or b) and c would be false.
  EXPECT_TRUE(eval("a or b and c", answers));
  EXPECT_FALSE(eval("(a or b) and c", answers));
  // (c and b) or a = true.
  EXPECT_TRUE(eval("c and b or a", answers));
  EXPECT_FALSE(eval("c and (b or a)", answers));
}

TEST(ExpressionEvaluate, NotBindsTighterThanAndButLooserThanComparison) {
  Answers answers;
  answers["a"] = true;
  answers["b"] = false;
  answers["n"] = std::int64_t{1};
  // (not a) and b = false; not (a and b) would be true.
  EXPECT_FALSE(eval("not a and b", answers));
  EXPECT_TRUE(eval("not (a and b)", answers));
  // (not b) or a = true either way; (not a) or b = false, not (a or b) false.
  EXPECT_FALSE(eval("not a or b", answers));
  // not applies to the whole comparison: not (n = 2) is true.
  EXPECT_TRUE(eval("not n = 2", answers));
}

TEST(ExpressionEvaluate, ParenthesesNest) {
  Answers answers = sample_answers();
  EXPECT_TRUE(eval("((n = 3))", answers));
  EXPECT_TRUE(eval("(n = 3 or n = 4) and (yes = true)", answers));
  EXPECT_FALSE(eval("(n = 3 or n = 4) and (yes = false or (t = 'x' and d > 0))", answers));
  EXPECT_TRUE(eval("(n) = 3", answers)) << "a parenthesized value";
  EXPECT_TRUE(eval("(n = 3) = true", answers)) << "a condition as a yes/no value";
}

TEST(ExpressionEvaluate, InListsOfNumbersTextAndBooleans) {
  Answers answers = sample_answers();
  EXPECT_TRUE(eval("n in [1, 2, 3]", answers));
  EXPECT_TRUE(eval("n in [3]", answers));
  EXPECT_FALSE(eval("n in [1, 2, 4]", answers));
  EXPECT_TRUE(eval("t in ['ha', \"hei\"]", answers));
  EXPECT_FALSE(eval("t in ['ha', 'hallo']", answers));
  EXPECT_TRUE(eval("yes in [true]", answers));
  EXPECT_FALSE(eval("yes in [false]", answers));
  EXPECT_TRUE(eval("not (n in [1, 2])", answers));
  EXPECT_TRUE(eval("n in[3]", answers));
}

TEST(ExpressionEvaluate, InOnMultipleChoiceIsTrueWhenAnySelectedCodeIsListed) {
  Answers answers = sample_answers();  // m = {1, 2}
  EXPECT_TRUE(eval("m in [2, 5]", answers));
  EXPECT_TRUE(eval("m in [1]", answers));
  EXPECT_FALSE(eval("m in [3, 4, 5]", answers));
  Answers none;
  EXPECT_FALSE(eval("m in [1, 2, 3]", none));
}

TEST(ExpressionEvaluate, AnsweredAndSelected) {
  Answers answers = sample_answers();
  EXPECT_TRUE(eval("answered(n)", answers));
  EXPECT_TRUE(eval("answered(m)", answers));
  EXPECT_TRUE(eval("answered(no)", answers)) << "false is an answer";
  EXPECT_FALSE(eval("answered(missing)", answers));
  EXPECT_TRUE(eval("not answered(missing)", answers));
  EXPECT_TRUE(eval("selected(m, 1)", answers));
  EXPECT_TRUE(eval("selected(m, 2)", answers));
  EXPECT_FALSE(eval("selected(m, 3)", answers));
  EXPECT_FALSE(eval("selected(missing, 1)", answers));
  EXPECT_TRUE(eval("selected( m , 2 ) and answered( n )", answers));
}

TEST(ExpressionEvaluate, DontKnowIsAnAnswerWithItsCode) {
  Answers answers = sample_answers();  // dk = 9
  EXPECT_TRUE(eval("answered(dk)", answers));
  EXPECT_TRUE(eval("dk = 9", answers));
  EXPECT_FALSE(eval("dk < 5", answers));
}

TEST(ExpressionEvaluate, ComparisonsWithAnUnansweredItemAreFalse) {
  Answers none;
  for (std::string_view source :
       {"x = 1", "x == 1", "x != 1", "x <> 1", "x < 1", "x <= 1", "x > 1", "x >= 1",
        "x = 'a'", "x != 'a'", "x = true", "x != false", "x in [1, 2]", "x = y",
        "x != y", "x"}) {
    EXPECT_FALSE(eval(source, none)) << source;
  }
  // ... so their negations are true.
  EXPECT_TRUE(eval("not (x = 1)", none));
  EXPECT_TRUE(eval("not x = 1", none));
  EXPECT_TRUE(eval("not (x != 1)", none));
  EXPECT_TRUE(eval("not (x in [1])", none));
  EXPECT_TRUE(eval("not x", none));
  EXPECT_TRUE(eval("x = 1 or not answered(x)", none));
}

TEST(ExpressionEvaluate, ComparingDifferentKindsAtRunTimeIsFalse) {
  // The loader rejects these; evaluation must still be total.
  Answers answers = sample_answers();
  EXPECT_FALSE(eval("n = '3'", answers));
  EXPECT_FALSE(eval("n != '3'", answers));
  EXPECT_FALSE(eval("yes = 1", answers));
  EXPECT_FALSE(eval("m = 1", answers));
  EXPECT_FALSE(eval("selected(n, 3)", answers));
  EXPECT_FALSE(eval("n", answers)) << "a number is not a condition";
  EXPECT_FALSE(eval("3", answers));
  EXPECT_FALSE(eval("'text'", answers));
}

TEST(ExpressionEvaluate, TwoItemsCompared) {
  Answers answers;
  answers["a"] = std::int64_t{2};
  answers["b"] = std::int64_t{5};
  EXPECT_TRUE(eval("a < b", answers));
  EXPECT_FALSE(eval("a = b", answers));
  EXPECT_TRUE(eval("a != b", answers));
  answers["b"] = std::int64_t{2};
  EXPECT_TRUE(eval("a = b", answers));
  EXPECT_TRUE(eval("a = 2.0", answers)) << "integers and decimals are both numbers";
}

TEST(ExpressionEvaluate, WhitespaceOfAnyKindSeparatesTokens) {
  Answers answers = sample_answers();
  EXPECT_TRUE(eval("  n\t=\n3\r\nand\tyes  ", answers));
}

// ------------------------------------------------------------------ structure

TEST(Expression, KeepsItsSourceAndListsReferencedItemsOnce) {
  Expression expression =
      parse_ok("b = 1 and answered(a) or selected(c, 1) and b = 2 or x in [1] or not d");
  EXPECT_EQ(expression.source(),
            "b = 1 and answered(a) or selected(c, 1) and b = 2 or x in [1] or not d");
  EXPECT_EQ(expression.referenced_items(),
            (std::vector<std::string>{"b", "a", "c", "x", "d"}));
  EXPECT_TRUE(parse_ok("1 = 1 and true").referenced_items().empty());
}

TEST(Expression, DefaultIsFalseAndCopiesEvaluateAlike) {
  Expression empty;
  EXPECT_FALSE(empty.evaluate(sample_answers()));
  EXPECT_TRUE(empty.referenced_items().empty());
  EXPECT_TRUE(empty.check([](std::string_view) { return std::nullopt; }).empty());

  Expression original = parse_ok("n = 3");
  Expression copy = original;
  Expression moved = std::move(original);
  EXPECT_TRUE(copy.evaluate(sample_answers()));
  EXPECT_TRUE(moved.evaluate(sample_answers()));
  copy = parse_ok("n = 4");
  EXPECT_FALSE(copy.evaluate(sample_answers()));
  EXPECT_TRUE(moved.evaluate(sample_answers()));
}

TEST(Expression, IdentifiersMayHoldDigitsAndUnderscoresAndKeywordPrefixes) {
  Answers answers;
  answers["q_1b"] = std::int64_t{1};
  answers["order"] = std::int64_t{2};      // starts with "or"
  answers["android"] = std::int64_t{3};    // holds "and"
  answers["notes"] = std::string("x");    // starts with "not"
  answers["index"] = std::int64_t{4};      // starts with "in"
  answers["answered"] = std::int64_t{5};   // a function name used as an item id
  EXPECT_TRUE(eval("q_1b = 1 and order = 2 and android = 3 and notes = 'x' and index = 4",
                   answers));
  EXPECT_TRUE(eval("answered = 5", answers));
}

TEST(ExpressionSyntaxTree, IsTheTreeTheParserBuilt) {
  namespace syntax = expression_syntax;
  using Node = syntax::Node;
  Expression expression = parse_ok("not (18 > age) and (selected(help, 3) or relation in [1, 'x'])");
  const auto& all = std::get<Node::And>(expression.syntax().kind);
  ASSERT_EQ(all.operands.size(), 2u);

  const auto& negation = std::get<Node::Not>(all.operands[0]->kind);
  EXPECT_EQ(all.operands[0]->column, 1u);
  const auto& compare = std::get<Node::Compare>(negation.operand->kind);
  EXPECT_EQ(compare.op, syntax::CompareOp::greater);
  EXPECT_EQ(std::get<Node::LiteralValue>(compare.left->kind).value, syntax::Literal{18.0});
  EXPECT_EQ(std::get<Node::ItemValue>(compare.right->kind).item, "age");
  EXPECT_EQ(compare.right->column, 11u);

  const auto& any = std::get<Node::Or>(all.operands[1]->kind);
  ASSERT_EQ(any.operands.size(), 2u) << "parentheses leave no node of their own";
  const auto& selected = std::get<Node::Selected>(any.operands[0]->kind);
  EXPECT_EQ(selected.item, "help");
  EXPECT_EQ(selected.code, 3);
  const auto& in = std::get<Node::In>(any.operands[1]->kind);
  EXPECT_EQ(std::get<Node::ItemValue>(in.value->kind).item, "relation");
  EXPECT_EQ(in.list, (std::vector<syntax::Literal>{1.0, std::string("x")}));

  EXPECT_EQ(std::get<Node::Answered>(parse_ok("answered(x)").syntax().kind).item, "x");
  EXPECT_EQ(std::get<Node::LiteralValue>(Expression().syntax().kind).value,
            syntax::Literal{false})
      << "a default expression is false";
}

TEST(ExpressionSyntaxTree, OperatorsTurnRoundAndHaveOneSpelling) {
  using Op = expression_syntax::CompareOp;
  const std::pair<Op, Op> turned[] = {
      {Op::equal, Op::equal},     {Op::not_equal, Op::not_equal},
      {Op::less, Op::greater},    {Op::less_equal, Op::greater_equal},
      {Op::greater, Op::less},    {Op::greater_equal, Op::less_equal}};
  for (auto [op, mirror] : turned) {
    EXPECT_EQ(expression_syntax::mirrored(op), mirror);
    // The canonical spelling reads back as the same operator.
    auto read = parse_ok("x " + std::string(expression_syntax::operator_symbol(op)) + " 1");
    EXPECT_EQ(std::get<expression_syntax::Node::Compare>(read.syntax().kind).op, op);
  }
}

// -------------------------------------------------------------- syntax errors

TEST(ExpressionSyntax, MissingClosingParenthesis) {
  auto error = syntax_error("(x = 1");
  EXPECT_EQ(error.column, 7u);
  EXPECT_EQ(error.message, "expected ')', found the end of the expression");
  error = syntax_error("((x = 1)");
  EXPECT_EQ(error.column, 9u);
  EXPECT_EQ(error.message, "expected ')', found the end of the expression");
  error = syntax_error("(x = 1 y");
  EXPECT_EQ(error.column, 8u);
  EXPECT_EQ(error.message, "expected ')', found 'y'");
  error = syntax_error("answered(x");
  EXPECT_EQ(error.column, 11u);
  EXPECT_EQ(error.message, "expected ')', found the end of the expression");
}

TEST(ExpressionSyntax, UnexpectedClosingParenthesis) {
  auto error = syntax_error("x = 1)");
  EXPECT_EQ(error.column, 6u);
  EXPECT_EQ(error.message, "expected 'and', 'or' or the end, found ')'");
  error = syntax_error("(x = 1))");
  EXPECT_EQ(error.column, 8u);
  EXPECT_EQ(error.message, "expected 'and', 'or' or the end, found ')'");
  error = syntax_error(")");
  EXPECT_EQ(error.column, 1u);
  EXPECT_EQ(error.message, "expected a number, text, true or false, found ')'");
}

TEST(ExpressionSyntax, InLists) {
  auto error = syntax_error("x in [1, 2");
  EXPECT_EQ(error.column, 11u);
  EXPECT_EQ(error.message, "expected ',' or ']', found the end of the expression");
  error = syntax_error("x in [1 2]");
  EXPECT_EQ(error.column, 9u);
  EXPECT_EQ(error.message, "expected ',' or ']', found '2'");
  error = syntax_error("x in 1, 2");
  EXPECT_EQ(error.column, 6u);
  EXPECT_EQ(error.message, "expected '[' after 'in', found '1'");
  error = syntax_error("x in");
  EXPECT_EQ(error.column, 5u);
  EXPECT_EQ(error.message, "expected '[' after 'in', found the end of the expression");
  error = syntax_error("x in []");
  EXPECT_EQ(error.column, 7u);
  EXPECT_EQ(error.message, "expected a number, text, true or false, found ']'");
  error = syntax_error("x in [y]");
  EXPECT_EQ(error.column, 7u);
  EXPECT_EQ(error.message, "expected a number, text, true or false, found 'y'");
}

TEST(ExpressionSyntax, BadCharacters) {
  auto error = syntax_error("x = 1 & y = 2");
  EXPECT_EQ(error.column, 7u);
  EXPECT_EQ(error.message, "unexpected character '&'");
  error = syntax_error("x ! 1");
  EXPECT_EQ(error.column, 3u);
  EXPECT_EQ(error.message, "unexpected character '!'");
  error = syntax_error("x = 1.2.3");
  EXPECT_EQ(error.column, 5u);
  EXPECT_EQ(error.message, "'1.2.3' is not a number");
  error = syntax_error("x == 1 || y");
  EXPECT_EQ(error.column, 8u);
  EXPECT_EQ(error.message, "unexpected character '|'");
}

TEST(ExpressionSyntax, UnterminatedText) {
  auto error = syntax_error("x = 'abc");
  EXPECT_EQ(error.column, 5u);
  EXPECT_EQ(error.message, "text starting here has no closing quote");
  error = syntax_error("x = \"abc'");
  EXPECT_EQ(error.column, 5u) << "a ' does not close a \"";
  EXPECT_EQ(error.message, "text starting here has no closing quote");
}

TEST(ExpressionSyntax, EmptyExpression) {
  auto error = syntax_error("");
  EXPECT_EQ(error.column, 1u);
  EXPECT_EQ(error.message, "expected a number, text, true or false, found the end of the "
                           "expression");
  error = syntax_error("   ");
  EXPECT_EQ(error.column, 4u);
  EXPECT_EQ(error.message, "expected a number, text, true or false, found the end of the "
                           "expression");
}

TEST(ExpressionSyntax, TrailingGarbage) {
  auto error = syntax_error("x = 1 y");
  EXPECT_EQ(error.column, 7u);
  EXPECT_EQ(error.message, "expected 'and', 'or' or the end, found 'y'");
  error = syntax_error("x = 1 = 2");
  EXPECT_EQ(error.column, 7u);
  EXPECT_EQ(error.message, "expected 'and', 'or' or the end, found '='");
  error = syntax_error("x = 1 'tail'");
  EXPECT_EQ(error.column, 7u);
  EXPECT_EQ(error.message, "expected 'and', 'or' or the end, found text 'tail'");
  error = syntax_error("x = 1 and");
  EXPECT_EQ(error.column, 10u);
  EXPECT_EQ(error.message, "expected a number, text, true or false, found the end of the "
                           "expression");
  error = syntax_error("x =");
  EXPECT_EQ(error.column, 4u);
  EXPECT_EQ(error.message, "expected a number, text, true or false, found the end of the "
                           "expression");
}

TEST(ExpressionSyntax, ReservedWordsAreNotValues) {
  auto error = syntax_error("x = and");
  EXPECT_EQ(error.column, 5u);
  EXPECT_EQ(error.message, "expected a value, found 'and'");
  error = syntax_error("or = 1");
  EXPECT_EQ(error.column, 1u);
  EXPECT_EQ(error.message, "expected a value, found 'or'");
  error = syntax_error("in = 1");
  EXPECT_EQ(error.column, 1u);
  EXPECT_EQ(error.message, "expected a value, found 'in'");
  error = syntax_error("x = not");
  EXPECT_EQ(error.column, 5u);
  EXPECT_EQ(error.message, "expected a value, found 'not'");
  error = syntax_error("x in [or]");
  EXPECT_EQ(error.column, 7u);
  EXPECT_EQ(error.message, "expected a number, text, true or false, found 'or'");
}

TEST(ExpressionSyntax, FunctionArguments) {
  auto error = syntax_error("selected(m 1)");
  EXPECT_EQ(error.column, 12u);
  EXPECT_EQ(error.message, "expected ',', found '1'");
  error = syntax_error("selected(m, 1.5)");
  EXPECT_EQ(error.column, 13u);
  EXPECT_EQ(error.message, "expected an option code, found '1.5'");
  error = syntax_error("selected(m, 'a')");
  EXPECT_EQ(error.column, 13u);
  EXPECT_EQ(error.message, "expected an option code, found text 'a'");
  error = syntax_error("answered(3)");
  EXPECT_EQ(error.column, 10u);
  EXPECT_EQ(error.message, "expected an item id, found '3'");
}

TEST(ExpressionSyntax, ColumnsCountCharactersNotBytes) {
  // ø and ≥ are 2 and 3 bytes in UTF-8 but one character (column) each,
  // and the error quotes the whole character.
  auto error = syntax_error("t = 'Bjørn' ≥ 2");
  EXPECT_EQ(error.column, 13u);
  EXPECT_EQ(error.message, "unexpected character '≥'");
  error = syntax_error("'æøå' = x y");
  EXPECT_EQ(error.column, 11u);
  EXPECT_EQ(error.message, "expected 'and', 'or' or the end, found 'y'");
  error = syntax_error("x = 1 and 😀");
  EXPECT_EQ(error.column, 11u);
  EXPECT_EQ(error.message, "unexpected character '😀'");
  // Type problems use the same columns.
  auto problems = parse_ok("'ø' = 'å' and n = 'x'").check([](std::string_view id) {
    return id == "n" ? std::optional<ValueKind>(ValueKind::number) : std::nullopt;
  });
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].where, "column 15");
}

TEST(ExpressionSyntax, NestingIsLimitedAndTheErrorPointsAtTheFirstTooDeepToken) {
  // Find the deepest accepted nesting; it must allow realistic expressions.
  int deepest = 0;
  for (int depth = 1; depth < 200; ++depth) {
    std::string source = std::string(depth, '(') + "x = 1" + std::string(depth, ')');
    auto parsed = Expression::parse(source);
    if (!parsed) {
      const Problem& problem = parsed.error().problems.at(0);
      EXPECT_EQ(problem.message, "expression is nested too deeply");
      // The parser gives up when it reaches the token after the last '(' it
      // accepted, i.e. at column depth_limit + 1 (1-based).
      std::size_t column = std::stoul(problem.where.substr(7));
      EXPECT_GE(column, 2u);
      EXPECT_LE(column, static_cast<std::size_t>(depth) + 1);
      EXPECT_EQ(source[column - 1], column <= static_cast<std::size_t>(depth) ? '(' : 'x');
      break;
    }
    deepest = depth;
  }
  EXPECT_GE(deepest, 10) << "ten levels of parentheses must be allowed";
  EXPECT_LT(deepest, 199) << "nesting must be limited";
}

TEST(ExpressionSyntax, TenThousandOpeningParenthesesGiveAnError) {
  auto parsed = Expression::parse(std::string(10000, '('));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, "invalid_expression");
  EXPECT_EQ(parsed.error().problems.at(0).where, "column 4000");
  EXPECT_EQ(parsed.error().problems.at(0).message,
            "expression is longer than 4000 characters");

  // Just under the length limit the nesting limit must catch it.
  for (std::string source : {std::string(3999, '('), std::string(3999, '(') + "x",
                             std::string(1999, '(') + std::string(1999, ')')}) {
    auto deep = Expression::parse(source);
    ASSERT_FALSE(deep.ok());
    EXPECT_EQ(deep.error().problems.at(0).message, "expression is nested too deeply");
  }
}

TEST(ExpressionSyntax, LongChainsOfNotAndOfOperatorsDoNotCrash) {
  std::string nots;
  for (int i = 0; i < 990; ++i) nots += "not ";
  auto deep = Expression::parse(nots + "x");
  ASSERT_FALSE(deep.ok());
  EXPECT_EQ(deep.error().problems.at(0).message, "expression is nested too deeply");

  // A long flat chain is not nesting and is fine.
  std::string chain = "x = 0";
  for (int i = 1; i < 300; ++i) chain += " or x = " + std::to_string(i);
  ASSERT_LT(chain.size(), 4000u);
  Answers answers;
  answers["x"] = std::int64_t{299};
  EXPECT_TRUE(eval(chain, answers));
}

TEST(ExpressionSyntax, HugeOptionCodeIsAnErrorNotUndefinedBehaviour) {
  auto error = syntax_error("selected(m, 99999999999999999999999)");
  EXPECT_EQ(error.column, 13u);
  EXPECT_EQ(error.message, "expected an option code, found '99999999999999999999999'");
}

// --------------------------------------------------------------- type checks

std::optional<ValueKind> sample_kind(std::string_view id) {
  static const std::map<std::string, ValueKind, std::less<>> kinds = {
      {"n", ValueKind::number},   {"yes", ValueKind::boolean}, {"t", ValueKind::text},
      {"date", ValueKind::date},  {"m", ValueKind::code_set},  {"n2", ValueKind::number}};
  auto found = kinds.find(id);
  if (found == kinds.end()) return std::nullopt;
  return found->second;
}

std::vector<Problem> type_problems(std::string_view source) {
  return parse_ok(source).check(sample_kind);
}

// The single type problem of `source`, as "column N: message".
std::string type_problem(std::string_view source) {
  auto problems = type_problems(source);
  if (problems.size() != 1) {
    std::string all;
    for (const Problem& problem : problems) all += "\n  " + problem.message;
    ADD_FAILURE() << "'" << source << "': expected one problem, found "
                  << problems.size() << all;
    return "";
  }
  EXPECT_EQ(problems[0].code, "type");
  return problems[0].where + ": " + problems[0].message;
}

TEST(ExpressionCheck, WellTypedExpressionsHaveNoProblems) {
  for (std::string_view source :
       {"n = 1", "n >= n2", "yes = true", "yes != false", "yes", "not yes",
        "t = 'a'", "t < \"b\"", "date >= '2024-01-01'", "date = t", "m in [1, 2]",
        "selected(m, 1)", "answered(m)", "answered(n) and n in [1, 2]",
        "t in ['a', 'b']", "(n = 1) = true", "true", "not (n = 1 or yes)"}) {
    auto problems = type_problems(source);
    EXPECT_TRUE(problems.empty()) << source << ": " << problems.front().message;
  }
}

TEST(ExpressionCheck, YesNoComparedWithANumber) {
  EXPECT_EQ(type_problem("yes = 1"), "column 1: cannot compare yes/no with a number");
  EXPECT_EQ(type_problem("1 != yes"), "column 1: cannot compare a number with yes/no");
}

TEST(ExpressionCheck, TextComparedWithANumber) {
  EXPECT_EQ(type_problem("t = 1"), "column 1: cannot compare text with a number");
  EXPECT_EQ(type_problem("n = '1'"), "column 1: cannot compare a number with text");
  EXPECT_EQ(type_problem("date < 2024"), "column 1: cannot compare a date with a number");
}

TEST(ExpressionCheck, OrderingYesNo) {
  EXPECT_EQ(type_problem("yes < true"),
            "column 1: yes/no values can only be compared with = or !=");
  EXPECT_EQ(type_problem("yes >= false"),
            "column 1: yes/no values can only be compared with = or !=");
}

TEST(ExpressionCheck, MultipleChoiceInAComparison) {
  const std::string message =
      "a multiple-choice item cannot be compared; use selected(item, code) or 'in'";
  EXPECT_EQ(type_problem("m = 1"), "column 1: " + message);
  EXPECT_EQ(type_problem("2 < m"), "column 1: " + message);
  EXPECT_EQ(type_problem("m"), "column 1: 'm' is a multiple-choice item, not yes/no; "
                               "compare it with a value");
}

TEST(ExpressionCheck, SelectedOnAnItemThatIsNotMultipleChoice) {
  EXPECT_EQ(type_problem("selected(n, 1)"),
            "column 1: selected() needs a multiple-choice item; 'n' is a number");
  EXPECT_EQ(type_problem("selected(yes, 1)"),
            "column 1: selected() needs a multiple-choice item; 'yes' is yes/no");
}

TEST(ExpressionCheck, UnknownItems) {
  EXPECT_EQ(type_problem("nope = 1"), "column 1: unknown item 'nope'");
  EXPECT_EQ(type_problem("answered(nope)"), "column 1: unknown item 'nope'");
  EXPECT_EQ(type_problem("selected(nope, 1)"), "column 1: unknown item 'nope'");
  EXPECT_EQ(type_problem("n = 1 or nope in [1]"), "column 10: unknown item 'nope'");
}

TEST(ExpressionCheck, ValuesThatAreNotConditions) {
  EXPECT_EQ(type_problem("n"), "column 1: 'n' is a number, not yes/no; compare it with a value");
  EXPECT_EQ(type_problem("n = 1 and t"),
            "column 11: 't' is text, not yes/no; compare it with a value");
  EXPECT_EQ(type_problem("1"), "column 1: a condition must be true or false, not a number");
  EXPECT_EQ(type_problem("'x'"), "column 1: a condition must be true or false, not text");
}

TEST(ExpressionCheck, InListsOfTheWrongKind) {
  EXPECT_EQ(type_problem("m in ['a']"),
            "column 1: the list holds text but the value is a multiple-choice item");
  EXPECT_EQ(type_problem("n in [1, 'a']"),
            "column 1: the list holds text but the value is a number");
  EXPECT_EQ(type_problem("yes in [1]"),
            "column 1: the list holds a number but the value is yes/no");
}

TEST(ExpressionCheck, EveryProblemIsReportedWithItsColumn) {
  auto problems = type_problems("yes = 1 or t = 2 and nope = 3 or selected(n, 1)");
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0].where, "column 1");
  EXPECT_EQ(problems[0].message, "cannot compare yes/no with a number");
  EXPECT_EQ(problems[1].where, "column 12");
  EXPECT_EQ(problems[1].message, "cannot compare text with a number");
  EXPECT_EQ(problems[2].where, "column 22");
  EXPECT_EQ(problems[2].message, "unknown item 'nope'");
  EXPECT_EQ(problems[3].where, "column 34");
  EXPECT_EQ(problems[3].message,
            "selected() needs a multiple-choice item; 'n' is a number");
}

}  // namespace
}  // namespace parorende
