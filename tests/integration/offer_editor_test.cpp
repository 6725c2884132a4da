// The offer catalogue kept by a municipality's staff over HTTP against the
// real server: one offer added, changed in place and removed; bad offers
// refused with each field named; the catalogue exported as CSV and read
// back; the contact details saved and served with the offers; staff of
// another municipality change nothing; every change in the audit log. The
// caregivers' offer list shows each change at once.
#include <gtest/gtest.h>

#include "reference/offer_catalogue.h"
#include "staff_fixture.h"

namespace parorende::testing {
namespace {

constexpr std::string_view kOffers = "/api/v1/admin/municipalities/3407/offers";

constexpr std::string_view kCourse = R"({"type":"course","target_groups":["adults"],
  "name":{"nb":"Kurs for pårørende","nn":"Kurs for pårørande"},
  "description":{"nb":"Fire kvelder.\nGratis."},"phone":"61 18 90 00"})";

class OfferEditorTest : public StaffFixture {
 protected:
  void SetUp() override {
    StaffFixture::SetUp();
    start();
    gjovik_ = signed_in_staff("gjovik", "3407");
  }

  HttpReply as_gjovik(std::string_view method, std::string_view target, std::string_view body = {},
                      std::string content_type = "application/json") {
    std::vector<std::string> headers = gjovik_.headers();
    headers.push_back("Content-Type: " + content_type);
    return call(method, target, body, headers);
  }

  // The caregivers' view: names of Gjøvik's offers, in order.
  std::vector<std::string> public_names() {
    HttpReply listed = call("GET", "/api/v1/municipalities/3407/offers?lang=nb");
    EXPECT_EQ(listed.status, 200) << listed.body;
    std::vector<std::string> names;
    boost::json::value body = listed.json();
    for (const auto& offer : body.at("offers").as_array()) {
      names.emplace_back(offer.at("name").as_string());
    }
    return names;
  }

  StaffLogin gjovik_;
};

TEST_F(OfferEditorTest, AnOfferIsAddedChangedInPlaceAndRemoved) {
  HttpReply added = as_gjovik("PUT", std::string(kOffers) + "/kurs", kCourse);
  ASSERT_EQ(added.status, 201) << added.body;
  boost::json::value body = added.json();
  EXPECT_EQ(body.at("offer").at("name").at("nn").as_string(), "Kurs for pårørande");
  EXPECT_EQ(body.at("offer").at("description").at("nb").as_string(), "Fire kvelder.\nGratis.");
  ASSERT_EQ(as_gjovik("PUT", std::string(kOffers) + "/samtale",
                      R"({"type":"conversation_guidance","target_groups":["adults"],
                          "name":{"nb":"Samtale"}})")
                .status,
            201);
  EXPECT_EQ(public_names(), (std::vector<std::string>{"Kurs for pårørende", "Samtale"}));

  std::string renamed(kCourse);
  std::string old_name = "Kurs for pårørende";
  renamed.replace(renamed.find(old_name), old_name.size(), "Pårørendeskolen");
  HttpReply changed = as_gjovik("PUT", std::string(kOffers) + "/kurs", renamed);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(public_names(), (std::vector<std::string>{"Pårørendeskolen", "Samtale"}))
      << "a change keeps the offer's place";

  EXPECT_EQ(as_gjovik("DELETE", std::string(kOffers) + "/kurs").status, 204);
  EXPECT_EQ(as_gjovik("DELETE", std::string(kOffers) + "/kurs").status, 404);
  EXPECT_EQ(public_names(), (std::vector<std::string>{"Samtale"}));

  for (const char* action : {"offers.add", "offers.change", "offers.remove"}) {
    auto entries = store_->audit_entries({0, 0, "account:gjovik", action});
    ASSERT_TRUE(entries.ok());
    ASSERT_FALSE(entries->empty()) << action;
    EXPECT_EQ((*entries)[0].event.object, "offer:3407/kurs");
  }
}

