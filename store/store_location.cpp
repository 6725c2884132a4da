#include "store/store_location.h"

namespace parorende {

Result<StoreLocation> parse_store_location(std::string_view value) {
  auto invalid = [&](std::string why) {
    return make_error("invalid_store_location", "'" + printable_store_location(value) +
                                                    "' names no database: " + std::move(why));
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

std::string printable_store_location(std::string_view value) {
  std::string text(value);
  // Any URI's user:PASSWORD@, a mistyped scheme's too.
  std::size_t scheme = text.find("://");
  if (scheme != std::string::npos) {
    // libpq ends the user and password at the last '@' before the path
    // ('?' and '#' may be in a password).
    std::size_t authority = scheme + 3;
    std::size_t end = text.find('/', authority);
    if (end == std::string::npos) end = text.size();
    std::size_t at = text.rfind('@', end);
    if (at != std::string::npos && at >= authority) {
      std::size_t colon = text.find(':', authority);
      if (colon != std::string::npos && colon < at) text.replace(colon + 1, at - colon - 1, "***");
    }
  }
  // password= and sslpassword= in a query or a keyword=value string.
  for (std::string_view key : {"password=", "sslpassword="}) {
    for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + 1)) {
      bool starts = at == 0 || text[at - 1] == '?' || text[at - 1] == '&' || text[at - 1] == ' ';
      if (!starts) continue;
      std::size_t start = at + key.size();
      std::size_t stop = text.find_first_of("& ", start);
      if (stop == std::string::npos) stop = text.size();
      text.replace(start, stop - start, "***");
    }
  }
  return text;
}

}  // namespace parorende
