// The authorization matrix of docs/security.md, walked over HTTP against the
// real server: every route, with every kind of caller, gets the status the
// document gives. A route the server serves and the document lacks fails.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "documented_routes.h"
#include "staff_fixture.h"

namespace parorende::testing {
namespace {

std::string target_of(std::string pattern) {
  const std::map<std::string, std::string> values = {{"{municipality}", "3407"},
                                                     {"{wave}", "open"},
                                                     {"{code}", "3407"},
                                                     {"{receipt}", "x"},
                                                     {"{id}", "http_survey"},
                                                     {"{questionnaire}", "http_survey"},
                                                     {"{batch}", "1"}};
  for (const auto& [placeholder, value] : values) {
    for (std::size_t at; (at = pattern.find(placeholder)) != std::string::npos;) {
      pattern.replace(at, placeholder.size(), value);
    }
  }
  if (pattern.starts_with("/api/v1/responses/resume/")) pattern = "/api/v1/responses/resume/x";
  if (pattern.ends_with("/export")) pattern += "?table=codebook&format=json";
  return pattern;
}

bool ends_sessions(const MatrixRow& row) {
  return row.method == "DELETE" &&
         (row.pattern == "/api/v1/session" || row.pattern == "/api/v1/sessions");
}

class AuthorizationMatrixTest : public StaffFixture {};

TEST_F(AuthorizationMatrixTest, EveryRouteAnswersEveryCallerAsDocumented) {
  start();
  std::vector<MatrixRow> rows = documented_rows();
  ASSERT_GT(rows.size(), 20u) << "docs/security.md's matrix was not found";

  std::set<std::pair<std::string, std::string>> documented, served;
  for (const MatrixRow& row : rows) documented.emplace(row.method, row.pattern);
  for (const auto& route : server_->routes()) served.insert(route);
  for (const auto& route : served) {
    EXPECT_TRUE(documented.contains(route))
        << route.first << " " << route.second << " is served and not in the matrix";
  }
  for (const auto& route : documented) {
    EXPECT_TRUE(served.contains(route))
        << route.first << " " << route.second << " is in the matrix and not served";
  }

  StaffLogin logins[kCallers];
  logins[before_second_factor] =
      add_account("newcomer", {{Role::national_admin, "", std::nullopt}}, false);
  logins[national_admin] = add_account("anna", {{Role::national_admin, "", std::nullopt}}, true);
  logins[staff_of_it] =
      add_account("kari", {{Role::municipality_staff, "3407", std::nullopt}}, true);
  logins[staff_elsewhere] =
      add_account("ola", {{Role::municipality_staff, "0301", std::nullopt}}, true);
  logins[researcher_of_it] =
      add_account("rita", {{Role::researcher, "open", Date{2999, 12, 31}}}, true);
  for (int caller = before_second_factor; caller < kCallers; ++caller) {
    HttpReply signed_in = sign_in(logins[caller]);
    ASSERT_EQ(signed_in.status, 200) << kCallerNames[caller] << ": " << signed_in.body;
  }

  // The rows that end sessions go last; a caller signs in again when a
  // later row needs a session.
  std::stable_partition(rows.begin(), rows.end(),
                        [](const MatrixRow& row) { return !ends_sessions(row); });
  int checked = 0;
  for (const MatrixRow& row : rows) {
    std::string target = target_of(row.pattern);
    bool with_body = row.method == "POST" || row.method == "PUT";
    for (int caller = 0; caller < kCallers; ++caller) {
      StaffLogin& login = logins[caller];
      if (caller != anonymous && login.cookie.empty()) {
        ASSERT_EQ(sign_in(login).status, 200) << kCallerNames[caller];
      }
      HttpReply reply =
          call(row.method, target, with_body ? "{}" : "", login.headers(/*with_csrf=*/true));
      const std::string& expected = row.cells[caller];
      std::string where = row.method + " " + target + " as " + kCallerNames[caller];
      // The matrix's refusals have these codes; a route's own 401 (a
      // wrong current password, say) is the route's answer, a "yes".
      bool refused_by_matrix =
          reply.body.find("\"code\":\"unauthorized\"") != std::string::npos ||
          reply.body.find("\"code\":\"forbidden\"") != std::string::npos ||
          reply.body.find("\"code\":\"csrf_token_invalid\"") != std::string::npos;
      if (expected == "yes") {
        EXPECT_FALSE(refused_by_matrix) << where << ": " << reply.body;
        EXPECT_LT(reply.status, 500) << where << ": " << reply.body;
      } else {
        EXPECT_EQ(std::to_string(reply.status), expected) << where << ": " << reply.body;
        EXPECT_TRUE(refused_by_matrix) << where << ": " << reply.body;
      }
      ++checked;
      if (ends_sessions(row) && caller != anonymous) {
        ASSERT_EQ(reply.status, 204) << where << ": " << reply.body;
        login.cookie.clear();  // signs in again when a later row needs it
      }
    }
  }
  EXPECT_EQ(checked, static_cast<int>(rows.size()) * kCallers);
}

TEST_F(AuthorizationMatrixTest, ARefusalOfASignedInCallerIsInTheAuditLog) {
  start();
  StaffLogin ola = add_account("ola", {{Role::municipality_staff, "0301", std::nullopt}}, true);
  ASSERT_EQ(sign_in(ola).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/admin/municipalities/3407", "", ola.headers()).status, 403);
  auto entries = store_->audit_entries({0, 0, "account:ola", "access.refused"});
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].event.object, "GET /api/v1/admin/municipalities/{municipality}");
  EXPECT_EQ((*entries)[0].event.detail, "3407");
}

}  // namespace
}  // namespace parorende::testing
