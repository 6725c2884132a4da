#include <iostream>

#include "cli/commands.h"
#include "cli/store_access.h"

namespace parorende::cli {

int backup_command(const Words& words) {
  auto arguments = Arguments::parse(words, {"db"});
  if (!arguments || !arguments->option("db") || arguments->positional().size() != 1) {
    std::cerr << "usage: parorende backup --db FILE OUT.db\n";
    return 2;
  }
  // Read-only: safe beside a running server, which keeps writing meanwhile.
  auto store = open_store("backup", arguments.value(), true);
  if (!store) return 1;
  const std::string& out = arguments->positional()[0];
  if (auto copied = store->backup(out); !copied) {
    report_error("backup", copied.error());
    return 1;
  }
  std::cout << "backed up " << *arguments->option("db") << " to " << out << '\n';
  return 0;
}

}  // namespace parorende::cli
