// parorende export: a wave's published figures as files for researchers
// (docs/export.md): the tables of analytics/export/dataset.h in one format,
// plus the codebook, after disclosure control (docs/privacy.md).
#include <charconv>
#include <iostream>

#include "analytics/disclosure_control.h"
#include "analytics/export/dataset.h"
#include "analytics/published_results.h"
#include "cli/analytics_progress.h"
#include "cli/commands.h"
#include "cli/store_access.h"
#include "common/calendar.h"

namespace parorende::cli {
namespace {

constexpr const char* kUsage =
    "usage: parorende export --db FILE --wave NAME --format csv|json|sav|dta --out DIR\n"
    "                        [--min-respondents K]\n";

}  // namespace

int export_command(const Words& words) {
  auto arguments = Arguments::parse(words, {"db", "wave", "format", "out", "min-respondents"});
  if (!arguments || !arguments->option("db") || !arguments->option("wave") ||
      !arguments->option("format") || !arguments->option("out") || !arguments->positional().empty()) {
    if (!arguments) std::cerr << "parorende export: " << arguments.error().message << '\n';
    std::cerr << kUsage;
    return 2;
  }
  auto format = analytics::parse_export_format(*arguments->option("format"));
  if (!format) {
    std::cerr << "parorende export: --format is csv, json, sav or dta\n" << kUsage;
    return 2;
  }
  int min_respondents = analytics::kDefaultMinRespondents;
  if (auto text = arguments->option("min-respondents")) {
    int value = 0;
    auto parsed = std::from_chars(text->data(), text->data() + text->size(), value);
    if (parsed.ec != std::errc() || parsed.ptr != text->data() + text->size()) {
      std::cerr << "parorende export: --min-respondents is a whole number\n" << kUsage;
      return 2;
    }
    auto threshold = analytics::disclosure_threshold(value);
    if (!threshold) {
      std::cerr << "parorende export: " << threshold.error().message << '\n';
      return 2;
    }
    min_respondents = threshold.value();
  }
  const std::string path = *arguments->option("db");
  const std::string wave = *arguments->option("wave");
  // The published state may take a step, as the server's would.
  auto store = open_store("export", arguments.value(), false);
  if (!store) return 1;

  TerminalProgress progress("export");
  auto report_progress = [&](std::string_view stage, double fraction) {
    progress.update(wave + ": " + std::string(stage), fraction);
  };
  auto current = analytics::publish_current_results(*store, path, wave, min_respondents, today_utc(),
                                                    report_progress);
  progress.finish();
  if (!current) {
    report_error("export", current.error());
    return 1;
  }
  const analytics::PublishedResults& published = current->results;
  analytics::ExportDataset dataset =
      analytics::export_dataset(published.report, *current->questionnaire, published.background, today_utc());
  Status written = analytics::write_export(dataset, *format, *arguments->option("out"));
  if (!written) {
    report_error("export", written.error());
    return 1;
  }
  std::cerr << "parorende export: wrote " << dataset.tables.size() << " tables and the codebook to "
            << *arguments->option("out") << '\n';
  return 0;
}

}  // namespace parorende::cli
