// Staff accounts as stored: unique lower-case usernames, grants checked
// against the municipalities and the roles' rules, reset codes that work
// once and expire, and TOTP steps that are taken once.
#include "store/accounts.h"

#include <gtest/gtest.h>

#include "store_test_support.h"

namespace parorende {
namespace {

using testing::describe_result;

constexpr Date kAccountsDay{2026, 12, 2};

class AccountsTest : public testing::StoreFixture {
 protected:
  Account add(std::string username, std::vector<Grant> grants = {},
              std::string password_hash = "$argon2id$stand-in") {
    auto added =
        store_->add_account({std::move(username), "Someone", password_hash, grants}, kAccountsDay);
    EXPECT_TRUE(added.ok()) << describe_result(added);
    return added.ok() ? added.value() : Account{};
  }
};

TEST_F(AccountsTest, AnAccountIsFoundByItsUsernameInAnyCase) {
  Account added = add("Kari.Nordmann", {{Role::municipality_staff, "3407", std::nullopt}});
  EXPECT_EQ(added.username, "kari.nordmann");
  EXPECT_EQ(added.created_on, kAccountsDay);
  auto found = store_->account_secrets("KARI.nordmann");
  ASSERT_TRUE(found.ok()) << describe_result(found);
  EXPECT_EQ(found->account.id, added.id);
  EXPECT_EQ(found->password_hash, "$argon2id$stand-in");
  EXPECT_TRUE(found->account.has_password);
  EXPECT_FALSE(found->account.totp_enrolled);
  ASSERT_EQ(found->account.grants.size(), 1u);
  EXPECT_EQ(found->account.grants[0], (Grant{Role::municipality_staff, "3407", std::nullopt}));
  EXPECT_EQ(store_->account_secrets("nobody").error().code, "account_not_found");
  EXPECT_EQ(store_->account_secrets("not a name!").error().code, "account_not_found");
}

TEST_F(AccountsTest, UsernamesAreUniqueAndWellFormed) {
  add("kari");
  auto again = store_->add_account({"KARI", "Another", "", {}}, kAccountsDay);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "account_exists");
  for (const std::string& bad :
       std::vector<std::string>{"", "k", "kari nordmann", "kåri", std::string(65, 'a'), "a/b"}) {
    auto added = store_->add_account({bad, "Someone", "", {}}, kAccountsDay);
    ASSERT_FALSE(added.ok()) << bad;
    EXPECT_EQ(added.error().code, "invalid_username") << bad;
  }
}

TEST_F(AccountsTest, GrantsAreChecked) {
  const std::vector<std::vector<Grant>> bad = {
      {{Role::municipality_staff, "9999", std::nullopt}},
      {{Role::municipality_staff, "", std::nullopt}},
      {{Role::national_admin, "3407", std::nullopt}},
      {{Role::researcher, "spring", std::nullopt}},  // no expiry date
  };
  for (const auto& grants : bad) {
    auto added = store_->add_account({"kari", "Kari", "", grants}, kAccountsDay);
    ASSERT_FALSE(added.ok());
    EXPECT_EQ(added.error().code, "invalid_grant") << added.error().message;
  }
  Account kari = add("kari", {{Role::researcher, "spring", Date{2027, 6, 30}},
                              {Role::municipality_staff, "0301", std::nullopt}});
  ASSERT_TRUE(store_->set_grants(kari.id, {{{Role::national_admin, "", std::nullopt}}}).ok());
  EXPECT_EQ(store_->account_by_id(kari.id)->grants,
            (std::vector<Grant>{{Role::national_admin, "", std::nullopt}}));
  EXPECT_EQ(store_->set_grants(kari.id + 100, {}).error().code, "account_not_found");
}

TEST_F(AccountsTest, AResetCodeSetsThePasswordOnceAndNotAfterItsDay) {
  Account kari = add("kari", {}, "");
  EXPECT_FALSE(kari.has_password);
  Sha256Digest code = sha256("the code");
  ASSERT_TRUE(store_->set_reset_code(kari.id, code, Date{2026, 12, 9}).ok());
  EXPECT_EQ(store_->redeem_reset_code(code, Date{2026, 12, 10}, "$argon2id$new").error().code,
            "reset_code_invalid");
  EXPECT_EQ(
      store_->redeem_reset_code(sha256("another"), kAccountsDay, "$argon2id$new").error().code,
      "reset_code_invalid");
  auto redeemed = store_->redeem_reset_code(code, Date{2026, 12, 9}, "$argon2id$new");
  ASSERT_TRUE(redeemed.ok()) << describe_result(redeemed);
  EXPECT_EQ(redeemed->id, kari.id);
  EXPECT_EQ(store_->account_secrets("kari")->password_hash, "$argon2id$new");
  EXPECT_EQ(store_->redeem_reset_code(code, kAccountsDay, "$argon2id$again").error().code,
            "reset_code_invalid");
}

TEST_F(AccountsTest, ADisabledAccountsResetCodeDoesNotWork) {
  Account kari = add("kari");
  Sha256Digest code = sha256("the code");
  ASSERT_TRUE(store_->set_reset_code(kari.id, code, Date{2026, 12, 9}).ok());
  ASSERT_TRUE(store_->set_account_disabled(kari.id, true).ok());
  EXPECT_TRUE(store_->account_by_id(kari.id)->disabled);
  EXPECT_EQ(store_->redeem_reset_code(code, kAccountsDay, "$argon2id$new").error().code,
            "reset_code_invalid");
}

TEST_F(AccountsTest, APendingTotpKeyCountsOnceConfirmedAndEachStepOnce) {
  Account kari = add("kari");
  const std::vector<std::uint8_t> first(20, 1), second(20, 2), third(20, 3);
  EXPECT_EQ(store_->accept_totp_step(kari.id, 5, first, true).error().code, "totp_replayed")
      << "no pending key";
  ASSERT_TRUE(store_->set_totp_pending_key(kari.id, first).ok());
  EXPECT_FALSE(store_->account_by_id(kari.id)->totp_enrolled);
  EXPECT_EQ(store_->accept_totp_step(kari.id, 5, second, true).error().code, "totp_replayed")
      << "a code of another key than the pending one";
  ASSERT_TRUE(store_->accept_totp_step(kari.id, 5, first, true).ok());
  auto secrets = store_->account_secrets("kari");
  EXPECT_TRUE(secrets->account.totp_enrolled);
  EXPECT_EQ(secrets->totp_key, first);
  EXPECT_TRUE(secrets->totp_pending_key.empty());
  EXPECT_EQ(store_->accept_totp_step(kari.id, 5, first).error().code, "totp_replayed");
  EXPECT_EQ(store_->accept_totp_step(kari.id, 4, first).error().code, "totp_replayed");
  EXPECT_TRUE(store_->accept_totp_step(kari.id, 6, first).ok());
  // A new key pending leaves the enrolled one in force.
  ASSERT_TRUE(store_->set_totp_pending_key(kari.id, second).ok());
  EXPECT_EQ(store_->account_secrets("kari")->totp_key, first);
  EXPECT_TRUE(store_->accept_totp_step(kari.id, 7, first).ok());
  // The pending key was replaced by a third before its code came: the
  // second's code enrols nothing.
  ASSERT_TRUE(store_->set_totp_pending_key(kari.id, third).ok());
  EXPECT_EQ(store_->accept_totp_step(kari.id, 8, second, true).error().code, "totp_replayed");
  EXPECT_TRUE(store_->accept_totp_step(kari.id, 8, third, true).ok());
  EXPECT_EQ(store_->account_secrets("kari")->totp_key, third);
  ASSERT_TRUE(store_->remove_totp(kari.id).ok());
  EXPECT_FALSE(store_->account_by_id(kari.id)->totp_enrolled);
}

TEST_F(AccountsTest, DisablingOrAResetCodeRaisesTheSessionEpoch) {
  Account kari = add("kari");
  EXPECT_EQ(kari.session_epoch, 0);
  ASSERT_TRUE(store_->set_account_disabled(kari.id, true).ok());
  ASSERT_TRUE(store_->set_account_disabled(kari.id, false).ok());
  EXPECT_EQ(store_->account_by_id(kari.id)->session_epoch, 1);
  ASSERT_TRUE(store_->set_reset_code(kari.id, sha256("code"), Date{2026, 12, 9}).ok());
  EXPECT_EQ(store_->account_by_id(kari.id)->session_epoch, 2);
  auto found = store_->account_by_reset_code(sha256("code"), kAccountsDay);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->id, kari.id);
  EXPECT_EQ(store_->account_by_reset_code(sha256("other"), kAccountsDay).error().code,
            "reset_code_invalid");
  EXPECT_EQ(store_->account_by_reset_code(sha256("code"), Date{2026, 12, 10}).error().code,
            "reset_code_invalid");
}

