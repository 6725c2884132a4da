// A response's answers lined up with the questionnaire's items.
#pragma once

#include <vector>

#include "questionnaire/answer.h"
#include "questionnaire/questionnaire.h"

namespace parorende {

// One entry per Questionnaire::items index: the answer, or null when the
// item is unanswered. Walks the two id-sorted maps side by side, so it costs
// one string comparison per item instead of a map lookup per item (the
// write path serializes every response this way twice).
std::vector<const AnswerValue*> answers_in_item_order(const Questionnaire& questionnaire,
                                                      const Answers& answers);

}  // namespace parorende
