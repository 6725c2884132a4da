// Per-respondent scale scores and burden categories.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "questionnaire/answer.h"
#include "questionnaire/questionnaire.h"

namespace parorende {

struct ScaleScore {
  std::string scale_id;
  std::optional<double> score;  // 0-100; nullopt when too few items answered
  int items_answered = 0;
  int items_total = 0;
};

struct BurdenScore {
  std::string instrument_id;
  std::optional<int> sum;                    // prorated when some items are missing
  const BurdenCategory* category = nullptr;  // null when sum is missing
  int items_answered = 0;
  int items_total = 0;
};

struct ResponseScores {
  std::vector<ScaleScore> scales;
  std::vector<BurdenScore> burden;
};

// The value of a single_choice answer on a 0-100 scale (lowest option 0,
// highest 100, reversed if asked), or nullopt for "don't know" / missing.
std::optional<double> rescaled_item_value(const Item& item, const Answers& answers, bool reverse);

ScaleScore score_scale(const Questionnaire& questionnaire, const Scale& scale,
                       const Answers& answers);
BurdenScore score_burden(const Questionnaire& questionnaire, const BurdenInstrument& instrument,
                         const Answers& answers);
ResponseScores score_response(const Questionnaire& questionnaire, const Response& response);

}  // namespace parorende
