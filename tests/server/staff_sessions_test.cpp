// Staff sessions kept in the store, the session cookie, and the sign-in
// throttle; on SQLite, and on PostgreSQL in ctest's unit.postgresql.
#include "server/api/staff_sessions.h"

#include <gtest/gtest.h>

#include "server/api/sign_in_throttle.h"
#include "tests/support/store_test_support.h"

namespace parorende::server {
namespace {

using namespace std::chrono_literals;
using Clock = StaffSessions::Clock;

// A store of the test's own, written without waiting for the disk.
class StaffSessionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = testing::open_store_at(home_.path(), StoreOptions::Synchronous::normal);
    ASSERT_NE(store_, nullptr);
  }

  // The store as another server, or this one after a restart, sees it.
  void restart() {
    store_.reset();
    store_ = testing::open_store_at(home_.path(), StoreOptions::Synchronous::normal);
    ASSERT_NE(store_, nullptr);
  }

  Account add_account(const std::string& username) {
    auto added = store_->add_account(
        {username, "Name of " + username, "a hash", {{Role::national_admin, "", std::nullopt}}},
        testing::kToday);
    EXPECT_TRUE(added.ok()) << testing::describe_result(added);
    return added.ok() ? added.value() : Account{};
  }

  testing::TestStoreHome home_;
  std::unique_ptr<ResponseStore> store_;
};

using SignInThrottleTest = StaffSessionsTest;

// Whether a session is found, failing the test on a store error.
bool live(StaffSessions& sessions, std::string_view id, Clock::time_point now) {
  auto found = sessions.find(id, now);
  EXPECT_TRUE(found.ok()) << testing::describe_result(found);
  return found.ok() && found.value().has_value();
}

bool admitted(SignInThrottle& throttle, std::string_view username, ClientKey client,
              Clock::time_point now) {
  auto admission = throttle.admit(username, client, now);
  EXPECT_TRUE(admission.ok()) << testing::describe_result(admission);
  return admission.ok() && admission->allowed;
}

TEST_F(StaffSessionsTest, ASessionIsFoundByItsIdUntilIdleOrOld) {
  StaffSessions sessions(*store_);
  Clock::time_point start = Clock::now();
  auto started = sessions.start(7, 0, true, start);
  ASSERT_TRUE(started.ok()) << testing::describe_result(started);
  EXPECT_EQ(started->id.size(), 43u);  // 256 bits, base64url
  EXPECT_EQ(started->csrf_token, csrf_token_for(started->id));
  EXPECT_NE(started->csrf_token, started->id);
  auto found = sessions.find(started->id, start + 29min);
  ASSERT_TRUE(found.ok() && found.value());
  EXPECT_EQ(found.value()->account_id, 7);
  EXPECT_EQ(found.value()->epoch, 0);
  EXPECT_TRUE(found.value()->second_factor_done);
  EXPECT_FALSE(live(sessions, started->id + "x", start + 29min));
  EXPECT_FALSE(live(sessions, "", start));
  // Used every 29 minutes, it still ends 12 hours after sign-in.
  Clock::time_point at = start;
  for (int i = 0; i < 24; ++i) {
    at += 29min;
    ASSERT_TRUE(live(sessions, started->id, at)) << i;
  }
  EXPECT_FALSE(live(sessions, started->id, start + 12h + 1s));
  auto idle = sessions.start(7, 0, true, start);
  EXPECT_FALSE(live(sessions, idle->id, start + 31min));
  EXPECT_EQ(sessions.count().value(), 0);
}

TEST_F(StaffSessionsTest, UseIsWrittenAtMostOnceAMinute) {
  StaffSessions sessions(*store_);
  Clock::time_point start = Clock::now();
  auto started = sessions.start(7, 0, true, start);
  ASSERT_TRUE(started.ok());
  // Used at 20 and 50 seconds, only the first minute's use was written:
  // the idle half hour counts from the start.
  ASSERT_TRUE(live(sessions, started->id, start + 20s));
  ASSERT_TRUE(live(sessions, started->id, start + 50s));
  EXPECT_FALSE(live(sessions, started->id, start + 30min + 1s));
  // A use a minute or more after the last written one is written.
  auto used = sessions.start(7, 0, true, start);
  ASSERT_TRUE(live(sessions, used->id, start + 1min));
  EXPECT_TRUE(live(sessions, used->id, start + 31min));
}

