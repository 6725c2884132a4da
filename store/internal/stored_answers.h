// How a response's answers are kept in response_answers.answers: a JSON
// array in the questionnaire version's item order, null where unanswered,
// trailing nulls dropped:
//
//   ["0301", 4, 9, true, [1, 3], 12, "2020-05-17", "Takk"]
//
// A published version never changes, so positions are as stable as ids,
// and the array is a sixth of the size of an object keyed by item id; every
// value is exact (docs/storage.md, "Answer layout").
#pragma once

#include <boost/json/object.hpp>
#include <string>
#include <string_view>

#include "common/result.h"
#include "questionnaire/answer.h"
#include "questionnaire/questionnaire.h"

namespace parorende {

std::string encode_stored_answers(const Questionnaire& questionnaire, const Answers& answers);

// The answers in the form validate_response() reads (item id -> value).
// Fails ("storage_failure") when the text is not such an array.
Result<boost::json::object> decode_stored_answers(const Questionnaire& questionnaire,
                                                  std::string_view stored);

}  // namespace parorende
