// Monitoring over HTTP against the real server: a round's counts in
// Gjøvik are "fewer than k" (null) until k responses, then exact, with
// complete responses by ISO week and the response rate against
// invitations issued; another municipality's responses never count, and
// every read is in the audit log.
#include <gtest/gtest.h>

#include "staff_fixture.h"

namespace parorende::testing {
namespace {

constexpr std::string_view kProgress = "/api/v1/admin/municipalities/3407/progress";

class ProgressTest : public StaffFixture {
 protected:
  void SetUp() override {
    StaffFixture::SetUp();
    start();
    gjovik_ = signed_in_staff("gjovik", "3407");
  }

  static std::string in(std::string body, std::string_view municipality) {
    body.replace(body.find("0301"), 4, municipality);
    return body;
  }

  // The round "open" as Gjøvik's staff see it.
  boost::json::object open_round() {
    HttpReply read = call("GET", kProgress, "", gjovik_.headers());
    EXPECT_EQ(read.status, 200) << read.body;
    boost::json::value body = read.json();
    EXPECT_EQ(body.at("shown_from").as_int64(), test_options().min_respondents);
    for (const auto& round : body.at("rounds").as_array()) {
      if (round.at("wave").as_string() == "open") return round.as_object();
    }
    ADD_FAILURE() << "no round \"open\" in " << read.body;
    return {};
  }

  StaffLogin gjovik_;
};

TEST_F(ProgressTest, CountsShowFromKOnByWeekAndAgainstInvitations) {
  int k = test_options().min_respondents;
  boost::json::object round = open_round();
  EXPECT_TRUE(round.at("complete").is_null());
  EXPECT_TRUE(round.at("partial").is_null());
  EXPECT_TRUE(round.at("weeks").as_array().empty());
  EXPECT_EQ(round.at("invitations_issued").as_int64(), 0);

  for (int i = 0; i < k - 1; ++i) {
    ASSERT_EQ(call("POST", "/api/v1/waves/open/responses", in(complete_body(), "3407")).status,
              201);
  }
  // Oslo's responses are not Gjøvik's.
  for (int i = 0; i < k; ++i) {
    ASSERT_EQ(call("POST", "/api/v1/waves/open/responses", complete_body()).status, 201);
  }
  round = open_round();
  EXPECT_TRUE(round.at("complete").is_null()) << "k - 1 responses are fewer than k";
  EXPECT_TRUE(round.at("weeks").as_array().empty());

  ASSERT_EQ(call("POST", "/api/v1/waves/open/responses", in(complete_body(), "3407")).status, 201);
  HttpReply made = call("POST", "/api/v1/admin/municipalities/3407/invitations",
                        R"({"wave":"open","label":"Brev","count":40})", gjovik_.headers());
  ASSERT_EQ(made.status, 201) << made.body;
  round = open_round();
  EXPECT_EQ(round.at("complete").as_int64(), k);
  const auto& weeks = round.at("weeks").as_array();
  ASSERT_EQ(weeks.size(), 1u);
  std::string this_week = iso_week(today_utc()).text();
  EXPECT_EQ(weeks[0].at("first").as_string(), this_week);
  EXPECT_EQ(weeks[0].at("last").as_string(), this_week);
  EXPECT_EQ(weeks[0].at("complete").as_int64(), k);
  EXPECT_EQ(round.at("invitations_issued").as_int64(), 40);
  EXPECT_DOUBLE_EQ(round.at("response_rate").as_double(), k / 40.0);
  EXPECT_TRUE(round.at("partial").is_null());

  for (int i = 0; i < k; ++i) {
    ASSERT_EQ(call("POST", "/api/v1/waves/open/responses", in(partial_body(), "3407")).status, 201);
  }
  EXPECT_EQ(open_round().at("partial").as_int64(), k);

  auto reads = store_->audit_entries({0, 0, "account:gjovik", "progress.read"});
  ASSERT_TRUE(reads.ok());
  EXPECT_EQ(reads->size(), 4u);  // one per read above
  EXPECT_EQ((*reads)[0].event.object, "municipality:3407");
}

TEST_F(ProgressTest, StaffOfAnotherMunicipalitySeeNoneOfIt) {
  StaffLogin verdal = signed_in_staff("verdal", "5038", kSecondClient);
  HttpReply read = call_from(kSecondClient, "GET", kProgress, "", verdal.headers());
  EXPECT_EQ(read.status, 403);
  EXPECT_EQ(read.body.find("rounds"), std::string::npos);
  EXPECT_EQ(call_from(kSecondClient, "GET", "/api/v1/admin/municipalities/5038/progress", "",
                      verdal.headers())
                .status,
            200);
  EXPECT_EQ(call("GET", "/api/v1/admin/municipalities/9999/progress", "", gjovik_.headers()).status,
            403);
}

}  // namespace
}  // namespace parorende::testing
