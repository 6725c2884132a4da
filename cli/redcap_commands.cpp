// `parorende export-redcap` and `parorende import-redcap` (docs/redcap.md).
#include "cli/redcap_commands.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "common/json_input.h"
#include "interchange/redcap/export.h"
#include "interchange/redcap/import.h"
#include "interchange/redcap/instrument_zip.h"
#include "interchange/redcap/json_writer.h"
#include "questionnaire/questionnaire_loader.h"

namespace parorende::cli {
namespace {

// `text` to `path`, or to standard output when there is no path.
Status write_output(const std::optional<std::string>& path, const std::string& text) {
  if (!path) {
    std::cout << text;
    std::cout.flush();
    if (!std::cout) return make_error("write_failed", "cannot write to standard output");
    return {};
  }
  std::ofstream file(*path, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) return make_error("write_failed", "cannot write '" + *path + "'");
  return {};
}

// A definition file, or an id looked up as DIR/ID.json.
Result<std::string> questionnaire_path(const std::string& given, const std::string& folder) {
  std::error_code error;
  if (std::filesystem::is_regular_file(given, error)) return given;
  bool looks_like_id = given.find('/') == std::string::npos &&
                       given.find('.') == std::string::npos && !given.empty();
  if (looks_like_id) {
    std::string candidate = (std::filesystem::path(folder) / (given + ".json")).string();
    if (std::filesystem::is_regular_file(candidate, error)) return candidate;
    return make_error("not_found",
                      "no questionnaire file '" + given + "' and no '" + candidate + "'");
  }
  return make_error("not_found", "no questionnaire file '" + given + "'");
}

}  // namespace

int export_redcap_command(const ExportRedcapOptions& options) {
  auto path = questionnaire_path(options.questionnaire, options.questionnaires_dir);
  if (!path) {
    std::cerr << "parorende export-redcap: " << path.error().message << '\n';
    return 1;
  }
  auto questionnaire = load_questionnaire_file(path.value());
  if (!questionnaire) {
    std::cerr << path.value() << ": " << questionnaire.error().describe() << '\n';
    return 1;
  }
  auto exported = redcap::export_dictionary(questionnaire.value(), options.language);
  if (!exported) {
    std::cerr << "parorende export-redcap: " << exported.error().message << '\n';
    return 1;
  }
  for (const Problem& warning : exported->warnings) {
    std::cerr << "parorende export-redcap: " << warning.where << ": " << warning.message << '\n';
  }
  auto written = write_output(options.out, redcap::write_dictionary(exported->fields));
  if (!written) {
    std::cerr << "parorende export-redcap: " << written.error().message << '\n';
    return 1;
  }
  return 0;
}

int import_redcap_command(const ImportRedcapOptions& options) {
  const std::string& path = options.file;
  auto text = read_text_file(path);
  if (!text) {
    std::cerr << "parorende import-redcap: " << text.error().message << '\n';
    return 1;
  }
  redcap::ImportOptions import = options.import;
  if (redcap::is_zip(text.value())) {
    // An instrument ZIP: its instrument.csv, which has no record ID.
    auto instrument = redcap::instrument_csv_from_zip(text.value());
    if (!instrument) {
      std::cerr << path << ": " << instrument.error().describe() << '\n';
      return 1;
    }
    text = std::move(instrument);
    import.no_record_id = true;
  }
  auto imported = redcap::import_dictionary(text.value(), import);
  if (!imported) {
    std::cerr << path << ": " << imported.error().describe() << '\n';
    return 1;
  }
  for (const Problem& warning : imported->warnings) {
    std::cerr << path << ": " << warning.where << ": " << warning.message << '\n';
  }
  if (!imported->warnings.empty()) {
    std::cerr << path << ": " << imported->skipped_fields.size() << " field(s) skipped, "
              << imported->fields_without_logic.size()
              << " field(s) imported without their branching logic\n";
  }
  auto written = write_output(options.out, redcap::write_pretty_json(imported->definition));
  if (!written) {
    std::cerr << "parorende import-redcap: " << written.error().message << '\n';
    return 1;
  }
  return 0;
}

}  // namespace parorende::cli
