#include <iostream>

#include "cli/commands.h"
#include "cli/store_access.h"
#include "common/json_input.h"
#include "questionnaire/questionnaire_loader.h"

namespace parorende::cli {

int publish_command(const PublishOptions& options) {
  auto store = open_store("publish", options.db, false);
  if (!store) return 1;
  int exit_code = 0;
  for (const std::string& path : options.files) {
    auto text = read_text_file(path);
    auto questionnaire = text ? load_questionnaire_text(text.value()) : text.error();
    if (!questionnaire) {
      std::cerr << path << ": " << questionnaire.error().describe() << '\n';
      exit_code = 1;
      continue;
    }
    std::string object = "questionnaire:" + questionnaire->id + "@" + questionnaire->version;
    if (auto published = store->publish_questionnaire(text.value()); !published) {
      std::cerr << path << ": " << published.error().describe() << '\n';
      exit_code = 1;
      if (!record_shell_action("publish", *store, "questionnaire.publish", object,
                               AuditOutcome::refused, published.error().code)) {
        return 1;
      }
      continue;
    }
    if (!record_shell_action("publish", *store, "questionnaire.publish", object,
                             AuditOutcome::success)) {
      return 1;
    }
    std::cout << path << ": published " << questionnaire->id << " " << questionnaire->version
              << '\n';
  }
  return exit_code;
}

}  // namespace parorende::cli
