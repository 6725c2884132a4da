// parorende export: a wave's published figures as files for researchers
// (docs/export.md): the tables of analytics/export/dataset.h in one format,
// plus the codebook, after disclosure control (docs/privacy.md).
#include <iostream>

#include "analytics/disclosure_control.h"
#include "analytics/export/dataset.h"
#include "analytics/published_results.h"
#include "cli/analytics_commands.h"
#include "cli/analytics_progress.h"
#include "cli/store_access.h"
#include "common/calendar.h"

namespace parorende::cli {

int export_command(const ExportOptions& options) {
  const std::string& wave = options.wave;
  // The published state may take a step, as the server's would.
  auto store = open_store("export", options.db, false);
  if (!store) return 1;

  TerminalProgress progress("export");
  auto report_progress = [&](std::string_view stage, double fraction) {
    progress.update(wave + ": " + std::string(stage), fraction);
  };
  auto current = analytics::publish_current_results(
      *store, options.db, wave, options.min_respondents, today_utc(), report_progress);
  progress.finish();
  if (!current) {
    report_error("export", current.error());
    return 1;
  }
  const analytics::PublishedResults& published = current->results;
  analytics::ExportDataset dataset = analytics::export_dataset(
      published.report, *current->questionnaire, published.background, today_utc());
  Status written = analytics::write_export(dataset, options.format, options.out);
  if (!written) {
    report_error("export", written.error());
    return 1;
  }
  if (!record_shell_action("export", *store, "export.write", "wave:" + wave, AuditOutcome::success,
                           "format " + std::string(analytics::file_extension(options.format)))) {
    return 1;
  }
  std::cerr << "parorende export: wrote " << dataset.tables.size() << " tables and the codebook to "
            << options.out << '\n';
  return 0;
}

}  // namespace parorende::cli
