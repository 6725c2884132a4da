// Fuzz target: bytes as a REDCap data dictionary CSV (docs/redcap.md) ->
// redcap::import_dictionary (the CSV, the header, field types, choices,
// validation, branching logic translated into expressions, scales from
// tags). The import loads what it made; "invalid_definition" means it made
// a definition that does not load, which it asks the user to report: a bug.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "interchange/redcap/import.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view csv(reinterpret_cast<const char*>(data), size);
  auto imported = parorende::redcap::import_dictionary(csv, {});
  if (!imported && imported.error().code == "invalid_definition") {
    std::fprintf(stderr, "%s\n", imported.error().describe().c_str());
    std::abort();
  }
  return 0;
}
