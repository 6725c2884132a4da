// Invitation codes over HTTP against the real server: Gjøvik's staff make a
// batch, a caregiver answers with one code (refused the second time), the
// used count stays "fewer than k" until k, staff of Verdal can neither read
// nor make Gjøvik's batches, and the audit log holds each step.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "staff_fixture.h"

namespace parorende::testing {
namespace {

constexpr std::string_view kGjovik = "/api/v1/admin/municipalities/3407/invitations";

class InvitationsHttpTest : public StaffFixture {
 protected:
  void SetUp() override {
    StaffFixture::SetUp();
    start();
    gjovik_ = signed_in_staff("gjovik", "3407");
  }

  std::vector<std::string> make_batch(int count) {
    HttpReply made =
        call("POST", kGjovik,
             R"({"wave":"open","label":"Brev mars","count":)" + std::to_string(count) + "}",
             gjovik_.headers());
    EXPECT_EQ(made.status, 201) << made.body;
    std::vector<std::string> codes;
    if (made.status != 201) return codes;
    boost::json::value body = made.json();
    for (const auto& entry : body.at("codes").as_array()) {
      codes.emplace_back(entry.at("code").as_string());
      EXPECT_EQ(std::string(entry.at("path").as_string()),
                "/?municipality=3407#/invitation/" + codes.back());
    }
    return codes;
  }

  // A caregiver of Gjøvik's answers, with a code.
  static std::string with_invitation(const std::string& code) {
    std::string body = complete_body();
    body.replace(body.find("0301"), 4, "3407");
    return R"({"invitation":")" + code + "\"," + body.substr(1);
  }

  boost::json::object first_batch() {
    HttpReply listed = call("GET", kGjovik, "", gjovik_.headers());
    EXPECT_EQ(listed.status, 200) << listed.body;
    boost::json::value body = listed.json();
    return body.at("batches").as_array().at(0).as_object();
  }

  StaffLogin gjovik_;
};

TEST_F(InvitationsHttpTest, ACodeFromALetterOpensOneResponseOnce) {
  std::vector<std::string> codes = make_batch(20);
  ASSERT_EQ(codes.size(), 20u);

  HttpReply opens = call("GET", "/api/v1/invitations/" + codes[3]);
  ASSERT_EQ(opens.status, 200) << opens.body;
  EXPECT_EQ(opens.json().at("wave").as_string(), "open");
  EXPECT_EQ(opens.json().at("municipality").as_string(), "3407");

  HttpReply answered = call("POST", "/api/v1/waves/open/responses", with_invitation(codes[3]));
  ASSERT_EQ(answered.status, 201) << answered.body;
  HttpReply again = call("POST", "/api/v1/waves/open/responses", with_invitation(codes[3]));
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_NE(again.body.find("invitation_used"), std::string::npos) << again.body;
  // Whether a code was used is not for anyone who holds the list of codes
  // to look up: only a submission that would be stored learns it.
  EXPECT_EQ(call("GET", "/api/v1/invitations/" + codes[3]).status, 200);
  auto responses = store_->complete_responses("open");
  ASSERT_TRUE(responses.ok());
  ASSERT_EQ(responses->municipalities.size(), 1u);
  EXPECT_EQ(responses->municipalities[0], 3407);

  // Bad codes get a clear answer, never a 5xx.
  EXPECT_EQ(call("GET", "/api/v1/invitations/not-a-code").status, 422);
  EXPECT_EQ(call("GET", "/api/v1/invitations/7XKQ-M2PA-7XKQ-M2PA-7XKQ-M2PA-7XKQ").status, 404);
  EXPECT_EQ(call("POST", "/api/v1/waves/open/responses", with_invitation("x")).status, 422);
  HttpReply not_text = call("POST", "/api/v1/waves/open/responses",
                            R"({"invitation":5,)" + complete_body().substr(1));
  EXPECT_EQ(not_text.status, 422);
  EXPECT_NE(not_text.body.find("\"invitation\""), std::string::npos) << not_text.body;
  // A code is for its wave and municipality only.
  EXPECT_EQ(call("POST", "/api/v1/waves/open/responses",
                 R"({"invitation":")" + codes[4] + "\"," + complete_body().substr(1))
                .status,
            409);
  EXPECT_EQ(call("POST", "/api/v1/waves/oslo_only/responses", with_invitation(codes[4])).status,
            409);
  // Saving a resumed response is not a first submission: no code there.
  HttpReply partial = call("POST", "/api/v1/waves/open/responses", partial_body());
  ASSERT_EQ(partial.status, 201);
  std::string resume(partial.json().at("resume_code").as_string());
  EXPECT_EQ(call("PUT", "/api/v1/responses/resume/" + resume, with_invitation(codes[5])).status,
            422);
  EXPECT_EQ(call("GET", "/api/v1/invitations/" + codes[5]).status, 200);
}

