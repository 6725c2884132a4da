#include "cli/store_access.h"

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

}  // namespace parorende::cli
