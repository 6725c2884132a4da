// Questionnaire versions and rounds from the API against the real server:
// a national administrator checks a definition (every problem listed),
// publishes it (a published version never changes) and opens a national
// round; a REDCap data dictionary becomes a definition to check; Gjøvik's
// staff open a local round for Gjøvik alone and nothing else; each step is
// in the audit log.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "staff_fixture.h"
#include "test_support.h"

namespace parorende::testing {
namespace {

namespace json = boost::json;

class RoundAdminTest : public StaffFixture {
 protected:
  void SetUp() override {
    StaffFixture::SetUp();
    start();
    anna_ = signed_in_admin("anna");
    definition_ = read_text(kSourceDir + "/tests/data/http/survey.json");
    definition_.replace(definition_.find("\"1.0.0\""), 7, "\"2.0.0\"");
  }

  static std::vector<std::string> json_headers(const StaffLogin& login) {
    std::vector<std::string> headers = login.headers();
    headers.push_back("Content-Type: application/json");
    return headers;
  }

  StaffLogin anna_;
  std::string definition_;
};

TEST_F(RoundAdminTest, ADefinitionIsCheckedThenPublishedOnce) {
  HttpReply checked =
      call("POST", "/api/v1/admin/questionnaires?dry_run=true", definition_, json_headers(anna_));
  ASSERT_EQ(checked.status, 200) << checked.body;
  EXPECT_EQ(checked.json().at("version").as_string(), "2.0.0");
  EXPECT_FALSE(checked.json().at("published").as_bool());
  EXPECT_FALSE(store_->questionnaire("http_survey", "2.0.0").ok()) << "a dry run stores nothing";
  // The preview's views: what the survey pages will be given once it is
  // published, in each language.
  json::value checked_body = checked.json();
  const json::object& views = checked_body.at("views").as_object();
  EXPECT_EQ(views.size(), 3u);
  EXPECT_EQ(views.at("nn").at("language").as_string(), "nn");
  EXPECT_EQ(views.at("en").at("title").as_string(), "Test survey");

  HttpReply published =
      call("POST", "/api/v1/admin/questionnaires", definition_, json_headers(anna_));
  ASSERT_EQ(published.status, 201) << published.body;
  EXPECT_TRUE(store_->questionnaire("http_survey", "2.0.0").ok());
  EXPECT_EQ(call("POST", "/api/v1/admin/questionnaires", definition_, json_headers(anna_)).status,
            201);
  std::string changed = definition_;
  changed.replace(changed.find("Testundersøkelse"), std::string("Testundersøkelse").size(),
                  "Endret");
  HttpReply immutable = call("POST", "/api/v1/admin/questionnaires", changed, json_headers(anna_));
  EXPECT_EQ(immutable.status, 409);
  EXPECT_NE(immutable.body.find("questionnaire_immutable"), std::string::npos);

  HttpReply broken =
      call("POST", "/api/v1/admin/questionnaires?dry_run=true",
           R"({"format":"parorende-questionnaire/1","id":"x"})", json_headers(anna_));
  EXPECT_EQ(broken.status, 422);
  EXPECT_NE(broken.body.find("invalid_definition"), std::string::npos) << broken.body;
  EXPECT_EQ(
      call("POST", "/api/v1/admin/questionnaires?dry_run=maybe", definition_, json_headers(anna_))
          .status,
      400);

  auto entries = store_->audit_entries({0, 0, "account:anna", "questionnaire.publish"});
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_EQ((*entries)[0].event.object, "questionnaire:http_survey@2.0.0");
  EXPECT_EQ((*entries)[2].event.outcome, AuditOutcome::refused);
}

TEST_F(RoundAdminTest, ANationalRoundAndALocalOne) {
  HttpReply national = call("POST", "/api/v1/admin/waves",
                            R"({"name":"Pårørende 2027","questionnaire":"http_survey",
                                "opens":"2027-01-01","closes":"2027-03-31"})",
                            json_headers(anna_));
  ASSERT_EQ(national.status, 201) << national.body;
  EXPECT_TRUE(national.json().at("wave").at("national").as_bool());
  EXPECT_EQ(national.json().at("wave").at("version").as_string(), "1.0.0");
  EXPECT_EQ(call("POST", "/api/v1/admin/waves",
                 R"({"name":"Pårørende 2027","questionnaire":"http_survey",
                     "opens":"2027-01-01","closes":"2027-03-31"})",
                 json_headers(anna_))
                .status,
            409);
  EXPECT_EQ(call("POST", "/api/v1/admin/waves",
                 R"({"name":"Backwards","questionnaire":"http_survey",
                     "opens":"2027-03-31","closes":"2027-01-01"})",
                 json_headers(anna_))
                .status,
            422);
  EXPECT_EQ(call("POST", "/api/v1/admin/waves",
                 R"({"name":"No date","questionnaire":"http_survey","opens":"soon",
                     "closes":"2027-01-01"})",
                 json_headers(anna_))
                .status,
            422);
  EXPECT_EQ(call("POST", "/api/v1/admin/waves",
                 R"({"name":"Nothing","questionnaire":"nothing","opens":"2027-01-01",
                     "closes":"2027-01-02"})",
                 json_headers(anna_))
                .status,
            404);

  StaffLogin gjovik = signed_in_staff("gjovik", "3407", kSecondClient);
  std::string local = R"({"name":"Kartlegging for nye brukeres pårørende",
                          "questionnaire":"http_survey","opens":"2998-01-01",
                          "closes":"2998-12-31","municipalities":["0301"]})";
  EXPECT_EQ(
      call_from(kSecondClient, "POST", "/api/v1/admin/waves", local, json_headers(gjovik)).status,
      403);
  EXPECT_EQ(call_from(kSecondClient, "POST", "/api/v1/admin/municipalities/5038/waves", local,
                      json_headers(gjovik))
                .status,
            403);
  // Dated back, it could stand between two national rounds: refused.
  std::string backdated = local;
  backdated.replace(backdated.find("2998-01-01"), 10, "2020-01-01");
  EXPECT_EQ(call_from(kSecondClient, "POST", "/api/v1/admin/municipalities/3407/waves", backdated,
                      json_headers(gjovik))
                .status,
            422);
  HttpReply opened = call_from(kSecondClient, "POST", "/api/v1/admin/municipalities/3407/waves",
                               local, json_headers(gjovik));
  ASSERT_EQ(opened.status, 201) << opened.body;
  auto wave = store_->wave("Kartlegging for nye brukeres pårørende");
  ASSERT_TRUE(wave.ok());
  EXPECT_EQ(wave->municipalities, (std::vector<std::string>{"3407"}))
      << "a local round is the municipality's alone, whatever the body says";

  auto entries = store_->audit_entries({0, 0, "account:gjovik", "wave.create"});
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].event.detail, "municipalities 3407, results public");
}