TEST_F(StaffSessionsTest, SignOutEverywhereEndsOnlyThatAccountsSessions) {
  Account kari = add_account("kari");
  Account ola = add_account("ola");
  StaffSessions sessions(*store_);
  Clock::time_point now = Clock::now();
  auto first = sessions.start(kari.id, 0, true, now);
  auto second = sessions.start(kari.id, 0, true, now);
  auto kept = sessions.start(kari.id, 0, true, now);
  auto other = sessions.start(ola.id, 0, false, now);
  ASSERT_TRUE(sessions.end(first->id).ok());
  EXPECT_FALSE(live(sessions, first->id, now));
  EXPECT_TRUE(live(sessions, second->id, now));
  ASSERT_TRUE(sessions.end_others(kari.id, kept->id, 0).ok());
  EXPECT_FALSE(live(sessions, second->id, now));
  EXPECT_TRUE(live(sessions, kept->id, now));
  ASSERT_TRUE(sessions.end_all(kari.id).ok());
  EXPECT_FALSE(live(sessions, kept->id, now));
  auto found = sessions.find(other->id, now);
  ASSERT_TRUE(found.ok() && found.value());
  EXPECT_FALSE(found.value()->second_factor_done);
  EXPECT_EQ(store_->account_by_id(ola.id)->session_epoch, 0) << "another account's stays";
}

TEST_F(StaffSessionsTest, EndingTheOthersRaisesTheEpochSoASessionBegunMeanwhileIsOver) {
  Account kari = add_account("kari");
  StaffSessions sessions(*store_);
  Clock::time_point now = Clock::now();
  auto kept = sessions.start(kari.id, kari.session_epoch, true, now);
  auto other = sessions.start(kari.id, kari.session_epoch, true, now);
  ASSERT_TRUE(kept.ok() && other.ok());
  // The password changes through `kept`: the others end, and the epoch
  // rises under the kept one.
  ASSERT_TRUE(sessions.change_password(kari.id, "a new hash", kept->id, kari.session_epoch).ok());
  EXPECT_EQ(store_->account_secrets("kari")->password_hash, "a new hash");
  std::int64_t epoch = store_->account_by_id(kari.id)->session_epoch;
  EXPECT_EQ(epoch, kari.session_epoch + 1);
  EXPECT_FALSE(live(sessions, other->id, now));
  auto found = sessions.find(kept->id, now);
  ASSERT_TRUE(found.ok() && found.value());
  EXPECT_EQ(found.value()->epoch, epoch) << "the kept session is under the new epoch";
  // A sign-in that read the account before the change (the old password
  // checked) starts its session after it: under the old epoch, which the
  // server refuses at its first request.
  auto late = sessions.start(kari.id, kari.session_epoch, true, now);
  ASSERT_TRUE(late.ok());
  EXPECT_NE(sessions.find(late->id, now).value()->epoch,
            store_->account_by_id(kari.id)->session_epoch);
  // Signing out everywhere raises it again and keeps none.
  ASSERT_TRUE(sessions.end_all(kari.id).ok());
  EXPECT_EQ(store_->account_by_id(kari.id)->session_epoch, epoch + 1);
  EXPECT_FALSE(live(sessions, kept->id, now));
}

