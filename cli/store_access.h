// Opening the response store from a subcommand, reporting failures the same
// way everywhere.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "store/response_store.h"

namespace parorende::cli {

// The store at `path` (--db), or null after printing why (to stderr,
// prefixed with "parorende COMMAND: ").
std::unique_ptr<ResponseStore> open_store(std::string_view command, const std::string& path,
                                          bool read_only);

// Prints "parorende COMMAND: " and the error with its problems to stderr.
void report_error(std::string_view command, const Error& error);

}  // namespace parorende::cli
