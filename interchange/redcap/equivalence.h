// When two REDCap dictionaries say the same thing as far as parorende can
// tell: the definition of "equivalent" for a round trip (import, then export)
// in docs/redcap.md.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "interchange/redcap/dictionary.h"

namespace parorende::redcap {

// What a round trip is allowed to lose: the fields an import skipped, and
// the fields it imported without their branching logic.
struct RoundTripLosses {
  std::set<std::string> skipped_fields;
  std::set<std::string> fields_without_logic;
};

// Every difference between `original` and `round_trip`, one sentence each;
// empty when they are equivalent. Both are read as sections (a section
// starts at a Section Header or a change of Form Name; a form change without
// a header counts as a header holding the form name), each with
//   - its header text (spaces trimmed),
//   - its opening text: the labels of descriptive fields before its first
//     kept field (their names are not compared),
//   - its kept fields, in order: every field not in `skipped_fields` and not
//     descriptive, leaving out the first field (REDCap's record ID), fields
//     without a name and repeats of a name,
// and sections without kept fields are left out. Kept fields must agree on
//   - name; field type after normalization (dropdown = radio; yesno =
//     truefalse; slider = text with integer validation, 0-100 unless given;
//     text validation integer/int, number/float/number_* and date_* each one
//     type, any other validation = none);
//   - label and field note (trimmed, CRLF as LF);
//   - choices of dropdown, radio and checkbox fields (codes and labels,
//     trimmed, in order), except for @PARORENDE-MUNICIPALITY dropdowns;
//   - validation min and max (as numbers for numbers, as text for dates);
//   - required and identifier flags ("y" or "1" is yes);
//   - branching logic after normalize_branching_logic(), unless the field is
//     in `fields_without_logic`;
//   - the action tags an import reads for the field's type (@CHARLIMIT on
//     text and notes; @MAXCHECKED and @PARORENDE-MINCHOICES on checkboxes;
//     @PARORENDE-DONTKNOW, @PARORENDE-MUNICIPALITY and the scale and burden
//     tags on dropdown and radio fields), as a sorted list, JSON values
//     compared as JSON.
// Form names, custom alignment, question numbers, matrix columns and other
// action tags are not compared.
std::vector<std::string> dictionary_differences(const std::vector<Field>& original,
                                                const std::vector<Field>& round_trip,
                                                const RoundTripLosses& losses);

}  // namespace parorende::redcap