TEST_F(StaffSessionsTest, AChangeThroughASessionThatEndedMeanwhileChangesNothing) {
  Account kari = add_account("kari");
  StaffSessions sessions(*store_);
  Clock::time_point now = Clock::now();
  auto kept = sessions.start(kari.id, kari.session_epoch, true, now);
  ASSERT_TRUE(kept.ok());
  // An administrator disables the account (`parorende user disable`, which
  // only raises the epoch) while the password change is being hashed.
  ASSERT_TRUE(store_->set_account_disabled(kari.id, true).ok());
  ASSERT_TRUE(store_->set_account_disabled(kari.id, false).ok());
  std::int64_t epoch = store_->account_by_id(kari.id)->session_epoch;
  ASSERT_GT(epoch, kari.session_epoch);
  auto changed = sessions.change_password(kari.id, "a new hash", kept->id, kari.session_epoch);
  ASSERT_FALSE(changed.ok());
  EXPECT_EQ(changed.error().code, "unauthorized");
  EXPECT_EQ(store_->account_secrets("kari")->password_hash, "a hash");
  auto ended = sessions.end_others(kari.id, kept->id, kari.session_epoch);
  ASSERT_FALSE(ended.ok());
  EXPECT_EQ(ended.error().code, "unauthorized");
  EXPECT_EQ(store_->account_by_id(kari.id)->session_epoch, epoch);
  auto found = sessions.find(kept->id, now);
  ASSERT_TRUE(found.ok() && found.value());
  EXPECT_EQ(found.value()->epoch, kari.session_epoch) << "not moved to the new epoch";
}

TEST_F(StaffSessionsTest, AConfirmedKeyEndsTheOthersAndMarksItsSessionInOneStep) {
  Account kari = add_account("kari");
  StaffSessions sessions(*store_);
  Clock::time_point now = Clock::now();
  auto kept = sessions.start(kari.id, kari.session_epoch, false, now);
  auto other = sessions.start(kari.id, kari.session_epoch, false, now);
  ASSERT_TRUE(kept.ok() && other.ok());
  std::vector<std::uint8_t> key(20, 7);
  ASSERT_TRUE(store_->set_totp_pending_key(kari.id, key).ok());
  // Through a session that ended meanwhile (an administrator disabled the
  // account and enabled it again): nothing changes.
  ASSERT_TRUE(store_->set_account_disabled(kari.id, true).ok());
  ASSERT_TRUE(store_->set_account_disabled(kari.id, false).ok());
  std::int64_t epoch = store_->account_by_id(kari.id)->session_epoch;
  auto stale = sessions.confirm_totp_key(kari.id, 100, key, kept->id, kari.session_epoch);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.error().code, "unauthorized");
  EXPECT_TRUE(store_->account_secrets("kari")->totp_key.empty());
  EXPECT_TRUE(live(sessions, other->id, now));
  // Through a live one: the key, the others' end and the factor at once.
  auto live_one = sessions.start(kari.id, epoch, false, now);
  auto other_one = sessions.start(kari.id, epoch, false, now);
  ASSERT_TRUE(live_one.ok() && other_one.ok());
  kept = std::move(live_one);
  other = std::move(other_one);
  ASSERT_TRUE(sessions.confirm_totp_key(kari.id, 100, key, kept->id, epoch).ok());
  EXPECT_EQ(store_->account_secrets("kari")->totp_key, key);
  EXPECT_FALSE(live(sessions, other->id, now));
  auto found = sessions.find(kept->id, now);
  ASSERT_TRUE(found.ok() && found.value());
  EXPECT_TRUE(found.value()->second_factor_done);
  EXPECT_EQ(found.value()->epoch, store_->account_by_id(kari.id)->session_epoch);
  auto again = sessions.confirm_totp_key(kari.id, 100, key, kept->id, found.value()->epoch);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "totp_replayed");
}

TEST_F(StaffSessionsTest, RedeemingAResetCodeEndsTheAccountsSessions) {
  Account kari = add_account("kari");
  Sha256Digest code = sha256("a reset code");
  ASSERT_TRUE(store_->set_reset_code(kari.id, code, testing::kToday).ok());
  std::int64_t epoch = store_->account_by_id(kari.id)->session_epoch;
  // A session begun after the code was given (through a provider, say).
  StaffSessions sessions(*store_);
  Clock::time_point now = Clock::now();
  auto later = sessions.start(kari.id, epoch, true, now);
  ASSERT_TRUE(later.ok());
  ASSERT_TRUE(store_->redeem_reset_code(code, testing::kToday, "a new hash").ok());
  EXPECT_FALSE(live(sessions, later->id, now));
  EXPECT_EQ(store_->account_by_id(kari.id)->session_epoch, epoch + 1);
  EXPECT_EQ(store_->account_secrets("kari")->password_hash, "a new hash");
}

