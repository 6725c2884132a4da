// The command line of `parorende`: every subcommand with its options and
// their help, parsed with CLI11 in cli/command_line.cpp, the one file that
// includes it (CLI11 is slow to compile).
#pragma once

namespace parorende::cli {

// Parses the command line and runs the subcommand it names; the process
// exit code. A mistake in the command line prints one line naming it and a
// pointer to --help, and answers 2; --help prints the usage and answers 0.
int run_command_line(int argc, const char* const* argv);

}  // namespace parorende::cli
