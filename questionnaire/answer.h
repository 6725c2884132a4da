// Answers to questionnaire items, and a validated response.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/calendar.h"

namespace parorende {

// A normalized answer. The alternative depends on the item type:
//   single_choice, integer -> std::int64_t (the code / the number)
//   decimal                -> double
//   yes_no                 -> bool
//   multiple_choice        -> std::vector<std::int64_t> (sorted codes)
//   text, municipality     -> std::string
//   date                   -> Date
using AnswerValue =
    std::variant<std::int64_t, double, bool, std::vector<std::int64_t>, std::string, Date>;

// Answers keyed by item id; an item that is not answered is absent.
using Answers = std::map<std::string, AnswerValue, std::less<>>;

enum class Completeness { partial, complete };

// A response that passed validation: every answer has the item's type and
// range, answers to hidden items are removed, and (when complete) every
// visible required item is answered.
struct Response {
  std::string questionnaire_id;
  std::string questionnaire_version;
  std::string language;
  std::string municipality;  // 4-digit code, or empty when not given
  Completeness completeness = Completeness::partial;
  Answers answers;
};

}  // namespace parorende
