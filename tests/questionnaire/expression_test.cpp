// The visible_if / constraint expression language: the cases shared with
// the page (tests/data/expression_cases.json), the syntax tree, the limits on
// hostile input, and type checks (docs/questionnaire-format.md).
#include "questionnaire/expression.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <map>

#include "test_support.h"

namespace parorende {
namespace {

namespace json = boost::json;
using testing::describe_problems;
using testing::kSourceDir;
using testing::read_file;

Expression parse_ok(std::string_view source) {
  auto parsed = Expression::parse(source);
  if (!parsed) {
    ADD_FAILURE() << "'" << source << "' did not parse: " << describe_problems(parsed.error());
    return Expression();
  }
  return std::move(parsed).value();
}

bool eval(std::string_view source, const Answers& answers) {
  return parse_ok(source).evaluate(answers);
}

// ------------------------------------------------- the cases shared with the page

// An answer as the cases write it (see the file's "about").
AnswerValue answer_of(const json::value& value) {
  if (value.is_int64()) return value.as_int64();
  if (value.is_double()) return value.as_double();
  if (value.is_bool()) return value.as_bool();
  if (value.is_string()) return std::string(value.as_string());
  if (value.is_array()) {
    std::vector<std::int64_t> codes;
    for (const json::value& code : value.as_array()) codes.push_back(code.as_int64());
    return codes;
  }
  auto date = parse_iso_date(value.at("date").as_string());
  if (!date) throw std::runtime_error("not a date: " + json::serialize(value));
  return *date;
}

Answers answers_of(const json::value& answers, const json::object& named_sets) {
  const json::value& written = answers.is_string() ? named_sets.at(answers.as_string()) : answers;
  Answers result;
  for (const auto& [item, value] : written.as_object()) {
    result[std::string(item)] = answer_of(value);
  }
  return result;
}

TEST(ExpressionCases, EveryCaseSharedWithThePageHoldsInTheEngine) {
  json::value file = json::parse(read_file(kSourceDir + "/tests/data/expression_cases.json"));
  const json::object& named_sets = file.at("answer_sets").as_object();
  const json::array& cases = file.at("cases").as_array();
  ASSERT_GE(cases.size(), 100u);
  for (const json::value& entry : cases) {
    const json::object& c = entry.as_object();
    std::string source(c.at("expression").as_string());
    SCOPED_TRACE("expression '" + source + "'");
    if (const json::value* only = c.if_contains("only")) {
      EXPECT_TRUE(c.contains("why")) << "a one-sided case says why";
      if (only->as_string() != "engine") continue;
    }
    auto parsed = Expression::parse(source);
    if (const json::value* value = c.if_contains("value")) {
      ASSERT_TRUE(parsed.ok()) << describe_problems(parsed.error());
      EXPECT_EQ(parsed->evaluate(answers_of(c.at("answers"), named_sets)), value->as_bool());
      continue;
    }
    ASSERT_FALSE(parsed.ok()) << "parsed but should not";
    const Error& error = parsed.error();
    EXPECT_EQ(error.code, c.at("error").as_string());
    ASSERT_EQ(error.problems.size(), 1u) << describe_problems(error);
    const Problem& problem = error.problems[0];
    EXPECT_EQ(problem.code, "syntax");
    EXPECT_EQ(problem.where, "column " + std::to_string(c.at("column").as_int64()));
    EXPECT_EQ(problem.message, c.at("message").as_string());
    // The summary repeats the column and the reason.
    EXPECT_EQ(error.message, problem.where + ": " + problem.message);
  }
}

// ------------------------------------------------------------------ structure

// The answers the structure tests evaluate against.
Answers sample_answers() {
  Answers answers;
  answers["n"] = std::int64_t{3};
  return answers;
}

TEST(Expression, KeepsItsSourceAndListsReferencedItemsOnce) {
  Expression expression =
      parse_ok("b = 1 and answered(a) or selected(c, 1) and b = 2 or x in [1] or not d");
  EXPECT_EQ(expression.source(),
            "b = 1 and answered(a) or selected(c, 1) and b = 2 or x in [1] or not d");
  EXPECT_EQ(expression.referenced_items(), (std::vector<std::string>{"b", "a", "c", "x", "d"}));
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

TEST(ExpressionSyntaxTree, IsTheTreeTheParserBuilt) {
  namespace syntax = expression_syntax;
  using Node = syntax::Node;
  Expression expression =
      parse_ok("not (18 > age) and (selected(help, 3) or relation in [1, 'x'])");
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
  EXPECT_EQ(std::get<Node::LiteralValue>(Expression().syntax().kind).value, syntax::Literal{false})
      << "a default expression is false";
}

TEST(ExpressionSyntaxTree, OperatorsTurnRoundAndHaveOneSpelling) {
  using Op = expression_syntax::CompareOp;
  const std::pair<Op, Op> turned[] = {{Op::equal, Op::equal},  {Op::not_equal, Op::not_equal},
                                      {Op::less, Op::greater}, {Op::less_equal, Op::greater_equal},
                                      {Op::greater, Op::less}, {Op::greater_equal, Op::less_equal}};
  for (auto [op, mirror] : turned) {
    EXPECT_EQ(expression_syntax::mirrored(op), mirror);
    // The canonical spelling reads back as the same operator.
    auto read = parse_ok("x " + std::string(expression_syntax::operator_symbol(op)) + " 1");
    EXPECT_EQ(std::get<expression_syntax::Node::Compare>(read.syntax().kind).op, op);
  }
}

TEST(ExpressionSyntaxTree, ANegatedComparisonHoldsExactlyWhenTheComparisonDoesNot) {
  using Op = expression_syntax::CompareOp;
  for (Op op :
       {Op::equal, Op::not_equal, Op::less, Op::less_equal, Op::greater, Op::greater_equal}) {
    Op negated = expression_syntax::negated(op);
    EXPECT_EQ(expression_syntax::negated(negated), op);
    for (int x = 0; x <= 2; ++x) {
      Answers answers;
      answers["x"] = std::int64_t{x};
      auto holds = [&](Op which) {
        return eval("x " + std::string(expression_syntax::operator_symbol(which)) + " 1", answers);
      };
      EXPECT_NE(holds(op), holds(negated)) << expression_syntax::operator_symbol(op) << " x=" << x;
    }
  }
}

// ------------------------------------------------------ limits on hostile input

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
  EXPECT_EQ(parsed.error().problems.at(0).message, "expression is longer than 4000 bytes");

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

// --------------------------------------------------------------- type checks

std::optional<ValueKind> sample_kind(std::string_view id) {
  static const std::map<std::string, ValueKind, std::less<>> kinds = {
      {"n", ValueKind::number},  {"yes", ValueKind::boolean}, {"t", ValueKind::text},
      {"date", ValueKind::date}, {"m", ValueKind::code_set},  {"n2", ValueKind::number}};
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
    ADD_FAILURE() << "'" << source << "': expected one problem, found " << problems.size() << all;
    return "";
  }
  EXPECT_EQ(problems[0].code, "type");
  return problems[0].where + ": " + problems[0].message;
}

TEST(ExpressionCheck, TypeProblemsCountColumnsInCharactersLikeSyntaxErrors) {
  auto problems = parse_ok("'ø' = 'å' and n = 'x'").check([](std::string_view id) {
    return id == "n" ? std::optional<ValueKind>(ValueKind::number) : std::nullopt;
  });
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].where, "column 15");
}

