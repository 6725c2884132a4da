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
    {"score", "score --questionnaire FILE --response FILE [--partial]  score one response",
     parorende::cli::score_command},
    {"export-redcap",
     "export-redcap --questionnaire ID_OR_FILE [--lang TAG] [--out FILE]  REDCap data dictionary",
     parorende::cli::export_redcap_command},
    {"import-redcap",
     "import-redcap FILE.csv [--id ID] [--version V] [--lang TAG] [--out FILE]  definition from REDCap",
     parorende::cli::import_redcap_command},
    {"init-db", "init-db --db FILE  create or migrate a response database",
     parorende::cli::init_db_command},
    {"publish", "publish --db FILE QUESTIONNAIRE.json...  publish questionnaire versions",
     parorende::cli::publish_command},
    {"wave", "wave create|list --db FILE ...  create or list survey waves",
     parorende::cli::wave_command},
    {"import-responses",
     "import-responses --db FILE --wave NAME [--all-or-nothing] FILE.jsonl  import responses",
     parorende::cli::import_responses_command},
    {"stats", "stats --db FILE  counts of responses per wave", parorende::cli::stats_command},
    {"backup", "backup --db FILE OUT.db  consistent copy, safe while the server runs",
     parorende::cli::backup_command},
    {"offers", "offers import --db FILE FILE.csv  replace municipalities' offer catalogues",
     parorende::cli::offers_command},
    {"analyze", "analyze --db FILE --wave NAME [--format json|csv] [--compare-to WAVE]  statistics of a wave",
     parorende::cli::analyze_command},
    {"demo-data", "demo-data --db FILE --wave NAME --responses N --seed S  synthetic national wave",
     parorende::cli::demo_data_command},
    {"export",
     "export --db FILE --wave NAME --format csv|json|sav|dta --out DIR [--min-respondents K]  "
     "published tables and codebook",
     parorende::cli::export_command},
    {"serve", "serve --db FILE [--port 8080] [--threads N] ...  the HTTP API and survey pages",
     parorende::cli::serve_command},
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
