// An open round read twice by an anonymous client, with responses arriving
// in between (docs/privacy.md, "Results that change only in safe steps"):
// the real server on loopback, a real SQLite file, submissions over HTTP,
// and every published route read before and after. One response, and then
// k - 1, change no byte of any route; the k-th publishes the k together,
// and only where they are.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <map>

#include "analytics/disclosure_control.h"
#include "analytics/synthetic.h"
#include "questionnaire/response_validation.h"
#include "server_fixture.h"

namespace parorende::testing {
namespace {

namespace json = boost::json;

constexpr int k = analytics::kDefaultMinRespondents;
constexpr const char* kTarget = "4601";  // Bergen: large, published from the start

class SafeSteps : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    answer_timeout_ = std::chrono::seconds(120);
    ASSERT_TRUE(store_
                    ->publish_questionnaire(
                        read_text(kSourceDir + "/questionnaires/parorendeundersokelse.json"))
                    .ok());
    auto questionnaire = store_->questionnaire("parorendeundersokelse");
    ASSERT_TRUE(questionnaire.ok());
    questionnaire_ = questionnaire.value();
    Date today = today_utc();
    ASSERT_TRUE(store_
                    ->create_wave({"live",
                                   "parorendeundersokelse",
                                   std::nullopt,
                                   {today.year - 1, 1, 1},
                                   {today.year + 1, 12, 31},
                                   {}})
                    .ok());
    analytics::SyntheticSurvey survey(questionnaire_, builtin_municipalities(), {3000, 41});
    std::vector<ImportedResponse> batch;
    while (auto response = survey.next()) batch.push_back({std::move(*response), consent()});
    ASSERT_TRUE(store_->import_responses("live", batch, today).ok());

    server::ServerOptions options = test_options();
    options.database_path = store_path();
    options.results_count_check_interval = std::chrono::seconds(0);
    options.results_min_recompute_interval = std::chrono::seconds(0);
    start(options);
  }

  std::string consent() const {
    return questionnaire_->consent ? questionnaire_->consent->version : "x";
  }

  // Every route that publishes figures of the round, as an anonymous
  // client reads it.
  std::map<std::string, std::string> read_everything() {
    std::vector<std::string> targets = {"/api/v1/waves/live/results",
                                        "/api/v1/waves/live/results?lang=en"};
    for (const char* municipality : {kTarget, "0301", "4602", "1506", "5001", "1111"}) {
      targets.push_back(std::string("/api/v1/waves/live/results/") + municipality);
    }
    for (const char* table :
         {"municipality_scale", "county_scale", "background_scale", "burden_categories"}) {
      for (const char* format : {"csv", "json", "sav", "dta"}) {
        targets.push_back(std::string("/api/v1/waves/live/export?table=") + table +
                          "&format=" + format);
      }
    }
    targets.push_back("/api/v1/waves/live/export?table=codebook&format=json");
    std::map<std::string, std::string> bodies;
    for (const std::string& target : targets) {
      HttpReply reply = call("GET", target);
      EXPECT_EQ(reply.status, 200) << target << ": " << reply.body;
      bodies[target] = reply.body;
    }
    return bodies;
  }

  // One complete response in `municipality`, posted as the survey page does.
  void submit_in(const std::string& municipality, std::uint64_t seed) {
    auto registry = MunicipalityRegistry::parse_csv(
        "code,name,county_code,county_name,population,area_km2,written_standard\n" + municipality +
        ",X,46,Vestland,1000,100,nb\n");
    ASSERT_TRUE(registry.ok());
    analytics::SyntheticSurvey survey(questionnaire_, registry.value(), {1, seed});
    auto response = survey.next();
    ASSERT_TRUE(response.has_value());
    json::object body{{"status", "complete"},
                      {"consent_version", consent()},
                      {"language", "nb"},
                      {"answers", answers_to_json(*questionnaire_, response->answers)}};
    HttpReply reply = call("POST", "/api/v1/waves/live/responses", json::serialize(body));
    ASSERT_EQ(reply.status, 201) << reply.body;
  }

  static std::map<std::string, const json::object*> municipalities_of(const json::object& scale) {
    std::map<std::string, const json::object*> by_code;
    for (const json::value& entry : scale.at("municipalities").as_array()) {
      by_code[std::string(entry.at("code").as_string())] = &entry.as_object();
    }
    return by_code;
  }

  std::shared_ptr<const Questionnaire> questionnaire_;
};

TEST_F(SafeSteps, FewerThanKNewResponsesChangeNoPublishedByte) {
  std::map<std::string, std::string> before = read_everything();
  json::object overview = json::parse(before.at("/api/v1/waves/live/results")).as_object();
  for (const json::value& scale : overview.at("scales").as_array()) {
    ASSERT_FALSE(municipalities_of(scale.as_object()).at(kTarget)->at("suppressed").as_bool());
  }

  submit_in(kTarget, 1);
  std::map<std::string, std::string> after_one = read_everything();
  for (const auto& [target, body] : before) EXPECT_TRUE(after_one.at(target) == body) << target;

  for (int i = 2; i < k; ++i) submit_in(kTarget, static_cast<std::uint64_t>(i));
  std::map<std::string, std::string> after_k_minus_one = read_everything();
  for (const auto& [target, body] : before)
    EXPECT_TRUE(after_k_minus_one.at(target) == body) << target;
}

TEST_F(SafeSteps, TheKthResponsePublishesAllKAndOnlyWhereTheyAre) {
  json::object before = json::parse(call("GET", "/api/v1/waves/live/results").body).as_object();
  for (int i = 1; i <= k; ++i) submit_in(kTarget, static_cast<std::uint64_t>(100 + i));
  json::object after = json::parse(call("GET", "/api/v1/waves/live/results").body).as_object();
  EXPECT_EQ(after.at("respondents").as_int64() - before.at("respondents").as_int64(), k)
      << "all k published together";

  const json::array& scales_before = before.at("scales").as_array();
  const json::array& scales_after = after.at("scales").as_array();
  int moved = 0;
  for (std::size_t s = 0; s < scales_before.size(); ++s) {
    auto old_cells = municipalities_of(scales_before[s].as_object());
    auto new_cells = municipalities_of(scales_after[s].as_object());
    for (const auto& [code, old_cell] : old_cells) {
      const json::object& new_cell = *new_cells.at(code);
      if (code != kTarget) {
        // Nobody else answered: every other municipality's own figures stay.
        EXPECT_EQ(json::serialize(new_cell.at("n")), json::serialize(old_cell->at("n"))) << code;
        EXPECT_EQ(json::serialize(new_cell.at("raw")), json::serialize(old_cell->at("raw")))
            << code;
        continue;
      }
      std::int64_t gained = new_cell.at("n").as_int64() - old_cell->at("n").as_int64();
      // A scale some of the k skipped waits for k who answered it.
      EXPECT_TRUE(gained == 0 || gained >= k) << "scale " << s << " gained " << gained;
      if (gained != 0) ++moved;
    }
  }
  EXPECT_GT(moved, 0);
}

}  // namespace
}  // namespace parorende::testing
