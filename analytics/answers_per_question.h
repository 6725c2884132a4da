// How each question behind a scale was answered: per single-choice item,
// the count per option in the nation and in each municipality, among the
// respondents who answered every question of the scale. Published once a
// round has closed, computed at the first release after closing and then
// frozen with the background table (analytics/published_results.h).
//
// Why those rules (docs/privacy.md, "Answers per question"): a scale score
// is the mean of the items answered, so the scale's sums minus the items'
// give away whoever skipped one unless the items count only complete
// respondents and the rest (those who skipped) are 0 or at least k in
// every cell and in what the nation hides; and item counts computed at
// every release would move by fewer than k between reads.
//
//   auto questions = answers_per_question(published_rows, report, registry, 10);
//   std::string stored = answers_text(questions);
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/suppression.h"
#include "analytics/wave_data.h"
#include "analytics/wave_report.h"
#include "common/result.h"
#include "reference/municipalities.h"

namespace parorende::analytics {

struct QuestionCell {
  std::string code;                  // the municipality; "" for the nation
  std::int64_t n = 0;                // respondents counted; 0 when withheld
  std::vector<std::int64_t> counts;  // per option; empty when withheld
  Suppression suppression = Suppression::none;
  bool published() const { return suppression == Suppression::none; }
};

struct QuestionAnswers {
  std::string scale_id;
  std::string item_id;
  std::vector<std::int64_t> option_codes;  // in the questionnaire's order
  QuestionCell national;
  // The municipalities with respondents to the scale, by code; a
  // municipality not listed has none.
  std::vector<QuestionCell> municipalities;
};

// The tables of every single-choice item of every scale, from the rows
// `report` was computed on (after apply_disclosure_control, with
// `min_respondents`). A municipality's cell is published when its scale
// cell is, at least k answered every question, and those who skipped one
// are 0 or at least k; the nation's when its scale cell is and the
// respondents outside the published municipalities who answered every
// question, and those who skipped one, are each 0 or at least k.
std::vector<QuestionAnswers> answers_per_question(const WaveData& data, const WaveReport& report,
                                                  const MunicipalityRegistry& registry,
                                                  int min_respondents);

// Whether an item of scale `scale_index` is also in another scale or a
// burden instrument. Such a scale has no answers per question and no
// reliability figures: "answered every question" differs between the two
// lists, so the same item's counts over the two groups would differ by the
// few in one and not the other.
bool scale_shares_items(const Questionnaire& questionnaire, std::size_t scale_index);

// The municipality's cell of `question`, or nullptr when it has none.
const QuestionCell* municipality_cell(const QuestionAnswers& question, std::string_view code);

// As stored (JSON), and back; a damaged text is "storage_failure".
std::string answers_text(const std::vector<QuestionAnswers>& questions);
Result<std::vector<QuestionAnswers>> answers_from_text(std::string_view text);

}  // namespace parorende::analytics
