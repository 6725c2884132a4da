// The survey pages: files under web/, with ETag/304 and gzip, and no way
// out of the folder.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "server/http/http_types.h"

namespace parorende::server {

class StaticFiles {
 public:
  // An empty or missing `root` serves nothing (every path is 404).
  explicit StaticFiles(const std::filesystem::path& root);

  // Answers GET/HEAD for the path part of a target ("/", "/css/site.css").
  // A path that is malformed, names a hidden file, or leads out of the root
  // (.., encoded dots, symlinks) is 404, like a missing file.
  OutgoingResponse serve(std::string_view path, const HttpRequest& request);

 private:
  struct CachedFile;
  std::shared_ptr<const CachedFile> load(const std::filesystem::path& file);

  std::filesystem::path root_;
  std::mutex mutex_;
  std::map<std::filesystem::path, std::shared_ptr<const CachedFile>> cache_;
};

// Whether an If-None-Match header value names `etag` (a quoted tag; weak
// tags match too, "*" matches any).
bool etag_matches(std::string_view if_none_match, std::string_view etag);

// Percent-decodes a path or query component; `ok` is false for a bad
// escape or an encoded NUL.
struct DecodedText {
  bool ok = false;
  std::string text;
};
DecodedText percent_decode(std::string_view text, bool plus_is_space = false);

// The value of `name` in the query string ("a=1&lang=nb"), decoded;
// nullopt when absent.
std::optional<DecodedText> query_parameter(std::string_view query, std::string_view name);

}  // namespace parorende::server