TEST_F(RoundAdminTest, ARedcapDictionaryBecomesADefinitionToCheck) {
  TempDir dir;
  std::string csv = (dir.path() / "survey.csv").string();
  ASSERT_EQ(
      run_parorende({"export-redcap", "--questionnaire",
                     kSourceDir + "/questionnaires/belastningskartlegging.json", "--out", csv})
          .exit_code,
      0);
  std::vector<std::string> headers = anna_.headers();
  headers.push_back("Content-Type: text/csv; charset=utf-8");
  HttpReply converted =
      call("POST", "/api/v1/admin/questionnaires/redcap?id=fra_redcap&version=3.0.0",
           read_text(csv), headers);
  ASSERT_EQ(converted.status, 200) << converted.body;
  json::value body = converted.json();
  EXPECT_EQ(body.at("definition").at("id").as_string(), "fra_redcap");
  EXPECT_EQ(body.at("definition").at("version").as_string(), "3.0.0");
  EXPECT_FALSE(body.at("warnings").as_array().empty()) << "the record ID row is left out";
  EXPECT_FALSE(store_->questionnaire("fra_redcap").ok()) << "converting stores nothing";
  HttpReply checked = call("POST", "/api/v1/admin/questionnaires?dry_run=true",
                           json::serialize(body.at("definition")), json_headers(anna_));
  EXPECT_EQ(checked.status, 200) << checked.body;

  HttpReply garbage =
      call("POST", "/api/v1/admin/questionnaires/redcap", "just,a\nline\n", headers);
  EXPECT_EQ(garbage.status, 422) << garbage.body;
  HttpReply latin1 = call("POST", "/api/v1/admin/questionnaires/redcap",
                          "Variable / Field Name,Form Name\nstr\xf8m,skjema\n", headers);
  EXPECT_EQ(latin1.status, 422) << latin1.body;
  EXPECT_NE(latin1.body.find("invalid_csv"), std::string::npos) << latin1.body;
  HttpReply as_json =
      call("POST", "/api/v1/admin/questionnaires/redcap", "{}", json_headers(anna_));
  EXPECT_EQ(as_json.status, 415) << as_json.body;
  // An instrument ZIP from REDCap's Shared Library: its instrument.csv,
  // every field a question (it has no record ID).
  std::vector<std::string> zip_headers = anna_.headers();
  zip_headers.push_back("Content-Type: application/zip");
  HttpReply instrument =
      call("POST", "/api/v1/admin/questionnaires/redcap?id=fra_zip",
           read_text(kSourceDir + "/tests/data/redcap/instrument.zip"), zip_headers);
  ASSERT_EQ(instrument.status, 200) << instrument.body;
  const json::value imported = instrument.json();
  EXPECT_EQ(imported.at("definition").at("id").as_string(), "fra_zip");
  for (const json::value& warning : imported.at("warnings").as_array()) {
    EXPECT_NE(warning.at("code").as_string(), "identifier_field") << "no record ID is skipped";
  }
  HttpReply without =
      call("POST", "/api/v1/admin/questionnaires/redcap",
           read_text(kSourceDir + "/tests/data/redcap/no_instrument.zip"), zip_headers);
  EXPECT_EQ(without.status, 422) << without.body;
  EXPECT_NE(without.body.find("instrument.csv"), std::string::npos) << without.body;
  HttpReply not_zip =
      call("POST", "/api/v1/admin/questionnaires/redcap", "just,a\nline\n", zip_headers);
  EXPECT_EQ(not_zip.status, 422) << not_zip.body;

  StaffLogin gjovik = signed_in_staff("gjovik", "3407");
  std::vector<std::string> staff_headers = gjovik.headers();
  staff_headers.push_back("Content-Type: text/csv");
  EXPECT_EQ(
      call("POST", "/api/v1/admin/questionnaires/redcap", read_text(csv), staff_headers).status,
      403);
}

}  // namespace
}  // namespace parorende::testing