TEST_F(OfferEditorTest, ABadOfferNamesEveryBadFieldAndChangesNothing) {
  HttpReply refused = as_gjovik("PUT", std::string(kOffers) + "/x",
                                R"({"type":"party","target_groups":[],"name":{"nb":""}})");
  ASSERT_EQ(refused.status, 422) << refused.body;
  for (const char* field : {"\"type\"", "\"target_groups\"", "\"name_nb\""}) {
    EXPECT_NE(refused.body.find(field), std::string::npos) << field << " in " << refused.body;
  }
  HttpReply control = as_gjovik("PUT", std::string(kOffers) + "/x",
                                R"({"type":"course","target_groups":["adults"],
                                    "name":{"nb":"Kurs"},"phone":"61\u0007"})");
  EXPECT_EQ(control.status, 422);
  EXPECT_NE(control.body.find("\"phone\""), std::string::npos) << control.body;
  EXPECT_EQ(as_gjovik("PUT", std::string(kOffers) + "/x", "[]").status, 422);
  EXPECT_EQ(as_gjovik("PUT", std::string(kOffers) + "/x", kCourse, "text/plain").status, 415);
  EXPECT_EQ(as_gjovik("PUT", std::string(kOffers) + "/" + std::string(65, 'a'), kCourse).status,
            422);
  EXPECT_EQ(as_gjovik("PUT", std::string(kOffers) + "/..", kCourse).status, 422);
  EXPECT_TRUE(public_names().empty());
}

TEST_F(OfferEditorTest, TheCatalogueGoesOutAndComesBackAsCsv) {
  ASSERT_EQ(as_gjovik("PUT", std::string(kOffers) + "/kurs", kCourse).status, 201);
  HttpReply exported = call("GET", std::string(kOffers) + "?format=csv", "", gjovik_.headers());
  ASSERT_EQ(exported.status, 200);
  EXPECT_EQ(exported.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(exported.header("content-disposition").find("tilbud-3407.csv"), std::string::npos);
  std::string csv = exported.body;
  ASSERT_NE(csv.find("\"Fire kvelder.\nGratis.\""), std::string::npos) << csv;

  // A second offer added in the file, and the file sent back.
  csv += "3407,avlastning,respite,adults,,Avlastning,,,,,,,,,,,no\r\n";
  HttpReply replaced = as_gjovik("PUT", kOffers, csv, "text/csv; charset=utf-8");
  ASSERT_EQ(replaced.status, 200) << replaced.body;
  EXPECT_EQ(public_names(), (std::vector<std::string>{"Kurs for pårørende", "Avlastning"}));

  // Another municipality's line, a bad line, another type: nothing changes.
  HttpReply elsewhere = as_gjovik(
      "PUT", kOffers, csv + "5038,verdal,course,adults,,Kurs,,,,,,,,,,,no\r\n", "text/csv");
  EXPECT_EQ(elsewhere.status, 422);
  EXPECT_NE(elsewhere.body.find("other_municipality"), std::string::npos) << elsewhere.body;
  HttpReply bad = as_gjovik("PUT", kOffers, csv + "3407,,party,,,,,,,,,,,,,,maybe\r\n", "text/csv");
  EXPECT_EQ(bad.status, 422);
  // Physical lines: the quoted description before it holds a line break.
  EXPECT_NE(bad.body.find("\"line 5\""), std::string::npos) << bad.body;
  EXPECT_EQ(as_gjovik("PUT", kOffers, csv, "text/csv; charset=latin1").status, 415);
  EXPECT_EQ(public_names().size(), 2u);

  // A file's offers are the staff's own, never demo data; an id the editor
  // could not name in a URL is refused as the import refuses it.
  HttpReply demo_file =
      as_gjovik("PUT", kOffers,
                std::string(kOfferCsvHeader) + "\r\n3407,x,course,adults,,Kurs,,,,,,,,,,,yes\r\n",
                "text/csv");
  ASSERT_EQ(demo_file.status, 200) << demo_file.body;
  EXPECT_FALSE(demo_file.json().at("offers").at(0).at("demo").as_bool());
  HttpReply slash =
      as_gjovik("PUT", kOffers,
                std::string(kOfferCsvHeader) + "\r\n3407,a/b,course,adults,,Kurs,,,,,,,,,,,no\r\n",
                "text/csv");
  EXPECT_EQ(slash.status, 422);
  EXPECT_NE(slash.body.find("invalid_id"), std::string::npos) << slash.body;

  // The header alone empties the catalogue.
  EXPECT_EQ(as_gjovik("PUT", kOffers, std::string(kOfferCsvHeader) + "\r\n", "text/csv").status,
            200);
  EXPECT_TRUE(public_names().empty());
  auto entries = store_->audit_entries({0, 0, "account:gjovik", "offers.replace"});
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_EQ((*entries)[0].event.detail, "2 offers");
}

TEST_F(OfferEditorTest, TheContactDetailsGoWithTheOffers) {
  constexpr std::string_view kContact = "/api/v1/admin/municipalities/3407/contact";
  HttpReply bad = as_gjovik("PUT", kContact,
                            R"json({"contact_name":"Pårørendekoordinator","email":"no at sign",
                                    "web_site":"javascript:alert(1)"})json");
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.body.find("\"email\""), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("\"web_site\""), std::string::npos) << bad.body;

  HttpReply saved = as_gjovik("PUT", kContact,
                              R"json({"contact_name":"Pårørendekoordinator","phone":"61 18 90 00",
                                      "email":"parorende@gjovik.kommune.no",
                                      "web_site":"https://www.gjovik.kommune.no/parorende"})json");
  ASSERT_EQ(saved.status, 200) << saved.body;
  HttpReply listed = call("GET", "/api/v1/municipalities/3407/offers");
  ASSERT_EQ(listed.status, 200);
  boost::json::value body = listed.json();
  const auto& contact = body.at("municipality").at("contact");
  EXPECT_EQ(contact.at("contact_name").as_string(), "Pårørendekoordinator");
  EXPECT_EQ(contact.at("phone").as_string(), "61 18 90 00");
  EXPECT_EQ(contact.at("switchboard").as_string(), "");
  // Another municipality's is its own, empty until set.
  boost::json::value verdal = call("GET", "/api/v1/municipalities/5038/offers").json();
  EXPECT_EQ(verdal.at("municipality").at("contact").at("phone").as_string(), "");
  auto entries = store_->audit_entries({0, 0, "account:gjovik", "contact.change"});
  ASSERT_TRUE(entries.ok());
  EXPECT_EQ(entries->size(), 1u);
}

