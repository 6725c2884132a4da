// Who reads a round's results, over HTTP against the real server: a round
// whose caregivers were not told its figures are published answers no
// public route (results, a municipality's, exports), while its
// municipalities' staff, national administrators and researchers granted
// it read them through the staff routes, each read in the audit log; staff
// of another municipality read nothing of Gjøvik's own round. And a
// municipality joins a national round.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "questionnaire/response_validation.h"
#include "staff_fixture.h"

namespace parorende::testing {
namespace {

namespace json = boost::json;

class ResultsAudienceTest : public StaffFixture {
 protected:
  void SetUp() override {
    StaffFixture::SetUp();
    // http_survey 2.0.0: its consent says nothing of publishing figures.
    json::object definition =
        json::parse(read_text(kSourceDir + "/tests/data/http/survey.json")).as_object();
    definition["version"] = "2.0.0";
    definition["consent"].as_object()["version"] = "2026-9";
    definition["consent"].as_object().erase("publishes_results");
    ASSERT_TRUE(store_->publish_questionnaire(json::serialize(definition)).ok());
    WaveSpec staff_only{"staff-only", "http_survey", "2.0.0", {2001, 1, 1}, {2001, 12, 31}, {}};
    auto wave = store_->create_wave(staff_only);
    ASSERT_TRUE(wave.ok()) << wave.error().describe();
    EXPECT_FALSE(wave->results_public) << "as the consent says, when the round does not say";
    WaveSpec published{"published", "http_survey", "1.0.0", {2001, 1, 1}, {2001, 12, 31}, {}};
    wave = store_->create_wave(published);
    ASSERT_TRUE(wave.ok()) << wave.error().describe();
    EXPECT_TRUE(wave->results_public);
    WaveSpec local{"gjovik-local", "http_survey", "2.0.0", {2001, 1, 1}, {2001, 12, 31}, {"3407"}};
    ASSERT_TRUE(store_->create_wave(local).ok());
    import("gjovik-local", "2.0.0", "3407", 12);
    for (const char* round : {"staff-only", "published"}) {
      import(round, round == std::string("staff-only") ? "2.0.0" : "1.0.0", "3407", 12);
      import(round, round == std::string("staff-only") ? "2.0.0" : "1.0.0", "5038", 12);
    }
    start();
  }

  void import(const std::string& wave, const std::string& version, const std::string& municipality,
              int count) {
    auto questionnaire = store_->questionnaire("http_survey", version);
    ASSERT_TRUE(questionnaire.ok());
    std::vector<ImportedResponse> batch;
    for (int i = 0; i < count; ++i) {
      json::object document{{"language", "nb"},
                            {"municipality", municipality},
                            {"answers",
                             {{"municipality", municipality},
                              {"relation", 1 + i % 3},
                              {"children", i % 2 == 0},
                              {"strain_sleep", i % 4},
                              {"strain_money", (i * 7) % 4}}}};
      auto response = validate_response(*questionnaire.value(), document);
      ASSERT_TRUE(response.ok()) << response.error().describe();
      batch.push_back({std::move(response).value(), questionnaire.value()->consent->version});
    }
    ASSERT_TRUE(store_->import_responses(wave, batch, {2001, 6, 1}).ok());
  }

