#include <iostream>

#include "cli/commands.h"
#include "cli/store_access.h"
#include "store/store_location.h"

namespace parorende::cli {

int init_db_command(const DatabaseOptions& options) {
  auto store = open_store("init-db", options.db, false);
  if (!store) return 1;
  auto stats = store->stats();
  if (!stats) {
    report_error("init-db", stats.error());
    return 1;
  }
  std::cout << printable_store_location(options.db) << ": schema version " << stats->schema_version
            << ", " << stats->municipalities << " municipalities\n";
  return 0;
}

}  // namespace parorende::cli
