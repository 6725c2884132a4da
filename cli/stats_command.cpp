#include <iostream>

#include "cli/commands.h"
#include "cli/store_access.h"

namespace parorende::cli {

int stats_command(const DatabaseOptions& options) {
  auto store = open_store("stats", options.db, true);
  if (!store) return 1;
  auto stats = store->stats();
  if (!stats) {
    report_error("stats", stats.error());
    return 1;
  }
  std::cout << "schema version: " << stats->schema_version << '\n'
            << "database size: " << stats->database_bytes << " bytes\n"
            << "municipalities: " << stats->municipalities << '\n'
            << "questionnaire versions: " << stats->questionnaire_versions << '\n'
            << "waves: " << stats->waves.size() << '\n';
  for (const WaveCounts& wave : stats->waves) {
    std::cout << "  " << wave.wave_name << ": " << wave.complete << " complete, " << wave.partial
              << " partial\n";
  }
  return 0;
}

}  // namespace parorende::cli