TEST_F(StaffSessionsTest, OnlyACookieShapedLikeAnIdIsLookedUpAtAll) {
  StaffSessions sessions(*store_);
  auto started = sessions.start(1, 0, true, Clock::now());
  ASSERT_TRUE(started.ok());
  EXPECT_TRUE(has_random_token_shape(started->id));
  EXPECT_FALSE(has_random_token_shape(""));
  EXPECT_FALSE(has_random_token_shape(started->id + "A"));
  EXPECT_FALSE(has_random_token_shape(started->id.substr(1)));
  std::string odd = started->id;
  odd[5] = '.';
  EXPECT_FALSE(has_random_token_shape(odd));
}

TEST_F(StaffSessionsTest, AnAccountHoldsAtMostItsLimitOfSessions) {
  StaffSessions sessions(*store_, {30min, 12h, 3});
  Clock::time_point now = Clock::now();
  auto oldest = sessions.start(1, 0, true, now);
  for (int i = 1; i <= 3; ++i) ASSERT_TRUE(sessions.start(1, 0, true, now + i * 1s).ok());
  ASSERT_TRUE(sessions.start(2, 0, true, now).ok());
  EXPECT_FALSE(live(sessions, oldest->id, now + 5s));
  EXPECT_EQ(sessions.count().value(), 4);
}

TEST_F(StaffSessionsTest, ASessionOutlivesARestartAndTheStoreKeepsNoId) {
  Clock::time_point now = Clock::now();
  std::string id;
  {
    StaffSessions sessions(*store_);
    auto started = sessions.start(3, 2, false, now, {"gjovik", "the id_token"});
    ASSERT_TRUE(started.ok());
    id = started->id;
  }
  restart();
  StaffSessions sessions(*store_);
  auto found = sessions.find(id, now + 1min);
  ASSERT_TRUE(found.ok() && found.value());
  EXPECT_EQ(found.value()->account_id, 3);
  EXPECT_EQ(found.value()->epoch, 2);
  EXPECT_FALSE(found.value()->second_factor_done);
  auto provider = sessions.provider_sign_in(id);
  ASSERT_TRUE(provider.ok() && provider.value());
  EXPECT_EQ(provider.value()->provider_id, "gjovik");
  // What the store keeps is a hash: neither the id nor its CSRF token.
  auto row = store_->staff_session(sha256("parorende-session:" + id));
  ASSERT_TRUE(row.ok() && row.value());
  store_.reset();
  if (!testing::store_tests_on_postgres()) {
    std::string stored = testing::read_file(home_.path());
    ASSERT_FALSE(stored.empty());
    EXPECT_EQ(stored.find(id), std::string::npos);
    EXPECT_EQ(stored.find(csrf_token_for(id)), std::string::npos);
  }
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

TEST_F(SignInThrottleTest, FailuresAreCountedPerClientAndPerUsername) {
  SignInThrottle throttle(*store_, {{1.0 / 60, 3}, {1.0 / 60, 5}, 1000});
  Clock::time_point now = Clock::now();
  for (int i = 0; i < 3; ++i) EXPECT_TRUE(admitted(throttle, "kari", 1, now)) << i;
  auto refused = throttle.admit("kari", 1, now);
  ASSERT_TRUE(refused.ok());
  EXPECT_FALSE(refused->allowed);
  EXPECT_EQ(refused->retry_after, 60s);
  // Another client may still try the same username, until it runs dry.
  EXPECT_TRUE(admitted(throttle, "KARI", 2, now));
  EXPECT_TRUE(admitted(throttle, "kari", 2, now));
  auto dry = throttle.admit("kari", 3, now);
  ASSERT_TRUE(dry.ok());
  EXPECT_FALSE(dry->allowed);
  EXPECT_EQ(dry->retry_after, 60s);
  // A refused attempt took nothing from its client.
  EXPECT_TRUE(admitted(throttle, "ola", 3, now));
  EXPECT_TRUE(admitted(throttle, "ola", 3, now));
  EXPECT_TRUE(admitted(throttle, "ola", 3, now));
  // A minute gives one attempt back.
  EXPECT_TRUE(admitted(throttle, "ola", 1, now + 61s));
  EXPECT_FALSE(admitted(throttle, "ola", 1, now + 61s));
}

TEST_F(SignInThrottleTest, ASuccessGivesItsTokensBack) {
  SignInThrottle throttle(*store_, {{1.0 / 60, 2}, {1.0 / 60, 10}, 1000});
  Clock::time_point now = Clock::now();
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(admitted(throttle, "kari", 1, now)) << i;
    ASSERT_TRUE(throttle.succeeded("kari", 1, now).ok());
  }
  EXPECT_EQ(store_->bucket_count().value(), 0) << "a full bucket is forgotten";
}

