// Action tags in the Field Annotation column: REDCap's own that parorende
// understands (@CHARLIMIT, @MAXCHECKED), and parorende's @PARORENDE-* tags,
// which carry what REDCap has no column for so that a round trip keeps it
// (docs/redcap.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace parorende::redcap {

// The tags an export writes and an import reads (names without '@').
namespace tag {
inline constexpr std::string_view kCharLimit = "CHARLIMIT";    // text: max_length
inline constexpr std::string_view kMaxChecked = "MAXCHECKED";  // checkbox: max_choices
inline constexpr std::string_view kMinChoices = "PARORENDE-MINCHOICES";
inline constexpr std::string_view kSection = "PARORENDE-SECTION";    // the section's id
inline constexpr std::string_view kDontKnow = "PARORENDE-DONTKNOW";  // the choice code
inline constexpr std::string_view kMunicipality = "PARORENDE-MUNICIPALITY";
inline constexpr std::string_view kScale = "PARORENDE-SCALE";  // member of scale id
inline constexpr std::string_view kScaleReverse = "PARORENDE-SCALE-REVERSE";
inline constexpr std::string_view kScaleDefinition = "PARORENDE-SCALE-DEF";  // JSON
inline constexpr std::string_view kBurden = "PARORENDE-BURDEN";
inline constexpr std::string_view kBurdenReverse = "PARORENDE-BURDEN-REVERSE";
inline constexpr std::string_view kBurdenDefinition = "PARORENDE-BURDEN-DEF";  // JSON
}  // namespace tag

struct ActionTag {
  std::string name;   // upper case, without '@': "CHARLIMIT", "PARORENDE-SCALE"
  std::string value;  // after '=', quotes removed; empty when there is none
};

// The tags in an annotation: '@' at the start or after white space, a name of
// letters, digits, '-' and '_', and an optional value after '=': quoted
// ('...' or "..."), a JSON object ({...}, up to its matching brace) or text up
// to the next white space. Text around the tags is ignored.
std::vector<ActionTag> parse_action_tags(std::string_view annotation);

// "@NAME" or "@NAME=value", one tag per line.
std::string format_action_tags(const std::vector<ActionTag>& tags);

}  // namespace parorende::redcap
