// The audit log: entries chained by hash, refused changes from the
// application's own connections, and every kind of tampering with the file
// (a field changed, an entry removed, entries swapped, the newest removed)
// found and named by verification.
#include "store/audit.h"

#include <gtest/gtest.h>

#include <thread>

#include "store/internal/connection.h"
#include "store_test_support.h"

namespace parorende {
namespace {

using testing::describe_result;

AuditEvent event(std::string actor, std::string action, std::string object) {
  return {std::move(actor), std::move(action), std::move(object), AuditOutcome::success, ""};
}

class AuditLogTest : public testing::StoreFixture {
 protected:
  void record(int count) {
    for (int i = 0; i < count; ++i) {
      auto recorded =
          store_->record_audit({"shell:anna", "wave.create", "wave:w" + std::to_string(i),
                                AuditOutcome::success, "entry " + std::to_string(i + 1)});
      ASSERT_TRUE(recorded.ok()) << describe_result(recorded);
    }
  }

  // Changes the database as someone with sqlite3 or psql would: the
  // triggers first.
  void tamper(const std::string& sql) {
    auto connection = connect_directly();
    ASSERT_TRUE(connection.ok());
    auto changed =
        connection.value()->execute((database_ ? "ALTER TABLE audit_log DISABLE TRIGGER USER;"
                                               : "DROP TRIGGER IF EXISTS audit_log_no_update;"
                                                 " DROP TRIGGER IF EXISTS audit_log_no_delete;") +
                                    sql);
    ASSERT_TRUE(changed.ok()) << describe_result(changed);
  }