TEST_F(SignInThrottleTest, AnAccountsBucketIsSharedByEveryServerOnTheStore) {
  // Two throttles on one store are two servers: each knows its own
  // clients, and both count the guesses at one account.
  SignInThrottle first(*store_, {{1.0 / 60, 100}, {1.0 / 60, 4}, 1000});
  SignInThrottle second(*store_, {{1.0 / 60, 100}, {1.0 / 60, 4}, 1000});
  Clock::time_point now = Clock::now();
  EXPECT_TRUE(admitted(first, "kari", 1, now));
  EXPECT_TRUE(admitted(second, "kari", 1, now));
  EXPECT_TRUE(admitted(first, "kari", 1, now));
  EXPECT_TRUE(admitted(second, "kari", 1, now));
  EXPECT_FALSE(admitted(first, "kari", 1, now));
  EXPECT_FALSE(admitted(second, "kari", 1, now));
  EXPECT_EQ(store_->bucket_count().value(), 1);
  // Restarted, the server still remembers them.
  restart();
  SignInThrottle restarted(*store_, {{1.0 / 60, 100}, {1.0 / 60, 4}, 1000});
  EXPECT_FALSE(admitted(restarted, "kari", 1, now + 59s));
  EXPECT_TRUE(admitted(restarted, "kari", 1, now + 60s));
  // Full again after four minutes, the bucket is forgotten at the next
  // attempt.
  EXPECT_TRUE(admitted(restarted, "ola", 1, now + 5min));
  EXPECT_EQ(store_->bucket_count().value(), 1);
}

TEST_F(SignInThrottleTest, AFullTableStillThrottlesNewClients) {
  // Every bucket drained: nothing is near new, yet a new client is tracked.
  SignInThrottle throttle(*store_, {{1.0 / 60, 2}, {1.0 / 60, 1000}, 50});
  Clock::time_point now = Clock::now();
  for (std::uint64_t client = 0; client < 50; ++client) {
    ASSERT_TRUE(admitted(throttle, "kari", client, now));
    ASSERT_TRUE(admitted(throttle, "kari", client, now));
  }
  EXPECT_TRUE(admitted(throttle, "kari", 1000, now));
  EXPECT_TRUE(admitted(throttle, "kari", 1000, now));
  EXPECT_FALSE(admitted(throttle, "kari", 1000, now));
}

TEST_F(SignInThrottleTest, MemoryIsBounded) {
  SignInThrottle throttle(*store_, {{1.0 / 60, 2}, {1.0 / 60, 2}, 100});
  Clock::time_point now = Clock::now();
  for (std::uint64_t client = 0; client < 1000; ++client) {
    EXPECT_TRUE(admitted(throttle, "user" + std::to_string(client), client, now));
    ASSERT_LE(throttle.tracked_clients(), 100u) << client;
  }
}

}  // namespace
}  // namespace parorende::server
