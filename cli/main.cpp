// parorende: one binary, one subcommand per task.
#include <cstring>
#include <exception>
#include <iostream>
#include <string_view>

#include "cli/commands.h"

namespace {

struct Subcommand {
  std::string_view name;
  std::string_view summary;
  int (*run)(const parorende::cli::Words&);
};

constexpr Subcommand kSubcommands[] = {
    {"validate", "validate FILE...  check questionnaire definitions", parorende::cli::validate_command},
    {"score", "score --questionnaire FILE --response FILE  score one response",
     parorende::cli::score_command},
};

void print_usage(std::ostream& out) {
  out << "usage: parorende <subcommand> [options]\n\nsubcommands:\n";
  for (const Subcommand& subcommand : kSubcommands) {
    out << "  " << subcommand.summary << '\n';
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2 || std::strcmp(argv[1], "--help") == 0 ||
      std::strcmp(argv[1], "help") == 0) {
    print_usage(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? 2 : 0;
  }
  std::string_view name = argv[1];
  parorende::cli::Words words(argv + 2, argv + argc);
  for (const Subcommand& subcommand : kSubcommands) {
    if (subcommand.name != name) continue;
    try {
      return subcommand.run(words);
    } catch (const std::exception& bug) {
      // Expected failures are Results; reaching here is a bug in parorende.
      std::cerr << "parorende " << name << ": internal error: " << bug.what() << '\n';
      return 70;
    }
  }
  std::cerr << "parorende: unknown subcommand '" << name << "'\n";
  print_usage(std::cerr);
  return 2;
}