TEST(ExpressionCheck, WellTypedExpressionsHaveNoProblems) {
  for (std::string_view source : {"n = 1",
                                  "n >= n2",
                                  "yes = true",
                                  "yes != false",
                                  "yes",
                                  "not yes",
                                  "t = 'a'",
                                  "t < \"b\"",
                                  "date >= '2024-01-01'",
                                  "date = t",
                                  "m in [1, 2]",
                                  "selected(m, 1)",
                                  "answered(m)",
                                  "answered(n) and n in [1, 2]",
                                  "t in ['a', 'b']",
                                  "(n = 1) = true",
                                  "true",
                                  "not (n = 1 or yes)",
                                  "number(t) > 18",
                                  "number(n) = n2",
                                  "number(t) in [1, 2]",
                                  "18 <= number(t)"}) {
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
  EXPECT_EQ(type_problem("m"),
            "column 1: 'm' is a multiple-choice item, not yes/no; "
            "compare it with a value");
}

TEST(ExpressionCheck, SelectedOnAnItemThatIsNotMultipleChoice) {
  EXPECT_EQ(type_problem("selected(n, 1)"),
            "column 1: selected() needs a multiple-choice item; 'n' is a number");
  EXPECT_EQ(type_problem("selected(yes, 1)"),
            "column 1: selected() needs a multiple-choice item; 'yes' is yes/no");
}

TEST(ExpressionCheck, NumberReadsTextItemsAndIsNoCondition) {
  EXPECT_EQ(type_problem("number(t) = '18'"), "column 1: cannot compare a number with text");
  EXPECT_EQ(type_problem("number(yes) = 1"),
            "column 1: number() reads a text item; 'yes' is yes/no");
  EXPECT_EQ(type_problem("number(date) < 1"),
            "column 1: number() reads a text item; 'date' is a date");
  EXPECT_EQ(type_problem("number(m) in [1]"),
            "column 1: number() reads a text item; 'm' is a multiple-choice item");
  EXPECT_EQ(type_problem("number(nope) > 1"), "column 1: unknown item 'nope'");
  EXPECT_EQ(type_problem("n = 1 and number(t)"),
            "column 11: a condition must be true or false, not a number");
}

TEST(ExpressionSyntaxTree, NumberOfNamesItsItem) {
  Expression expression = parse_ok("number(age) > 18");
  const auto& compare = std::get<expression_syntax::Node::Compare>(expression.syntax().kind);
  EXPECT_EQ(std::get<expression_syntax::Node::NumberOf>(compare.left->kind).item, "age");
  EXPECT_EQ(parse_ok("number(age) > 18 or x = 1").referenced_items(),
            (std::vector<std::string>{"age", "x"}));
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
  std::vector<std::string> described;
  for (const Problem& problem : type_problems("yes = 1 or t = 2 and nope = 3 or selected(n, 1)")) {
    described.push_back(problem.where + ": " + problem.message);
  }
  EXPECT_EQ(described,
            (std::vector<std::string>{
                "column 1: cannot compare yes/no with a number",
                "column 12: cannot compare text with a number", "column 22: unknown item 'nope'",
                "column 34: selected() needs a multiple-choice item; 'n' is a number"}));
}

}  // namespace
}  // namespace parorende
