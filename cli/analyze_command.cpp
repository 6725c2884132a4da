// parorende analyze: every analytics figure of a wave (docs/analytics.md).
#include <boost/json/serialize.hpp>
#include <iostream>
#include <optional>

#include "analytics/published_results.h"
#include "analytics/report_csv.h"
#include "analytics/report_json.h"
#include "analytics/wave_analysis.h"
#include "analytics/wave_change.h"
#include "analytics/wave_data.h"
#include "cli/analytics_commands.h"
#include "cli/analytics_progress.h"
#include "cli/store_access.h"
#include "common/calendar.h"

namespace parorende::cli {
namespace {

// One wave's report. Protected: the published state brought up to date and
// its disclosure-controlled figures, exactly what the API serves.
// Unprotected: every cell, models on every respondent, nothing withheld.
Result<analytics::WaveReport> analyze_one(ResponseStore& store, const AnalyzeOptions& options,
                                          const std::string& wave, TerminalProgress& progress) {
  auto report_progress = [&](std::string_view stage, double fraction) {
    progress.update(wave + ": " + std::string(stage), fraction);
  };
  if (!options.unprotected) {
    auto current = analytics::publish_current_results(
        store, options.db, wave, options.min_respondents, today_utc(), report_progress);
    if (!current) return current.take_error();
    return std::move(current->results.report);
  }
  auto data =
      analytics::load_wave_data(store, options.db, wave, builtin_municipalities(), report_progress);
  if (!data) return data.take_error();
  analytics::AnalysisOptions analysis;
  analysis.min_respondents = 1;
  analysis.protect = false;
  analysis.progress = report_progress;
  analytics::WaveReport report =
      analytics::analyze_wave(data.value(), builtin_municipalities(), analysis);
  analytics::check_no_free_text(report, *data->questionnaire);
  report.unprotected = true;
  return report;
}

}  // namespace

int analyze_command(const AnalyzeOptions& options) {
  if (options.unprotected) {
    std::cerr << "parorende analyze: " << analytics::kUnprotectedWarning << '\n';
  }
  // Protected: the published state may take a step, as the server's would.
  auto store = open_store("analyze", options.db, options.unprotected);
  if (!store) return 1;

  TerminalProgress progress("analyze");
  std::optional<analytics::WaveChange> change;
  if (options.compare_to) {
    auto earlier = analyze_one(*store, options, *options.compare_to, progress);
    if (!earlier) {
      progress.finish();
      report_error("analyze", earlier.error());
      return 1;
    }
    auto later = analyze_one(*store, options, options.wave, progress);
    if (!later) {
      progress.finish();
      report_error("analyze", later.error());
      return 1;
    }
    auto compared = analytics::compare_waves(earlier.value(), later.value());
    if (!compared) {
      progress.finish();
      report_error("analyze", compared.error());
      return 1;
    }
    change = std::move(compared).value();
    progress.finish();
    if (options.format == "json") {
      boost::json::object document = analytics::wave_report_json(later.value());
      document["change"] = analytics::wave_change_json(*change);
      std::cout << boost::json::serialize(document) << '\n';
    } else {
      analytics::write_wave_report_csv(std::cout, later.value());
      analytics::write_wave_change_csv(std::cout, *change, false);
    }
    return 0;
  }

  auto report = analyze_one(*store, options, options.wave, progress);
  progress.finish();
  if (!report) {
    report_error("analyze", report.error());
    return 1;
  }
  if (options.format == "json") {
    std::cout << boost::json::serialize(analytics::wave_report_json(report.value())) << '\n';
  } else {
    analytics::write_wave_report_csv(std::cout, report.value());
  }
  return 0;
}

}  // namespace parorende::cli
