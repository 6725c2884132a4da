#include "questionnaire/answers_in_item_order.h"

namespace parorende {

std::vector<const AnswerValue*> answers_in_item_order(const Questionnaire& questionnaire,
                                                      const Answers& answers) {
  std::vector<const AnswerValue*> ordered(questionnaire.items.size(), nullptr);
  auto item = questionnaire.item_index_by_id.begin();
  auto answer = answers.begin();
  while (item != questionnaire.item_index_by_id.end() && answer != answers.end()) {
    int order = item->first.compare(answer->first);
    if (order < 0) {
      ++item;
    } else if (order > 0) {
      ++answer;  // not an item of this questionnaire: validation keeps these out
    } else {
      ordered[item->second] = &answer->second;
      ++item;
      ++answer;
    }
  }
  return ordered;
}

}  // namespace parorende
