// The database schema and its versioned migrations (docs/storage.md).
//
// The schema version is SQLite's user_version; application_id marks the file
// as ours. Migrations run in one transaction, so a database is always at
// exactly one version.
#pragma once

#include "common/result.h"
#include "store/internal/sqlite_connection.h"

namespace parorende {

// The version this build writes.
int latest_schema_version();

// The database's version: 0 for an empty file. Errors:
// "not_a_parorende_database" for another application's database.
Result<int> schema_version(Connection& connection);

// Migrates up to `target_version` (tests stop at earlier versions). Errors:
// "schema_too_new" when the file was written by a newer parorende.
Status migrate(Connection& connection, int target_version = latest_schema_version());

}  // namespace parorende
