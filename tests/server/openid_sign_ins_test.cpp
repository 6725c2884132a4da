// Sign-ins on their way through a provider: taken once, only by the
// browser that began them, for ten minutes, and never more of them than
// the limit; and a session remembers the provider it came from.
#include "server/api/openid_sign_ins.h"

#include <gtest/gtest.h>

#include "server/api/staff_sessions.h"

namespace parorende::server {
namespace {

using namespace std::chrono_literals;
using Clock = OpenIdSignIns::Clock;

PendingSignIn pending(std::string state) { return {std::move(state), "nonce", "verifier"}; }

TEST(OpenIdSignIns, AStateIsTakenOnceByTheBrowserThatBeganIt) {
  OpenIdSignIns sign_ins({}, "https://parorende.example/");
  Clock::time_point now = Clock::now();
  sign_ins.remember("gjovik", pending("state-1"), "en", "binding-1", now);
  sign_ins.remember("gjovik", pending("state-2"), "", "binding-2", now);
  EXPECT_EQ(sign_ins.pending_count(), 2u);

  auto taken = sign_ins.take("state-1", "binding-1", now + 1min);
  ASSERT_TRUE(taken);
  EXPECT_EQ(taken->provider_id, "gjovik");
  EXPECT_EQ(taken->pending.nonce, "nonce");
  EXPECT_EQ(taken->pending.code_verifier, "verifier");
  EXPECT_EQ(taken->language, "en");
  EXPECT_FALSE(sign_ins.take("state-1", "binding-1", now + 1min)) << "a state works once";

  // Another browser's binding (or none) spends the state without a sign-in.
  EXPECT_FALSE(sign_ins.take("state-2", "binding-1", now));
  EXPECT_FALSE(sign_ins.take("state-2", "binding-2", now));
  EXPECT_FALSE(sign_ins.take("", "", now));
  EXPECT_EQ(sign_ins.pending_count(), 0u);
}

TEST(OpenIdSignIns, ASignInExpiresAfterTenMinutes) {
  OpenIdSignIns sign_ins({}, "https://parorende.example");
  Clock::time_point now = Clock::now();
  sign_ins.remember("gjovik", pending("late"), "", "b", now);
  sign_ins.remember("gjovik", pending("in-time"), "", "b", now);
  EXPECT_TRUE(sign_ins.take("in-time", "b", now + 10min));
  EXPECT_FALSE(sign_ins.take("late", "b", now + 10min + 1s));
}

TEST(OpenIdSignIns, ManySignInsForgetTheOldestBeyondTheLimit) {
  OpenIdSignIns sign_ins({}, "https://parorende.example", 3);
  Clock::time_point now = Clock::now();
  for (int i = 0; i < 5; ++i) {
    sign_ins.remember("gjovik", pending("state-" + std::to_string(i)), "", "b", now + i * 1s);
  }
  EXPECT_EQ(sign_ins.pending_count(), 3u);
  EXPECT_FALSE(sign_ins.take("state-0", "b", now + 5s));
  EXPECT_FALSE(sign_ins.take("state-1", "b", now + 5s));
  EXPECT_TRUE(sign_ins.take("state-4", "b", now + 5s));
}

TEST(OpenIdSignIns, TheAddressesComeFromThePublicUrl) {
  OpenIdSignIns sign_ins({}, "https://parorende.example//");
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

TEST(StaffSessions, ASessionRemembersTheProviderItCameFrom) {
  StaffSessions sessions;
  Clock::time_point now = Clock::now();
  auto local = sessions.start(1, 0, true, now);
  auto external = sessions.start(2, 0, true, now, {"gjovik", "the id_token"});
  ASSERT_TRUE(local.ok() && external.ok());
  EXPECT_FALSE(sessions.provider_sign_in(local->id));
  auto provider = sessions.provider_sign_in(external->id);
  ASSERT_TRUE(provider);
  EXPECT_EQ(provider->provider_id, "gjovik");
  EXPECT_EQ(provider->id_token, "the id_token");
  sessions.end(external->id);
  EXPECT_FALSE(sessions.provider_sign_in(external->id));
}

}  // namespace
}  // namespace parorende::server
