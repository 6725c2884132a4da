// parorende analyze: every analytics figure of a wave (docs/analytics.md).
#include <boost/json/serialize.hpp>
#include <charconv>
#include <iostream>
#include <optional>

#include "analytics/published_results.h"
#include "analytics/report_csv.h"
#include "analytics/report_json.h"
#include "analytics/wave_analysis.h"
#include "analytics/wave_change.h"
#include "analytics/wave_data.h"
#include "cli/analytics_progress.h"
#include "cli/commands.h"
#include "cli/store_access.h"
#include "common/calendar.h"

namespace parorende::cli {
namespace {

constexpr const char* kUsage =
    "usage: parorende analyze --db FILE --wave NAME [--format json|csv]\n"
    "                         [--compare-to EARLIER_WAVE] [--min-respondents K] [--unprotected]\n"
    "  prints what the results API publishes (docs/privacy.md); --unprotected prints\n"
    "  every figure of every cell, for the data owner only\n";

// One wave's report. Protected: the published state brought up to date and
// its disclosure-controlled figures, exactly what the API serves.
// Unprotected: every cell, models on every respondent, nothing withheld.
Result<analytics::WaveReport> analyze_one(ResponseStore& store, const std::string& path,
                                          const std::string& wave, int min_respondents,
                                          bool unprotected, TerminalProgress& progress) {
  auto report_progress = [&](std::string_view stage, double fraction) {
    progress.update(wave + ": " + std::string(stage), fraction);
  };
  if (!unprotected) {
    auto current = analytics::publish_current_results(store, path, wave, min_respondents, today_utc(),
                                                      report_progress);
    if (!current) return current.take_error();
    return std::move(current->results.report);
  }
  auto data = analytics::load_wave_data(store, path, wave, builtin_municipalities(),
                                        report_progress);
  if (!data) return data.take_error();
  analytics::AnalysisOptions options;
  options.min_respondents = 1;
  options.protect = false;
  options.progress = report_progress;
  analytics::WaveReport report = analytics::analyze_wave(data.value(), builtin_municipalities(), options);
  analytics::check_no_free_text(report, *data->questionnaire);
  report.unprotected = true;
  return report;
}

std::optional<int> parse_count(const std::string& text) {
  int value = 0;
  auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
  if (parsed.ec != std::errc() || parsed.ptr != text.data() + text.size() || value < 1) {
    return std::nullopt;
  }
  return value;
}

}  // namespace

int analyze_command(const Words& words) {
  auto arguments =
      Arguments::parse(words, {"db", "wave", "format", "compare-to", "min-respondents"},
                       {"unprotected"});
  if (!arguments || !arguments->option("db") || !arguments->option("wave") ||
      !arguments->positional().empty()) {
    if (!arguments) std::cerr << "parorende analyze: " << arguments.error().message << '\n';
    std::cerr << kUsage;
    return 2;
  }
  std::string format = arguments->option("format").value_or("json");
  if (format != "json" && format != "csv") {
    std::cerr << "parorende analyze: --format is json or csv\n" << kUsage;
    return 2;
  }
  int min_respondents = analytics::kDefaultMinRespondents;
  if (auto text = arguments->option("min-respondents")) {
    auto parsed = parse_count(*text);
    if (!parsed) {
      std::cerr << "parorende analyze: --min-respondents is a whole number\n";
      return 2;
    }
    auto threshold = analytics::disclosure_threshold(*parsed);
    if (!threshold) {
      std::cerr << "parorende analyze: " << threshold.error().message << '\n';
      return 2;
    }
    min_respondents = *threshold;
  }
  const bool unprotected = arguments->has_switch("unprotected");
  if (unprotected) {
    std::cerr << "parorende analyze: " << analytics::kUnprotectedWarning << '\n';
  }
  const std::string path = *arguments->option("db");
  // Protected: the published state may take a step, as the server's would.
  auto store = open_store("analyze", arguments.value(), unprotected);
  if (!store) return 1;

  TerminalProgress progress("analyze");
  std::optional<analytics::WaveChange> change;
  if (auto earlier_wave = arguments->option("compare-to")) {
    auto earlier = analyze_one(*store, path, *earlier_wave, min_respondents, unprotected, progress);
    if (!earlier) {
      progress.finish();
      report_error("analyze", earlier.error());
      return 1;
    }
    auto later = analyze_one(*store, path, *arguments->option("wave"), min_respondents, unprotected, progress);
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
    if (format == "json") {
      boost::json::object document = analytics::wave_report_json(later.value());
      document["change"] = analytics::wave_change_json(*change);
      std::cout << boost::json::serialize(document) << '\n';
    } else {
      analytics::write_wave_report_csv(std::cout, later.value());
      analytics::write_wave_change_csv(std::cout, *change, false);
    }
    return 0;
  }

  auto report = analyze_one(*store, path, *arguments->option("wave"), min_respondents, unprotected, progress);
  progress.finish();
  if (!report) {
    report_error("analyze", report.error());
    return 1;
  }
  if (format == "json") {
    std::cout << boost::json::serialize(analytics::wave_report_json(report.value())) << '\n';
  } else {
    analytics::write_wave_report_csv(std::cout, report.value());
  }
  return 0;
}

}  // namespace parorende::cli
