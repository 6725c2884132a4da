// parorende import-responses: JSON Lines in, one response per line
// (docs/storage.md, "Importing responses").
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "cli/store_access.h"
#include "common/calendar.h"
#include "common/json_input.h"
#include "questionnaire/response_validation.h"

namespace parorende::cli {
namespace {

// Imports commit in chunks, so memory stays bounded on large files.
constexpr std::size_t kChunkSize = 10000;

struct LineReport {
  std::size_t line = 0;
  Error error;
};

// The response on one line, or why it cannot be imported.
Result<ImportedResponse> read_line(ResponseStore& store, const Wave& wave,
                                   const Questionnaire& questionnaire, std::string_view text) {
  auto document = parse_json(text);
  if (!document) return document.take_error();
  const auto* object = document->if_object();
  if (object == nullptr) return make_error("invalid_line", "a line is one JSON object");

  ImportedResponse imported;
  ValidationOptions options;
  const auto* status = object->if_contains("status");
  if (status != nullptr && status->is_string() && status->get_string() == "partial") {
    options.completeness = Completeness::partial;
  } else if (status == nullptr || !status->is_string() || status->get_string() != "complete") {
    return make_error("invalid_line", "\"status\" must be \"complete\" or \"partial\"");
  }
  if (const auto* consent = object->if_contains("consent_version");
      consent != nullptr && consent->is_string()) {
    imported.consent_version = consent->get_string();
  } else if (consent != nullptr) {
    return make_error("invalid_line", "\"consent_version\" must be a string");
  }
  auto response = validate_response(questionnaire, document.value(), options);
  if (!response) return response.take_error();
  imported.response = std::move(response).value();
  if (auto fits = store.check_response(wave, imported.response, imported.consent_version); !fits) {
    return fits.take_error();
  }
  return imported;
}

void print_report(const LineReport& report) {
  std::cout << "line " << report.line << ": " << report.error.code << ": " << report.error.message
            << '\n';
  for (const Problem& problem : report.error.problems) {
    std::cout << "  " << (problem.where.empty() ? "" : problem.where + ": ") << problem.code << ": "
              << problem.message << '\n';
  }
}

}  // namespace

int import_responses_command(const ImportResponsesOptions& options) {
  const std::string& path = options.file;
  std::ifstream input(path);
  if (!input) {
    std::cerr << "parorende import-responses: cannot read " << path << '\n';
    return 1;
  }
  auto store = open_store("import-responses", options.db, false);
  if (!store) return 1;
  auto wave = store->wave(options.wave);
  if (!wave) {
    report_error("import-responses", wave.error());
    return 1;
  }
  auto questionnaire = store->questionnaire(wave->questionnaire_id, wave->questionnaire_version);
  if (!questionnaire) {
    report_error("import-responses", questionnaire.error());
    return 1;
  }
  const bool all_or_nothing = options.all_or_nothing;
  const Date today = today_utc();

  std::vector<ImportedResponse> pending;
  std::size_t bad_lines = 0;
  std::size_t imported = 0;
  Status import_failure;
  auto flush = [&] {
    if (pending.empty() || !import_failure) return;
    auto ids = store->import_responses(wave->name, pending, today);
    if (ids) {
      imported += ids->size();
    } else {
      import_failure = ids.take_error();
    }
    pending.clear();
  };

  std::string line;
  std::size_t line_number = 0;
  while (std::getline(input, line)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    auto response = read_line(*store, wave.value(), *questionnaire.value(), line);
    if (!response) {
      ++bad_lines;
      print_report({line_number, response.take_error()});
      continue;
    }
    pending.push_back(std::move(response).value());
    if (!all_or_nothing && pending.size() == kChunkSize) flush();
  }
  if (all_or_nothing && bad_lines != 0) {
    std::cout << "imported nothing: " << bad_lines << " bad line(s) of " << line_number << '\n';
    return 1;
  }
  flush();
  if (!import_failure) report_error("import-responses", import_failure.error());
  if (!record_shell_action(
          "import-responses", *store, "responses.import", "wave:" + wave->name,
          import_failure ? AuditOutcome::success : AuditOutcome::failed,
          std::to_string(imported) + " imported, " + std::to_string(bad_lines) + " rejected")) {
    return 1;
  }
  std::cout << "imported " << imported << " response(s) into " << wave->name << "; rejected "
            << bad_lines << " line(s)\n";
  return bad_lines == 0 && import_failure ? 0 : 1;
}

}  // namespace parorende::cli
