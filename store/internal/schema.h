// The database schema and its versioned migrations (docs/storage.md).
//
// The schema version is SQLite's user_version; application_id marks the file
// as ours. Migrations run in one transaction, so a database is always at
// exactly one version. On a PostgreSQL connection both functions are
// postgres_schema.h's.
#pragma once

#include "common/result.h"
#include "reference/municipalities.h"
#include "store/internal/connection.h"

namespace parorende {

// The version this build writes.
int latest_schema_version();

// The database's version: 0 for an empty file. Errors:
// "not_a_parorende_database" for another application's database.
Result<int> schema_version(Connection& connection);

// Fills the municipalities table from builtin_municipalities(), on
// either engine's connection (postgres_schema.cpp's too).
template <typename AnyConnection>
Status load_municipalities(AnyConnection& connection) {
  auto insert = connection.statement(
      "INSERT INTO municipalities (code, name, county_code, county_name,"
      " population, area_km2, written_standard) VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!insert) return insert.take_error();
  for (const Municipality& municipality : builtin_municipalities().all()) {
    insert->reset();
    insert->bind(1, municipality.code)
        .bind(2, municipality.name)
        .bind(3, municipality.county_code)
        .bind(4, municipality.county_name)
        .bind(5, std::int64_t{municipality.population})
        .bind(6, municipality.area_km2)
        .bind(7, municipality.written_standard);
    if (auto inserted = insert->run(); !inserted) return inserted;
  }
  return {};
}

// Migrates up to `target_version` (tests stop at earlier versions). Errors:
// "schema_too_new" when the file was written by a newer parorende.
Status migrate(Connection& connection, int target_version = latest_schema_version());

}  // namespace parorende
