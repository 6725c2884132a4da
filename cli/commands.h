// The subcommands of `parorende`. Each takes the words after its name and
// returns the process exit code: 0 success, 1 the input was invalid, 2 usage.
#pragma once

#include <string>
#include <vector>

namespace parorende::cli {

using Words = std::vector<std::string>;

int validate_command(const Words& words);
int score_command(const Words& words);

}  // namespace parorende::cli
