// The subcommands of `parorende`. Each takes the words after its name and
// returns the process exit code: 0 success, 1 the input was invalid, 2 usage.
#pragma once

#include <string>
#include <vector>

namespace parorende::cli {

using Words = std::vector<std::string>;

int validate_command(const Words& words);
int score_command(const Words& words);

// REDCap data dictionaries (docs/redcap.md).
int export_redcap_command(const Words& words);
int import_redcap_command(const Words& words);

// The response store (docs/storage.md).
int init_db_command(const Words& words);
int publish_command(const Words& words);
int wave_command(const Words& words);
int import_responses_command(const Words& words);
int stats_command(const Words& words);
int backup_command(const Words& words);
int offers_command(const Words& words);  // docs/offers.md

// Analytics (docs/analytics.md).
int analyze_command(const Words& words);
int demo_data_command(const Words& words);
int export_command(const Words& words);  // docs/export.md

// The HTTP server (docs/api.md).
int serve_command(const Words& words);

}  // namespace parorende::cli
