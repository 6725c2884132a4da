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

// The audit log's actor for the shell: "shell:" and the login name.
std::string shell_actor();

// Records in the audit log what COMMAND did, as shell_actor(). False after
// printing why when the entry could not be written: the command then fails,
// for a change nobody can account for is worse than one not made.
bool record_shell_action(std::string_view command, ResponseStore& store, std::string action,
                         std::string object, AuditOutcome outcome, std::string detail = {});

}  // namespace parorende::cli
