#include "server/results_cache.h"

#include <ctime>
#include <exception>

#include "analytics/published_results.h"
#include "analytics/wave_data.h"
#include "engine/municipalities.h"

namespace parorende::server {
namespace {

std::string utc_now_iso() {
  std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

}  // namespace

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
  const MunicipalityRegistry& registry = builtin_municipalities();
  Result<analytics::WaveData> data = [&]() -> Result<analytics::WaveData> {
    if (!options_.database_path.empty()) {
      return analytics::load_wave_data(store_, options_.database_path, wave.name, registry);
    }
    auto matrix = store_.complete_responses(wave.name);
    if (!matrix) return matrix.take_error();
    return analytics::wave_data_from_matrix(wave.name, matrix.value(), registry);
  }();
  if (!data) return data.take_error();
  analytics::PublishedResults results =
      analytics::publish_wave(data.value(), registry, options_.min_respondents);
  auto published = std::make_shared<PublishedWave>();
  published->wave = wave;
  published->questionnaire = data->questionnaire;
  published->report = std::move(results.report);
  published->background = std::move(results.background);
  published->complete_responses = complete_responses;
  published->computed_at = utc_now_iso();
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
