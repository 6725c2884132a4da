#include <boost/json/serialize.hpp>
#include <iostream>

#include "cli/commands.h"
#include "common/json_input.h"
#include "questionnaire/questionnaire_loader.h"
#include "questionnaire/response_validation.h"
#include "questionnaire/score_report.h"

namespace parorende::cli {

int score_command(const ScoreOptions& options) {
  auto questionnaire = load_questionnaire_file(options.questionnaire);
  if (!questionnaire) {
    std::cerr << options.questionnaire << ": " << questionnaire.error().describe() << '\n';
    return 1;
  }
  auto text = read_text_file(options.response);
  if (!text) {
    std::cerr << text.error().message << '\n';
    return 1;
  }
  auto document = parse_json(text.value());
  if (!document) {
    std::cerr << options.response << ": " << document.error().message << '\n';
    return 1;
  }
  // --partial scores what a caregiver has answered so far (a saved,
  // unfinished response): required items may be missing.
  ValidationOptions validation;
  if (options.partial) validation.completeness = Completeness::partial;
  auto response = validate_response(questionnaire.value(), document.value(), validation);
  if (!response) {
    boost::json::object report;
    report["error"] = error_to_json(response.error());
    std::cout << boost::json::serialize(report) << '\n';
    return 1;
  }
  std::cout << boost::json::serialize(score_report_json(
                   questionnaire.value(), score_response(questionnaire.value(), response.value()),
                   response->language))
            << '\n';
  return 0;
}

}  // namespace parorende::cli
