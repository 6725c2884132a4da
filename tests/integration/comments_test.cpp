// Caregivers' comments over HTTP against the real server: Gjøvik's staff
// read a shared round's comments, masked, after it closed; a round whose
// consent did not say so never reveals a comment through any route, to
// anyone; staff of another municipality and national administrators are
// refused; every read is in the audit log.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <tuple>

#include "documented_routes.h"
#include "questionnaire/response_validation.h"
#include "staff_fixture.h"

namespace parorende::testing {
namespace {

namespace json = boost::json;

// In a round of http_survey 1.0.0, whose consent says nothing of comments,
// and in a round of 1.1.0 that was not opened to share them.
constexpr std::string_view kUnsharedMarker = "UNSHARED-COMMENT";
constexpr std::string_view kQuietMarker = "QUIET-COMMENT";

class CommentsTest : public StaffFixture {
 protected:
  void SetUp() override {
    StaffFixture::SetUp();
    // http_survey 1.1.0: its consent tells caregivers their municipality
    // reads their comments.
    json::object definition =
        json::parse(read_text(kSourceDir + "/tests/data/http/survey.json")).as_object();
    definition["version"] = "1.1.0";
    definition["consent"].as_object()["version"] = "2026-2";
    definition["consent"].as_object()["shares_comments"] = true;
    ASSERT_TRUE(store_->publish_questionnaire(json::serialize(definition)).ok());
    // Every round has closed; only "shared" shares comments.
    for (auto [name, version, shared] : {std::tuple{"shared", "1.1.0", true},
                                         {"quiet", "1.1.0", false},
                                         {"unshared", "1.0.0", false}}) {
      auto wave = store_->create_wave(
          {name, "http_survey", version, {2001, 1, 1}, {2001, 12, 31}, {}, shared});
      ASSERT_TRUE(wave.ok()) << wave.error().describe();
    }
    int k = test_options().min_respondents;
    for (int i = 0; i < k; ++i) {
      import("shared", "3407", "Mer avlastning, ring 4" + std::to_string(i) + " 11 22 33");
      import("quiet", "3407", std::string(kQuietMarker) + " " + std::to_string(i));
      import("unshared", "3407", std::string(kUnsharedMarker) + " " + std::to_string(i), "1.0.0");
    }
    import("shared", "3411", "Ringsaker sin kommentar");
    start();
  }

  void import(const std::string& wave, const std::string& municipality, const std::string& comment,
              const std::string& version = "1.1.0") {
    json::object document{{"language", "nb"},
                          {"municipality", municipality},
                          {"answers",
                           {{"municipality", municipality},
                            {"relation", 2},
                            {"children", false},
                            {"strain_sleep", 2},
                            {"strain_money", 3},
                            {"comment", comment}}}};
    auto questionnaire = store_->questionnaire("http_survey", version);
    ASSERT_TRUE(questionnaire.ok());
    auto response = validate_response(*questionnaire.value(), document);
    ASSERT_TRUE(response.ok()) << response.error().describe();
    std::vector<ImportedResponse> batch{
        {std::move(response).value(), questionnaire.value()->consent->version}};
    ASSERT_TRUE(store_->import_responses(wave, batch, {2001, 6, 1}).ok());
  }

  static std::string comments_of(std::string_view wave, std::string_view municipality = "3407") {
    return "/api/v1/admin/municipalities/" + std::string(municipality) + "/waves/" +
           std::string(wave) + "/comments";
  }
};

TEST_F(CommentsTest, GjoviksStaffReadTheSharedRoundsCommentsMasked) {
  StaffLogin gjovik = signed_in_staff("gjovik", "3407");
  HttpReply read = call("GET", comments_of("shared") + "?lang=en", "", gjovik.headers());
  ASSERT_EQ(read.status, 200) << read.body;
  json::value body = read.json();
  EXPECT_TRUE(body.at("withheld").is_null());
  EXPECT_EQ(body.at("language").as_string(), "en");
  ASSERT_EQ(body.at("items").as_array().size(), 1u);
  EXPECT_EQ(body.at("items").at(0).at("id").as_string(), "comment");
  const json::array& comments = body.at("comments").as_array();
  ASSERT_EQ(comments.size(), static_cast<std::size_t>(test_options().min_respondents));
  for (const json::value& comment : comments) {
    EXPECT_EQ(comment.at("text").as_string(), "Mer avlastning, ring ## ## ## ##");
  }
  EXPECT_EQ(read.body.find("Ringsaker"), std::string::npos) << "another municipality's comment";

  auto entries = store_->audit_entries({0, 0, "account:gjovik", "comments.read"});
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].event.object, "municipality:3407/wave:shared");
  EXPECT_EQ((*entries)[0].event.detail, std::to_string(comments.size()) + " shown");
}

