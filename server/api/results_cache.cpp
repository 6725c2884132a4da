#include "server/api/results_cache.h"

#include <exception>

#include "analytics/published_results.h"
#include "common/calendar.h"

namespace parorende::server {

ResultsCache::ResultsCache(ResponseStore& store, ResultsCacheOptions options)
    : store_(store), options_(std::move(options)) {}

Result<std::int64_t> ResultsCache::complete_responses(std::string_view wave_name) {
  auto stats = store_.stats();
  if (!stats) return stats.take_error();
  for (const WaveCounts& counts : stats->waves) {
    if (counts.wave_name == wave_name) return counts.complete;
  }
  return std::int64_t{0};
}

ResultsCache::Computed ResultsCache::compute(const Wave& wave, std::int64_t complete_responses) {
  Date today = today_utc();
  auto current = analytics::publish_current_results(store_, options_.database_path, wave.name,
                                                    options_.min_respondents, today);
  if (!current) return current.take_error();
  auto published = std::make_shared<PublishedWave>();
  published->wave = std::move(current->wave);
  published->questionnaire = std::move(current->questionnaire);
  published->report = std::move(current->results.report);
  published->background = std::move(current->results.background);
  published->questions = std::move(current->results.questions);
  published->complete_responses = complete_responses;
  published->computed_on = today.iso();
  return std::shared_ptr<const PublishedWave>(std::move(published));
}

Result<std::shared_ptr<const PublishedWave>> ResultsCache::published(std::string_view wave_name) {
  auto wave = store_.wave(wave_name);
  if (!wave) return wave.take_error();

  std::shared_future<Computed> running;
  {
    std::lock_guard lock(mutex_);
    Entry& entry = entries_[std::string(wave_name)];
    Clock::time_point now = Clock::now();
    if (entry.latest) {
      bool young = now - entry.computed < options_.max_age;
      if (entry.computing.valid()) return entry.latest;
      if (young && now - entry.count_checked < options_.count_check_interval) return entry.latest;
    } else if (entry.computing.valid()) {
      running = entry.computing;
    }
  }
  if (running.valid()) return running.get();

  auto count = complete_responses(wave_name);
  if (!count) return count.take_error();

  std::promise<Computed> promise;
  {
    std::lock_guard lock(mutex_);
    Entry& entry = entries_[std::string(wave_name)];
    Clock::time_point now = Clock::now();
    entry.count_checked = now;
    if (entry.computing.valid()) {
      if (entry.latest) return entry.latest;
      running = entry.computing;
    } else if (entry.latest) {
      auto age = now - entry.computed;
      bool unchanged = entry.latest->complete_responses == count.value();
      if ((unchanged && age < options_.max_age) || age < options_.min_recompute_interval) {
        return entry.latest;
      }
    }
    if (!running.valid()) entry.computing = promise.get_future().share();
  }
  if (running.valid()) return running.get();

  Computed result = make_error("internal_error", "not computed");
  try {
    result = compute(wave.value(), count.value());
  } catch (...) {
    std::lock_guard lock(mutex_);
    entries_[std::string(wave_name)].computing = {};
    promise.set_exception(std::current_exception());
    throw;
  }
  std::lock_guard lock(mutex_);
  Entry& entry = entries_[std::string(wave_name)];
  if (result) {
    entry.latest = result.value();
    entry.computed = Clock::now();
  }
  entry.computing = {};
  promise.set_value(result);
  return result;
}

}  // namespace parorende::server