  static std::vector<std::string> public_routes(const std::string& wave) {
    return {"/api/v1/waves/" + wave + "/results", "/api/v1/waves/" + wave + "/results/3407",
            "/api/v1/waves/" + wave + "/export?table=municipality_scale&format=csv",
            "/api/v1/waves/" + wave + "/export?table=codebook"};
  }
};

TEST_F(ResultsAudienceTest, AStaffOnlyRoundAnswersNoPublicRouteToAnyone) {
  StaffLogin gjovik = signed_in_staff("gjovik", "3407");
  StaffLogin admin = signed_in_admin("anna");
  for (const std::string& target : public_routes("staff-only")) {
    for (const std::vector<std::string>& headers :
         {std::vector<std::string>{}, gjovik.headers(), admin.headers()}) {
      HttpReply refused = call("GET", target, "", headers);
      EXPECT_EQ(refused.status, 403) << target << ": " << refused.body;
      EXPECT_NE(refused.body.find("results_not_public"), std::string::npos) << refused.body;
    }
  }
  for (const std::string& target : public_routes("published")) {
    HttpReply shown = call("GET", target);
    EXPECT_EQ(shown.status, 200) << target << ": " << shown.body;
  }
  // Staff pages say which rounds' results are for staff.
  HttpReply home = call("GET", "/api/v1/admin/municipalities/3407", "", gjovik.headers());
  ASSERT_EQ(home.status, 200) << home.body;
  json::value body = home.json();
  for (const json::value& wave : body.at("waves").as_array()) {
    std::string_view name = wave.at("name").as_string();
    EXPECT_EQ(wave.at("results_public").as_bool(), name != "staff-only" && name != "gjovik-local")
        << name;
  }
}

TEST_F(ResultsAudienceTest, StaffReadTheirOwnMunicipalityThroughTheStaffRoutes) {
  StaffLogin gjovik = signed_in_staff("gjovik", "3407");
  StaffLogin verdal = signed_in_staff("verdal", "5038");
  const std::string gjoviks = "/api/v1/admin/municipalities/3407/waves/staff-only/results";
  HttpReply own = call("GET", gjoviks + "?lang=en", "", gjovik.headers());
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.json().at("municipality").at("code").as_string(), "3407") << own.body;
  EXPECT_EQ(call("GET", gjoviks, "", verdal.headers()).status, 403);
  EXPECT_EQ(call("GET", gjoviks).status, 401);
  // The overview and exports are the national administrators' and
  // researchers', not a municipality's staff's.
  EXPECT_EQ(call("GET", "/api/v1/admin/waves/staff-only/results", "", gjovik.headers()).status,
            403);

  auto entries = store_->audit_entries({0, 0, "account:gjovik", "results.read"});
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].event.object, "municipality:3407/wave:staff-only");
  EXPECT_EQ((*entries)[0].event.outcome, AuditOutcome::success);
  auto refused = store_->audit_entries({0, 0, "account:verdal", "access.refused"});
  ASSERT_TRUE(refused.ok());
  EXPECT_EQ(refused->size(), 1u);
}

TEST_F(ResultsAudienceTest, AMunicipalitysStaffReadOnlyTheRoundsThatCoverIt) {
  StaffLogin gjovik = signed_in_staff("gjovik", "3407");
  StaffLogin verdal = signed_in_staff("verdal", "5038");
  const std::string verdals = "/api/v1/admin/municipalities/5038/waves/";
  for (const char* part : {"/results", "/overview"}) {
    HttpReply refused = call("GET", verdals + "gjovik-local" + part, "", verdal.headers());
    EXPECT_EQ(refused.status, 422) << part << ": " << refused.body;
    EXPECT_NE(refused.body.find("municipality_not_in_wave"), std::string::npos) << refused.body;
    HttpReply national = call("GET", verdals + "staff-only" + part, "", verdal.headers());
    EXPECT_EQ(national.status, 200) << part << ": " << national.body;
    EXPECT_EQ(national.body.find(R"("code":"3407")"), std::string::npos)
        << part << ": Gjøvik's figures of a staff-only round, to Verdal";
    HttpReply own =
        call("GET", "/api/v1/admin/municipalities/3407/waves/gjovik-local" + std::string(part), "",
             gjovik.headers());
    EXPECT_EQ(own.status, 200) << part << ": " << own.body;
  }
  auto refusals = store_->audit_entries({0, 0, "account:verdal", "results.read"});
  ASSERT_TRUE(refusals.ok());
  ASSERT_EQ(refusals->size(), 4u);
  EXPECT_EQ((*refusals)[0].event.outcome, AuditOutcome::refused);
  EXPECT_EQ((*refusals)[0].event.detail, "municipality_not_in_wave");
  EXPECT_EQ(call("POST", "/api/v1/admin/municipalities/3407/waves/gjovik-local/join", "",
                 gjovik.headers())
                .status,
            409)
      << "a local round is not joined";
}

