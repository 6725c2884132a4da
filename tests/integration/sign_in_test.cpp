// Signing in against the real server: throttling that spares the owner,
// one message for every wrong part, CSRF on changes, no session fixation,
// the second factor, and the ends of a session.
#include <gtest/gtest.h>

#include "staff_fixture.h"

namespace parorende::testing {
namespace {

bool contains(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

class SignInTest : public StaffFixture {};

TEST_F(SignInTest, HundredWrongPasswordsAreThrottledAndTheOwnerStillSignsInFromAnotherClient) {
  start();
  StaffLogin kari = add_account("kari", {{Role::municipality_staff, "3407", std::nullopt}}, false);
  int refused = 0, throttled = 0;
  for (int attempt = 0; attempt < 100; ++attempt) {
    HttpReply reply =
        call_from(kFirstClient, "POST", "/api/v1/session",
                  sign_in_body(kari, "a wrong password " + std::to_string(attempt), ""));
    if (reply.status == 401) ++refused;
    if (reply.status == 429) {
      ++throttled;
      EXPECT_FALSE(reply.header("retry-after").empty());
    }
  }
  EXPECT_EQ(refused, 10) << "the client's ten checked guesses";
  EXPECT_EQ(throttled, 90);
  // The right password from the guessing client waits too...
  EXPECT_EQ(
      call_from(kFirstClient, "POST", "/api/v1/session", sign_in_body(kari, kari.password, ""))
          .status,
      429);
  // ...and from the owner's own client it works.
  HttpReply owner = sign_in(kari, kSecondClient);
  EXPECT_EQ(owner.status, 200) << owner.body;
}

TEST_F(SignInTest, AWrongUsernameAndAWrongPasswordGetTheSameAnswer) {
  start();
  StaffLogin kari = add_account("kari", {}, false);
  StaffLogin disabled = add_account("dina", {}, false);
  ASSERT_TRUE(store_->set_account_disabled(store_->account_secrets("dina")->account.id, true).ok());
  StaffLogin nobody;
  nobody.username = "nobody";
  HttpReply wrong_password =
      call("POST", "/api/v1/session", sign_in_body(kari, "not the password", ""));
  HttpReply wrong_user = call("POST", "/api/v1/session", sign_in_body(nobody, kari.password, ""));
  HttpReply disabled_account =
      call("POST", "/api/v1/session", sign_in_body(disabled, disabled.password, ""));
  EXPECT_EQ(wrong_password.status, 401);
  EXPECT_EQ(
      wrong_password.body,
      R"({"error":{"code":"sign_in_failed","message":"the username, password or one-time code is wrong","details":[]}})");
  for (const HttpReply* other : {&wrong_user, &disabled_account}) {
    EXPECT_EQ(other->status, wrong_password.status);
    EXPECT_EQ(other->body, wrong_password.body);
    EXPECT_EQ(other->header("set-cookie"), "");
  }
  // The audit log tells them apart; the answer does not.
  auto entries = store_->audit_entries({0, 0, "", "session.sign_in"});
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_EQ((*entries)[0].event.detail, "wrong password");
  EXPECT_EQ((*entries)[1].event.object, "account:unknown");
  EXPECT_EQ((*entries)[2].event.detail, "account disabled");
}

TEST_F(SignInTest, AChangeWithoutTheCsrfTokenIsRefused) {
  start();
  StaffLogin kari = add_account("kari", {}, false);
  ASSERT_EQ(sign_in(kari).status, 200);
  std::string cookie = "Cookie: " + kari.cookie;
  // What a cross-site form or fetch can send: the cookie, no token.
  for (const auto& [method, target] :
       {std::pair{"DELETE", "/api/v1/session"}, std::pair{"DELETE", "/api/v1/sessions"},
        std::pair{"PUT", "/api/v1/session/password"}, std::pair{"POST", "/api/v1/session/totp"}}) {
    HttpReply bare = call(method, target, method == std::string("DELETE") ? "" : "{}", {cookie});
    EXPECT_EQ(bare.status, 403) << method << " " << target;
    EXPECT_TRUE(contains(bare.body, "csrf_token_invalid")) << bare.body;
    HttpReply wrong = call(method, target, method == std::string("DELETE") ? "" : "{}",
                           {cookie, "X-CSRF-Token: " + kari.csrf_token + "x"});
    EXPECT_EQ(wrong.status, 403) << method << " " << target;
  }
  // None of them did anything: the session lives, and ends with the token.
  EXPECT_EQ(call("GET", "/api/v1/session", "", {cookie}).status, 200);
  EXPECT_EQ(call("DELETE", "/api/v1/session", "", kari.headers()).status, 204);
  EXPECT_EQ(call("GET", "/api/v1/session", "", {cookie}).status, 401);
}

TEST_F(SignInTest, ASessionIdFromBeforeSignInIsNotValidAfterIt) {
  start();
  StaffLogin kari = add_account("kari", {}, false);
  ASSERT_EQ(sign_in(kari).status, 200);
  std::string before = kari.cookie;
  ASSERT_EQ(sign_in(kari).status, 200);  // sends the old cookie along
  EXPECT_NE(kari.cookie, before);
  EXPECT_EQ(call("GET", "/api/v1/session", "", {"Cookie: " + before}).status, 401);
  EXPECT_EQ(call("GET", "/api/v1/session", "", {"Cookie: " + kari.cookie}).status, 200);
  // A value an attacker planted is never adopted.
  std::string planted = "__Host-parorende-session=planted-by-someone-else";
  HttpReply planted_reply = call("POST", "/api/v1/session", sign_in_body(kari, kari.password, ""),
                                 {"Cookie: " + planted});
  ASSERT_EQ(planted_reply.status, 200);
  EXPECT_FALSE(contains(planted_reply.header("set-cookie"), "planted"));
  EXPECT_EQ(call("GET", "/api/v1/session", "", {"Cookie: " + planted}).status, 401);
}

TEST_F(SignInTest, TheCookieIsHostOnlySecureHttpOnlyAndStrict) {
  start();
  StaffLogin kari = add_account("kari", {}, false);
  HttpReply reply = sign_in(kari);
  ASSERT_EQ(reply.status, 200);
  std::string set_cookie = reply.header("set-cookie");
  EXPECT_TRUE(set_cookie.starts_with("__Host-parorende-session=")) << set_cookie;
  EXPECT_TRUE(contains(set_cookie, "; Path=/; Secure; HttpOnly; SameSite=Strict")) << set_cookie;
  EXPECT_FALSE(contains(set_cookie, "Domain")) << set_cookie;
  EXPECT_EQ(kari.cookie.size(), std::string("__Host-parorende-session=").size() + 43);
}

TEST_F(SignInTest, TheSecondFactorIsAskedForAfterTheRightPasswordAndEachCodeWorksOnce) {
  start();
  StaffLogin kari = add_account("kari", {{Role::municipality_staff, "3407", std::nullopt}}, true);
  HttpReply no_code = call("POST", "/api/v1/session", sign_in_body(kari, kari.password, ""));
  EXPECT_EQ(no_code.status, 401);
  EXPECT_TRUE(contains(no_code.body, R"("where":"one_time_code","code":"required")"))
      << no_code.body;
  HttpReply wrong_password_no_code =
      call("POST", "/api/v1/session", sign_in_body(kari, "wrong wrong wrong", ""));
  EXPECT_FALSE(contains(wrong_password_no_code.body, "one_time_code")) << "nothing to learn";

  std::string code = next_code(kari);
  HttpReply with_code = call("POST", "/api/v1/session", sign_in_body(kari, kari.password, code));
  ASSERT_EQ(with_code.status, 200) << with_code.body;
  EXPECT_EQ(with_code.json().at("second_factor_done"), true);
  HttpReply replayed = call("POST", "/api/v1/session", sign_in_body(kari, kari.password, code));
  EXPECT_EQ(replayed.status, 401) << "a code works once";
}

TEST_F(SignInTest, RolesCountOnceTheSecondFactorIsEnrolled) {
  start();
  StaffLogin kari = add_account("kari", {{Role::municipality_staff, "3407", std::nullopt}}, false);
  ASSERT_EQ(sign_in(kari).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/admin/municipalities/3407", "", kari.headers()).status, 403);
  HttpReply enrolment = call("POST", "/api/v1/session/totp", "", kari.headers());
  ASSERT_EQ(enrolment.status, 200) << enrolment.body;
  boost::json::value key = enrolment.json();
  EXPECT_TRUE(contains(key.at("uri").as_string(), "otpauth://totp/parorende:kari?secret="));
  EXPECT_TRUE(key.at("qr_svg").as_string().starts_with("<svg"));
  // The key as an app reads it from the QR code.
  auto store_key = store_->account_secrets("kari")->totp_pending_key;
  ASSERT_EQ(totp_key_base32(store_key), std::string(key.at("key").as_string()));
  kari.totp_key = store_key;
  EXPECT_EQ(
      call("PUT", "/api/v1/session/totp", R"({"one_time_code":"000000"})", kari.headers()).status,
      401);
  std::string body = R"({"one_time_code":")" + next_code(kari) + "\"}";
  EXPECT_EQ(call("PUT", "/api/v1/session/totp", body, kari.headers()).status, 204);
  HttpReply home = call("GET", "/api/v1/admin/municipalities/3407", "", kari.headers());
  EXPECT_EQ(home.status, 200) << home.body;
  EXPECT_EQ(home.json().at("name"), "Gjøvik");
  // From now on signing in asks for a code.
  EXPECT_EQ(call("POST", "/api/v1/session", sign_in_body(kari, kari.password, "")).status, 401);
  EXPECT_EQ(sign_in(kari).status, 200);
}

TEST_F(SignInTest, SignOutEverywhereEndsEverySessionOfTheAccount) {
  start();
  StaffLogin first = add_account("kari", {}, false);
  ASSERT_EQ(sign_in(first).status, 200);
  StaffLogin second = first;
  second.cookie.clear();  // another browser
  ASSERT_EQ(sign_in(second, kSecondClient).status, 200);
  ASSERT_EQ(call("GET", "/api/v1/session", "", first.headers()).status, 200);
  StaffLogin other = add_account("ola", {}, false);
  ASSERT_EQ(sign_in(other).status, 200);
  EXPECT_EQ(call("DELETE", "/api/v1/sessions", "", second.headers()).status, 204);
  EXPECT_EQ(call("GET", "/api/v1/session", "", first.headers()).status, 401);
  EXPECT_EQ(call("GET", "/api/v1/session", "", second.headers()).status, 401);
  EXPECT_EQ(call("GET", "/api/v1/session", "", other.headers()).status, 200);
}

TEST_F(SignInTest, DisablingAnAccountOrGivingItAResetCodeEndsItsSessions) {
  start();
  StaffLogin kari = add_account("kari", {}, false);
  std::int64_t id = store_->account_secrets("kari")->account.id;
  ASSERT_EQ(sign_in(kari).status, 200);
  // Disabled and enabled again (from the shell, another process) before
  // the session's next request: it is over all the same.
  ASSERT_TRUE(store_->set_account_disabled(id, true).ok());
  ASSERT_TRUE(store_->set_account_disabled(id, false).ok());
  EXPECT_EQ(call("GET", "/api/v1/session", "", kari.headers()).status, 401);
  ASSERT_EQ(sign_in(kari).status, 200);
  ASSERT_TRUE(store_->set_reset_code(id, password_reset_code_hash("code"), Date{2999, 1, 1}).ok());
  EXPECT_EQ(call("GET", "/api/v1/session", "", kari.headers()).status, 401);
}

TEST_F(SignInTest, ConfirmingAKeyEndsEverySessionThatDidNotHaveIt) {
  start();
  StaffLogin owner = add_account("olga", {{Role::municipality_staff, "3407", std::nullopt}}, false);
  StaffLogin intruder = owner;  // knows the password, not yet the factor
  ASSERT_EQ(sign_in(intruder, kSecondClient).status, 200);
  ASSERT_EQ(sign_in(owner).status, 200);
  ASSERT_EQ(call("POST", "/api/v1/session/totp", "", owner.headers()).status, 200);
  owner.totp_key = store_->account_secrets("olga")->totp_pending_key;
  std::string body = R"({"one_time_code":")" + next_code(owner) + "\"}";
  ASSERT_EQ(call("PUT", "/api/v1/session/totp", body, owner.headers()).status, 204);
  EXPECT_EQ(call("GET", "/api/v1/session", "", intruder.headers()).status, 401);
  EXPECT_EQ(call("PUT", "/api/v1/session/password",
                 R"({"current_password":")" + owner.password +
                     R"(","new_password":"the intruder's password"})",
                 intruder.headers())
                .status,
            401);
  EXPECT_EQ(call("GET", "/api/v1/admin/municipalities/3407", "", owner.headers()).status, 200);
}