TEST_F(OfferEditorTest, StaffOfAnotherMunicipalityChangeNothingOfGjoviks) {
  ASSERT_EQ(as_gjovik("PUT", std::string(kOffers) + "/kurs", kCourse).status, 201);
  StaffLogin verdal = signed_in_staff("verdal", "5038", kSecondClient);
  std::vector<std::string> headers = verdal.headers();
  headers.push_back("Content-Type: application/json");
  EXPECT_EQ(
      call_from(kSecondClient, "PUT", std::string(kOffers) + "/kurs",
                R"({"type":"course","target_groups":["adults"],"name":{"nb":"Hijacked"}})", headers)
          .status,
      403);
  EXPECT_EQ(call_from(kSecondClient, "DELETE", std::string(kOffers) + "/kurs", "", headers).status,
            403);
  EXPECT_EQ(call_from(kSecondClient, "GET", kOffers, "", headers).status, 403);
  EXPECT_EQ(call_from(kSecondClient, "PUT", "/api/v1/admin/municipalities/3407/contact",
                      R"({"phone":"000"})", headers)
                .status,
            403);
  EXPECT_EQ(public_names(), (std::vector<std::string>{"Kurs for pårørende"}));
}

TEST_F(OfferEditorTest, ACodeNoMunicipalityHasIsNotFound) {
  StaffLogin anna = signed_in_admin("anna");
  std::vector<std::string> headers = anna.headers();
  headers.push_back("Content-Type: application/json");
  for (const char* target : {"/api/v1/admin/municipalities/9999/offers",
                             "/api/v1/admin/municipalities/9999/open-link/open"}) {
    EXPECT_EQ(call("GET", target, "", headers).status, 404) << target;
  }
  EXPECT_EQ(call("PUT", "/api/v1/admin/municipalities/9999/offers/kurs", kCourse, headers).status,
            404);
  EXPECT_EQ(call("PUT", "/api/v1/admin/municipalities/9999/contact", "{}", headers).status, 404);
}

}  // namespace
}  // namespace parorende::testing