TEST_F(ResultsAudienceTest, AMunicipalitysStaffSeeNoOtherMunicipalityInAStaffOnlyOverview) {
  StaffLogin verdal = signed_in_staff("verdal", "5038");
  HttpReply overview = call("GET", "/api/v1/admin/municipalities/5038/waves/staff-only/overview",
                            "", verdal.headers());
  ASSERT_EQ(overview.status, 200) << overview.body;
  json::value body = overview.json();
  int parts = 0;
  for (const char* part : {"scales", "burden"}) {
    for (const json::value& entry : body.at(part).as_array()) {
      ++parts;
      const json::array& municipalities = entry.at("municipalities").as_array();
      ASSERT_EQ(municipalities.size(), 1u) << entry;
      EXPECT_EQ(municipalities.at(0).at("code").as_string(), "5038");
      EXPECT_FALSE(entry.at("national").is_null());
    }
  }
  EXPECT_GT(parts, 0) << body;
  // A public round's overview is the same for them as for anyone.
  HttpReply published = call("GET", "/api/v1/admin/municipalities/5038/waves/published/overview",
                             "", verdal.headers());
  ASSERT_EQ(published.status, 200);
  EXPECT_NE(published.body.find(R"("code":"3407")"), std::string::npos);
}

TEST_F(ResultsAudienceTest, APublicRoundIsNeverComparedWithAStaffOnlyOne) {
  // Gjøvik's public local round a year after its staff-only one: the
  // change since then would publish the staff-only round's figures.
  WaveSpec later{"gjovik-public", "http_survey", "1.0.0", {2002, 1, 1}, {2002, 12, 31}, {"3407"}};
  ASSERT_TRUE(store_->create_wave(later).ok());
  import("gjovik-public", "1.0.0", "3407", 12);
  HttpReply overview = call("GET", "/api/v1/waves/gjovik-public/results");
  ASSERT_EQ(overview.status, 200) << overview.body;
  EXPECT_TRUE(overview.json().at("previous_wave").is_null()) << overview.body;
  HttpReply gjovik = call("GET", "/api/v1/waves/gjovik-public/results/3407");
  ASSERT_EQ(gjovik.status, 200) << gjovik.body;
  EXPECT_EQ(gjovik.body.find("gjovik-local"), std::string::npos) << gjovik.body;
  json::value body = gjovik.json();
  for (const json::value& scale : body.at("scales").as_array()) {
    EXPECT_TRUE(scale.at("trend").is_null()) << scale;
  }
}

TEST_F(ResultsAudienceTest, AdministratorsAndGrantedResearchersReadAndExport) {
  StaffLogin admin = signed_in_admin("anna");
  StaffLogin researcher =
      add_account("rita", {{Role::researcher, "staff-only", Date{2999, 12, 31}}}, true);
  ASSERT_EQ(sign_in(researcher).status, 200);
  StaffLogin other =
      add_account("ola", {{Role::researcher, "published", Date{2999, 12, 31}}}, true);
  ASSERT_EQ(sign_in(other).status, 200);
  for (StaffLogin* reader : {&admin, &researcher}) {
    HttpReply overview =
        call("GET", "/api/v1/admin/waves/staff-only/results", "", reader->headers());
    EXPECT_EQ(overview.status, 200) << reader->username << ": " << overview.body;
    // Each staff read is audited: never kept by a cache, never answered 304.
    EXPECT_EQ(overview.header("cache-control"), "no-store");
    EXPECT_EQ(overview.header("etag"), "");
    HttpReply file = call("GET", "/api/v1/admin/waves/staff-only/export?table=municipality_scale",
                          "", reader->headers());
    EXPECT_EQ(file.status, 200) << reader->username << ": " << file.body;
  }
  EXPECT_EQ(call("GET", "/api/v1/admin/waves/staff-only/results", "", other.headers()).status, 403)
      << "a researcher of another round";
  auto reads = store_->audit_entries({0, 0, "account:rita", "results.export"});
  ASSERT_TRUE(reads.ok());
  ASSERT_EQ(reads->size(), 1u);
  EXPECT_EQ((*reads)[0].event.detail, "municipality_scale");
}