TEST_F(CommentsTest, UnderKAndInOpenRoundsNothingIsSaid) {
  StaffLogin ringsaker = signed_in_staff("ringsaker", "3411");
  HttpReply few = call("GET", comments_of("shared", "3411"), "", ringsaker.headers());
  ASSERT_EQ(few.status, 200) << few.body;
  EXPECT_EQ(few.json().at("withheld").as_string(), "fewer_than_k");
  EXPECT_TRUE(few.json().at("comments").as_array().empty());
  EXPECT_EQ(few.body.find("Ringsaker sin"), std::string::npos);

  // Through the API a round that shares them opens only under a consent
  // that said so.
  StaffLogin admin = signed_in_admin("anna");
  HttpReply refused =
      call("POST", "/api/v1/admin/waves",
           R"({"name": "told nothing", "questionnaire": "http_survey", "version": "1.0.0",)"
           R"( "opens": "2999-01-01", "closes": "2999-12-31", "comments_shared": true})",
           admin.headers());
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("comments_not_consented"), std::string::npos) << refused.body;
  HttpReply opened =
      call("POST", "/api/v1/admin/waves",
           R"({"name": "told", "questionnaire": "http_survey", "version": "1.1.0",)"
           R"( "opens": "2000-01-01", "closes": "2999-12-31", "comments_shared": true})",
           admin.headers());
  ASSERT_EQ(opened.status, 201) << opened.body;
  EXPECT_TRUE(opened.json().at("wave").at("comments_shared").as_bool());
  HttpReply open = call("GET", comments_of("told", "3411"), "", ringsaker.headers());
  ASSERT_EQ(open.status, 200) << open.body;
  EXPECT_EQ(open.json().at("withheld").as_string(), "round_open");
}

TEST_F(CommentsTest, OnlyTheMunicipalitysOwnStaffMayRead) {
  StaffLogin verdal = signed_in_staff("verdal", "5038");
  StaffLogin admin = signed_in_admin("anna");
  for (StaffLogin* caller : {&verdal, &admin}) {
    HttpReply refused = call("GET", comments_of("shared"), "", caller->headers());
    EXPECT_EQ(refused.status, 403) << caller->username << ": " << refused.body;
    EXPECT_EQ(refused.body.find("avlastning"), std::string::npos);
  }
  EXPECT_EQ(call("GET", comments_of("shared")).status, 401);
}

TEST_F(CommentsTest, ARoundWhoseConsentDidNotSayItNeverRevealsAComment) {
  StaffLogin gjovik = signed_in_staff("gjovik", "3407");
  for (const char* wave : {"unshared", "quiet"}) {
    HttpReply refused = call("GET", comments_of(wave), "", gjovik.headers());
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_NE(refused.body.find("comments_not_shared"), std::string::npos) << refused.body;
  }
  auto entries = store_->audit_entries({0, 0, "account:gjovik", "comments.read"});
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 2u);
  for (const AuditEntry& entry : *entries) EXPECT_EQ(entry.event.outcome, AuditOutcome::refused);

  // Every GET route of the authorization matrix, for these rounds and
  // Gjøvik, as anyone, as Gjøvik's staff, as a national administrator and
  // as a researcher of the round; and every export table. The rounds'
  // results are published, so the routes answer with what they hold.
  StaffLogin admin = signed_in_admin("anna");
  StaffLogin researcher =
      add_account("rita", {{Role::researcher, "unshared", Date{2999, 12, 31}}}, true);
  ASSERT_EQ(sign_in(researcher).status, 200);
  for (const char* wave : {"unshared", "quiet"}) {
    HttpReply results = call("GET", "/api/v1/waves/" + std::string(wave) + "/results");
    ASSERT_EQ(results.status, 200) << wave << ": " << results.body;
  }
  std::vector<std::string> targets;
  for (const char* wave : {"unshared", "quiet"}) {
    for (const MatrixRow& row : documented_rows()) {
      if (row.method != "GET") continue;
      std::string target = row.pattern;
      for (auto [placeholder, value] : {std::pair{"{wave}", wave},
                                        {"{municipality}", "3407"},
                                        {"{code}", "3407"},
                                        {"{id}", "http_survey"},
                                        {"{questionnaire}", "http_survey"}}) {
        for (std::size_t at; (at = target.find(placeholder)) != std::string::npos;) {
          target.replace(at, std::string_view(placeholder).size(), value);
        }
      }
      targets.push_back(target);
    }
    for (const char* table :
         {"codebook", "municipality_scale", "county_scale", "background_scale"}) {
      for (const char* format : {"csv", "json"}) {
        targets.push_back("/api/v1/waves/" + std::string(wave) + "/export?table=" + table +
                          "&format=" + format);
      }
    }
  }
  targets.push_back("/api/v1/admin/audit?limit=1000");
  ASSERT_GT(targets.size(), 40u);
  int answered = 0;
  for (const std::string& target : targets) {
    for (const std::vector<std::string>& headers :
         {std::vector<std::string>{}, gjovik.headers(), admin.headers(), researcher.headers()}) {
      HttpReply reply = call("GET", target, "", headers);
      EXPECT_LT(reply.status, 500) << target << ": " << reply.body;
      if (reply.status == 200) ++answered;
      for (std::string_view marker : {kUnsharedMarker, kQuietMarker}) {
        EXPECT_EQ(reply.body.find(marker), std::string::npos)
            << target << " (" << headers.size() << " headers) revealed a comment";
      }
    }
  }
  EXPECT_GT(answered, static_cast<int>(targets.size())) << "most routes should answer someone";
}

}  // namespace
}  // namespace parorende::testing
