#include <iostream>

#include "cli/commands.h"
#include "cli/store_access.h"

namespace parorende::cli {

int init_db_command(const Words& words) {
  auto arguments = Arguments::parse(words, {"db"});
  if (!arguments || !arguments->option("db") || !arguments->positional().empty()) {
    std::cerr << "usage: parorende init-db --db FILE\n";
    return 2;
  }
  auto store = open_store("init-db", arguments.value(), false);
  if (!store) return 1;
  auto stats = store->stats();
  if (!stats) {
    report_error("init-db", stats.error());
    return 1;
  }
  std::cout << *arguments->option("db") << ": schema version " << stats->schema_version << ", "
            << stats->municipalities << " municipalities\n";
  return 0;
}

}  // namespace parorende::cli