TEST_F(ResultsAudienceTest, ARoundPublishesOnlyWhatItsConsentSaid) {
  StaffLogin admin = signed_in_admin("anna");
  HttpReply refused =
      call("POST", "/api/v1/admin/waves",
           R"({"name": "told nothing", "questionnaire": "http_survey", "version": "2.0.0",)"
           R"( "opens": "2999-01-01", "closes": "2999-12-31", "results_public": true})",
           admin.headers());
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("results_not_consented"), std::string::npos) << refused.body;
  // A consent that said so still allows a round for staff only.
  HttpReply kept =
      call("POST", "/api/v1/admin/waves",
           R"({"name": "kept", "questionnaire": "http_survey", "version": "1.0.0",)"
           R"( "opens": "2999-01-01", "closes": "2999-12-31", "results_public": false})",
           admin.headers());
  ASSERT_EQ(kept.status, 201) << kept.body;
  EXPECT_FALSE(kept.json().at("wave").at("results_public").as_bool());
  HttpReply wrong = call("POST", "/api/v1/admin/waves",
                         R"({"name": "odd", "questionnaire": "http_survey", "opens": "2999-01-01",)"
                         R"( "closes": "2999-12-31", "results_public": "yes"})",
                         admin.headers());
  EXPECT_EQ(wrong.status, 422) << wrong.body;
  EXPECT_NE(wrong.body.find("results_public"), std::string::npos) << wrong.body;
}

TEST_F(ResultsAudienceTest, AMunicipalityJoinsANationalRoundOnce) {
  StaffLogin gjovik = signed_in_staff("gjovik", "3407");
  StaffLogin verdal = signed_in_staff("verdal", "5038");
  auto joined_in_home = [&](const StaffLogin& login, const std::string& code) {
    HttpReply home = call("GET", "/api/v1/admin/municipalities/" + code, "", login.headers());
    EXPECT_EQ(home.status, 200) << home.body;
    json::value body = home.json();
    for (const json::value& wave : body.at("waves").as_array()) {
      if (wave.at("name").as_string() == "published") return wave.at("joined").as_bool();
    }
    ADD_FAILURE() << "no round \"published\" on the home page: " << home.body;
    return false;
  };
  EXPECT_FALSE(joined_in_home(gjovik, "3407"));
  const std::string join = "/api/v1/admin/municipalities/3407/waves/published/join";
  EXPECT_EQ(call("POST", join, "", gjovik.headers(false)).status, 403) << "no CSRF token";
  EXPECT_EQ(call("POST", join, "", verdal.headers()).status, 403) << "another municipality";
  HttpReply first = call("POST", join, "", gjovik.headers());
  EXPECT_EQ(first.status, 201) << first.body;
  EXPECT_TRUE(first.json().at("wave").at("joined").as_bool());
  EXPECT_EQ(call("POST", join, "", gjovik.headers()).status, 200);
  EXPECT_TRUE(joined_in_home(gjovik, "3407"));
  EXPECT_FALSE(joined_in_home(verdal, "5038"));
  EXPECT_EQ(
      call("POST", "/api/v1/admin/municipalities/3407/waves/nothing/join", "", gjovik.headers())
          .status,
      404);

  auto entries = store_->audit_entries({0, 0, "account:gjovik", "wave.join"});
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 2u) << "the join and the refusal of an unknown round";
  EXPECT_EQ((*entries)[0].event.object, "municipality:3407/wave:published");
}

}  // namespace
}  // namespace parorende::testing
