// A national administrator manages accounts over HTTP against the real
// server: an account added with its grants and a one-time code that sets
// its password; grants replaced; an account disabled (its session ends at
// once) and enabled; a new code (the second factor removed); nobody locks
// themselves out; every change in the audit log with its actor.
#include <gtest/gtest.h>

#include "staff_fixture.h"

namespace parorende::testing {
namespace {

class AccountAdminTest : public StaffFixture {
 protected:
  void SetUp() override {
    StaffFixture::SetUp();
    start();
    anna_ = signed_in_admin("anna");
  }

  HttpReply as_anna(std::string_view method, std::string_view target, std::string_view body = {}) {
    return call(method, target, body, anna_.headers());
  }

  StaffLogin anna_;
};

TEST_F(AccountAdminTest, AnAddedAccountSetsItsPasswordWithTheCodeAndHasItsGrants) {
  HttpReply added = as_anna(
      "POST", "/api/v1/admin/accounts",
      R"({"username":"Kari","display_name":"Kari Nordmann","grants":["municipality_staff:3407"]})");
  ASSERT_EQ(added.status, 201) << added.body;
  auto body = added.json().as_object();
  EXPECT_EQ(body.at("account").at("username").as_string(), "kari");
  EXPECT_EQ(body.at("account").at("has_password").as_bool(), false);
  std::string code(body.at("reset_code").as_string());
  EXPECT_EQ(code.size(), 43u);  // 256 bits
  EXPECT_FALSE(body.at("reset_code_expires_on").as_string().empty());

  // The code sets the password once; then Kari signs in with her role.
  std::string reset = R"({"code":")" + code + R"(","new_password":"Kari sets her own password"})";
  EXPECT_EQ(call("POST", "/api/v1/password-reset", reset).status, 204);
  EXPECT_EQ(call("POST", "/api/v1/password-reset", reset).status, 422);
  StaffLogin kari;
  kari.username = "kari";
  kari.password = "Kari sets her own password";
  ASSERT_EQ(sign_in(kari).status, 200);
  auto account = store_->account_secrets("kari");
  ASSERT_TRUE(account.ok());
  EXPECT_EQ(account->account.grants,
            (std::vector<Grant>{{Role::municipality_staff, "3407", std::nullopt}}));

  auto recorded = store_->audit_entries({0, 0, "account:anna", "account.add"});
  ASSERT_TRUE(recorded.ok());
  ASSERT_EQ(recorded->size(), 1u);
  EXPECT_EQ((*recorded)[0].event.object, "account:kari");
  EXPECT_EQ((*recorded)[0].event.detail, "municipality_staff:3407");
  // The code is in no entry of the log, nor the password.
  auto everything = store_->audit_entries({});
  ASSERT_TRUE(everything.ok());
  ASSERT_GE(everything->size(), 3u);
  for (const AuditEntry& entry : everything.value()) {
    for (const std::string& field : {entry.event.actor, entry.event.object, entry.event.detail}) {
      EXPECT_EQ(field.find(code), std::string::npos) << field;
      EXPECT_EQ(field.find("Kari sets her own password"), std::string::npos) << field;
    }
  }
}

TEST_F(AccountAdminTest, BadAccountsAreRefusedWithTheirReason) {
  auto add = [&](std::string_view body) { return as_anna("POST", "/api/v1/admin/accounts", body); };
  EXPECT_EQ(add(R"({"username":"anna","display_name":"A","grants":[]})").status, 409);
  HttpReply no_municipality =
      add(R"({"username":"ola","display_name":"Ola","grants":["municipality_staff:9999"]})");
  EXPECT_EQ(no_municipality.status, 422);
  EXPECT_NE(no_municipality.body.find("invalid_grant"), std::string::npos) << no_municipality.body;
  EXPECT_EQ(add(R"({"username":"ola","display_name":"Ola","grants":["boss"]})").status, 422);
  EXPECT_EQ(add(R"({"username":"ola","display_name":"Ola","grants":"national_admin"})").status,
            422);
  EXPECT_EQ(add(R"({"username":"o","display_name":"Ola","grants":[]})").status, 422);
  EXPECT_EQ(add(R"({"username":"ola","grants":[]})").status, 422);
  EXPECT_EQ(store_->accounts()->size(), 1u);
}

TEST_F(AccountAdminTest, DisablingEndsTheSessionsAtOnceAndGrantsAreReplaced) {
  StaffLogin kari = add_account("kari", {{Role::municipality_staff, "3407", std::nullopt}}, true);
  ASSERT_EQ(sign_in(kari).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/admin/municipalities/3407", "", kari.headers()).status, 200);

  HttpReply moved = as_anna("PUT", "/api/v1/admin/accounts/kari/grants",
                            R"({"grants":["municipality_staff:0301"]})");
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(call("GET", "/api/v1/admin/municipalities/3407", "", kari.headers()).status, 403);
  EXPECT_EQ(call("GET", "/api/v1/admin/municipalities/0301", "", kari.headers()).status, 200);

  HttpReply disabled =
      as_anna("PUT", "/api/v1/admin/accounts/kari/disabled", R"({"disabled":true})");
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_TRUE(disabled.json().at("account").at("disabled").as_bool());
  EXPECT_EQ(call("GET", "/api/v1/session", "", kari.headers()).status, 401);
  EXPECT_EQ(sign_in(kari).status, 401);
  ASSERT_EQ(as_anna("PUT", "/api/v1/admin/accounts/kari/disabled", R"({"disabled":false})").status,
            200);
  EXPECT_EQ(sign_in(kari).status, 200);

  for (std::string_view action : {"account.grants", "account.disable", "account.enable"}) {
    auto recorded = store_->audit_entries({0, 0, "account:anna", std::string(action)});
    ASSERT_TRUE(recorded.ok());
    EXPECT_EQ(recorded->size(), 1u) << action;
  }
  EXPECT_EQ(as_anna("PUT", "/api/v1/admin/accounts/nobody/disabled", R"({"disabled":true})").status,
            404);
  EXPECT_EQ(as_anna("PUT", "/api/v1/admin/accounts/kari/disabled", R"({"disabled":"yes"})").status,
            422);
}

TEST_F(AccountAdminTest, ANewCodeCanRemoveTheSecondFactorAndEndsTheSessions) {
  StaffLogin kari = add_account("kari", {{Role::municipality_staff, "3407", std::nullopt}}, true);
  ASSERT_EQ(sign_in(kari).status, 200);
  HttpReply issued =
      as_anna("POST", "/api/v1/admin/accounts/kari/reset-code", R"({"remove_totp":true})");
  ASSERT_EQ(issued.status, 200) << issued.body;
  EXPECT_EQ(call("GET", "/api/v1/session", "", kari.headers()).status, 401);
  auto account = store_->account_secrets("kari");
  ASSERT_TRUE(account.ok());
  EXPECT_FALSE(account->account.totp_enrolled);
  std::string code(issued.json().at("reset_code").as_string());
  EXPECT_EQ(call("POST", "/api/v1/password-reset",
                 R"({"code":")" + code + R"(","new_password":"a new password for kari"})")
                .status,
            204);
  // The old password no longer works; the one the code set does.
  EXPECT_EQ(sign_in(kari).status, 401);
  kari.totp_key.clear();
  kari.password = "a new password for kari";
  ASSERT_EQ(sign_in(kari).status, 200);

  // Without a body: a code, the factor kept; the password stops working.
  StaffLogin ola = add_account("ola", {{Role::municipality_staff, "3407", std::nullopt}}, true);
  EXPECT_EQ(as_anna("POST", "/api/v1/admin/accounts/ola/reset-code").status, 200);
  auto after = store_->account_secrets("ola");
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->account.totp_enrolled);
  EXPECT_FALSE(after->account.has_password);
  EXPECT_EQ(sign_in(ola).status, 401);
}

TEST_F(AccountAdminTest, AnAccountOfAnIdentityProviderGetsNoPasswordHere) {
  auto linked = store_->link_external_account({"https://login.example",
                                               "subject-1",
                                               "kari@gjovik.kommune.no",
                                               "Kari",
                                               {{Role::municipality_staff, "3407", std::nullopt}}},
                                              today_utc());
  ASSERT_TRUE(linked.ok());
  HttpReply refused = as_anna("POST", "/api/v1/admin/accounts/kari@gjovik.kommune.no/reset-code");
  EXPECT_EQ(refused.status, 409);
  EXPECT_NE(refused.body.find("provider_account"), std::string::npos) << refused.body;
  HttpReply listed = as_anna("GET", "/api/v1/admin/accounts");
  EXPECT_NE(listed.body.find("\"signs_in_with_provider\":true"), std::string::npos) << listed.body;
  // Disabling works: it shuts the account out whatever the provider says.
  EXPECT_EQ(as_anna("PUT", "/api/v1/admin/accounts/kari@gjovik.kommune.no/disabled",
                    R"({"disabled":true})")
                .status,
            200);
}

TEST_F(AccountAdminTest, AnAdministratorCannotLockThemselvesOut) {
  EXPECT_EQ(as_anna("PUT", "/api/v1/admin/accounts/anna/disabled", R"({"disabled":true})").status,
            409);
  HttpReply demoted = as_anna("PUT", "/api/v1/admin/accounts/anna/grants",
                              R"({"grants":["municipality_staff:3407"]})");
  EXPECT_EQ(demoted.status, 409);
  EXPECT_NE(demoted.body.find("own_account"), std::string::npos) << demoted.body;
  EXPECT_EQ(as_anna("POST", "/api/v1/admin/accounts/anna/reset-code").status, 409);
  // Nor by a grant that would end by itself.
  EXPECT_EQ(as_anna("PUT", "/api/v1/admin/accounts/anna/grants",
                    R"({"grants":["national_admin::2000-01-01"]})")
                .status,
            422);
  EXPECT_EQ(call("GET", "/api/v1/session", "", anna_.headers()).status, 200);
  // Another administrator can.
  StaffLogin berit = add_account("berit", {{Role::national_admin, "", std::nullopt}}, true);
  ASSERT_EQ(sign_in(berit).status, 200);
  EXPECT_EQ(
      call("PUT", "/api/v1/admin/accounts/anna/disabled", R"({"disabled":true})", berit.headers())
          .status,
      200);
  EXPECT_EQ(call("GET", "/api/v1/session", "", anna_.headers()).status, 401);
}

TEST_F(AccountAdminTest, OnlyANationalAdministratorManagesAccountsAndEveryChangeNeedsTheToken) {
  StaffLogin kari = add_account("kari", {{Role::municipality_staff, "3407", std::nullopt}}, true);
  ASSERT_EQ(sign_in(kari).status, 200);
  EXPECT_EQ(
      call("PUT", "/api/v1/admin/accounts/anna/disabled", R"({"disabled":true})", kari.headers())
          .status,
      403);
  EXPECT_EQ(call("POST", "/api/v1/admin/accounts",
                 R"({"username":"ola","display_name":"Ola","grants":["national_admin"]})",
                 anna_.headers(/*with_csrf=*/false))
                .status,
            403);
  EXPECT_FALSE(store_->account_secrets("ola").ok());
}

}  // namespace
}  // namespace parorende::testing
