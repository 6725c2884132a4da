// Our conditions as REDCap branching logic, read from the syntax tree the
// engine's parser built (questionnaire/expression_syntax.h). REDCap has no
// "not", so a negation is pushed down to the comparisons (De Morgan) and each
// comparison is negated with blanks in mind: not (x < 18) is true when x is
// unanswered, which REDCap spells [x] >= 18 or [x] = ''.
#include <cmath>

#include "interchange/redcap/branching.h"
#include "interchange/redcap/json_writer.h"

namespace parorende::redcap {
namespace {

using Kind = FieldInfo::Kind;
using Comparison = expression_syntax::CompareOp;
using expression_syntax::Literal;
using expression_syntax::Node;
using expression_syntax::NodePtr;

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

bool is_whole(double number) { return number == std::floor(number) && std::fabs(number) <= 1e12; }

// The item a value node reads: x, or number(x), which REDCap writes [x] too
// (it compares a text as a number when both sides look like numbers).
const std::string* item_of(const Node& node) {
  if (auto* number = std::get_if<Node::NumberOf>(&node.kind)) return &number->item;
  auto* item = std::get_if<Node::ItemValue>(&node.kind);
  return item == nullptr ? nullptr : &item->item;
}

const Literal* literal_of(const Node& node) {
  auto* literal = std::get_if<Node::LiteralValue>(&node.kind);
  return literal == nullptr ? nullptr : &literal->value;
}

// item op value, with the item on the left.
struct ItemComparison {
  const std::string& item;
  Comparison op;
  const Literal& value;
};

class Translator {
 public:
  explicit Translator(const FieldOf& field_of) : field_of_(field_of) {}

