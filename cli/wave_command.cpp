#include <iostream>

#include "cli/commands.h"
#include "cli/store_access.h"

namespace parorende::cli {
namespace {

void print_wave(const Wave& wave) {
  std::cout << wave.name << ": " << wave.questionnaire_id << " " << wave.questionnaire_version
            << ", " << wave.opens.iso() << " to " << wave.closes.iso() << ", ";
  if (wave.is_national()) {
    std::cout << "national";
  } else {
    std::cout << wave.municipalities.size() << " municipalities:";
    for (const std::string& code : wave.municipalities) std::cout << ' ' << code;
  }
  std::cout << (wave.comments_shared ? ", comments shared" : "")
            << (wave.results_public ? ", results public" : ", results for staff")
            << (wave.participation_tracked ? ", participation tracked" : "") << '\n';
}

}  // namespace

int wave_create_command(const WaveCreateOptions& options) {
  auto store = open_store("wave create", options.db, false);
  if (!store) return 1;
  auto wave = store->create_wave(options.spec);
  std::string object = "wave:" + options.spec.name;
  if (!wave) {
    report_error("wave create", wave.error());
    record_shell_action("wave create", *store, "wave.create", object, AuditOutcome::refused,
                        wave.error().code);
    return 1;
  }
  if (!record_shell_action("wave create", *store, "wave.create", object, AuditOutcome::success)) {
    return 1;
  }
  std::cout << "created ";
  print_wave(wave.value());
  return 0;
}

int wave_list_command(const DatabaseOptions& options) {
  auto store = open_store("wave list", options.db, true);
  if (!store) return 1;
  auto waves = store->waves();
  if (!waves) {
    report_error("wave list", waves.error());
    return 1;
  }
  for (const Wave& wave : waves.value()) print_wave(wave);
  return 0;
}

}  // namespace parorende::cli
