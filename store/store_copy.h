// A whole store copied from its SQLite file into an empty PostgreSQL
// database, for moving an installation to PostgreSQL (parorende
// migrate-store, docs/deploy.md):
//
//   auto copied = copy_sqlite_to_postgres("parorende.db", "postgresql:///parorende");
//   for (const CopiedTable& table : copied->tables) ... table.name, table.rows
//
// Every table is copied row for row, ids included, in one PostgreSQL
// transaction, from one read transaction of the file (a server may go on
// writing to it meanwhile; what it writes after is not copied). Before that
// transaction commits, every table of both is read again, in key order, and
// compared value for value: a difference rolls the copy back.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"

namespace parorende {

struct CopiedTable {
  std::string name;
  std::int64_t rows = 0;
};

struct StoreCopy {
  std::vector<CopiedTable> tables;  // in the order copied
};

// Errors: "schema_outdated" (open the file once read-write first: parorende
// init-db), "schema_too_new", "not_a_parorende_database", "store_not_empty"
// (the target holds data already: nothing is copied), "invalid_store_location",
// "storage_failure" (including a comparison that found a difference, which
// names the table and the row; nothing is then kept).
Result<StoreCopy> copy_sqlite_to_postgres(const std::string& sqlite_path,
                                          const std::string& postgres_uri);

}  // namespace parorende
