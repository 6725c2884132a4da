// The published results of each wave, for the results API: analysing a
// wave takes seconds at a million responses, so the disclosure-controlled
// report of its published rows (analytics/published_results.h: one safe
// step, then the figures) is computed once and served until the wave's
// number of complete responses changes (looked at no more than every few
// seconds, and recomputed no more than every 30 s), and at least every 10
// minutes (an erasure and a new response leave the count unchanged). A
// recomputation serves new figures only where a step moved the published
// state (docs/privacy.md). One computation per wave at a time; callers
// meanwhile get the previous report, or wait for the first. Every call may
// block: call it on a store worker, never on an I/O thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "analytics/answers_per_question.h"
#include "analytics/background_tables.h"
#include "analytics/disclosure_control.h"
#include "analytics/wave_report.h"
#include "common/result.h"
#include "questionnaire/questionnaire.h"
#include "questionnaire/wave.h"
#include "store/response_store.h"

namespace parorende::server {

struct PublishedWave {
  Wave wave;
  std::shared_ptr<const Questionnaire> questionnaire;
  analytics::WaveReport report;                       // after disclosure control
  std::vector<analytics::BackgroundCell> background;  // for the exports
  std::vector<analytics::QuestionAnswers> questions;  // once closed
  std::int64_t complete_responses = 0;                // when it was computed; never published
  std::string computed_on;                            // the day (UTC): no clock time is published
};

struct ResultsCacheOptions {
  int min_respondents = analytics::kDefaultMinRespondents;
  // Empty: read waves through the store's own read path.
  std::string database_path;
  std::chrono::seconds count_check_interval{5};
  std::chrono::seconds min_recompute_interval{30};
  std::chrono::seconds max_age{600};
};

class ResultsCache {
 public:
  ResultsCache(ResponseStore& store, ResultsCacheOptions options);

  // "wave_not_found", "storage_failure".
  Result<std::shared_ptr<const PublishedWave>> published(std::string_view wave_name);

  int min_respondents() const { return options_.min_respondents; }

 private:
  using Clock = std::chrono::steady_clock;
  using Computed = Result<std::shared_ptr<const PublishedWave>>;

  struct Entry {
    std::shared_ptr<const PublishedWave> latest;
    Clock::time_point computed{};
    Clock::time_point count_checked{};
    std::shared_future<Computed> computing;  // valid while one runs
  };

  Computed compute(const Wave& wave, std::int64_t complete_responses);
  Result<std::int64_t> complete_responses(std::string_view wave_name);

  ResponseStore& store_;
  ResultsCacheOptions options_;
  std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace parorende::server
