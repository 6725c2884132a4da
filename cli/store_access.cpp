#include "cli/store_access.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace parorende::cli {

void report_error(std::string_view command, const Error& error) {
  std::cerr << "parorende " << command << ": " << error.describe() << '\n';
}

std::unique_ptr<ResponseStore> open_store(std::string_view command, const std::string& path,
                                          bool read_only) {
  StoreOptions options;
  options.path = path;
  options.read_only = read_only;
  options.read_connections = 1;
  auto store = ResponseStore::open(options);
  if (!store) {
    report_error(command, store.error());
    return nullptr;
  }
  return std::move(store).value();
}

std::string shell_actor() {
  // The account the process runs as, not $USER, which the caller sets.
  if (const passwd* account = ::getpwuid(::geteuid()); account && account->pw_name) {
    return "shell:" + std::string(account->pw_name);
  }
  return "shell:uid-" + std::to_string(::geteuid());
}

bool record_shell_action(std::string_view command, ResponseStore& store, std::string action,
                         std::string object, AuditOutcome outcome, std::string detail) {
  auto recorded = store.record_audit(
      {shell_actor(), std::move(action), std::move(object), outcome, std::move(detail)});
  if (!recorded) {
    report_error(command, recorded.error());
    return false;
  }
  return true;
}

}  // namespace parorende::cli
