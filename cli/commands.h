// The subcommands of `parorende` on questionnaires and the response store;
// the others are in redcap_commands.h, analytics_commands.h and
// serve_command.h, apart so that each command includes only what its options
// need. Each takes its options, already parsed and checked by
// cli/command_line.cpp, and returns the process exit code: 0 success, 1 the
// input was invalid, 2 usage.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "questionnaire/wave.h"

namespace parorende::cli {

// The subcommands that take only the database: init-db, stats, wave list.
struct DatabaseOptions {
  std::string db;
};

struct ValidateOptions {
  std::vector<std::string> files;
};

struct ScoreOptions {
  std::string questionnaire;
  std::string response;
  bool partial = false;
};

int validate_command(const ValidateOptions& options);
int score_command(const ScoreOptions& options);

// The response store (docs/storage.md).
struct PublishOptions {
  std::string db;
  std::vector<std::string> files;
};

struct WaveCreateOptions {
  std::string db;
  WaveSpec spec;
};

struct ImportResponsesOptions {
  std::string db;
  std::string wave;
  bool all_or_nothing = false;
  std::string file;
};

struct BackupOptions {
  std::string db;
  std::string out;
};

struct MigrateStoreOptions {
  std::string from;  // an SQLite file
  std::string to;    // a PostgreSQL URI
};

struct OffersImportOptions {
  std::string db;
  std::string file;
};

int init_db_command(const DatabaseOptions& options);
int publish_command(const PublishOptions& options);
int wave_create_command(const WaveCreateOptions& options);
int wave_list_command(const DatabaseOptions& options);
int import_responses_command(const ImportResponsesOptions& options);
int stats_command(const DatabaseOptions& options);
int backup_command(const BackupOptions& options);
int migrate_store_command(const MigrateStoreOptions& options);
int offers_import_command(const OffersImportOptions& options);  // docs/offers.md

// The audit log (docs/security.md, "Audit log").
struct AuditExportOptions {
  std::string db;
  std::string out;  // empty: standard output
  std::int64_t after = 0;
  std::string actor;
  std::string action;
};

int audit_verify_command(const DatabaseOptions& options);
int audit_export_command(const AuditExportOptions& options);

// Staff accounts from the shell (docs/security.md, "Staff accounts"): the
// first administrator, and repairs.
struct UserOptions {
  std::string db;
  std::string username;
  std::string display_name;
  // "national_admin", "municipality_staff:3407", "researcher:WAVE:2027-06-30"
  std::vector<std::string> grants;
  std::string password_file;  // empty: print a one-time reset code instead
  bool remove_totp = false;
};

int user_add_command(const UserOptions& options);
int user_list_command(const DatabaseOptions& options);
int user_disable_command(const UserOptions& options);
int user_enable_command(const UserOptions& options);
int user_reset_command(const UserOptions& options);

}  // namespace parorende::cli
