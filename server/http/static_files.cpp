#include "server/http/static_files.h"

#include <fstream>
#include <iterator>
#include <vector>

#include "server/http/compression.h"

namespace parorende::server {
namespace {

namespace fs = std::filesystem;

constexpr std::uintmax_t kMaxFileBytes = 32 * 1024 * 1024;

struct ContentType {
  std::string_view extension;
  std::string_view type;
  bool compressible;
};

constexpr ContentType kContentTypes[] = {
    {".html", "text/html; charset=utf-8", true},
    {".htm", "text/html; charset=utf-8", true},
    {".css", "text/css; charset=utf-8", true},
    {".js", "text/javascript; charset=utf-8", true},
    {".mjs", "text/javascript; charset=utf-8", true},
    {".json", "application/json", true},
    {".webmanifest", "application/manifest+json", true},
    {".svg", "image/svg+xml", true},
    {".txt", "text/plain; charset=utf-8", true},
    {".xml", "application/xml", true},
    {".png", "image/png", false},
    {".jpg", "image/jpeg", false},
    {".jpeg", "image/jpeg", false},
    {".gif", "image/gif", false},
    {".webp", "image/webp", false},
    {".ico", "image/x-icon", false},
    {".woff", "font/woff", false},
    {".woff2", "font/woff2", false},
    {".pdf", "application/pdf", false},
};

ContentType content_type_for(const fs::path& file) {
  std::string extension = file.extension().string();
  for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const ContentType& known : kContentTypes) {
    if (known.extension == extension) return known;
  }
  return {"", "application/octet-stream", false};
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string fnv1a_hex(std::string_view bytes) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(hash));
  return text;
}

}  // namespace

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  if (if_none_match.find('*') != std::string_view::npos) return true;
  while (!if_none_match.empty()) {
    std::size_t comma = if_none_match.find(',');
    std::string_view token = if_none_match.substr(0, comma);
    if_none_match =
        comma == std::string_view::npos ? std::string_view{} : if_none_match.substr(comma + 1);
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
    if (token.starts_with("W/")) token.remove_prefix(2);
    if (token == etag) return true;
  }
  return false;
}

namespace {

bool is_within(const fs::path& root, const fs::path& candidate) {
  auto [root_end, unused] =
      std::mismatch(root.begin(), root.end(), candidate.begin(), candidate.end());
  return root_end == root.end();
}

HttpResponse not_found() {
  HttpResponse response{http::status::not_found, 11};
  response.set(http::field::content_type, "application/json");
  response.body() = R"({"error":{"code":"not_found","message":"no such file","details":[]}})";
  return response;
}

// The relative file path a URL path names, or empty when the path is not
// one we serve (bad escapes, NUL, backslashes, dot segments, hidden files).
std::string safe_relative_path(std::string_view url_path) {
  DecodedText decoded = percent_decode(url_path);
  if (!decoded.ok || decoded.text.empty() || decoded.text.front() != '/') return {};
  if (decoded.text.find('\\') != std::string::npos) return {};
  std::string relative;
  std::string_view rest = decoded.text;
  while (!rest.empty()) {
    rest.remove_prefix(1);  // the '/'
    std::size_t slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
    if (segment.empty()) continue;
    if (segment.front() == '.') return {};  // "..", "." and hidden files
    if (!relative.empty()) relative += '/';
    relative += segment;
  }
  if (decoded.text.back() == '/') {
    if (!relative.empty()) relative += '/';
    relative += "index.html";
  }
  return relative;
}

}  // namespace

struct StaticFiles::CachedFile {
  fs::file_time_type modified;
  std::uintmax_t size = 0;
  std::string etag;
  ContentType type;
  std::string body;
  std::string gzipped;  // empty when not worth it
};

DecodedText percent_decode(std::string_view text, bool plus_is_space) {
  DecodedText decoded;
  decoded.text.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return {};
      int high = hex_value(text[i + 1]);
      int low = hex_value(text[i + 2]);
      if (high < 0 || low < 0) return {};
      c = static_cast<char>(high * 16 + low);
      if (c == '\0') return {};
      i += 2;
    } else if (c == '+' && plus_is_space) {
      c = ' ';
    }
    decoded.text += c;
  }
  decoded.ok = true;
  return decoded;
}

std::optional<DecodedText> query_parameter(std::string_view query, std::string_view name) {
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    std::size_t equals = pair.find('=');
    if (pair.substr(0, equals) != name) continue;
    if (equals == std::string_view::npos) return DecodedText{true, {}};
    return percent_decode(pair.substr(equals + 1), true);
  }
  return std::nullopt;
}

StaticFiles::StaticFiles(const fs::path& root) {
  std::error_code error;
  if (root.empty()) return;
  fs::path canonical = fs::canonical(root, error);
  if (!error && fs::is_directory(canonical, error)) root_ = canonical;
}

std::shared_ptr<const StaticFiles::CachedFile> StaticFiles::load(const fs::path& file) {
  std::error_code error;
  auto status = fs::status(file, error);
  if (error || !fs::is_regular_file(status)) return nullptr;
  auto size = fs::file_size(file, error);
  if (error || size > kMaxFileBytes) return nullptr;
  auto modified = fs::last_write_time(file, error);
  if (error) return nullptr;
  {
    std::lock_guard lock(mutex_);
    auto found = cache_.find(file);
    if (found != cache_.end() && found->second->modified == modified &&
        found->second->size == size) {
      return found->second;
    }
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) return nullptr;
  auto loaded = std::make_shared<CachedFile>();
  loaded->body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) return nullptr;
  loaded->modified = modified;
  loaded->size = size;
  loaded->type = content_type_for(file);
  loaded->etag = '"' + fnv1a_hex(loaded->body) + '"';
  if (loaded->type.compressible && loaded->body.size() >= kMinGzipBytes) {
    loaded->gzipped = gzip(loaded->body);
  }
  std::lock_guard lock(mutex_);
  cache_[file] = loaded;
  return loaded;
}

OutgoingResponse StaticFiles::serve(std::string_view path, const HttpRequest& request) {
  if (root_.empty()) return not_found();
  std::string relative = safe_relative_path(path);
  if (relative.empty()) return not_found();
  std::error_code error;
  // canonical() resolves symlinks, so a link pointing outside is caught by
  // the containment check below.
  fs::path file = fs::canonical(root_ / relative, error);
  if (error || !is_within(root_, file)) return not_found();
  auto cached = load(file);
  if (!cached) return not_found();

  HttpResponse response{http::status::ok, request.version()};
  response.set(http::field::etag, cached->etag);
  response.set(http::field::cache_control, "no-cache");
  if (cached->type.compressible) response.set(http::field::vary, "Accept-Encoding");
  if (etag_matches(request[http::field::if_none_match], cached->etag)) {
    response.result(http::status::not_modified);
    return response;
  }
  response.set(http::field::content_type, cached->type.type);
  if (!cached->gzipped.empty() && accepts_gzip(request[http::field::accept_encoding])) {
    response.set(http::field::content_encoding, "gzip");
    return {std::move(response), std::shared_ptr<const std::string>(cached, &cached->gzipped)};
  }
  return {std::move(response), std::shared_ptr<const std::string>(cached, &cached->body)};
}

}  // namespace parorende::server
