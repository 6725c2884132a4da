// Our conditions as REDCap branching logic. REDCap has no "not", so a
// negation is pushed down to the comparisons (De Morgan) and each comparison
// is negated with blanks in mind: not (x < 18) is true when x is unanswered,
// which REDCap spells [x] >= 18 or [x] = ''.
#include <cmath>

#include "interchange/redcap/branching.h"

namespace parorende::redcap {
namespace {

using Kind = FieldInfo::Kind;

Error unsupported(std::string message) {
  return make_error("unsupported_expression", std::move(message));
}

// REDCap logic being built: comparisons ("atoms") joined by and/or.
struct Logic {
  enum class Kind { all, any, atom } kind = Kind::atom;
  std::vector<Logic> parts;
  std::string atom;
};

Logic atom(std::string text) { return {Logic::Kind::atom, {}, std::move(text)}; }

// Joins parts, flattening nested groups of the same kind; one part is itself.
Logic group(Logic::Kind kind, std::vector<Logic> parts) {
  if (parts.size() == 1) return std::move(parts.front());
  Logic joined{kind, {}, {}};
  for (Logic& part : parts) {
    if (part.kind == kind) {
      for (Logic& inner : part.parts) joined.parts.push_back(std::move(inner));
    } else {
      joined.parts.push_back(std::move(part));
    }
  }
  return joined;
}

std::string print(const Logic& logic) {
  if (logic.kind == Logic::Kind::atom) return logic.atom;
  std::string_view word = logic.kind == Logic::Kind::all ? " and " : " or ";
  std::string text;
  for (const Logic& part : logic.parts) {
    if (!text.empty()) text += word;
    text += part.kind == Logic::Kind::atom ? print(part) : "(" + print(part) + ")";
  }
  return text;
}

Result<std::string> quoted(const std::string& text) {
  if (text.find('\'') == std::string::npos) return "'" + text + "'";
  if (text.find('"') == std::string::npos) return "\"" + text + "\"";
  return unsupported("the text " + text + " holds both kinds of quote, which REDCap cannot write");
}

bool is_whole(double number) {
  return number == std::floor(number) && std::fabs(number) <= 1e12;
}

std::string_view operator_text(Comparison op) {
  switch (op) {
    case Comparison::equal: return "=";
    case Comparison::not_equal: return "<>";
    case Comparison::less: return "<";
    case Comparison::less_equal: return "<=";
    case Comparison::greater: return ">";
    case Comparison::greater_equal: return ">=";
  }
  return "=";
}

Comparison complement(Comparison op) {
  switch (op) {
    case Comparison::equal: return Comparison::not_equal;
    case Comparison::not_equal: return Comparison::equal;
    case Comparison::less: return Comparison::greater_equal;
    case Comparison::less_equal: return Comparison::greater;
    case Comparison::greater: return Comparison::less_equal;
    case Comparison::greater_equal: return Comparison::less;
  }
  return op;
}

class Translator {
 public:
  explicit Translator(const FieldOf& field_of) : field_of_(field_of) {}

  // `negated`: translate "not condition" instead.
  Result<Logic> translate(const Condition& condition, bool negated) {
    using CK = Condition::Kind;
    switch (condition.kind) {
      case CK::all:
      case CK::any: {
        // De Morgan: not (a and b) = not a or not b.
        bool conjunction = (condition.kind == CK::all) != negated;
        std::vector<Logic> parts;
        for (const Condition& operand : condition.operands) {
          auto part = translate(operand, negated);
          if (!part) return part;
          parts.push_back(std::move(part).value());
        }
        return group(conjunction ? Logic::Kind::all : Logic::Kind::any, std::move(parts));
      }
      case CK::negation:
        return translate(condition.operands.front(), !negated);
      case CK::compare:
        return compare(condition, negated);
      case CK::one_of:
        return one_of(condition, negated);
      case CK::answered:
        return answered(condition.item, negated);
      case CK::selected: {
        auto info = field(condition.item);
        if (!info) return info.take_error();
        return checkbox(condition.item, condition.code, !negated);
      }
      case CK::item_is_true: {
        auto info = field(condition.item);
        if (!info) return info.take_error();
        return atom("[" + condition.item + "] " + (negated ? "<>" : "=") + " '1'");
      }
      case CK::constant:
        return unsupported("a condition that is always " +
                           std::string(std::get<bool>(condition.value) != negated ? "true" : "false") +
                           " has no REDCap form");
    }
    return unsupported("unknown condition");
  }

 private:
  Result<const FieldInfo*> field(const std::string& item) {
    const FieldInfo* info = field_of_(item);
    if (info == nullptr) return unsupported("unknown item '" + item + "'");
    return info;
  }

