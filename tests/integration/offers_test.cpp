// GET /api/v1/municipalities/{code}/offers over real sockets.
#include <boost/json.hpp>
#include <string>

#include "reference/offer_catalogue.h"
#include "server_fixture.h"

namespace parorende::testing {
namespace {

namespace json = boost::json;

constexpr const char* kHeader =
    "municipality,id,type,target_groups,condition_groups,name_nb,name_nn,name_en,"
    "description_nb,description_nn,description_en,contact_name,phone,email,url,address,demo\r\n";

class OffersTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    std::string csv =
        std::string(kHeader) +
        "5038,contact,conversation_guidance,adults,,Pårørendekontakten,Pårørandekontakten,"
        "The caregiver contact,Samtale med oss,Samtale med oss (nn),A talk with us,Kari,"
        "+47 1,k@example.org,https://example.org/c,\"Rådhuset, Verdal\",yes\r\n"
        "5038,school,course,adults,dementia,Pårørendeskole demens,,Caregiver school,"
        "Kurs om DEMENS,,Courses on dementia,,,,,,yes\r\n"
        "5038,kids,children_as_caregivers,children_young,cancer;other,Barn som pårørende,,,"
        "Samtalegruppe,,,,,,,,no\r\n"
        "0301,oslo,information,adults,,Oslo info,,,,,,,,,,,yes\r\n";
    auto offers = parse_offers_csv(csv);
    ASSERT_TRUE(offers.ok()) << offers.error().describe();
    ASSERT_TRUE(store_->replace_offers(offers.value()).ok());
    start();
  }

  std::vector<std::string> ids(const std::string& target) {
    HttpReply reply = call("GET", target);
    EXPECT_EQ(reply.status, 200) << target << ": " << reply.body;
    std::vector<std::string> found;
    if (reply.status != 200) return found;
    json::value body = reply.json();
    for (const json::value& offer : body.at("offers").as_array()) {
      found.emplace_back(offer.at("id").as_string());
    }
    return found;
  }
};

using Ids = std::vector<std::string>;

TEST_F(OffersTest, AllOffersOfAMunicipalityWithTheirFields) {
  HttpReply reply = call("GET", "/api/v1/municipalities/5038/offers");
  ASSERT_EQ(reply.status, 200) << reply.body;
  json::value body = reply.json();
  EXPECT_EQ(body.at("municipality").at("code"), "5038");
  EXPECT_EQ(body.at("municipality").at("name"), "Verdal");
  const json::array& offers = body.at("offers").as_array();
  ASSERT_EQ(offers.size(), 3u);
  const json::value& first = offers.at(0);
  EXPECT_EQ(first.at("id"), "contact");
  EXPECT_EQ(first.at("name"), "Pårørendekontakten");
  EXPECT_EQ(first.at("type"), "conversation_guidance");
  EXPECT_EQ(first.at("type_label"), "Samtale og veiledning");
  EXPECT_EQ(first.at("target_groups"), json::value(json::array{"adults"}));
  EXPECT_TRUE(first.at("condition_groups").as_array().empty());
  EXPECT_EQ(first.at("description"), "Samtale med oss");
  EXPECT_EQ(first.at("contact").at("name"), "Kari");
  EXPECT_EQ(first.at("contact").at("phone"), "+47 1");
  EXPECT_EQ(first.at("contact").at("email"), "k@example.org");
  EXPECT_EQ(first.at("contact").at("url"), "https://example.org/c");
  EXPECT_EQ(first.at("address"), "Rådhuset, Verdal");
  EXPECT_EQ(first.at("demo"), true);
  EXPECT_EQ(offers.at(2).at("demo"), false);
  EXPECT_EQ(ids("/api/v1/municipalities/0301/offers"), Ids({"oslo"}));
  EXPECT_EQ(ids("/api/v1/municipalities/4601/offers"), Ids());
}

TEST_F(OffersTest, Filters) {
  EXPECT_EQ(ids("/api/v1/municipalities/5038/offers?type=course,children_as_caregivers"),
            Ids({"school", "kids"}));
  EXPECT_EQ(ids("/api/v1/municipalities/5038/offers?target_group=children_young"), Ids({"kids"}));
  // Offers without condition groups are for every condition.
  EXPECT_EQ(ids("/api/v1/municipalities/5038/offers?condition_group=dementia"),
            Ids({"contact", "school"}));
  EXPECT_EQ(ids("/api/v1/municipalities/5038/offers?q=demens"), Ids({"school"}));
  // Case-insensitive, also for æøå (percent-encoded UTF-8 "PÅRØRENDE").
  EXPECT_EQ(ids("/api/v1/municipalities/5038/offers?q=P%C3%85R%C3%98RENDE"),
            Ids({"contact", "school", "kids"}));
  EXPECT_EQ(ids("/api/v1/municipalities/5038/offers?type=course&condition_group=cancer"), Ids());
}

TEST_F(OffersTest, Languages) {
  HttpReply english = call("GET", "/api/v1/municipalities/5038/offers?lang=en");
  ASSERT_EQ(english.status, 200) << english.body;
  json::value body = english.json();
  EXPECT_EQ(body.at("offers").at(0).at("name"), "The caregiver contact");
  EXPECT_EQ(body.at("offers").at(0).at("type_label"), "Conversation and guidance");
  EXPECT_EQ(body.at("offers").at(0).at("description"), "A talk with us");
  // No English text: the fallback (nb).
  EXPECT_EQ(body.at("offers").at(2).at("name"), "Barn som pårørende");

  HttpReply nynorsk = call("GET", "/api/v1/municipalities/5038/offers?lang=nn");
  ASSERT_EQ(nynorsk.status, 200);
  EXPECT_EQ(nynorsk.json().at("offers").at(0).at("name"), "Pårørandekontakten");
  EXPECT_EQ(nynorsk.json().at("offers").at(0).at("type_label"), "Samtale og rettleiing");
  EXPECT_EQ(nynorsk.json().at("offers").at(1).at("name"), "Pårørendeskole demens");
  // The free text searches the asked language's texts.
  EXPECT_EQ(ids("/api/v1/municipalities/5038/offers?lang=en&q=CAREGIVER"),
            Ids({"contact", "school"}));
}

TEST_F(OffersTest, UnknownMunicipalityIs404) {
  HttpReply reply = call("GET", "/api/v1/municipalities/9999/offers");
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(reply.json().at("error").at("code"), "municipality_not_found");
}

TEST_F(OffersTest, UnknownFilterValuesAre400NamingTheParameter) {
  struct Case {
    const char* query;
    const char* parameter;
    const char* allowed;
  };
  for (const Case& bad :
       {Case{"type=course,nope", "type", "peer_group"},
        Case{"target_group=elders", "target_group", "children_young"},
        Case{"condition_group=flu", "condition_group", "dementia"}, Case{"lang=%%%", "lang", ""}}) {
    HttpReply reply = call("GET", std::string("/api/v1/municipalities/5038/offers?") + bad.query);
    EXPECT_EQ(reply.status, 400) << bad.query;
    json::value body = reply.json();
    EXPECT_EQ(body.at("error").at("code"), "invalid_query") << bad.query;
    std::string message(body.at("error").at("message").as_string());
    EXPECT_NE(message.find(bad.allowed), std::string::npos) << message;
    if (std::string(bad.parameter) != "lang") {
      EXPECT_NE(message.find(bad.parameter), std::string::npos) << message;
    }
  }
}

}  // namespace
}  // namespace parorende::testing
