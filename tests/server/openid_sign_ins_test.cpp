// Sign-ins on their way through a provider: taken once, only by the
// browser that began them, for ten minutes, and never more of them than
// the limit; and a session remembers the provider it came from.
#include "server/api/openid_sign_ins.h"

#include <gtest/gtest.h>

#include "server/api/staff_sessions.h"
#include "tests/support/store_test_support.h"

namespace parorende::server {
namespace {

using namespace std::chrono_literals;
using Clock = OpenIdSignIns::Clock;

PendingSignIn pending(std::string state) { return {std::move(state), "nonce", "verifier"}; }

// A state of the shape random_token() makes, told apart by `name`.
std::string made_state(std::string_view name) {
  std::string made(name);
  for (char& c : made) c = c == ' ' ? '_' : c;
  return made + std::string(43 - made.size(), 'x');
}

// Sign-ins kept in a store of the test's own (on PostgreSQL in ctest's
// unit.postgresql).
class OpenIdSignInsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = testing::open_store_at(home_.path(), StoreOptions::Synchronous::normal);
    ASSERT_NE(store_, nullptr);
  }

  // The sign-in of `state`, failing the test on a store error.
  std::optional<OpenIdSignIns::Taken> take(OpenIdSignIns& sign_ins, std::string_view state,
                                           std::string_view binding, Clock::time_point now) {
    auto taken = sign_ins.take(state, binding, now);
    EXPECT_TRUE(taken.ok()) << testing::describe_result(taken);
    return taken.ok() ? std::move(taken).value() : std::nullopt;
  }

  void remember(OpenIdSignIns& sign_ins, std::string state, std::string_view language,
                std::string_view binding, Clock::time_point now) {
    auto kept =
        sign_ins.remember("gjovik", pending(std::move(state)), std::string(language), binding, now);
    EXPECT_TRUE(kept.ok()) << testing::describe_result(kept);
  }

  testing::TestStoreHome home_;
  std::unique_ptr<ResponseStore> store_;
};

TEST_F(OpenIdSignInsTest, AStateIsTakenOnceByTheBrowserThatBeganIt) {
  OpenIdSignIns sign_ins(*store_, {}, "https://parorende.example/");
  Clock::time_point now = Clock::now();
  remember(sign_ins, made_state("state-1"), "en", "binding-1", now);
  remember(sign_ins, made_state("state-2"), "", "binding-2", now);
  EXPECT_EQ(sign_ins.pending_count().value(), 2);

  auto taken = take(sign_ins, made_state("state-1"), "binding-1", now + 1min);
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->provider_id, "gjovik");
  EXPECT_EQ(taken->pending.nonce, "nonce");
  EXPECT_EQ(taken->pending.code_verifier, "verifier");
  EXPECT_EQ(taken->language, "en");
  EXPECT_FALSE(take(sign_ins, made_state("state-1"), "binding-1", now + 1min))
      << "a state works once";

  // Another browser's binding (or none) spends the state without a sign-in.
  EXPECT_FALSE(take(sign_ins, made_state("state-2"), "binding-1", now));
  EXPECT_FALSE(take(sign_ins, made_state("state-2"), "binding-2", now));
  EXPECT_FALSE(take(sign_ins, "", "", now));
  // A state not shaped as one is not looked up at all (nor spent).
  remember(sign_ins, made_state("state-3"), "", "binding-3", now);
  EXPECT_FALSE(take(sign_ins, made_state("state-3") + "x", "binding-3", now));
  EXPECT_FALSE(take(sign_ins, made_state("state-3").substr(1), "binding-3", now));
  EXPECT_TRUE(take(sign_ins, made_state("state-3"), "binding-3", now));
  EXPECT_EQ(sign_ins.pending_count().value(), 0);
}

TEST_F(OpenIdSignInsTest, ASignInExpiresAfterTenMinutes) {
  OpenIdSignIns sign_ins(*store_, {}, "https://parorende.example");
  Clock::time_point now = Clock::now();
  remember(sign_ins, made_state("late"), "", "b", now);
  remember(sign_ins, made_state("in-time"), "", "b", now);
  EXPECT_TRUE(take(sign_ins, made_state("in-time"), "b", now + 10min));
  EXPECT_FALSE(take(sign_ins, made_state("late"), "b", now + 10min + 1s));
}

TEST_F(OpenIdSignInsTest, ManySignInsForgetTheOldestBeyondTheLimit) {
  OpenIdSignIns sign_ins(*store_, {}, "https://parorende.example", 3);
  Clock::time_point now = Clock::now();
  for (int i = 0; i < 5; ++i) {
    remember(sign_ins, made_state("state-" + std::to_string(i)), "", "b", now + i * 1s);
  }
  EXPECT_EQ(sign_ins.pending_count().value(), 3);
  EXPECT_FALSE(take(sign_ins, made_state("state-0"), "b", now + 5s));
  EXPECT_FALSE(take(sign_ins, made_state("state-1"), "b", now + 5s));
  EXPECT_TRUE(take(sign_ins, made_state("state-4"), "b", now + 5s));
}

TEST_F(OpenIdSignInsTest, TheAddressesComeFromThePublicUrl) {
  OpenIdSignIns sign_ins(*store_, {}, "https://parorende.example//");
  EXPECT_EQ(sign_ins.after_sign_out_url(), "https://parorende.example/staff.html");
  EXPECT_EQ(sign_ins.client("gjovik"), nullptr);
  EXPECT_TRUE(sign_ins.clients().empty());
}

TEST(OpenIdSignIns, TheBindingCookieFollowsTheProvidersRedirectBackButNoScript) {
  std::string cookie = sign_in_cookie("value");
  EXPECT_EQ(cookie.rfind("__Host-parorende-sign-in=value;", 0), 0u);
  for (std::string_view attribute :
       {"Secure", "HttpOnly", "SameSite=Lax", "Path=/", "Max-Age=600"}) {
    EXPECT_NE(cookie.find(attribute), std::string::npos) << attribute;
  }
  HttpRequest request;
  request.set(http::field::cookie, "a=b; __Host-parorende-sign-in=value; c=d");
  EXPECT_EQ(sign_in_cookie_value(request), "value");
  EXPECT_EQ(session_cookie_value(request), "");
}

TEST_F(OpenIdSignInsTest, ASessionRemembersTheProviderItCameFrom) {
  StaffSessions sessions(*store_);
  Clock::time_point now = Clock::now();
  auto local = sessions.start(1, 0, true, now);
  auto external = sessions.start(2, 0, true, now, {"gjovik", "the id_token"});
  ASSERT_TRUE(local.ok() && external.ok());
  EXPECT_FALSE(sessions.provider_sign_in(local->id).value());
  auto provider = sessions.provider_sign_in(external->id);
  ASSERT_TRUE(provider.ok() && provider.value());
  EXPECT_EQ(provider.value()->provider_id, "gjovik");
  EXPECT_EQ(provider.value()->id_token, "the id_token");
  ASSERT_TRUE(sessions.end(external->id).ok());
  EXPECT_FALSE(sessions.provider_sign_in(external->id).value());
}

}  // namespace
}  // namespace parorende::server