TEST_F(AccountsTest, AccountsAreListedByUsername) {
  add("ola");
  add("anna", {{Role::national_admin, "", std::nullopt}});
  auto accounts = store_->accounts();
  ASSERT_TRUE(accounts.ok());
  ASSERT_EQ(accounts->size(), 2u);
  EXPECT_EQ((*accounts)[0].username, "anna");
  EXPECT_EQ((*accounts)[1].username, "ola");
}

TEST_F(AccountsTest, AProviderSignInMakesAnAccountOnceAndThenFollowsTheProvidersClaims) {
  ExternalAccount kari{"https://login.example/tenant",
                       "subject-1",
                       "Kari@Gjovik.kommune.no",
                       "Kari Nordmann",
                       {{Role::municipality_staff, "3407", std::nullopt}}};
  auto first = store_->link_external_account(kari, kAccountsDay);
  ASSERT_TRUE(first.ok()) << describe_result(first);
  EXPECT_EQ(first->username, "kari@gjovik.kommune.no");
  EXPECT_FALSE(first->has_password);
  EXPECT_EQ(first->grants, kari.grants);

  // The same subject again: the same account, with what the provider says now.
  kari.username = "kari.renamed@gjovik.kommune.no";
  kari.display_name = "Kari Nordmann Berg";
  kari.grants = {{Role::municipality_staff, "0301", std::nullopt}};
  auto again = store_->link_external_account(kari, kAccountsDay);
  ASSERT_TRUE(again.ok()) << describe_result(again);
  EXPECT_EQ(again->id, first->id);
  EXPECT_EQ(again->username, "kari@gjovik.kommune.no");
  EXPECT_EQ(again->display_name, "Kari Nordmann Berg");
  EXPECT_EQ(again->grants, kari.grants);
  EXPECT_EQ(store_->accounts()->size(), 1u);

  // The same subject at another provider is someone else.
  ExternalAccount other = kari;
  other.issuer = "https://another.example";
  other.username = "kari2@gjovik.kommune.no";
  auto someone_else = store_->link_external_account(other, kAccountsDay);
  ASSERT_TRUE(someone_else.ok()) << describe_result(someone_else);
  EXPECT_NE(someone_else->id, first->id);
}

