// Staff sessions in memory, the session cookie, and the sign-in throttle.
#include "server/api/staff_sessions.h"

#include <gtest/gtest.h>

#include "server/api/sign_in_throttle.h"

namespace parorende::server {
namespace {

using namespace std::chrono_literals;
using Clock = StaffSessions::Clock;

TEST(StaffSessions, ASessionIsFoundByItsIdUntilIdleOrOld) {
  StaffSessions sessions;
  Clock::time_point start = Clock::now();
  auto started = sessions.start(7, 0, true, start);
  ASSERT_TRUE(started.ok());
  EXPECT_EQ(started->id.size(), 43u);  // 256 bits, base64url
  EXPECT_EQ(started->csrf_token, csrf_token_for(started->id));
  EXPECT_NE(started->csrf_token, started->id);
  auto found = sessions.find(started->id, start + 29min);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->account_id, 7);
  EXPECT_EQ(found->epoch, 0);
  EXPECT_TRUE(found->second_factor_done);
  EXPECT_FALSE(sessions.find(started->id + "x", start + 29min));
  // Used every 29 minutes, it still ends 12 hours after sign-in.
  Clock::time_point at = start;
  for (int i = 0; i < 24; ++i) {
    at += 29min;
    ASSERT_TRUE(sessions.find(started->id, at)) << i;
  }
  EXPECT_FALSE(sessions.find(started->id, start + 12h + 1s));
  auto idle = sessions.start(7, 0, true, start);
  EXPECT_FALSE(sessions.find(idle->id, start + 31min));
  EXPECT_EQ(sessions.count(), 0u);
}

TEST(StaffSessions, SignOutEverywhereEndsOnlyThatAccountsSessions) {
  StaffSessions sessions;
  Clock::time_point now = Clock::now();
  auto first = sessions.start(1, 0, true, now);
  auto second = sessions.start(1, 0, true, now);
  auto kept = sessions.start(1, 0, true, now);
  auto other = sessions.start(2, 0, false, now);
  sessions.end(first->id);
  EXPECT_FALSE(sessions.find(first->id, now));
  EXPECT_TRUE(sessions.find(second->id, now));
  sessions.end_all(1, kept->id);
  EXPECT_FALSE(sessions.find(second->id, now));
  EXPECT_TRUE(sessions.find(kept->id, now));
  sessions.end_all(1);
  EXPECT_FALSE(sessions.find(kept->id, now));
  auto found = sessions.find(other->id, now);
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->second_factor_done);
  sessions.second_factor_done(other->id);
  EXPECT_TRUE(sessions.find(other->id, now)->second_factor_done);
}

TEST(StaffSessions, AnAccountHoldsAtMostItsLimitOfSessions) {
  StaffSessions sessions({30min, 12h, 3});
  Clock::time_point now = Clock::now();
  auto oldest = sessions.start(1, 0, true, now);
  for (int i = 1; i <= 3; ++i) ASSERT_TRUE(sessions.start(1, 0, true, now + i * 1s).ok());
  EXPECT_FALSE(sessions.find(oldest->id, now + 5s));
  EXPECT_EQ(sessions.count(), 3u);
}

TEST(SessionCookie, TheValueIsReadFromAnyCookieHeader) {
  HttpRequest request;
  request.insert(http::field::cookie, "theme=dark; __Host-parorende-sessionx=no");
  EXPECT_EQ(session_cookie_value(request), "");
  request.insert(http::field::cookie, "a=b;__Host-parorende-session=abc-_123; c=d");
  EXPECT_EQ(session_cookie_value(request), "abc-_123");
  EXPECT_EQ(session_cookie("abc"),
            "__Host-parorende-session=abc; Path=/; Secure; HttpOnly; SameSite=Strict");
  EXPECT_NE(removed_session_cookie().find("Max-Age=0"), std::string::npos);
}

TEST(SignInThrottle, FailuresAreCountedPerClientAndPerUsername) {
  SignInThrottle throttle({{1.0 / 60, 3}, {1.0 / 60, 5}, 1000});
  Clock::time_point now = Clock::now();
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(throttle.admit("kari", 1, now).allowed) << i;
  Admission refused = throttle.admit("kari", 1, now);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after, 60s);
  // Another client may still try the same username, until it runs dry.
  EXPECT_TRUE(throttle.admit("KARI", 2, now).allowed);
  EXPECT_TRUE(throttle.admit("kari", 2, now).allowed);
  EXPECT_FALSE(throttle.admit("kari", 3, now).allowed);
  EXPECT_TRUE(throttle.admit("ola", 3, now).allowed);
  // A minute gives one attempt back.
  EXPECT_TRUE(throttle.admit("ola", 1, now + 61s).allowed);
  EXPECT_FALSE(throttle.admit("ola", 1, now + 61s).allowed);
}

TEST(SignInThrottle, ASuccessGivesItsTokensBack) {
  SignInThrottle throttle({{1.0 / 60, 2}, {1.0 / 60, 10}, 1000});
  Clock::time_point now = Clock::now();
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(throttle.admit("kari", 1, now).allowed) << i;
    throttle.succeeded("kari", 1);
  }
}

TEST(SignInThrottle, AFullTableStillThrottlesNewClients) {
  // Every bucket drained: nothing is near new, yet a new client is tracked.
  SignInThrottle throttle({{1.0 / 60, 2}, {1.0 / 60, 1000}, 50});
  Clock::time_point now = Clock::now();
  for (std::uint64_t client = 0; client < 50; ++client) {
    ASSERT_TRUE(throttle.admit("kari", client, now).allowed);
    ASSERT_TRUE(throttle.admit("kari", client, now).allowed);
  }
  EXPECT_TRUE(throttle.admit("kari", 1000, now).allowed);
  EXPECT_TRUE(throttle.admit("kari", 1000, now).allowed);
  EXPECT_FALSE(throttle.admit("kari", 1000, now).allowed);
}

TEST(SignInThrottle, MemoryIsBounded) {
  SignInThrottle throttle({{1.0 / 60, 2}, {1.0 / 60, 2}, 100});
  Clock::time_point now = Clock::now();
  for (std::uint64_t client = 0; client < 10000; ++client) {
    EXPECT_TRUE(throttle.admit("user" + std::to_string(client), client, now).allowed);
    ASSERT_LE(throttle.tracked(), 200u) << client;
  }
}

}  // namespace
}  // namespace parorende::server