TEST_F(InvitationsHttpTest, UsedCountsShowOnlyWithKUsedAndKUnused) {
  int k = test_options().min_respondents;
  std::vector<std::string> codes = make_batch(2 * k);
  ASSERT_EQ(codes.size(), std::size_t(2 * k));
  for (int i = 0; i < k; ++i) {
    boost::json::object batch = first_batch();
    EXPECT_EQ(batch.at("issued").as_int64(), 2 * k);
    EXPECT_TRUE(batch.at("used").is_null()) << i;
    EXPECT_EQ(batch.at("used_fewer_than").as_int64(), k);
    ASSERT_EQ(
        call("POST", "/api/v1/waves/open/responses", with_invitation(codes[std::size_t(i)])).status,
        201);
  }
  boost::json::object batch = first_batch();
  EXPECT_EQ(batch.at("used").as_int64(), k);
  EXPECT_TRUE(batch.at("used_fewer_than").is_null());
  // One more used leaves fewer than k unused: who has not answered would
  // be as plain as who has.
  ASSERT_EQ(
      call("POST", "/api/v1/waves/open/responses", with_invitation(codes[std::size_t(k)])).status,
      201);
  batch = first_batch();
  EXPECT_TRUE(batch.at("used").is_null());
  EXPECT_EQ(batch.at("used_fewer_than").as_int64(), k);
}

// A round of a questionnaire that raises k (the young carers' survey sets
// 20) holds its batches' used counts to that k too.
TEST_F(InvitationsHttpTest, AQuestionnaireFloorHoldsForUsedCounts) {
  int k = test_options().min_respondents;
  std::string definition = read_text(kSourceDir + "/tests/data/http/survey.json");
  definition.replace(definition.find("\"version\": \"1.0.0\""), 18,
                     "\"version\": \"9.0.0\", \"min_respondents\": " + std::to_string(k + 5));
  ASSERT_TRUE(store_->publish_questionnaire(definition).ok());
  create_wave("floored", {2000, 1, 1}, {2999, 12, 31});
  HttpReply made =
      call("POST", kGjovik, R"({"wave":"floored","label":"Unge","count":40})", gjovik_.headers());
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.json().at("batch").at("used_fewer_than").as_int64(), k + 5);
  boost::json::object batch = first_batch();
  EXPECT_EQ(batch.at("wave").as_string(), "floored");
  EXPECT_EQ(batch.at("used_fewer_than").as_int64(), k + 5);
}