  // `negated`: translate "not node" instead.
  Result<Logic> translate(const Node& node, bool negated) {
    return std::visit(
        [&](const auto& kind) -> Result<Logic> {
          using K = std::decay_t<decltype(kind)>;
          if constexpr (std::is_same_v<K, Node::And> || std::is_same_v<K, Node::Or>) {
            // De Morgan: not (a and b) = not a or not b.
            bool conjunction = std::is_same_v<K, Node::And> != negated;
            std::vector<Logic> parts;
            for (const NodePtr& operand : kind.operands) {
              auto part = translate(*operand, negated);
              if (!part) return part;
              parts.push_back(std::move(part).value());
            }
            return group(conjunction ? Logic::Kind::all : Logic::Kind::any, std::move(parts));
          } else if constexpr (std::is_same_v<K, Node::Not>) {
            return translate(*kind.operand, !negated);
          } else if constexpr (std::is_same_v<K, Node::Compare>) {
            return compare_sides(kind, negated);
          } else if constexpr (std::is_same_v<K, Node::In>) {
            return one_of(kind, negated);
          } else if constexpr (std::is_same_v<K, Node::Answered>) {
            return answered(kind.item, negated);
          } else if constexpr (std::is_same_v<K, Node::Selected>) {
            auto info = field(kind.item);
            if (!info) return info.take_error();
            return checkbox(kind.item, kind.code, !negated);
          } else if constexpr (std::is_same_v<K, Node::NumberOf>) {
            return unsupported("a number is not a condition");
          } else if constexpr (std::is_same_v<K, Node::ItemValue>) {
            // A yes/no item used as a condition.
            auto info = field(kind.item);
            if (!info) return info.take_error();
            return atom("[" + kind.item + "] " + (negated ? "<>" : "=") + " '1'");
          } else {  // a literal used as a condition
            auto* flag = std::get_if<bool>(&kind.value);
            if (flag == nullptr) return unsupported("a number or text is not a condition");
            return unsupported("a condition that is always " +
                               std::string(*flag != negated ? "true" : "false") +
                               " has no REDCap form");
          }
        },
        node.kind);
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
        // number(t) > 18: REDCap compares an unquoted number as a number.
        if (auto* number = std::get_if<double>(&literal)) return format_number(*number);
        [[fallthrough]];
      case Kind::municipality:
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

  // REDCap compares a field with a value, so `3 < x` is turned round.
  Result<Logic> compare_sides(const Node::Compare& node, bool negated) {
    const std::string* item = item_of(*node.left);
    const Literal* value = literal_of(*node.right);
    Comparison op = node.op;
    if (item == nullptr && value == nullptr) {
      item = item_of(*node.right);
      value = literal_of(*node.left);
      op = mirrored(op);
    }
    if (item == nullptr || value == nullptr) {
      return unsupported(
          "only comparisons of an item with a value can be translated (not of "
          "two items, or of a condition)");
    }
    return compare({*item, op, *value}, negated);
  }

  Result<Logic> compare(const ItemComparison& comparison, bool negated) {
    auto info = field(comparison.item);
    if (!info) return info.take_error();
    const std::string field_ref = "[" + comparison.item + "]";
    Comparison op = comparison.op;
    bool ordering = op != Comparison::equal && op != Comparison::not_equal;
    if ((*info)->kind == Kind::yes_no) {
      // x != true is x = false (both need an answer).
      auto* flag = std::get_if<bool>(&comparison.value);
      if (flag == nullptr || ordering) {
        return unsupported("yes/no item '" + comparison.item +
                           "' needs = or != with true or false");
      }
      bool value = (op == Comparison::equal) == *flag;
      return atom(field_ref + (negated ? " <> " : " = ") + (value ? "'1'" : "'0'"));
    }
    auto value = value_text(comparison.item, **info, comparison.value, ordering);
    if (!value) return value.take_error();
    auto written = [&](Comparison c) {
      return atom(field_ref + " " + std::string(redcap_operator(c)) + " " + value.value());
    };
    Logic blank = atom(field_ref + " = ''");
    Logic answered = atom(field_ref + " <> ''");
    if (op == Comparison::equal) return written(negated ? Comparison::not_equal : op);
    if (op == Comparison::not_equal) {
      // Ours is false when unanswered; REDCap's <> is true on a blank.
      return negated ? group(Logic::Kind::any, {written(Comparison::equal), blank})
                     : group(Logic::Kind::all, {written(op), answered});
    }
    // Ordering with a blank is false in both; its negation is true on a blank.
    if (!negated) return written(op);
    return group(Logic::Kind::any, {written(expression_syntax::negated(op)), blank});
  }

  Result<Logic> one_of(const Node::In& node, bool negated) {
    const std::string* item = item_of(*node.value);
    if (item == nullptr) return unsupported("only an item can be tested with 'in'");
    auto info = field(*item);
    if (!info) return info.take_error();
    std::vector<Logic> parts;
    for (const Literal& literal : node.list) {
      if ((*info)->kind == Kind::multiple_choice) {
        auto* number = std::get_if<double>(&literal);
        if (number == nullptr || !is_whole(*number)) {
          return unsupported("multiple-choice item '" + *item + "' has whole-number codes");
        }
        parts.push_back(checkbox(*item, static_cast<std::int64_t>(*number), !negated));
        continue;
      }
      auto part = compare({*item, Comparison::equal, literal}, negated);
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

std::string_view redcap_operator(Comparison op) {
  // REDCap writes "not equal" only as "<>"; every other operator as we do.
  return op == Comparison::not_equal ? "<>" : expression_syntax::operator_symbol(op);
}

Result<std::string> to_branching_logic(const std::vector<const Expression*>& all_of,
                                       const FieldOf& field_of) {
  Translator translator(field_of);
  std::vector<Logic> parts;
  for (const Expression* condition : all_of) {
    auto part = translator.translate(condition->syntax(), false);
    if (!part) {
      return unsupported("visible_if '" + condition->source() +
                         "' cannot be written as REDCap branching logic (" + part.error().message +
                         ")");
    }
    parts.push_back(std::move(part).value());
  }
  if (parts.empty()) return std::string();
  return print(group(Logic::Kind::all, std::move(parts)));
}

}  // namespace parorende::redcap
