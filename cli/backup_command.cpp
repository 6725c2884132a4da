#include <iostream>

#include "cli/commands.h"
#include "cli/store_access.h"
#include "store/store_location.h"

namespace parorende::cli {

int backup_command(const BackupOptions& options) {
  // Read-only: safe beside a running server, which keeps writing meanwhile.
  auto store = open_store("backup", options.db, true);
  if (!store) return 1;
  if (auto copied = store->backup(options.out); !copied) {
    report_error("backup", copied.error());
    return 1;
  }
  std::cout << "backed up " << printable_store_location(options.db) << " to " << options.out
            << '\n';
  return 0;
}

}  // namespace parorende::cli
