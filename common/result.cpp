#include "common/result.h"

namespace parorende {

std::string Error::describe() const {
  std::string text = message;
  for (const Problem& problem : problems) {
    text += "\n  ";
    if (!problem.where.empty()) {
      text += problem.where;
      text += ": ";
    }
    text += problem.message;
  }
  return text;
}

Error make_error(std::string code, std::string message) {
  return Error{std::move(code), std::move(message), {}};
}

Error make_error(std::string code, std::string message, std::vector<Problem> problems) {
  return Error{std::move(code), std::move(message), std::move(problems)};
}

}  // namespace parorende
