// Where the store keeps its data, read from a `--db` value: an SQLite file
// (the embedded default) or a PostgreSQL database (docs/storage.md).
//
//   parorende.db, /var/lib/parorende/x.db, sqlite:x.db   an SQLite file
//   postgresql://parorende@db.example/parorende         a PostgreSQL database
//   postgres://..., postgresql:///parorende?host=/run/postgresql
//
//   auto location = parse_store_location(argument);
//   if (location && location->engine == StoreEngine::sqlite) open(location->target);
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"

namespace parorende {

enum class StoreEngine { sqlite, postgresql };

struct StoreLocation {
  StoreEngine engine = StoreEngine::sqlite;
  // The file's path, or libpq's connection URI as given.
  std::string target;
};

// "invalid_store_location" for an empty value, "sqlite:" without a path,
// or another scheme ("mysql://...").
Result<StoreLocation> parse_store_location(std::string_view value);

// `value` fit to print or log: a password in it (a URI's user:PASSWORD@,
// password= and sslpassword=) as "***"; anything else as it is.
std::string printable_store_location(std::string_view value);

}  // namespace parorende
