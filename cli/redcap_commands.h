// `parorende export-redcap` and `parorende import-redcap` (cli/commands.h
// says how subcommands take their options).
#pragma once

#include <optional>
#include <string>

#include "interchange/redcap/import.h"

namespace parorende::cli {

// REDCap data dictionaries (docs/redcap.md).
struct ExportRedcapOptions {
  std::string questionnaire;       // a file, or an id looked up in questionnaires_dir
  std::string language;            // empty: the questionnaire's default language
  std::optional<std::string> out;  // none: standard output
  std::string questionnaires_dir = "questionnaires";
};

struct ImportRedcapOptions {
  std::string file;
  redcap::ImportOptions import;
  std::optional<std::string> out;  // none: standard output
};

int export_redcap_command(const ExportRedcapOptions& options);
int import_redcap_command(const ImportRedcapOptions& options);

}  // namespace parorende::cli