  // The literal as REDCap writes it for this kind of field: choice codes and
  // yes/no in quotes ('1'), numbers bare (REDCap compares them as numbers
  // only unquoted), text and dates in quotes.
  Result<std::string> value_text(const std::string& item, const FieldInfo& info,
                                 const Literal& literal, bool ordering) {
    switch (info.kind) {
      case Kind::yes_no:
        if (auto* flag = std::get_if<bool>(&literal)) return std::string(*flag ? "'1'" : "'0'");
        break;
      case Kind::single_choice:
        if (auto* number = std::get_if<double>(&literal)) {
          return ordering ? format_number(*number) : "'" + format_number(*number) + "'";
        }
        break;
      case Kind::number:
        if (auto* number = std::get_if<double>(&literal)) return format_number(*number);
        break;
      case Kind::text:
      case Kind::date:
        if (auto* text = std::get_if<std::string>(&literal)) return quoted(*text);
        break;
      case Kind::multiple_choice:
        return unsupported("multiple-choice item '" + item + "' cannot be compared");
    }
    return unsupported("the value does not fit item '" + item + "'");
  }

  Logic checkbox(const std::string& item, std::int64_t code, bool checked) {
    return atom("[" + item + "(" + std::to_string(code) + ")] = '" + (checked ? "1" : "0") + "'");
  }

  Result<Logic> compare(const Condition& condition, bool negated) {
    auto info = field(condition.item);
    if (!info) return info.take_error();
    const std::string field_ref = "[" + condition.item + "]";
    Comparison op = condition.op;
    bool ordering = op != Comparison::equal && op != Comparison::not_equal;
    if ((*info)->kind == Kind::yes_no) {
      // x != true is x = false (both need an answer).
      auto* flag = std::get_if<bool>(&condition.value);
      if (flag == nullptr || ordering) {
        return unsupported("yes/no item '" + condition.item + "' needs = or != with true or false");
      }
      bool value = (op == Comparison::equal) == *flag;
      return atom(field_ref + (negated ? " <> " : " = ") + (value ? "'1'" : "'0'"));
    }
    auto value = value_text(condition.item, **info, condition.value, ordering);
    if (!value) return value.take_error();
    auto comparison = [&](Comparison c) {
      return atom(field_ref + " " + std::string(operator_text(c)) + " " + value.value());
    };
    Logic blank = atom(field_ref + " = ''");
    Logic answered = atom(field_ref + " <> ''");
    if (op == Comparison::equal) return comparison(negated ? Comparison::not_equal : op);
    if (op == Comparison::not_equal) {
      // Ours is false when unanswered; REDCap's <> is true on a blank.
      return negated ? group(Logic::Kind::any, {comparison(Comparison::equal), blank})
                     : group(Logic::Kind::all, {comparison(op), answered});
    }
    // Ordering with a blank is false in both; its negation is true on a blank.
    if (!negated) return comparison(op);
    return group(Logic::Kind::any, {comparison(complement(op)), blank});
  }

  Result<Logic> one_of(const Condition& condition, bool negated) {
    auto info = field(condition.item);
    if (!info) return info.take_error();
    std::vector<Logic> parts;
    for (const Literal& literal : condition.values) {
      if ((*info)->kind == Kind::multiple_choice) {
        auto* number = std::get_if<double>(&literal);
        if (number == nullptr || !is_whole(*number)) {
          return unsupported("multiple-choice item '" + condition.item + "' has whole-number codes");
        }
        parts.push_back(checkbox(condition.item, static_cast<std::int64_t>(*number), !negated));
        continue;
      }
      Condition equal;
      equal.kind = Condition::Kind::compare;
      equal.item = condition.item;
      equal.value = literal;
      auto part = compare(equal, negated);
      if (!part) return part;
      parts.push_back(std::move(part).value());
    }
    return group(negated ? Logic::Kind::all : Logic::Kind::any, std::move(parts));
  }

  Result<Logic> answered(const std::string& item, bool negated) {
    auto info = field(item);
    if (!info) return info.take_error();
    if ((*info)->kind != Kind::multiple_choice) {
      return atom("[" + item + "] " + (negated ? "=" : "<>") + " ''");
    }
    // A checkbox field is answered when any of its boxes is checked.
    std::vector<Logic> parts;
    for (std::int64_t code : (*info)->codes) parts.push_back(checkbox(item, code, !negated));
    if (parts.empty()) return unsupported("item '" + item + "' has no options");
    return group(negated ? Logic::Kind::all : Logic::Kind::any, std::move(parts));
  }

  const FieldOf& field_of_;
};

}  // namespace

Result<std::string> to_branching_logic(const Condition& condition, const FieldOf& field_of) {
  auto logic = Translator(field_of).translate(condition, false);
  if (!logic) return logic.take_error();
  return print(logic.value());
}

}  // namespace parorende::redcap
