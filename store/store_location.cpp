#include "store/store_location.h"

namespace parorende {

Result<StoreLocation> parse_store_location(std::string_view value) {
  auto invalid = [&](std::string why) {
    return make_error("invalid_store_location",
                      "'" + std::string(value) + "' names no database: " + std::move(why));
  };
  if (value.empty()) return invalid("give a file, sqlite:FILE or postgresql://...");
  for (std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (value.substr(0, scheme.size()) == scheme) {
      return StoreLocation{StoreEngine::postgresql, std::string(value)};
    }
  }
  if (value.substr(0, 7) == "sqlite:") {
    std::string_view path = value.substr(7);
    if (path.substr(0, 2) == "//") {
      return invalid("write sqlite:FILE with the file's path (sqlite:/var/lib/x.db)");
    }
    if (path.empty()) return invalid("sqlite: needs a file after it");
    return StoreLocation{StoreEngine::sqlite, std::string(path)};
  }
  // A file may have a colon in its name, but not a URI's "scheme://".
  std::size_t colon = value.find("://");
  if (colon != std::string_view::npos && colon > 0 &&
      value.substr(0, colon).find('/') == std::string_view::npos) {
    return invalid(
        "the store keeps its data in SQLite (a file, or sqlite:FILE) or PostgreSQL "
        "(postgresql://...), not in " +
        std::string(value.substr(0, colon)));
  }
  return StoreLocation{StoreEngine::sqlite, std::string(value)};
}

}  // namespace parorende