TEST_F(AccountsTest, AProviderCannotTakeOverALocalAccountByNamingIt) {
  Account local = add("anna", {{Role::national_admin, "", std::nullopt}});
  auto taken = store_->link_external_account({"https://login.example",
                                              "attacker",
                                              "anna",
                                              "Anna",
                                              {{Role::municipality_staff, "3407", std::nullopt}}},
                                             kAccountsDay);
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.error().code, "account_exists");
  auto unchanged = store_->account_by_id(local.id);
  ASSERT_TRUE(unchanged.ok());
  EXPECT_EQ(unchanged->grants, local.grants);
}

TEST_F(AccountsTest, AProviderSignInIsCheckedLikeAnyAccount) {
  auto bad_grant =
      store_->link_external_account({"https://login.example",
                                     "s",
                                     "kari",
                                     "Kari",
                                     {{Role::municipality_staff, "9999", std::nullopt}}},
                                    kAccountsDay);
  EXPECT_EQ(bad_grant.error().code, "invalid_grant");
  auto bad_name = store_->link_external_account(
      {"https://login.example", "s", "kari", "Kari\nNordmann", {}}, kAccountsDay);
  EXPECT_EQ(bad_name.error().code, "invalid_argument");
  auto no_subject = store_->link_external_account({"https://login.example", "", "kari", "Kari", {}},
                                                  kAccountsDay);
  EXPECT_EQ(no_subject.error().code, "invalid_argument");
  EXPECT_TRUE(store_->accounts()->empty());

  // A disabled account is returned as it is; the server refuses it.
  auto linked = store_->link_external_account({"https://login.example",
                                               "s",
                                               "kari",
                                               "Kari",
                                               {{Role::municipality_staff, "3407", std::nullopt}}},
                                              kAccountsDay);
  ASSERT_TRUE(linked.ok());
  ASSERT_TRUE(store_->set_account_disabled(linked->id, true).ok());
  auto again = store_->link_external_account({"https://login.example",
                                              "s",
                                              "kari",
                                              "Kari",
                                              {{Role::municipality_staff, "3407", std::nullopt}}},
                                             kAccountsDay);
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->disabled);
}

TEST_F(AccountsTest, AResetCodeForgetsThePasswordAndOnlyResearchersGrantsExpire) {
  Account kari = add("kari", {{Role::municipality_staff, "3407", std::nullopt}});
  ASSERT_TRUE(store_->account_secrets("kari")->account.has_password);
  ASSERT_TRUE(store_->set_reset_code(kari.id, sha256("code"), Date{2999, 1, 1}).ok());
  auto reset = store_->account_secrets("kari");
  ASSERT_TRUE(reset.ok());
  EXPECT_FALSE(reset->account.has_password);
  EXPECT_EQ(reset->password_hash, "");
  for (Grant grant : {Grant{Role::national_admin, "", Date{2030, 1, 1}},
                      Grant{Role::municipality_staff, "3407", Date{2030, 1, 1}}}) {
    auto status = store_->set_grants(kari.id, std::vector<Grant>{grant});
    ASSERT_FALSE(status.ok()) << role_name(grant.role);
    EXPECT_EQ(status.error().code, "invalid_grant");
    EXPECT_NE(status.error().message.find("takes no expiry date"), std::string::npos);
  }
}

TEST(GrantText, ReadsAndWritesTheConfigurationForm) {
  auto staff = parse_grant("municipality_staff:3407");
  ASSERT_TRUE(staff.ok());
  EXPECT_EQ(staff.value(), (Grant{Role::municipality_staff, "3407", std::nullopt}));
  auto researcher = parse_grant("researcher:wave-2026:2027-06-30");
  ASSERT_TRUE(researcher.ok());
  EXPECT_EQ(researcher->expires_on, (Date{2027, 6, 30}));
  EXPECT_EQ(grant_text(researcher.value()), "researcher:wave-2026:2027-06-30");
  EXPECT_EQ(grant_text(Grant{Role::national_admin, "", std::nullopt}), "national_admin");
  EXPECT_EQ(parse_grant("boss").error().code, "invalid_grant");
  EXPECT_EQ(parse_grant("researcher:w:2027-13-01").error().code, "invalid_grant");
}

}  // namespace
}  // namespace parorende
