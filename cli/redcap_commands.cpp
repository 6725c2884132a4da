// `parorende export-redcap` and `parorende import-redcap` (docs/redcap.md).
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "common/json_input.h"
#include "questionnaire/questionnaire_loader.h"
#include "interchange/redcap/export.h"
#include "interchange/redcap/import.h"
#include "interchange/redcap/json_writer.h"

namespace parorende::cli {
namespace {

constexpr std::string_view kExportUsage =
    "usage: parorende export-redcap --questionnaire ID_OR_FILE [--lang TAG] [--out FILE] "
    "[--questionnaires-dir DIR]\n";
constexpr std::string_view kImportUsage =
    "usage: parorende import-redcap FILE.csv [--id ID] [--version V] [--lang TAG] [--out FILE]\n";

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
    return make_error("not_found", "no questionnaire file '" + given + "' and no '" +
                                       candidate + "'");
  }
  return make_error("not_found", "no questionnaire file '" + given + "'");
}

}  // namespace

int export_redcap_command(const Words& words) {
  auto arguments =
      Arguments::parse(words, {"questionnaire", "lang", "out", "questionnaires-dir"});
  if (!arguments || !arguments->option("questionnaire") || !arguments->positional().empty()) {
    if (!arguments) std::cerr << "parorende export-redcap: " << arguments.error().message << '\n';
    std::cerr << kExportUsage;
    return 2;
  }
  auto path = questionnaire_path(*arguments->option("questionnaire"),
                                 arguments->option("questionnaires-dir").value_or("questionnaires"));
  if (!path) {
    std::cerr << "parorende export-redcap: " << path.error().message << '\n';
    return 1;
  }
  auto questionnaire = load_questionnaire_file(path.value());
  if (!questionnaire) {
    std::cerr << path.value() << ": " << questionnaire.error().describe() << '\n';
    return 1;
  }
  auto exported = redcap::export_dictionary(questionnaire.value(),
                                            arguments->option("lang").value_or(""));
  if (!exported) {
    std::cerr << "parorende export-redcap: " << exported.error().message << '\n';
    return 1;
  }
  for (const Problem& warning : exported->warnings) {
    std::cerr << "parorende export-redcap: " << warning.where << ": " << warning.message << '\n';
  }
  auto written = write_output(arguments->option("out"), redcap::write_dictionary(exported->fields));
  if (!written) {
    std::cerr << "parorende export-redcap: " << written.error().message << '\n';
    return 1;
  }
  return 0;
}

int import_redcap_command(const Words& words) {
  auto arguments = Arguments::parse(words, {"id", "version", "lang", "out"});
  if (!arguments || arguments->positional().size() != 1) {
    if (!arguments) std::cerr << "parorende import-redcap: " << arguments.error().message << '\n';
    std::cerr << kImportUsage;
    return 2;
  }
  const std::string& path = arguments->positional().front();
  redcap::ImportOptions options;
  options.id = arguments->option("id").value_or("");
  options.version = arguments->option("version").value_or(options.version);
  options.language = arguments->option("lang").value_or(options.language);
  auto text = read_text_file(path);
  if (!text) {
    std::cerr << "parorende import-redcap: " << text.error().message << '\n';
    return 1;
  }
  auto imported = redcap::import_dictionary(text.value(), options);
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
  auto written =
      write_output(arguments->option("out"), redcap::write_pretty_json(imported->definition));
  if (!written) {
    std::cerr << "parorende import-redcap: " << written.error().message << '\n';
    return 1;
  }
  return 0;
}

}  // namespace parorende::cli
