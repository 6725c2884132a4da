// Translating conditions between our `visible_if` language and REDCap's
// branching logic, both ways (docs/redcap.md has the table).
//
//   selected(help, 3) and not (age < 18)
//   [help(3)] = '1' and ([age] >= 18 or [age] = '')
//
// The two differ on unanswered items: in REDCap a blank field is the text
// '', so [x] <> '1' is true when x is blank, while our x != 1 is false when x
// is unanswered. Both directions keep the meaning exactly, blanks included.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "questionnaire/expression.h"

namespace parorende::redcap {

// What a translation needs to know about an item (a REDCap field).
struct FieldInfo {
  // A municipality is a four-digit code ('0301'), compared as text; a text
  // compared with a number is read as one (number(t)).
  enum class Kind { single_choice, multiple_choice, yes_no, number, text, municipality, date };
  Kind kind = Kind::text;
  std::vector<std::int64_t> codes;  // single_choice, multiple_choice
};

// Export: loaded conditions joined by "and" (a section's visible_if and its
// item's) as REDCap branching logic, walking their syntax trees; `field_of`
// returns null for an unknown id. No conditions give empty logic. Fails
// (code "unsupported_expression") with a message that quotes the condition
// REDCap cannot say and the reason, e.g. a comparison of two items.
using FieldOf = std::function<const FieldInfo*(std::string_view id)>;
Result<std::string> to_branching_logic(const std::vector<const Expression*>& all_of,
                                       const FieldOf& field_of);

// Import: REDCap branching logic as the source text of our condition over
// the fields `field_allowed` accepts; it returns the field's info, or an
// error saying why the field cannot be read (unknown, later, not imported).
// The text is for Expression::parse, which the loader runs on it. Fails
// (code "unsupported_branching") naming the construct: functions such as
// datediff(), event-prefixed or smart-variable references, arithmetic, a
// value the field cannot hold, and syntax errors.
using FieldAllowed = std::function<Result<FieldInfo>(std::string_view name)>;
Result<std::string> from_branching_logic(std::string_view logic, const FieldAllowed& field_allowed);

// Branching logic in a canonical spelling, for comparing two dictionaries:
// lower-case names and keywords, single quotes round every value (numbers
// written canonically), single spaces, "<>" for "!=", the field on the left
// of a comparison, nested "and"/"or" flattened with parentheses only round
// groups, and [x(c)] <> '1' written [x(c)] = '0'. Empty logic stays empty.
// Fails like from_branching_logic on what it cannot read.
Result<std::string> normalize_branching_logic(std::string_view logic);

// A comparison operator as REDCap writes it: "=", "<>", "<", "<=", ">", ">=".
std::string_view redcap_operator(expression_syntax::CompareOp op);

}  // namespace parorende::redcap