TEST_F(InvitationsHttpTest, StaffOfAnotherMunicipalitySeeAndMakeNothingOfGjoviks) {
  make_batch(2);
  StaffLogin verdal = signed_in_staff("verdal", "5038", kSecondClient);
  HttpReply read = call_from(kSecondClient, "GET", kGjovik, "", verdal.headers());
  EXPECT_EQ(read.status, 403);
  EXPECT_EQ(read.body.find("Brev mars"), std::string::npos);
  HttpReply made = call_from(kSecondClient, "POST", kGjovik,
                             R"({"wave":"open","label":"x","count":1})", verdal.headers());
  EXPECT_EQ(made.status, 403);
  // Their own municipality's list is theirs, and empty.
  HttpReply own = call_from(kSecondClient, "GET", "/api/v1/admin/municipalities/5038/invitations",
                            "", verdal.headers());
  ASSERT_EQ(own.status, 200);
  EXPECT_TRUE(own.json().at("batches").as_array().empty());
  // A change without the session's CSRF token is refused.
  EXPECT_EQ(
      call("POST", kGjovik, R"({"wave":"open","label":"x","count":1})", gjovik_.headers(false))
          .status,
      403);

  auto refused = store_->audit_entries({0, 0, "account:verdal", "access.refused"});
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->size(), 2u);
  auto created = store_->audit_entries({0, 0, "account:gjovik", "invitations.create"});
  ASSERT_TRUE(created.ok());
  ASSERT_EQ(created->size(), 1u);
  EXPECT_EQ((*created)[0].event.object, "municipality:3407");
}

TEST_F(InvitationsHttpTest, ARoundsOpenLinkComesWithItsQrCode) {
  HttpReply link =
      call("GET", "/api/v1/admin/municipalities/3407/open-link/open", "", gjovik_.headers());
  ASSERT_EQ(link.status, 200) << link.body;
  boost::json::value body = link.json();
  EXPECT_EQ(std::string(body.at("url").as_string()),
            test_options().public_url + "/?municipality=3407#/survey/open");
  EXPECT_TRUE(std::string(body.at("qr_svg").as_string()).starts_with("<svg"))
      << body.at("qr_svg").as_string();
  EXPECT_EQ(
      call("GET", "/api/v1/admin/municipalities/3407/open-link/oslo_only", "", gjovik_.headers())
          .status,
      422);
  EXPECT_EQ(
      call("GET", "/api/v1/admin/municipalities/3407/open-link/nowhere", "", gjovik_.headers())
          .status,
      404);
}

TEST_F(InvitationsHttpTest, BadBatchesAreRefusedWithTheirReason) {
  auto make = [&](std::string_view body) { return call("POST", kGjovik, body, gjovik_.headers()); };
  EXPECT_EQ(make(R"({"wave":"open","label":"x","count":0})").status, 422);
  EXPECT_EQ(make(R"({"wave":"open","label":"x","count":2001})").status, 422);
  EXPECT_EQ(make(R"({"wave":"open","label":"x","count":"20"})").status, 422);
  EXPECT_EQ(make(R"({"wave":"open","label":"","count":2})").status, 422);
  EXPECT_EQ(make(R"({"wave":"nowhere","label":"x","count":2})").status, 404);
  EXPECT_EQ(make(R"({"wave":"closed","label":"x","count":2})").status, 409);
  EXPECT_EQ(make(R"({"wave":"oslo_only","label":"x","count":2})").status, 422);
  EXPECT_EQ(make(R"({"label":"x","count":2})").status, 422);
  EXPECT_EQ(make("[1]").status, 422);
  HttpReply listed = call("GET", kGjovik, "", gjovik_.headers());
  ASSERT_EQ(listed.status, 200);
  EXPECT_TRUE(listed.json().at("batches").as_array().empty());
  // The refusals of the store (not of the body's form) are in the audit
  // log with their reason.
  auto entries = store_->audit_entries({0, 0, "account:gjovik", "invitations.create"});
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 4u) << "the empty label, the unknown, closed and another's wave";
  EXPECT_EQ((*entries)[1].event.detail, "wave_not_found, wave nowhere");
  for (const AuditEntry& entry : *entries) EXPECT_EQ(entry.event.outcome, AuditOutcome::refused);
}