TEST_F(SignInTest, ANewKeyForAnAccountWithOneNeedsThePassword) {
  start();
  StaffLogin kari = add_account("kari", {}, true);
  ASSERT_EQ(sign_in(kari).status, 200);
  HttpReply cookie_only = call("POST", "/api/v1/session/totp", "", kari.headers());
  EXPECT_EQ(cookie_only.status, 401) << cookie_only.body;
  EXPECT_EQ(call("POST", "/api/v1/session/totp", R"({"current_password":"wrong wrong wrong"})",
                 kari.headers())
                .status,
            401);
  HttpReply with_password =
      call("POST", "/api/v1/session/totp", R"({"current_password":")" + kari.password + "\"}",
           kari.headers());
  EXPECT_EQ(with_password.status, 200) << with_password.body;
  // Until the new key is confirmed, the old one still signs in.
  StaffLogin again = kari;
  again.cookie.clear();
  EXPECT_EQ(sign_in(again, kSecondClient).status, 200);
}

TEST_F(SignInTest, GuessesAtTheCurrentPasswordAreThrottled) {
  start();
  StaffLogin kari = add_account("kari", {}, false);
  ASSERT_EQ(sign_in(kari).status, 200);
  int refused = 0, throttled = 0;
  for (int guess = 0; guess < 15; ++guess) {
    int status = call("PUT", "/api/v1/session/password",
                      R"({"current_password":"guess number )" + std::to_string(guess) +
                          R"(","new_password":"a brand new password"})",
                      kari.headers())
                     .status;
    refused += status == 401;
    throttled += status == 429;
  }
  EXPECT_EQ(refused, 10) << "the client's ten tokens (the sign-in gave its own back)";
  EXPECT_EQ(throttled, 5);
}

