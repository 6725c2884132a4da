// The PostgreSQL database's schema and its versioned migrations: the same
// tables, columns and versions as the SQLite file's (schema.h), written in
// PostgreSQL's types (docs/storage.md, "PostgreSQL").
//
// The version is kept in the table parorende_schema, which also marks the
// database as ours. Migrations run in one transaction under an advisory
// lock, so servers starting at once migrate it once, and a database is
// always at exactly one version.
#pragma once

#include "common/result.h"
#include "store/internal/postgres_connection.h"

namespace parorende {

// The database's version: 0 for a database without tables of its own.
// Errors: "not_a_parorende_database" for one with other tables.
Result<int> postgres_schema_version(PostgresConnection& connection);

// Migrates to latest_schema_version() (schema.h): both engines move in
// step. Errors: "schema_too_new" when a newer parorende wrote it,
// "not_a_parorende_database".
Status migrate_postgres(PostgresConnection& connection);

}  // namespace parorende
