#include <boost/json/serialize.hpp>
#include <iostream>

#include "cli/arguments.h"
#include "cli/commands.h"
#include "common/json_input.h"
#include "questionnaire/questionnaire_loader.h"
#include "questionnaire/response_validation.h"
#include "questionnaire/score_report.h"

namespace parorende::cli {

int score_command(const Words& words) {
  auto arguments = Arguments::parse(words, {"questionnaire", "response"}, {"partial"});
  if (!arguments) {
    std::cerr << "parorende score: " << arguments.error().message
              << "\nusage: parorende score --questionnaire FILE --response FILE [--partial]\n";
    return 2;
  }
  auto questionnaire_path = arguments->required("questionnaire");
  auto response_path = arguments->required("response");
  if (!questionnaire_path || !response_path) {
    std::cerr << "usage: parorende score --questionnaire FILE --response FILE [--partial]\n";
    return 2;
  }
  auto questionnaire = load_questionnaire_file(questionnaire_path.value());
  if (!questionnaire) {
    std::cerr << questionnaire_path.value() << ": "
              << questionnaire.error().describe() << '\n';
    return 1;
  }
  auto text = read_text_file(response_path.value());
  if (!text) {
    std::cerr << text.error().message << '\n';
    return 1;
  }
  auto document = parse_json(text.value());
  if (!document) {
    std::cerr << response_path.value() << ": " << document.error().message << '\n';
    return 1;
  }
  // --partial scores what a caregiver has answered so far (a saved,
  // unfinished response): required items may be missing.
  ValidationOptions options;
  if (arguments->has_switch("partial")) options.completeness = Completeness::partial;
  auto response = validate_response(questionnaire.value(), document.value(), options);
  if (!response) {
    boost::json::object report;
    report["error"] = error_to_json(response.error());
    std::cout << boost::json::serialize(report) << '\n';
    return 1;
  }
  std::cout << boost::json::serialize(score_report_json(
                   questionnaire.value(),
                   score_response(questionnaire.value(), response.value()),
                   response->language))
            << '\n';
  return 0;
}

}  // namespace parorende::cli