TEST_F(SignInTest, ARightPasswordWithoutItsCodeIsRecorded) {
  start();
  StaffLogin kari = add_account("kari", {}, true);
  EXPECT_EQ(call("POST", "/api/v1/session", sign_in_body(kari, kari.password, "")).status, 401);
  auto entries = store_->audit_entries({0, 0, "", "session.sign_in"});
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].event.detail, "right password, one-time code missing");
}

TEST_F(SignInTest, APasswordChangeEndsTheOtherSessions) {
  start();
  StaffLogin kari = add_account("kari", {}, false);
  ASSERT_EQ(sign_in(kari).status, 200);
  StaffLogin elsewhere = kari;
  elsewhere.cookie.clear();  // another browser
  ASSERT_EQ(sign_in(elsewhere, kSecondClient).status, 200);
  EXPECT_EQ(call("PUT", "/api/v1/session/password",
                 R"({"current_password":"wrong one","new_password":"a brand new password"})",
                 kari.headers())
                .status,
            401);
  EXPECT_EQ(call("PUT", "/api/v1/session/password",
                 R"({"current_password":")" + kari.password + R"(","new_password":"short"})",
                 kari.headers())
                .status,
            422);
  EXPECT_EQ(call("PUT", "/api/v1/session/password",
                 R"({"current_password":")" + kari.password +
                     R"(","new_password":"a brand new password"})",
                 kari.headers())
                .status,
            204);
  EXPECT_EQ(call("GET", "/api/v1/session", "", kari.headers()).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/session", "", elsewhere.headers()).status, 401);
  kari.password = "a brand new password";
  EXPECT_EQ(sign_in(kari).status, 200);
}

