#include <iostream>

#include "cli/commands.h"
#include "questionnaire/questionnaire_loader.h"

namespace parorende::cli {

int validate_command(const ValidateOptions& options) {
  int exit_code = 0;
  for (const std::string& path : options.files) {
    auto questionnaire = load_questionnaire_file(path);
    if (questionnaire) {
      if (auto publishable = check_new_version(questionnaire.value()); !publishable)
        questionnaire = publishable.error();
    }
    if (questionnaire) {
      std::cout << path << ": ok (" << questionnaire->id << " " << questionnaire->version << ", "
                << questionnaire->items.size() << " items, " << questionnaire->scales.size()
                << " scales, " << questionnaire->burden_instruments.size()
                << " burden instruments)\n";
      continue;
    }
    exit_code = 1;
    const Error& error = questionnaire.error();
    std::cout << path << ": " << error.message << '\n';
    for (const Problem& problem : error.problems) {
      std::cout << "  " << problem.where << ": " << problem.message << '\n';
    }
  }
  return exit_code;
}

}  // namespace parorende::cli
