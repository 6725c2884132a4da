#include "questionnaire/expression_syntax.h"

namespace parorende::expression_syntax {

CompareOp mirrored(CompareOp op) {
  switch (op) {
    case CompareOp::less: return CompareOp::greater;
    case CompareOp::less_equal: return CompareOp::greater_equal;
    case CompareOp::greater: return CompareOp::less;
    case CompareOp::greater_equal: return CompareOp::less_equal;
    default: return op;
  }
}

CompareOp negated(CompareOp op) {
  switch (op) {
    case CompareOp::equal: return CompareOp::not_equal;
    case CompareOp::not_equal: return CompareOp::equal;
    case CompareOp::less: return CompareOp::greater_equal;
    case CompareOp::less_equal: return CompareOp::greater;
    case CompareOp::greater: return CompareOp::less_equal;
    case CompareOp::greater_equal: return CompareOp::less;
  }
  return op;
}

std::optional<OperatorSpelling> operator_at(std::string_view text) {
  static constexpr OperatorSpelling kSpellings[] = {
      {CompareOp::equal, "=="},      {CompareOp::not_equal, "!="},     {CompareOp::not_equal, "<>"},
      {CompareOp::less_equal, "<="}, {CompareOp::greater_equal, ">="}, {CompareOp::equal, "="},
      {CompareOp::less, "<"},        {CompareOp::greater, ">"}};
  for (const OperatorSpelling& spelling : kSpellings) {
    if (text.substr(0, spelling.symbol.size()) == spelling.symbol) return spelling;
  }
  return std::nullopt;
}

std::string_view operator_symbol(CompareOp op) {
  switch (op) {
    case CompareOp::equal: return "=";
    case CompareOp::not_equal: return "!=";
    case CompareOp::less: return "<";
    case CompareOp::less_equal: return "<=";
    case CompareOp::greater: return ">";
    case CompareOp::greater_equal: return ">=";
  }
  return "=";
}

}  // namespace parorende::expression_syntax
