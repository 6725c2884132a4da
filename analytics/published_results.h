// A wave's publishable figures in one call, so the results API, `parorende
// analyze` and the exports publish the same numbers:
//   publish_wave()           analysis, the free-text check, disclosure
//                            control and the background table, with one k,
//                            on the rows given;
//   publish_current_results() the wave's published state brought up to date
//                            by one safe step (publication_step.h), then
//                            publish_wave() on its published rows.
//
//   auto current = publish_current_results(store, db_path, "2026", 10, today_utc());
//   if (!current) return current.take_error();
//   write(current->results.report);
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/answers_per_question.h"
#include "analytics/background_tables.h"
#include "analytics/progress.h"
#include "analytics/wave_data.h"
#include "analytics/wave_report.h"
#include "common/result.h"
#include "questionnaire/answer.h"
#include "questionnaire/wave.h"
#include "reference/municipalities.h"
#include "store/response_store.h"

namespace parorende::analytics {

struct PublishedResults {
  WaveReport report;  // after apply_disclosure_control
  std::vector<BackgroundCell> background;
  std::vector<QuestionAnswers> questions;  // once closed (publish_current_results)
};

// `min_respondents` as checked by disclosure_threshold(). For analysis
// and tests of the rules: nothing here is frozen, reliability is not
// withheld for an open round and there are no answers per question; what
// is served goes through publish_current_results().
PublishedResults publish_wave(const WaveData& data, const MunicipalityRegistry& municipalities,
                              int min_respondents, const Progress& progress = {});

struct CurrentResults {
  Wave wave;
  std::shared_ptr<const Questionnaire> questionnaire;
  PublishedResults results;
};

// k for one wave: `configured`, raised to the highest floor any version of
// its questionnaire sets (Questionnaire::min_respondents), whichever
// version the round uses. Every figure and count of
// the wave is held to it. Errors: those of ResponseStore::questionnaire().
Result<int> wave_min_respondents(ResponseStore& store, const Wave& wave, int configured);

// Reads the wave (streamed from `database_path`, or through the store when
// it is empty), takes the step that is due (none on a read-only store),
// and publishes the published rows, with k as wave_min_respondents() sets
// it from `min_respondents`. The background table, the answers per
// question and the reliability figures are published only once the wave
// has closed (`today` after its last day), and are frozen by their first
// computation: the background groups cross the areas, and the items'
// figures are over other rows than their scale's (those who answered
// every item), so none could otherwise be kept from changing by fewer
// than k. Errors: those of
// load_wave_data() and ResponseStore::publish_step(), and
// "publication_conflict" when steps kept colliding with other writers.
Result<CurrentResults> publish_current_results(ResponseStore& store,
                                               const std::string& database_path,
                                               std::string_view wave_name, int min_respondents,
                                               Date today, const Progress& progress = {});

}  // namespace parorende::analytics
