#include "server/http/router.h"

#include "server/http/static_files.h"

namespace parorende::server {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    std::size_t slash = path.find('/');
    segments.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return segments;
}

bool is_placeholder(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// Matches `path` against a pattern's segments, collecting decoded
// placeholder values.
bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
             std::vector<std::string>* params) {
  if (pattern.size() != path.size()) return false;
  std::vector<std::string> values;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (is_placeholder(pattern[i])) {
      DecodedText decoded = percent_decode(path[i]);
      if (!decoded.ok || decoded.text.empty()) return false;
      values.push_back(std::move(decoded.text));
    } else if (pattern[i] != path[i]) {
      return false;
    }
  }
  if (params != nullptr) *params = std::move(values);
  return true;
}

}  // namespace

std::pair<std::string_view, std::string_view> split_target(std::string_view target) {
  std::size_t question = target.find('?');
  if (question == std::string_view::npos) return {target, {}};
  return {target.substr(0, question), target.substr(question + 1)};
}

void Router::add(Route route) {
  segments_.push_back(split_path(route.pattern));
  routes_.push_back(std::move(route));
}

RouteMatch Router::match(http::verb method, std::string_view path) const {
  RouteMatch result;
  std::vector<std::string> path_segments = split_path(path);
  http::verb wanted = method == http::verb::head ? http::verb::get : method;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (routes_[i].method != wanted) continue;
    if (matches(segments_[i], path_segments, &result.params)) {
      result.kind = RouteMatch::Kind::found;
      result.route = i;
      return result;
    }
  }
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (!matches(segments_[i], path_segments, nullptr)) continue;
    result.kind = RouteMatch::Kind::wrong_method;
    std::string name(http::to_string(routes_[i].method));
    if (result.allow.find(name) != std::string::npos) continue;
    if (!result.allow.empty()) result.allow += ", ";
    result.allow += name;
    if (routes_[i].method == http::verb::get) result.allow += ", HEAD";
  }
  return result;
}

}  // namespace parorende::server
