// docs/security.md's authorization matrix is the table the server reads.
#include "server/api/route_access.h"

#include <gtest/gtest.h>

#include <set>

#include "test_support.h"

namespace parorende::server {
namespace {

std::string documented_matrix() {
  std::string text = testing::read_file(std::string(PARORENDE_SOURCE_DIR) + "/docs/security.md");
  const std::string begin = "<!-- matrix:begin -->\n";
  std::size_t from = text.find(begin);
  std::size_t to = text.find("<!-- matrix:end -->");
  if (from == std::string::npos || to == std::string::npos || to < from) return "(no markers)";
  return text.substr(from + begin.size(), to - from - begin.size());
}

TEST(RouteAccess, TheDocumentedMatrixIsTheTable) {
  EXPECT_EQ(documented_matrix(), render_access_matrix())
      << "docs/security.md, between the matrix markers, should read:\n"
      << render_access_matrix();
}

TEST(RouteAccess, EachRouteHasOneRowAndEveryRowSomeoneItIsFor) {
  std::set<std::pair<http::verb, std::string_view>> seen;
  for (const RouteAccess& route : route_access_table()) {
    EXPECT_TRUE(seen.emplace(route.method, route.pattern).second) << route.pattern;
    const AccessRule& rule = route.rule;
    EXPECT_TRUE(rule.anyone || rule.signed_in || rule.national_admin || rule.municipality_staff ||
                rule.researcher)
        << route.pattern;
    if (rule.municipality_staff) {
      EXPECT_NE(route.pattern.find("{municipality}"), std::string_view::npos) << route.pattern;
    }
    if (rule.researcher) {
      EXPECT_NE(route.pattern.find("{wave}"), std::string_view::npos) << route.pattern;
    }
    EXPECT_EQ(find_route_access(route.method, route.pattern), &route);
  }
  EXPECT_EQ(find_route_access(http::verb::get, "/api/v1/no-such-route"), nullptr);
}

}  // namespace
}  // namespace parorende::server