TEST_F(SignInTest, AResetCodeSetsAPasswordOnce) {
  start();
  StaffLogin kari = add_account("kari.nordmann", {}, false);
  std::int64_t id = store_->account_secrets("kari.nordmann")->account.id;
  ASSERT_TRUE(
      store_->set_reset_code(id, password_reset_code_hash("the-code"), Date{2999, 1, 1}).ok());
  EXPECT_EQ(call("POST", "/api/v1/password-reset",
                 R"({"code":"the-code","new_password":"Kari.Nordmann"})")
                .status,
            422)
      << "not the username";
  EXPECT_EQ(call("POST", "/api/v1/password-reset",
                 R"({"code":"a wrong code","new_password":"set by the reset link"})")
                .status,
            422);
  auto refused = store_->audit_entries({0, 0, "", "account.password_reset"});
  ASSERT_TRUE(refused.ok());
  ASSERT_EQ(refused->size(), 1u);
  EXPECT_EQ((*refused)[0].event.outcome, AuditOutcome::refused);
  std::string body = R"({"code":"the-code","new_password":"set by the reset link"})";
  EXPECT_EQ(call("POST", "/api/v1/password-reset", body).status, 204);
  EXPECT_EQ(call("POST", "/api/v1/password-reset", body).status, 422);
  kari.password = "set by the reset link";
  EXPECT_EQ(sign_in(kari).status, 200);
}

}  // namespace
}  // namespace parorende::testing
