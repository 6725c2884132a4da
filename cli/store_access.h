// Opening the response store from a subcommand, reporting failures the same
// way everywhere.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "cli/arguments.h"
#include "store/response_store.h"

namespace parorende::cli {

// The store at --db, or null after printing why (to stderr, prefixed with
// "parorende COMMAND: ").
std::unique_ptr<ResponseStore> open_store(std::string_view command, const Arguments& arguments,
                                          bool read_only);

// Prints "parorende COMMAND: " and the error with its problems to stderr.
void report_error(std::string_view command, const Error& error);

}  // namespace parorende::cli
