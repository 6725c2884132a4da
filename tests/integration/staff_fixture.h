// The real server with staff accounts: accounts made in the store (with a
// password, and a TOTP key where asked), and signing in over HTTP from a
// chosen loopback address (127.0.0.1 and 127.0.0.2 are two clients).
#pragma once

#include <arpa/inet.h>

#include <algorithm>
#include <ctime>
#include <thread>

#include "access/password.h"
#include "access/totp.h"
#include "server_fixture.h"

namespace parorende::testing {

inline constexpr std::uint32_t kFirstClient = 0x7F000001;   // 127.0.0.1
inline constexpr std::uint32_t kSecondClient = 0x7F000002;  // 127.0.0.2

struct StaffLogin {
  std::string username;
  std::string password;
  std::vector<std::uint8_t> totp_key;  // empty: none enrolled
  std::int64_t last_step = 1;          // the newest TOTP step used
  std::string cookie;                  // "__Host-parorende-session=..." once signed in
  std::string csrf_token;

  std::vector<std::string> headers(bool with_csrf = true) const {
    std::vector<std::string> list;
    if (!cookie.empty()) list.push_back("Cookie: " + cookie);
    if (with_csrf && !csrf_token.empty()) list.push_back("X-CSRF-Token: " + csrf_token);
    return list;
  }
};

class StaffFixture : public ServerFixture {
 protected:
  StaffLogin add_account(const std::string& username, std::vector<Grant> grants, bool with_totp) {
    StaffLogin login;
    login.username = username;
    login.password = "the password of " + username;
    auto hashed = hash_password(login.password);
    EXPECT_TRUE(hashed.ok());
    auto added =
        store_->add_account({username, "Name of " + username, hashed.value(), grants}, today_utc());
    EXPECT_TRUE(added.ok()) << added.error().describe();
    if (with_totp && added.ok()) {
      login.totp_key = generate_totp_key().value();
      EXPECT_TRUE(store_->set_totp_pending_key(added->id, login.totp_key).ok());
      // Confirmed at a step long past, so every code from now on is new.
      EXPECT_TRUE(store_->accept_totp_step(added->id, 1, login.totp_key, true).ok());
    }
    return login;
  }

  // A national administrator with a second factor, signed in.
  StaffLogin signed_in_admin(const std::string& username) {
    StaffLogin login = add_account(username, {{Role::national_admin, "", std::nullopt}}, true);
    EXPECT_EQ(sign_in(login).status, 200);
    return login;
  }

  // A municipality's staff member with a second factor, signed in from
  // `source`.
  StaffLogin signed_in_staff(const std::string& username, const std::string& municipality,
                             std::uint32_t source = kFirstClient) {
    StaffLogin login =
        add_account(username, {{Role::municipality_staff, municipality, std::nullopt}}, true);
    EXPECT_EQ(sign_in(login, source).status, 200);
    return login;
  }

  HttpReply call_from(std::uint32_t source, std::string_view method, std::string_view target,
                      std::string_view body = {}, std::vector<std::string> headers = {}) {
    TestClient connection(port(), std::chrono::seconds(10), source);
    auto reply = connection.request(method, target, body, std::move(headers));
    if (!reply) {
      ADD_FAILURE() << method << " " << target << ": no answer";
      return {};
    }
    return *reply;
  }

  static std::string sign_in_body(const StaffLogin& login, std::string_view password,
                                  std::string_view code) {
    boost::json::object body{{"username", login.username}, {"password", password}};
    if (!code.empty()) body["one_time_code"] = code;
    return boost::json::serialize(body);
  }

  // A code the server takes once: of the current step or the next, newer
  // than every step this login used (waiting for the clock when both are
  // used).
  static std::string next_code(StaffLogin& login) {
    std::int64_t now_step = std::time(nullptr) / kTotpStepSeconds;
    std::int64_t step = std::max(login.last_step + 1, now_step);
    while (step > std::time(nullptr) / kTotpStepSeconds + 1) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    login.last_step = step;
    return totp_code(login.totp_key, static_cast<std::time_t>(step * kTotpStepSeconds));
  }

  // Signs in with the right password and, when the account has a key, a
  // fresh code.
  HttpReply sign_in(StaffLogin& login, std::uint32_t source = kFirstClient) {
    std::string code = login.totp_key.empty() ? "" : next_code(login);
    HttpReply reply = call_from(source, "POST", "/api/v1/session",
                                sign_in_body(login, login.password, code), login.headers(false));
    if (reply.status == 200) {
      std::string set_cookie = reply.header("set-cookie");
      login.cookie = set_cookie.substr(0, set_cookie.find(';'));
      login.csrf_token = reply.json().at("csrf_token").as_string().c_str();
    }
    return reply;
  }
};

}  // namespace parorende::testing
