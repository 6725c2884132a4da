// `parorende user ...` as an operator runs it: the first administrator, a
// staff account with a reset code, disabling, and each change in the audit
// log, with no password or code in it.
#include <gtest/gtest.h>

#include <fstream>

#include "access/password.h"
#include "store/response_store.h"
#include "test_support.h"

namespace parorende {
namespace {

using testing::contains;
using testing::run_parorende;

class UserCli : public ::testing::Test {
 protected:
  void SetUp() override { db_ = (directory_.path() / "users.db").string(); }

  std::unique_ptr<ResponseStore> open() {
    StoreOptions options;
    options.path = db_;
    auto store = ResponseStore::open(options);
    EXPECT_TRUE(store.ok());
    return store.ok() ? std::move(store).value() : nullptr;
  }

  testing::TempDir directory_;
  std::string db_;
};

TEST_F(UserCli, AnAdministratorWithAPasswordAndStaffWithAResetCode) {
  std::string password_file = (directory_.path() / "password").string();
  std::ofstream(password_file) << "the first admin's password\n";
  auto admin =
      run_parorende({"user", "add", "--db", db_, "--username", "Anna", "--name", "Anna Admin",
                     "--grant", "national_admin", "--password-file", password_file});
  ASSERT_EQ(admin.exit_code, 0) << admin.err;
  EXPECT_EQ(admin.out, "added anna (national_admin)\n");

  auto staff =
      run_parorende({"user", "add", "--db", db_, "--username", "kari", "--name", "Kari", "--grant",
                     "municipality_staff:3407", "--grant", "researcher:2026:2027-06-30"});
  ASSERT_EQ(staff.exit_code, 0) << staff.err;
  EXPECT_TRUE(
      contains(staff.out, "added kari (municipality_staff:3407, researcher:2026:2027-06-30)"))
      << staff.out;
  std::string code = staff.out.substr(staff.out.rfind(":\n") + 2);
  code.pop_back();
  EXPECT_EQ(code.size(), 43u) << staff.out;

  auto store = open();
  auto anna = store->account_secrets("anna");
  ASSERT_TRUE(anna.ok());
  EXPECT_TRUE(verify_password(anna->password_hash, "the first admin's password"));
  auto kari = store->account_secrets("kari");
  ASSERT_TRUE(kari.ok());
  EXPECT_FALSE(kari->account.has_password);
  auto redeemed = store->redeem_reset_code(password_reset_code_hash(code), today_utc(), "$x");
  EXPECT_TRUE(redeemed.ok()) << "the printed code is the stored one";
  store.reset();

  auto listed = run_parorende({"user", "list", "--db", db_});
  EXPECT_EQ(listed.out,
            "anna\tAnna Admin\tnational_admin\tenabled\tno totp\n"
            "kari\tKari\tmunicipality_staff:3407, researcher:2026:2027-06-30\tenabled\tno totp\n");
  EXPECT_EQ(run_parorende({"user", "disable", "--db", db_, "--username", "kari"}).exit_code, 0);
  EXPECT_TRUE(contains(run_parorende({"user", "list", "--db", db_}).out, "\tdisabled\t"));
  auto reset = run_parorende({"user", "reset", "--db", db_, "--username", "anna", "--remove-totp"});
  EXPECT_EQ(reset.exit_code, 0) << reset.err;

  auto log = run_parorende({"audit", "export", "--db", db_});
  for (std::string action : {"account.add", "account.disable", "account.reset"}) {
    EXPECT_TRUE(contains(log.out, "\"action\":\"" + action + "\"")) << log.out;
  }
  EXPECT_FALSE(contains(log.out, "password\"")) << log.out;
  EXPECT_FALSE(contains(log.out, code)) << "no code in the log";
  EXPECT_EQ(run_parorende({"audit", "verify", "--db", db_}).exit_code, 0);
}

TEST_F(UserCli, MistakesAreNamed) {
  auto bad_role = run_parorende(
      {"user", "add", "--db", db_, "--username", "kari", "--name", "Kari", "--grant", "boss"});
  EXPECT_EQ(bad_role.exit_code, 1);
  EXPECT_TRUE(contains(bad_role.err, "--grant \"boss\": the role is")) << bad_role.err;
  auto bad_municipality = run_parorende({"user", "add", "--db", db_, "--username", "kari", "--name",
                                         "Kari", "--grant", "municipality_staff:9999"});
  EXPECT_EQ(bad_municipality.exit_code, 1);
  EXPECT_TRUE(contains(bad_municipality.err, "9999")) << bad_municipality.err;
  auto nobody = run_parorende({"user", "disable", "--db", db_, "--username", "nobody"});
  EXPECT_EQ(nobody.exit_code, 1);
  EXPECT_TRUE(contains(nobody.err, "no such account")) << nobody.err;
  std::string weak = (directory_.path() / "weak").string();
  std::ofstream(weak) << "short\n";
  auto weak_password = run_parorende(
      {"user", "add", "--db", db_, "--username", "ola", "--name", "Ola", "--password-file", weak});
  EXPECT_EQ(weak_password.exit_code, 1);
  EXPECT_TRUE(contains(weak_password.err, "12 to 256 characters")) << weak_password.err;
}

TEST_F(UserCli, AnAccountOfAnIdentityProviderGetsNoResetCode) {
  {
    auto store = open();
    ASSERT_TRUE(store);
    ASSERT_TRUE(store
                    ->link_external_account({"https://login.example",
                                             "subject-1",
                                             "kari",
                                             "Kari",
                                             {{Role::municipality_staff, "3407", std::nullopt}}},
                                            today_utc())
                    .ok());
  }
  auto reset = run_parorende({"user", "reset", "--db", db_, "--username", "kari"});
  EXPECT_EQ(reset.exit_code, 1);
  EXPECT_TRUE(contains(reset.err, "signs in through its organisation's identity provider"))
      << reset.err;
  auto store = open();
  ASSERT_TRUE(store);
  EXPECT_FALSE(store->account_secrets("kari")->account.has_password);
  EXPECT_TRUE(store->audit_entries({0, 0, "", "account.reset"})->empty());
}

TEST_F(UserCli, ServeRefusesAnOpenIdConfigurationItCannotUseBeforeListening) {
  std::string config = (directory_.path() / "oidc.json").string();
  std::ofstream(config) << R"({"providers": [{"id": "gjovik", "name": "Gjøvik",
      "issuer": "http://login.example", "client_id": "c", "client_secret": "s",
      "roles": [{"claim": "groups", "value": "g", "grant": "municipality_staff:3407"}]}]})";
  auto no_public_url =
      run_parorende({"serve", "--db", db_, "--port", "0", "--oidc-config", config});
  EXPECT_EQ(no_public_url.exit_code, 2);
  EXPECT_TRUE(contains(no_public_url.err, "--oidc-config needs --public-url")) << no_public_url.err;
  auto insecure = run_parorende({"serve", "--db", db_, "--port", "0", "--public-url",
                                 "https://parorende.example", "--oidc-config", config});
  EXPECT_EQ(insecure.exit_code, 2);
  EXPECT_TRUE(contains(insecure.err, "providers[0] (gjovik): ")) << insecure.err;
  EXPECT_TRUE(contains(insecure.err, "is not https://")) << insecure.err;
  auto missing = run_parorende({"serve", "--db", db_, "--port", "0", "--public-url",
                                "https://parorende.example", "--oidc-config",
                                (directory_.path() / "none.json").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_TRUE(contains(missing.err, "--oidc-config: cannot read")) << missing.err;
  std::ofstream(config) << R"({"providers": [{"id": "gjovik", "name": "Gjøvik",
      "issuer": "https://login.example", "client_id": "c", "client_secret": "s",
      "roles": [{"claim": "groups", "value": "g", "grant": "municipality_staff:9999"}]}]})";
  auto no_such_municipality = run_parorende({"serve", "--db", db_, "--port", "0", "--public-url",
                                             "https://parorende.example", "--oidc-config", config});
  EXPECT_EQ(no_such_municipality.exit_code, 2);
  EXPECT_TRUE(contains(no_such_municipality.err, "no municipality has the code 9999"))
      << no_such_municipality.err;
}

}  // namespace
}  // namespace parorende
