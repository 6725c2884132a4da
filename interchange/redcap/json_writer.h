// JSON text for people: what `import-redcap` writes is a definition someone
// will read and edit, and annotation tags should say 0.5, not 5E-1.
#pragma once

#include <boost/json/value.hpp>
#include <string>

namespace parorende::redcap {

// On one line, with ", " and ": " separators; numbers in plain decimals.
std::string write_compact_json(const boost::json::value& value);

// Indented by two spaces, in the style of questionnaires/*.json: an object or
// array that holds no containers, or is short, stays on one line.
std::string write_pretty_json(const boost::json::value& value);

// Shortest decimal text of a number that reads back the same, never in
// exponent form ("18", "0.5", "-2.25"): the writers' numbers, and the numbers
// of branching logic and conditions.
std::string format_number(double value);

}  // namespace parorende::redcap
