// Invitation batches and one-time codes against a real SQLite file.
#include <gtest/gtest.h>

#include <atomic>
#include <boost/json/serialize.hpp>
#include <fstream>
#include <iterator>
#include <set>
#include <thread>

#include "store/internal/connection.h"
#include "store/internal/secret_code.h"
#include "store/response_store.h"
#include "store_test_support.h"

namespace parorende {
namespace {

using testing::describe_result;
using testing::kCloses;
using testing::kConsent;
using testing::kOpens;
using testing::kToday;

class InvitationsTest : public testing::StoreFixture {
 protected:
  IssuedInvitations issue(int count, std::string wave = "west", std::string municipality = "4601") {
    auto issued = store_->create_invitations({wave, municipality, "Letters", count}, kToday);
    EXPECT_TRUE(issued.ok()) << describe_result(issued);
    return issued.ok() ? std::move(issued).value() : IssuedInvitations{};
  }
};

TEST_F(InvitationsTest, CodesCarryAtLeast128RandomBitsAndOnlyTheirHashesAreStored) {
  IssuedInvitations issued = issue(50);
  ASSERT_EQ(issued.codes.size(), 50u);
  EXPECT_EQ(issued.batch.issued, 50);
  std::set<std::string> canonical_codes;
  for (const std::string& code : issued.codes) {
    auto canonical = normalize_secret_code(code);
    ASSERT_TRUE(canonical) << code;
    canonical_codes.insert(*canonical);
  }
  EXPECT_EQ(canonical_codes.size(), 50u) << "codes repeat";
  // 28 Crockford symbols of 5 bits; the first two are the issue bucket.
  EXPECT_GE((kSecretCodeSymbols - 2) * 5, 128u);

  std::set<std::string> stored;
  {
    auto connection = connect_directly();
    ASSERT_TRUE(connection.ok());
    auto select = connection.value()->statement("SELECT code_hash FROM invitation_codes");
    ASSERT_TRUE(select.ok());
    while (select->step().value()) {
      auto blob = select->blob(0);
      stored.insert(std::string(blob.begin(), blob.end()));
    }
  }
  ASSERT_EQ(stored.size(), 50u);
  for (const std::string& canonical : canonical_codes) {
    Sha256Digest digest = hash_secret_code(CodeKind::invitation, canonical).digest;
    EXPECT_TRUE(stored.count(std::string(digest.begin(), digest.end()))) << canonical;
  }
  // Neither the database nor its WAL holds a code as text (on either engine).
  std::string bytes = stored_bytes();
  ASSERT_FALSE(bytes.empty());
  for (const std::string& canonical : canonical_codes) {
    EXPECT_EQ(bytes.find(canonical), std::string::npos);
    EXPECT_EQ(bytes.find(canonical.substr(2, 12)), std::string::npos);
  }
}

TEST_F(InvitationsTest, ACodeOpensOneResponseOnceAndGivesItsMunicipality) {
  IssuedInvitations issued = issue(3);
  const std::string& code = issued.codes[1];
  auto target = store_->invitation(code);
  ASSERT_TRUE(target.ok()) << describe_result(target);
  EXPECT_EQ(target->wave_name, "west");
  EXPECT_EQ(target->municipality, "4601");

  // Typed in lower case without dashes, as a caregiver might.
  std::string typed;
  for (char symbol : code) {
    if (symbol != '-') typed += static_cast<char>(std::tolower(symbol));
  }
  // A response that names no municipality gets the invitation's.
  auto first = store_->submit("west", response(R"({"heard": 2})", Completeness::partial, ""),
                              kConsent, kToday, typed);
  ASSERT_TRUE(first.ok()) << describe_result(first);
  auto resumed = store_->resume(first->resume_code, kToday);
  ASSERT_TRUE(resumed.ok()) << describe_result(resumed);
  EXPECT_EQ(resumed->response.municipality, "4601");

  auto again = store_->submit("west", complete_response("4601"), kConsent, kToday, code);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "invitation_used");
  // Only a submission learns that a code was used; what it opens is told
  // for used and unused codes alike.
  EXPECT_TRUE(store_->invitation(code).ok());
  auto mistaken =
      store_->submit("west", complete_response("4601"), "another consent", kToday, code);
  ASSERT_FALSE(mistaken.ok());
  EXPECT_EQ(mistaken.error().code, "consent_mismatch") << "a mistaken body learns nothing";
  // The other codes of the batch still work.
  EXPECT_TRUE(store_->invitation(issued.codes[0]).ok());