TEST_F(InvitationsHttpTest, ARoundThatTracksParticipationListsTheUnansweredLetters) {
  // http_survey 2.0.0: its consent tells caregivers their letter's answer
  // is seen, for reminders.
  boost::json::object definition =
      boost::json::parse(read_text(kSourceDir + "/tests/data/http/survey.json")).as_object();
  definition["version"] = "2.0.0";
  definition["consent"].as_object()["tracks_participation"] = true;
  ASSERT_TRUE(store_->publish_questionnaire(boost::json::serialize(definition)).ok());
  StaffLogin admin = signed_in_admin("anna");
  std::string round =
      R"({"name": "reminded", "questionnaire": "http_survey", "version": "VERSION",)"
      R"( "opens": "2000-01-01", "closes": "2999-12-31", "participation_tracked": true})";
  std::string told_nothing = round;
  told_nothing.replace(told_nothing.find("VERSION"), 7, "1.0.0");
  HttpReply refused = call("POST", "/api/v1/admin/waves", told_nothing, admin.headers());
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("participation_not_consented"), std::string::npos);
  round.replace(round.find("VERSION"), 7, "2.0.0");
  HttpReply opened = call("POST", "/api/v1/admin/waves", round, admin.headers());
  ASSERT_EQ(opened.status, 201) << opened.body;
  EXPECT_TRUE(opened.json().at("wave").at("participation_tracked").as_bool());

  HttpReply made =
      call("POST", kGjovik, R"({"wave":"reminded","label":"Brev","count":4})", gjovik_.headers());
  ASSERT_EQ(made.status, 201) << made.body;
  boost::json::value batch = made.json();
  EXPECT_TRUE(batch.at("batch").at("participation_tracked").as_bool());
  std::int64_t id = batch.at("batch").at("id").as_int64();
  std::string letter_three(batch.at("codes").at(2).at("code").as_string());
  HttpReply answered =
      call("POST", "/api/v1/waves/reminded/responses", with_invitation(letter_three));
  ASSERT_EQ(answered.status, 201) << answered.body;

  std::string unused_route = std::string(kGjovik) + "/" + std::to_string(id) + "/unused";
  HttpReply unused = call("GET", unused_route, "", gjovik_.headers());
  ASSERT_EQ(unused.status, 200) << unused.body;
  EXPECT_EQ(boost::json::serialize(unused.json().at("unused")), "[1,2,4]");
  EXPECT_EQ(first_batch().at("used").as_int64(), 1) << "its letters are listed anyway";
  StaffLogin verdal = signed_in_staff("verdal", "5038");
  EXPECT_EQ(call("GET", unused_route, "", verdal.headers()).status, 403);
  EXPECT_EQ(
      call("GET", "/api/v1/admin/municipalities/5038/invitations/" + std::to_string(id) + "/unused",
           "", verdal.headers())
          .status,
      404)
      << "not Verdal's batch";

  // A round that does not track participation never lists its letters.
  make_batch(3);
  std::int64_t untracked = first_batch().at("id").as_int64();
  HttpReply not_tracked =
      call("GET", std::string(kGjovik) + "/" + std::to_string(untracked) + "/unused", "",
           gjovik_.headers());
  EXPECT_EQ(not_tracked.status, 403) << not_tracked.body;
  EXPECT_NE(not_tracked.body.find("participation_not_tracked"), std::string::npos);
  EXPECT_EQ(call("GET", std::string(kGjovik) + "/x1/unused", "", gjovik_.headers()).status, 404);

  auto entries = store_->audit_entries({0, 0, "account:gjovik", "invitations.unused"});
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 3u) << "the list and the two refusals";
  EXPECT_EQ((*entries)[0].event.detail, "3 unused");
  EXPECT_EQ((*entries)[1].event.detail, "participation_not_tracked");
  EXPECT_EQ((*entries)[2].event.detail, "invitation_batch_not_found");
}

}  // namespace
}  // namespace parorende::testing
