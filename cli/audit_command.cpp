// parorende audit verify|export --db FILE: the audit log's hash chain
// checked, and the log as JSON Lines (docs/security.md, "Audit log").
#include <boost/json/serialize.hpp>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/store_access.h"

namespace parorende::cli {
namespace json = boost::json;

int audit_verify_command(const DatabaseOptions& options) {
  // Read-only: safe beside a running server, and verifying changes nothing.
  auto store = open_store("audit verify", options.db, true);
  if (!store) return 1;
  auto verification = store->verify_audit();
  if (!verification) {
    report_error("audit verify", verification.error());
    return 1;
  }
  if (verification->first_broken) {
    std::cerr << "parorende audit verify: entry " << *verification->first_broken
              << " does not verify: " << verification->problem << '\n';
    return 1;
  }
  std::cout << "the audit log verifies: " << verification->entries << " entries\n";
  return 0;
}

int audit_export_command(const AuditExportOptions& options) {
  auto store = open_store("audit export", options.db, true);
  if (!store) return 1;
  auto entries = store->audit_entries({options.after, 0, options.actor, options.action});
  if (!entries) {
    report_error("audit export", entries.error());
    return 1;
  }
  std::ofstream file;
  if (!options.out.empty()) {
    file.open(options.out, std::ios::binary | std::ios::trunc);
    if (!file) {
      std::cerr << "parorende audit export: cannot write " << options.out << '\n';
      return 1;
    }
  }
  std::ostream& out = options.out.empty() ? std::cout : file;
  for (const AuditEntry& entry : entries.value())
    out << json::serialize(audit_entry_json(entry)) << '\n';
  out.flush();
  if (!out) {
    std::cerr << "parorende audit export: writing failed\n";
    return 1;
  }
  return 0;
}

}  // namespace parorende::cli