  // The first entry that does not verify, or 0 when all do.
  std::int64_t first_broken() {
    auto verification = store_->verify_audit();
    EXPECT_TRUE(verification.ok()) << describe_result(verification);
    if (!verification.ok() || !verification->first_broken) return 0;
    return *verification->first_broken;
  }
};

TEST_F(AuditLogTest, EntriesAreNumberedChainedAndVerify) {
  record(5);
  auto entries = store_->audit_entries({});
  ASSERT_TRUE(entries.ok()) << describe_result(entries);
  ASSERT_EQ(entries->size(), 5u);
  EXPECT_EQ(entries->front().previous_hash, kAuditGenesisHash);
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const AuditEntry& entry = (*entries)[i];
    EXPECT_EQ(entry.number, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(entry.hash, audit_entry_hash(entry));
    EXPECT_EQ(entry.at.size(), 20u) << entry.at;  // 2026-12-02T12:40:05Z
    if (i > 0) {
      EXPECT_EQ(entry.previous_hash, (*entries)[i - 1].hash);
    }
  }
  auto verification = store_->verify_audit();
  ASSERT_TRUE(verification.ok());
  EXPECT_EQ(verification->entries, 5);
  EXPECT_FALSE(verification->first_broken) << verification->problem;
}

TEST_F(AuditLogTest, AnEmptyLogVerifies) { EXPECT_EQ(first_broken(), 0); }

TEST_F(AuditLogTest, TheApplicationsConnectionsCannotChangeOrRemoveEntries) {
  record(2);
  auto connection = connect_directly();
  ASSERT_TRUE(connection.ok());
  EXPECT_FALSE(connection.value()->execute("UPDATE audit_log SET actor = 'x'").ok());
  EXPECT_FALSE(connection.value()->execute("DELETE FROM audit_log WHERE number = 2").ok());
  EXPECT_EQ(first_broken(), 0);
}

TEST_F(AuditLogTest, EveryChangedFieldIsFoundAtItsEntry) {
  record(4);
  for (std::string column :
       {"at", "actor", "action", "object", "outcome", "detail", "previous_hash", "hash"}) {
    SCOPED_TRACE(column);
    auto connection = connect_directly();
    ASSERT_TRUE(connection.ok());
    auto select =
        connection.value()->statement("SELECT " + column + " FROM audit_log WHERE number = 3");
    ASSERT_TRUE(select.ok());
    ASSERT_TRUE(select->step().value());
    std::string original(select->text(0));
    select->reset();
    std::string changed = column == "outcome" ? "refused" : original + "x";
    tamper("UPDATE audit_log SET " + column + " = '" + changed + "' WHERE number = 3");
    EXPECT_EQ(first_broken(), 3);
    tamper("UPDATE audit_log SET " + column + " = '" + original + "' WHERE number = 3");
    EXPECT_EQ(first_broken(), 0);
  }
}

TEST_F(AuditLogTest, AnOutcomeThatIsNotOursIsFoundToo) {
  record(2);
  tamper("UPDATE audit_log SET outcome = 'whatever' WHERE number = 2");
  EXPECT_EQ(first_broken(), 2);
}

TEST_F(AuditLogTest, ARemovedEntryIsFoundWhereItWas) {
  record(5);
  tamper("DELETE FROM audit_log WHERE number = 3");
  EXPECT_EQ(first_broken(), 3);
}

TEST_F(AuditLogTest, RenumberingAfterARemovalIsFound) {
  record(5);
  tamper(
      "DELETE FROM audit_log WHERE number = 3;"
      "UPDATE audit_log SET number = number - 1 WHERE number > 3");
  EXPECT_EQ(first_broken(), 3);
}

TEST_F(AuditLogTest, RemovingTheNewestEntriesIsFound) {
  record(5);
  tamper("DELETE FROM audit_log WHERE number >= 4");
  auto verification = store_->verify_audit();
  ASSERT_TRUE(verification.ok());
  ASSERT_TRUE(verification->first_broken);
  EXPECT_EQ(*verification->first_broken, 4);
  EXPECT_NE(verification->problem.find("entries 4 to 5"), std::string::npos)
      << verification->problem;
}

TEST_F(AuditLogTest, SwappedEntriesAreFound) {
  record(4);
  // Entries 2 and 3 trade places: every column but the number.
  tamper(
      "CREATE TEMP TABLE saved AS SELECT * FROM audit_log WHERE number IN (2, 3);"
      "UPDATE audit_log SET (at, actor, action, object, outcome, detail, previous_hash, hash) ="
      " (SELECT at, actor, action, object, outcome, detail, previous_hash, hash FROM saved"
      "  WHERE saved.number = 5 - audit_log.number) WHERE number IN (2, 3)");
  EXPECT_EQ(first_broken(), 2);
}

TEST_F(AuditLogTest, AHeadThatDisagreesWithTheNewestEntryIsFound) {
  record(3);
  tamper(
      "DELETE FROM audit_log WHERE number = 3;"
      "UPDATE audit_head SET entries = 2, hash = (SELECT hash FROM audit_log WHERE number = 2)");
  // Consistent again: the removal of the newest entry with the head rewritten
  // is what a hash chain alone cannot show; the head is the last line.
  EXPECT_EQ(first_broken(), 0);
  tamper("UPDATE audit_head SET entries = 3");
  EXPECT_EQ(first_broken(), 3);
}

TEST_F(AuditLogTest, EntriesFromManyThreadsFormOneChain) {
  constexpr int kThreads = 8;
  constexpr int kEach = 40;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        auto recorded = store_->record_audit(
            event("shell:t" + std::to_string(t), "offers.import", "municipality:0301"));
        EXPECT_TRUE(recorded.ok()) << describe_result(recorded);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  auto verification = store_->verify_audit();
  ASSERT_TRUE(verification.ok());
  EXPECT_EQ(verification->entries, kThreads * kEach);
  EXPECT_FALSE(verification->first_broken) << verification->problem;
}

TEST_F(AuditLogTest, BadFieldsAreRefusedAndNothingIsWritten) {
  struct Case {
    AuditEvent event;
    std::string field;
  };
  std::vector<Case> cases = {
      {event("", "wave.create", "wave:w"), "actor"},
      {event("shell:anna", "", "wave:w"), "action"},
      {event("shell:anna", "wave.create", ""), "object"},
      {{"shell:anna", "wave.create", "wave:w", AuditOutcome::success, std::string(1001, 'x')},
       "detail"},
      {event("shell:anna\n", "wave.create", "wave:w"), "actor"},
      {event("shell:anna", "wave.create", std::string("wave:\0w", 7)), "object"},
  };
  for (const Case& bad : cases) {
    SCOPED_TRACE(bad.field);
    auto recorded = store_->record_audit(bad.event);
    ASSERT_FALSE(recorded.ok());
    EXPECT_EQ(recorded.error().code, "invalid_argument");
    ASSERT_FALSE(recorded.error().problems.empty());
    EXPECT_EQ(recorded.error().problems.front().where, bad.field);
  }
  EXPECT_TRUE(store_->audit_entries({})->empty());
}

TEST_F(AuditLogTest, AQuerySelectsByActorActionAndPosition) {
  record(3);
  ASSERT_TRUE(store_->record_audit(event("shell:bo", "offers.import", "municipality:0301")).ok());
  EXPECT_EQ(store_->audit_entries({0, 0, "shell:bo", ""})->size(), 1u);
  EXPECT_EQ(store_->audit_entries({0, 0, "", "wave.create"})->size(), 3u);
  auto page = store_->audit_entries({1, 2, "", ""});
  ASSERT_EQ(page->size(), 2u);
  EXPECT_EQ(page->front().number, 2);
}

// The chain on its own, without a store.
TEST(AuditChain, ARecordedEndBeyondTheEntriesIsFound) {
  AuditEntry first;
  first.number = 1;
  first.at = "2026-12-02T12:00:00Z";
  first.event = event("shell:anna", "wave.create", "wave:w");
  first.previous_hash = std::string(kAuditGenesisHash);
  first.hash = audit_entry_hash(first);
  std::vector<AuditEntry> entries{first};
  EXPECT_FALSE(verify_audit_chain(entries, {1, first.hash}).first_broken);
  EXPECT_EQ(verify_audit_chain(entries, {2, first.hash}).first_broken, 2);
  EXPECT_EQ(verify_audit_chain(entries, {1, std::string(kAuditGenesisHash)}).first_broken, 1);
  EXPECT_EQ(verify_audit_chain({}, {0, std::string(kAuditGenesisHash)}).first_broken, std::nullopt);
}

TEST(AuditChain, FieldsCannotBeShiftedIntoOneAnother) {
  AuditEntry entry;
  entry.number = 1;
  entry.at = "2026-12-02T12:00:00Z";
  entry.previous_hash = std::string(kAuditGenesisHash);
  entry.event = event("shell:a", "b", "c");
  AuditEntry shifted = entry;
  shifted.event = event("shell:", "ab", "c");
  EXPECT_NE(audit_entry_hash(entry), audit_entry_hash(shifted));
}

}  // namespace
}  // namespace parorende
