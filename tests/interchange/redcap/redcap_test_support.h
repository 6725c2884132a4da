// Helpers for the REDCap tests: a model of how REDCap evaluates branching
// logic, and every combination of answers to a few items, so that a
// translated condition can be checked to mean the same as the original.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "interchange/redcap/branching.h"
#include "interchange/redcap/json_writer.h"
#include "questionnaire/answer.h"

namespace parorende::redcap_testing {

using redcap::FieldInfo;
using redcap::format_number;
using redcap::normalize_branching_logic;

// A field's raw REDCap values by name; a checkbox choice as "name(code)",
// "1" or "0". A blank field is "".
using RedcapValues = std::map<std::string, std::string>;

// REDCap's evaluation as docs/redcap.md assumes it: = and <> compare as
// numbers when both sides are numbers, else as text (a blank is ''); <, <=,
// >, >= are false when either side is blank. Reads the canonical form of
// normalize_branching_logic().
class RedcapEvaluator {
 public:
  RedcapEvaluator(std::string_view logic, const RedcapValues& values)
      : logic_(logic), values_(values) {}

  bool run() {
    if (logic_.empty()) return true;
    bool result = any();
    EXPECT_EQ(position_, logic_.size()) << "unread logic: " << logic_;
    return result;
  }

 private:
  void skip_spaces() {
    while (position_ < logic_.size() && logic_[position_] == ' ') ++position_;
  }
  bool word(std::string_view expected) {
    skip_spaces();
    if (logic_.substr(position_, expected.size()) != expected) return false;
    position_ += expected.size();
    return true;
  }
  bool any() {
    bool result = all();
    while (word("or ")) result = all() || result;
    return result;
  }
  bool all() {
    bool result = primary();
    while (word("and ")) result = primary() && result;
    return result;
  }
  bool primary() {
    skip_spaces();
    if (word("(")) {
      bool inner = any();
      EXPECT_TRUE(word(")")) << logic_;
      return inner;
    }
    std::string left = operand();
    skip_spaces();
    std::string op;
    for (std::string_view candidate : {"<>", "<=", ">=", "=", "<", ">"}) {
      if (word(candidate)) {
        op = candidate;
        break;
      }
    }
    std::string right = operand();
    return compare(left, op, right);
  }
  std::string operand() {
    skip_spaces();
    char c = logic_[position_];
    std::size_t close = logic_.find(c == '[' ? ']' : c, position_ + 1);
    std::string inside(logic_.substr(position_ + 1, close - position_ - 1));
    position_ = close + 1;
    if (c != '[') return inside;
    auto found = values_.find(inside);
    return found == values_.end() ? std::string() : found->second;
  }
  static std::optional<double> number(const std::string& text) {
    if (text.empty()) return std::nullopt;
    char* end = nullptr;
    double value = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size()) return std::nullopt;
    return value;
  }
  static bool compare(const std::string& left, const std::string& op, const std::string& right) {
    auto a = number(left);
    auto b = number(right);
    if (op == "=" || op == "<>") {
      bool equal = (a && b) ? *a == *b : left == right;
      return op == "=" ? equal : !equal;
    }
    if (left.empty() || right.empty()) return false;
    int order = (a && b) ? (*a < *b ? -1 : *a > *b ? 1 : 0) : left.compare(right);
    if (op == "<") return order < 0;
    if (op == "<=") return order <= 0;
    if (op == ">") return order > 0;
    return order >= 0;
  }

  std::string_view logic_;
  std::size_t position_ = 0;
  const RedcapValues& values_;
};

inline bool redcap_evaluate(std::string_view logic, const RedcapValues& values) {
  auto canonical = normalize_branching_logic(logic);
  if (!canonical) {
    ADD_FAILURE() << "cannot read " << logic << ": " << canonical.error().message;
    return false;
  }
  return RedcapEvaluator(canonical.value(), values).run();
}

// An item in the scenarios: its kind, option codes and the answers to try.
struct ScenarioItem {
  std::string id;
  FieldInfo info;
  std::vector<AnswerValue> answers;  // besides "unanswered"
};

// The raw REDCap values of `answers`.
inline RedcapValues raw_values(const std::vector<ScenarioItem>& items, const Answers& answers) {
  RedcapValues values;
  for (const ScenarioItem& item : items) {
    auto found = answers.find(item.id);
    if (item.info.kind == FieldInfo::Kind::multiple_choice) {
      for (std::int64_t code : item.info.codes) {
        bool checked = false;
        if (found != answers.end()) {
          const auto& codes = std::get<std::vector<std::int64_t>>(found->second);
          checked = std::find(codes.begin(), codes.end(), code) != codes.end();
        }
        values[item.id + "(" + std::to_string(code) + ")"] = checked ? "1" : "0";
      }
      continue;
    }
    if (found == answers.end()) continue;
    values[item.id] = std::visit(
        [](const auto& value) -> std::string {
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, std::int64_t>) return std::to_string(value);
          if constexpr (std::is_same_v<T, double>) return format_number(value);
          if constexpr (std::is_same_v<T, bool>) return value ? "1" : "0";
          if constexpr (std::is_same_v<T, std::string>) return value;
          if constexpr (std::is_same_v<T, Date>) return value.iso();
          return "";
        },
        found->second);
  }
  return values;
}

// Calls `check` with every combination of answers to `items` (each also
// unanswered).
template <typename Check>
void for_each_combination(const std::vector<ScenarioItem>& items, Check check) {
  std::vector<std::size_t> choice(items.size(), 0);  // 0 = unanswered
  while (true) {
    Answers answers;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (choice[i] > 0) answers.emplace(items[i].id, items[i].answers[choice[i] - 1]);
    }
    check(answers);
    std::size_t i = 0;
    while (i < items.size() && ++choice[i] > items[i].answers.size()) choice[i++] = 0;
    if (i == items.size()) return;
  }
}

// Items of every kind with a few answers each, for semantic checks.
inline std::vector<ScenarioItem> scenario_items() {
  using Kind = FieldInfo::Kind;
  using Codes = std::vector<std::int64_t>;
  return {
      {"sc",
       {Kind::single_choice, {1, 2, 3, 9}},
       {std::int64_t{1}, std::int64_t{2}, std::int64_t{3}, std::int64_t{9}}},
      {"mc", {Kind::multiple_choice, {1, 2, 3}}, {Codes{1}, Codes{2}, Codes{1, 3}, Codes{1, 2, 3}}},
      {"yn", {Kind::yes_no, {}}, {true, false}},
      {"n", {Kind::number, {}}, {std::int64_t{17}, std::int64_t{18}, std::int64_t{19}}},
      {"d", {Kind::number, {}}, {1.5, 2.0, 2.5}},
      {"t", {Kind::text, {}}, {std::string("a"), std::string("b"), std::string("it's")}},
      // A text field holding numbers, as an age asked without validation.
      {"age",
       {Kind::text, {}},
       {std::string("9"), std::string("18"), std::string("18.0"), std::string("20"),
        std::string("-3"), std::string("007")}},
      {"dt", {Kind::date, {}}, {Date{2024, 1, 1}, Date{2024, 3, 1}, Date{2024, 6, 1}}},
  };
}

// The scenario items an expression reads.
inline std::vector<ScenarioItem> items_named(const std::vector<std::string>& ids) {
  std::vector<ScenarioItem> chosen;
  for (const ScenarioItem& item : scenario_items()) {
    if (std::find(ids.begin(), ids.end(), item.id) != ids.end()) chosen.push_back(item);
  }
  return chosen;
}

}  // namespace parorende::redcap_testing
