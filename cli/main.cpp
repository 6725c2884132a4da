// parorende: one binary, one subcommand per task (cli/command_line.h).
#include <exception>
#include <iostream>

#include "cli/command_line.h"

int main(int argc, char** argv) {
  try {
    return parorende::cli::run_command_line(argc, argv);
  } catch (const std::exception& bug) {
    // Expected failures are Results, and command-line mistakes are handled
    // where the command line is parsed; reaching here is a bug in parorende.
    std::cerr << "parorende: internal error: " << bug.what() << '\n';
    return 70;
  }
}