  auto batches = store_->invitation_batches("4601");
  ASSERT_TRUE(batches.ok());
  ASSERT_EQ(batches->size(), 1u);
  EXPECT_EQ((*batches)[0].used, 1);
  EXPECT_EQ((*batches)[0].issued, 3);
}

TEST_F(InvitationsTest, OfManySubmissionsWithOneCodeAtOnceExactlyOneIsStored) {
  IssuedInvitations issued = issue(1);
  const std::string code = issued.codes[0];
  std::atomic<int> stored{0};
  std::atomic<int> refused_as_used{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      auto submitted = store_->submit("west", complete_response("4601"), kConsent, kToday, code);
      if (submitted.ok()) ++stored;
      if (!submitted.ok() && submitted.error().code == "invitation_used") ++refused_as_used;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(stored.load(), 1);
  EXPECT_EQ(refused_as_used.load(), 7);
  auto responses = store_->complete_responses("west");
  ASSERT_TRUE(responses.ok());
  EXPECT_EQ(responses->municipalities.size(), 1u);
}

TEST_F(InvitationsTest, ACodeOnlyOpensItsOwnWaveAndMunicipality) {
  IssuedInvitations issued = issue(1);
  const std::string& code = issued.codes[0];
  auto other_wave = store_->submit("spring", complete_response("4601"), kConsent, kToday, code);
  ASSERT_FALSE(other_wave.ok());
  EXPECT_EQ(other_wave.error().code, "invitation_mismatch");
  auto other_place = store_->submit("west", complete_response("5001"), kConsent, kToday, code);
  ASSERT_FALSE(other_place.ok());
  EXPECT_EQ(other_place.error().code, "invitation_mismatch");
  // A refused submission leaves the code unused.
  EXPECT_TRUE(store_->invitation(code).ok());

  EXPECT_EQ(store_->invitation("7XKQ-M2PA-7XKQ-M2PA-7XKQ-M2PA-7XKQ").error().code,
            "invitation_not_found");
  EXPECT_EQ(store_->invitation("not a code").error().code, "invalid_code");
  // A resume code is not an invitation code, though both look alike.
  auto partial = store_->submit("spring", partial_response(), kConsent, kToday);
  ASSERT_TRUE(partial.ok());
  EXPECT_EQ(store_->invitation(partial->resume_code).error().code, "invitation_not_found");
}

TEST_F(InvitationsTest, ABatchIsCheckedBeforeAnyCodeIsMade) {
  auto refused = [&](NewInvitationBatch spec, Date today = kToday) {
    auto made = store_->create_invitations(spec, today);
    return made.ok() ? std::string("made") : made.error().code;
  };
  EXPECT_EQ(refused({"west", "4601", "Letters", 0}), "invalid_argument");
  EXPECT_EQ(refused({"west", "4601", "Letters", kMaxInvitationsPerBatch + 1}), "invalid_argument");
  EXPECT_EQ(refused({"west", "4601", "", 5}), "invalid_argument");
  EXPECT_EQ(refused({"west", "4601", std::string(101, 'x'), 5}), "invalid_argument");
  EXPECT_EQ(refused({"west", "4601", "Tab\there", 5}), "invalid_argument");
  // 100 characters of two bytes each is a label of 100 characters.
  std::string hundred_characters;
  for (int i = 0; i < 100; ++i) hundred_characters += "å";
  EXPECT_EQ(refused({"west", "4601", hundred_characters, 1}), "made");
  EXPECT_EQ(refused({"west", "3407", "Letters", 5}), "municipality_not_in_wave");
  EXPECT_EQ(refused({"west", "9999", "Letters", 5}), "unknown_municipality");
  EXPECT_EQ(refused({"autumn", "4601", "Letters", 5}), "wave_not_found");
  Date after_closing{2026, 5, 1};
  ASSERT_LT(kCloses, after_closing);
  EXPECT_EQ(refused({"west", "4601", "Letters", 5}, after_closing), "wave_closed");

  auto batches = store_->invitation_batches("4601");
  ASSERT_TRUE(batches.ok());
  EXPECT_EQ(batches->size(), 1u);
}

TEST_F(InvitationsTest, BatchesAreListedPerMunicipalityNewestFirst) {
  issue(2, "west", "4601");
  issue(4, "spring", "3407");
  issue(3, "spring", "4601");
  auto batches = store_->invitation_batches("4601");
  ASSERT_TRUE(batches.ok());
  ASSERT_EQ(batches->size(), 2u);
  EXPECT_EQ((*batches)[0].wave_name, "spring");
  EXPECT_EQ((*batches)[0].issued, 3);
  EXPECT_EQ((*batches)[1].wave_name, "west");
  EXPECT_EQ((*batches)[0].created_on, kToday);
  EXPECT_EQ((*batches)[0].used, 0);
}

// A round that tracks participation numbers its letters and lists the
// unused ones; any other round keeps no number a list could be matched with.
TEST_F(InvitationsTest, OnlyARoundThatTracksParticipationNumbersItsLetters) {
  WaveSpec tracked{"tracked", "small_survey", {}, kOpens, kCloses, {}};
  tracked.participation_tracked = true;
  EXPECT_EQ(store_->create_wave(tracked).error().code, "participation_not_consented");
  auto definition = boost::json::parse(testing::small_survey_text()).as_object();
  definition["version"] = "1.1.0";
  definition["consent"].as_object()["tracks_participation"] = true;
  ASSERT_TRUE(store_->publish_questionnaire(boost::json::serialize(definition)).ok());
  tracked.questionnaire_version = "1.1.0";
  auto wave = store_->create_wave(tracked);
  ASSERT_TRUE(wave.ok()) << describe_result(wave);
  EXPECT_TRUE(wave->participation_tracked);

  IssuedInvitations letters = issue(5, "tracked", "0301");
  EXPECT_TRUE(letters.batch.participation_tracked);
  IssuedInvitations untracked = issue(3, "spring", "0301");
  EXPECT_FALSE(untracked.batch.participation_tracked);
  Response answered = complete_response("0301");
  answered.questionnaire_version = "1.1.0";  // the same questions
  for (std::size_t letter : {1u, 3u}) {
    auto submitted = store_->submit("tracked", answered, kConsent, kToday, letters.codes[letter]);
    ASSERT_TRUE(submitted.ok()) << describe_result(submitted);
  }
  auto unused = store_->unused_invitation_letters(letters.batch.id, "0301");
  ASSERT_TRUE(unused.ok()) << describe_result(unused);
  EXPECT_EQ(*unused, (std::vector<std::int64_t>{1, 3, 5})) << "letters 2 and 4 were answered";

  EXPECT_EQ(store_->unused_invitation_letters(untracked.batch.id, "0301").error().code,
            "participation_not_tracked");
  EXPECT_EQ(store_->unused_invitation_letters(letters.batch.id, "4601").error().code,
            "invitation_batch_not_found");
  EXPECT_EQ(store_->unused_invitation_letters(999, "0301").error().code,
            "invitation_batch_not_found");
  auto batches = store_->invitation_batches("0301");
  ASSERT_TRUE(batches.ok());
  ASSERT_EQ(batches->size(), 2u);
  EXPECT_FALSE((*batches)[0].participation_tracked);
  EXPECT_TRUE((*batches)[1].participation_tracked);

  // In the file: numbers only in the tracked round's batch.
  auto connection = connect_directly();
  ASSERT_TRUE(connection.ok());
  auto numbered = connection.value()->query_int(
      "SELECT count(*) FROM invitation_codes WHERE letter IS NOT NULL AND batch = " +
      std::to_string(letters.batch.id));
  EXPECT_EQ(numbered.value(), 5);
  auto unnumbered = connection.value()->query_int(
      "SELECT count(*) FROM invitation_codes WHERE letter IS NOT NULL AND batch = " +
      std::to_string(untracked.batch.id));
  EXPECT_EQ(unnumbered.value(), 0);
}

}  // namespace
}  // namespace parorende
