// The results API on a real server and a real SQLite file with synthetic
// responses: shapes, languages, 404s, withheld municipalities, the trend
// since the previous wave, and that the published figures are
// analyze_wave's figures after disclosure control.
#include <algorithm>
#include <boost/json/parse.hpp>
#include <cmath>

#include "analytics/disclosure_control.h"
#include "analytics/published_results.h"
#include "analytics/synthetic.h"
#include "analytics/wave_analysis.h"
#include "analytics/wave_data.h"
#include "common/csv.h"
#include "server_fixture.h"
#include "stat_file_reader.h"

namespace parorende::testing {
namespace {

namespace json = boost::json;

class Results : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    answer_timeout_ = std::chrono::seconds(120);
    auto published = store_->publish_questionnaire(
        read_text(kSourceDir + "/questionnaires/parorendeundersokelse.json"));
    ASSERT_TRUE(published.ok()) << published.error().describe();
    add_wave("2025", {2025, 1, 1}, {2025, 12, 31}, 1500, 21);
    add_wave("2026", {2026, 1, 1}, {2026, 12, 31}, 2500, 22);
    ASSERT_TRUE(
        store_
            ->create_wave(
                {"2027", "parorendeundersokelse", std::nullopt, {2027, 1, 1}, {2027, 12, 31}, {}})
            .ok());
    server::ServerOptions options = test_options();
    options.database_path = store_path();
    start(options);
  }

  void add_wave(const std::string& name, Date opens, Date closes, std::int64_t responses,
                std::uint64_t seed) {
    ASSERT_TRUE(
        store_->create_wave({name, "parorendeundersokelse", std::nullopt, opens, closes, {}}).ok());
    auto questionnaire = store_->questionnaire("parorendeundersokelse");
    ASSERT_TRUE(questionnaire.ok());
    analytics::SyntheticSurvey survey(questionnaire.value(), builtin_municipalities(),
                                      {responses, seed});
    std::string consent =
        questionnaire.value()->consent ? questionnaire.value()->consent->version : "x";
    std::vector<ImportedResponse> batch;
    while (auto response = survey.next()) batch.push_back({std::move(*response), consent});
    auto imported = store_->import_responses(name, batch, opens);
    ASSERT_TRUE(imported.ok()) << imported.error().describe();
  }

  // What `analyze` prints: with `controlled`, the published figures (what
  // the API must serve); without, every figure of every cell on all rows,
  // with `analysis_k` 1 nothing at all withheld.
  analytics::WaveReport analysed(const std::string& wave, bool controlled,
                                 int analysis_k = analytics::kDefaultMinRespondents) {
    const std::string path = store_path();
    if (controlled) {
      auto current = analytics::publish_current_results(
          *store_, path, wave, analytics::kDefaultMinRespondents, today_utc());
      if (!current) throw std::runtime_error(current.error().describe());
      return std::move(current->results.report);
    }
    auto data = analytics::load_wave_data(*store_, path, wave, builtin_municipalities());
    if (!data) throw std::runtime_error(data.error().describe());
    analytics::AnalysisOptions options;
    options.min_respondents = analysis_k;
    options.protect = false;
    return analytics::analyze_wave(data.value(), builtin_municipalities(), options);
  }

  json::object get_json(const std::string& target, int expected_status = 200) {
    HttpReply reply = call("GET", target);
    EXPECT_EQ(reply.status, expected_status) << target << ": " << reply.body;
    EXPECT_EQ(reply.header("content-type"), "application/json");
    return json::parse(reply.body).as_object();
  }
};

void expect_error(const json::object& body, const std::string& code) {
  ASSERT_TRUE(body.contains("error"));
  const json::object& error = body.at("error").as_object();
  EXPECT_EQ(error.at("code").as_string(), code);
  EXPECT_TRUE(error.contains("message"));
  EXPECT_TRUE(error.contains("details"));
}

double as_number(const json::value& value) { return value.to_number<double>(); }

TEST_F(Results, WaveOverviewIsThePublishedReport) {
  json::object body = get_json("/api/v1/waves/2026/results?lang=en");
  EXPECT_EQ(body.at("wave").as_string(), "2026");
  EXPECT_EQ(body.at("language").as_string(), "en");
  EXPECT_EQ(body.at("min_respondents").as_int64(), analytics::kDefaultMinRespondents);
  EXPECT_EQ(body.at("previous_wave").as_string(), "2025");
  EXPECT_TRUE(body.at("computed_on").is_string());

  auto questionnaire = store_->questionnaire("parorendeundersokelse");
  analytics::WaveReport expected = analysed("2026", true);
  // The wave is open: what is published is what whole cohorts of at least
  // k per municipality make (docs/privacy.md), not every response yet.
  EXPECT_EQ(body.at("respondents").as_int64(), expected.respondents);
  EXPECT_GT(expected.respondents, 1000);
  EXPECT_LT(expected.respondents, 2500);
  const json::array& scales = body.at("scales").as_array();
  ASSERT_EQ(scales.size(), expected.scales.size());
  int withheld = 0;
  for (std::size_t s = 0; s < scales.size(); ++s) {
    const json::object& scale = scales[s].as_object();
    EXPECT_EQ(scale.at("title").as_string(), questionnaire.value()->scales[s].title.in("en"));
    const json::array& municipalities = scale.at("municipalities").as_array();
    ASSERT_EQ(municipalities.size(), builtin_municipalities().size());
    for (std::size_t m = 0; m < municipalities.size(); ++m) {
      const json::object& entry = municipalities[m].as_object();
      const analytics::MunicipalityResult& want = expected.scales[s].municipalities[m];
      EXPECT_EQ(entry.at("code").as_string(), want.code);
      EXPECT_EQ(entry.at("suppressed").as_bool(), want.suppressed);
      if (want.suppressed) {
        ++withheld;
        EXPECT_TRUE(entry.at("n").is_null());
        EXPECT_TRUE(entry.at("raw").is_null());
        EXPECT_TRUE(entry.at("adjusted").is_null());
        EXPECT_TRUE(entry.at("versus_national").is_null());
        EXPECT_TRUE(entry.at("suppression").is_string());
      } else {
        EXPECT_EQ(entry.at("n").as_int64(), want.raw.n);
        EXPECT_DOUBLE_EQ(as_number(entry.at("raw").at("mean")), want.raw.mean);
        EXPECT_DOUBLE_EQ(as_number(entry.at("shrunken").at("mean")), want.shrunken.estimate);
        EXPECT_TRUE(entry.at("suppression").is_null());
      }
    }
    const json::object& national = scale.at("national").as_object();
    EXPECT_DOUBLE_EQ(as_number(national.at("mean")), expected.scales[s].national.raw.mean);
  }
  EXPECT_GT(withheld, 100) << "2,500 responses leave many small municipalities";
  const json::array& burden = body.at("burden").as_array();
  ASSERT_EQ(burden.size(), expected.burden.size());
  for (const json::value& instrument : burden) {
    for (const json::value& category : instrument.at("categories").as_array()) {
      EXPECT_FALSE(category.at("label").as_string().empty());
    }
  }
}

TEST_F(Results, MunicipalityInFull) {
  json::object body = get_json("/api/v1/waves/2026/results/0301?lang=nn");
  EXPECT_EQ(body.at("language").as_string(), "nn");
  EXPECT_EQ(body.at("municipality").at("code").as_string(), "0301");
  EXPECT_EQ(body.at("municipality").at("county").at("code").as_string(), "03");
  const json::array& similar = body.at("similar_municipalities").as_array();
  ASSERT_EQ(similar.size(), 10u);
  EXPECT_FALSE(similar[0].at("name").as_string().empty());

  auto questionnaire = store_->questionnaire("parorendeundersokelse");
  analytics::WaveReport raw = analysed("2026", false);
  analytics::WaveReport published = analysed("2026", true);
  const json::array& scales = body.at("scales").as_array();
  ASSERT_EQ(scales.size(), raw.scales.size());
  int trends = 0;
  for (std::size_t s = 0; s < scales.size(); ++s) {
    const json::object& scale = scales[s].as_object();
    EXPECT_EQ(scale.at("title").as_string(), questionnaire.value()->scales[s].title.in("nn"));
    const analytics::MunicipalityResult& oslo = raw.scales[s].municipalities.front();
    ASSERT_EQ(oslo.code, "0301");
    ASSERT_FALSE(scale.at("suppressed").as_bool()) << "Oslo is large";
    // Large municipalities: exactly analyze_wave's figures.
    EXPECT_EQ(scale.at("n").as_int64(), oslo.raw.n);
    EXPECT_DOUBLE_EQ(as_number(scale.at("raw").at("mean")), oslo.raw.mean);
    EXPECT_DOUBLE_EQ(as_number(scale.at("raw").at("ci").as_array()[0]), oslo.raw.ci_low);
    // The models see only published municipalities (docs/privacy.md).
    const analytics::MunicipalityResult& published_oslo =
        published.scales[s].municipalities.front();
    EXPECT_EQ(published_oslo.raw.n, oslo.raw.n) << "all of Oslo's respondents are published";
    EXPECT_DOUBLE_EQ(as_number(scale.at("adjusted").at("mean")), published_oslo.adjusted.mean);
    EXPECT_DOUBLE_EQ(as_number(scale.at("shrunken").at("mean")), published_oslo.shrunken.estimate);
    // ... and the nation is its published respondents.
    EXPECT_DOUBLE_EQ(as_number(scale.at("versus_national").at("difference")),
                     published_oslo.versus_national.difference);
    EXPECT_EQ(scale.at("versus_national").at("verdict").as_string(),
              analytics::verdict_name(published_oslo.versus_national.verdict));
    EXPECT_TRUE(scale.at("national").at("mean").is_number());
    // The questions behind the area, in the asked language, and nothing of
    // how they were answered (docs/privacy.md, "Answers per question").
    const json::array& questions = scale.at("questions").as_array();
    ASSERT_EQ(questions.size(), raw.scales[s].item_ids.size());
    for (std::size_t i = 0; i < questions.size(); ++i) {
      const std::string& id = raw.scales[s].item_ids[i];
      EXPECT_EQ(questions[i].at("id").as_string(), id);
      EXPECT_EQ(questions[i].at("text").as_string(),
                questionnaire.value()->find_item(id)->text.in("nn"));
      EXPECT_EQ(questions[i].as_object().size(), 2u) << "id and text only";
    }
    EXPECT_EQ(scale.at("answers_per_question").as_string(), "round_open");
    if (!scale.at("trend").is_null()) {
      ++trends;
      EXPECT_EQ(scale.at("trend").at("previous_wave").as_string(), "2025");
      EXPECT_TRUE(scale.at("trend").at("difference").is_number());
      EXPECT_EQ(scale.at("trend").at("ci").as_array().size(), 2u);
    }
  }
  EXPECT_EQ(trends, static_cast<int>(scales.size())) << "Oslo is published in both waves";
  for (const json::value& instrument : body.at("burden").as_array()) {
    EXPECT_FALSE(instrument.at("suppressed").as_bool());
    for (const json::value& category : instrument.at("categories").as_array()) {
      EXPECT_TRUE(category.at("share").is_number());
      EXPECT_EQ(category.at("ci").as_array().size(), 2u);
    }
  }

  json::object earliest = get_json("/api/v1/waves/2025/results/0301");
  EXPECT_TRUE(earliest.at("previous_wave").is_null());
  for (const json::value& scale : earliest.at("scales").as_array())
    EXPECT_TRUE(scale.at("trend").is_null());
}

// A closed round: how those who answered every question of an area
// answered each, as frozen at its first release after closing; a small
// municipality's are withheld with its area.
TEST_F(Results, AnswersPerQuestionOfAClosedRound) {
  json::object body = get_json("/api/v1/waves/2025/results/0301?lang=nn");
  auto current = analytics::publish_current_results(*store_, store_path(), "2025",
                                                    analytics::kDefaultMinRespondents, today_utc());
  ASSERT_TRUE(current.ok()) << current.error().describe();
  const std::vector<analytics::QuestionAnswers>& frozen = current->results.questions;
  ASSERT_FALSE(frozen.empty());
  auto questionnaire = store_->questionnaire("parorendeundersokelse");
  int compared = 0;
  for (const json::value& scale_value : body.at("scales").as_array()) {
    const json::object& scale = scale_value.as_object();
    EXPECT_EQ(scale.at("answers_per_question").as_string(), "published");
    for (const json::value& question_value : scale.at("questions").as_array()) {
      const json::object& question = question_value.as_object();
      const analytics::QuestionAnswers* stored = nullptr;
      for (const analytics::QuestionAnswers& candidate : frozen) {
        if (candidate.item_id == question.at("id").as_string()) stored = &candidate;
      }
      ASSERT_NE(stored, nullptr) << question.at("id").as_string();
      const analytics::QuestionCell* oslo = analytics::municipality_cell(*stored, "0301");
      ASSERT_NE(oslo, nullptr);
      ASSERT_TRUE(oslo->published()) << stored->item_id << ": Oslo is large";
      EXPECT_EQ(question.at("n").as_int64(), oslo->n);
      EXPECT_LE(oslo->n, scale.at("n").as_int64()) << "those who answered every question";
      const json::array& options = question.at("options").as_array();
      ASSERT_EQ(options.size(), stored->option_codes.size());
      const Item* item = questionnaire.value()->find_item(stored->item_id);
      for (std::size_t o = 0; o < options.size(); ++o) {
        EXPECT_EQ(options[o].at("code").as_int64(), stored->option_codes[o]);
        EXPECT_EQ(options[o].at("label").as_string(), item->options[o].label.in("nn"));
        EXPECT_EQ(options[o].at("count").as_int64(), oslo->counts[o]);
        EXPECT_DOUBLE_EQ(as_number(options[o].at("share")),
                         static_cast<double>(oslo->counts[o]) / static_cast<double>(oslo->n));
        ASSERT_TRUE(stored->national.published());
        EXPECT_DOUBLE_EQ(as_number(options[o].at("national_share")),
                         static_cast<double>(stored->national.counts[o]) /
                             static_cast<double>(stored->national.n));
      }
      ++compared;
    }
  }
  EXPECT_EQ(compared, 45);

  // A municipality below k: its area and its questions withheld alike.
  analytics::WaveReport raw = analysed("2025", false, 1);
  std::string small;
  for (const analytics::MunicipalityResult& result : raw.scales.front().municipalities) {
    if (result.raw.n > 0 && result.raw.n < analytics::kDefaultMinRespondents) small = result.code;
  }
  ASSERT_FALSE(small.empty());
  json::object withheld = get_json("/api/v1/waves/2025/results/" + small);
  const json::object& area = withheld.at("scales").as_array().front().as_object();
  EXPECT_TRUE(area.at("suppressed").as_bool());
  for (const json::value& question : area.at("questions").as_array()) {
    EXPECT_TRUE(question.at("suppressed").as_bool());
    EXPECT_TRUE(question.at("n").is_null());
    for (const json::value& option : question.at("options").as_array()) {
      EXPECT_FALSE(option.as_object().contains("count"));
      EXPECT_FALSE(option.as_object().contains("share"));
    }
  }
}

TEST_F(Results, MunicipalityBelowKShowsNoFigures) {
  analytics::WaveReport raw = analysed("2026", false, 1);
  std::string small;
  for (const analytics::MunicipalityResult& result : raw.scales.front().municipalities) {
    if (result.raw.n > 0 && result.raw.n < analytics::kDefaultMinRespondents) {
      small = result.code;
      break;
    }
  }
  ASSERT_FALSE(small.empty());
  HttpReply reply = call("GET", "/api/v1/waves/2026/results/" + small);
  ASSERT_EQ(reply.status, 200);
  json::object body = json::parse(reply.body).as_object();
  const json::object& first = body.at("scales").as_array()[0].as_object();
  EXPECT_TRUE(first.at("suppressed").as_bool());
  EXPECT_EQ(first.at("suppression").as_string(), "primary");
  for (const char* key : {"n", "raw", "adjusted", "shrunken", "versus_national", "versus_county",
                          "versus_similar", "trend"}) {
    EXPECT_TRUE(first.at(key).is_null()) << key;
  }
  // Not one of its figures appears anywhere in the answer.
  for (const analytics::ScaleReport& scale : raw.scales) {
    for (const analytics::MunicipalityResult& result : scale.municipalities) {
      if (result.code != small || std::isnan(result.raw.mean)) continue;
      EXPECT_EQ(reply.body.find(json::serialize(json::value(result.raw.mean))), std::string::npos);
    }
  }
}

TEST_F(Results, ErrorsAndEmptyWaves) {
  expect_error(get_json("/api/v1/waves/nope/results", 404), "wave_not_found");
  expect_error(get_json("/api/v1/waves/nope/results/0301", 404), "wave_not_found");
  expect_error(get_json("/api/v1/waves/2026/results/9999", 404), "municipality_not_found");
  expect_error(get_json("/api/v1/waves/2026/results?lang=n_b", 400), "invalid_query");

  json::object empty = get_json("/api/v1/waves/2027/results?lang=nb");
  EXPECT_EQ(empty.at("respondents").as_int64(), 0);
  for (const json::value& scale : empty.at("scales").as_array()) {
    EXPECT_TRUE(scale.at("national").at("suppressed").as_bool());
    EXPECT_TRUE(scale.at("national").at("mean").is_null());
  }
  json::object oslo = get_json("/api/v1/waves/2027/results/0301");
  for (const json::value& scale : oslo.at("scales").as_array()) {
    EXPECT_TRUE(scale.at("suppressed").as_bool());
    EXPECT_TRUE(scale.at("trend").is_null());
  }
}

TEST_F(Results, ExportHoldsTheFiguresTheApiServes) {
  json::object results = get_json("/api/v1/waves/2026/results");
  HttpReply reply = call("GET", "/api/v1/waves/2026/export?format=json&table=municipality_scale");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("content-type"), "application/json");
  EXPECT_NE(reply.header("content-disposition").find("2026-municipality_scale.json"),
            std::string::npos);
  json::object table = json::parse(reply.body).as_object();
  const json::array& rows = table.at("rows").as_array();
  std::size_t row = 0;
  for (const json::value& scale : results.at("scales").as_array()) {
    for (const json::value& entry : scale.at("municipalities").as_array()) {
      ASSERT_LT(row, rows.size());
      const json::object& exported = rows[row++].as_object();
      ASSERT_EQ(exported.at("municipality"), entry.at("code"));
      ASSERT_EQ(exported.at("scale"), scale.at("id"));
      if (entry.at("suppressed").as_bool()) {
        EXPECT_TRUE(exported.at("mean").is_null());
        EXPECT_TRUE(exported.at("n").is_null());
      } else {
        EXPECT_DOUBLE_EQ(as_number(exported.at("mean")), as_number(entry.at("raw").at("mean")));
        EXPECT_EQ(as_number(exported.at("n")), as_number(entry.at("n")));
        EXPECT_DOUBLE_EQ(as_number(exported.at("shrunken_mean")),
                         as_number(entry.at("shrunken").at("mean")));
      }
    }
  }
  EXPECT_EQ(row, rows.size());

  HttpReply csv = call("GET", "/api/v1/waves/2026/export?table=county_scale");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.rfind("county,county_name,scale,n,mean,", 0), 0u);
  HttpReply stata = call("GET", "/api/v1/waves/2026/export?table=background_scale&format=dta");
  EXPECT_EQ(stata.status, 200);
  EXPECT_EQ(stata.header("content-type"), "application/x-stata-dta");
  HttpReply codebook = call("GET", "/api/v1/waves/2026/export?table=codebook");
  ASSERT_EQ(codebook.status, 200);
  EXPECT_NE(codebook.body.find("k = 10"), std::string::npos);
  expect_error(get_json("/api/v1/waves/2026/export?table=raw_responses", 400), "invalid_query");
  expect_error(get_json("/api/v1/waves/2026/export?table=county_scale&format=xls", 400),
               "invalid_query");
  expect_error(get_json("/api/v1/waves/nope/export?table=county_scale", 404), "wave_not_found");
}

// The researcher's files, read back with real readers (RFC 4180 CSV, and
// ReadStat for SPSS and Stata), hold the figures the results API serves.
// Means are compared to within a few units in the last place: both sides
// write shortest round-trip numbers, but Boost.JSON 1.81's parser (reading
// the API's answer here) may land one unit off.
TEST_F(Results, ExportFilesReadBackToTheApiFigures) {
  json::object results = get_json("/api/v1/waves/2026/results");
  struct Expected {
    std::string municipality, scale;
    bool suppressed;
    double n, mean;
  };
  std::vector<Expected> expected;
  for (const json::value& scale : results.at("scales").as_array()) {
    for (const json::value& entry : scale.at("municipalities").as_array()) {
      bool suppressed = entry.at("suppressed").as_bool();
      expected.push_back({std::string(entry.at("code").as_string()),
                          std::string(scale.at("id").as_string()), suppressed,
                          suppressed ? 0 : as_number(entry.at("n")),
                          suppressed ? 0 : as_number(entry.at("raw").at("mean"))});
    }
  }
  ASSERT_FALSE(expected.empty());
  ASSERT_TRUE(std::any_of(expected.begin(), expected.end(), [](auto& e) { return e.suppressed; }));
  ASSERT_TRUE(std::any_of(expected.begin(), expected.end(), [](auto& e) { return !e.suppressed; }));

  HttpReply csv = call("GET", "/api/v1/waves/2026/export?table=municipality_scale&format=csv");
  ASSERT_EQ(csv.status, 200);
  auto records = csv::parse(csv.body);
  ASSERT_TRUE(records.ok()) << records.error().describe();
  ASSERT_EQ(records->size(), expected.size() + 1);
  const std::vector<std::string>& header = records->front().fields;
  auto column = [&](const std::string& name) {
    auto found = std::find(header.begin(), header.end(), name);
    EXPECT_NE(found, header.end()) << name;
    return static_cast<std::size_t>(found - header.begin());
  };
  const std::size_t municipality = column("municipality"), scale = column("scale"), n = column("n"),
                    mean = column("mean");
  for (std::size_t row = 0; row < expected.size(); ++row) {
    const std::vector<std::string>& fields = (*records)[row + 1].fields;
    ASSERT_EQ(fields[municipality], expected[row].municipality);
    ASSERT_EQ(fields[scale], expected[row].scale);
    if (expected[row].suppressed) {
      EXPECT_EQ(fields[n], "");
      EXPECT_EQ(fields[mean], "");
    } else {
      EXPECT_EQ(std::stod(fields[n]), expected[row].n);
      EXPECT_DOUBLE_EQ(std::stod(fields[mean]), expected[row].mean) << fields[mean];
    }
  }

  for (auto kind : {StatFile::sav, StatFile::dta}) {
    const char* format = kind == StatFile::sav ? "sav" : "dta";
    SCOPED_TRACE(format);
    HttpReply reply = call(
        "GET", std::string("/api/v1/waves/2026/export?table=municipality_scale&format=") + format);
    ASSERT_EQ(reply.status, 200);
    ReadFile file = read_stat_file(reply.body, kind);
    ASSERT_EQ(file.rows.size(), expected.size());
    auto variable = [&](const std::string& name) {
      auto found = std::find_if(file.variables.begin(), file.variables.end(),
                                [&](const ReadVariable& v) { return v.name == name; });
      EXPECT_NE(found, file.variables.end()) << name;
      return static_cast<std::size_t>(found - file.variables.begin());
    };
    const std::size_t read_municipality = variable("municipality"), read_n = variable("n"),
                      read_mean = variable("mean");
    for (std::size_t row = 0; row < expected.size(); ++row) {
      const std::vector<ReadCell>& cells = file.rows[row];
      ASSERT_EQ(cells[read_municipality].text, expected[row].municipality);
      if (expected[row].suppressed) {
        auto marked = kind == StatFile::sav ? ReadCell::Kind::defined_missing
                                            : ReadCell::Kind::tagged_missing;
        EXPECT_EQ(cells[read_mean].kind, marked);
        EXPECT_EQ(cells[read_n].kind, marked);
      } else {
        EXPECT_EQ(cells[read_n].kind, ReadCell::Kind::number);
        EXPECT_EQ(cells[read_n].number, expected[row].n);
        EXPECT_DOUBLE_EQ(cells[read_mean].number, expected[row].mean);
      }
    }
  }
}

TEST_F(Results, ExportFilesAreBuiltOnceAndCarryAnETag) {
  const std::string target = "/api/v1/waves/2026/export?table=municipality_scale";
  HttpReply first = call("GET", target);
  ASSERT_EQ(first.status, 200) << first.body;
  std::string etag = first.header("etag");
  ASSERT_EQ(etag.size(), 34u) << etag;  // a quoted 128-bit hex tag
  EXPECT_EQ(first.header("cache-control"), "no-cache");
  HttpReply again = call("GET", target);
  EXPECT_EQ(again.header("etag"), etag);
  EXPECT_EQ(again.body, first.body);
  // The client that has the file gets a 304 and no body.
  HttpReply unchanged = call("GET", target, "", {"If-None-Match: W/" + etag});
  EXPECT_EQ(unchanged.status, 304);
  EXPECT_TRUE(unchanged.body.empty());
  HttpReply other = call("GET", target, "", {"If-None-Match: \"0123\""});
  EXPECT_EQ(other.status, 200);
  // Another format or table is another file.
  EXPECT_NE(call("GET", target + "&format=json").header("etag"), etag);
  EXPECT_NE(call("GET", "/api/v1/waves/2026/export?table=county_scale").header("etag"), etag);
  EXPECT_EQ(call("GET", "/api/v1/waves/2026/export?table=nope").status, 400);
}

// Published results carry an ETag of their bytes: a browser that has them
// revalidates for a 304. A closed round may be kept five minutes; an open
// one is revalidated every time; a staff read is never cached.
TEST_F(Results, PublicResultsRevalidateWithAnETag) {
  for (const std::string target : {"/api/v1/waves/2026/results", "/api/v1/waves/2026/results/5038",
                                   "/api/v1/waves/2025/results/5038"}) {
    HttpReply first = call("GET", target);
    ASSERT_EQ(first.status, 200) << first.body;
    std::string etag = first.header("etag");
    ASSERT_EQ(etag.size(), 36u) << target << ": " << etag;  // W/ and a quoted 128-bit hex tag
    EXPECT_EQ(etag.substr(0, 3), "W/\"");
    bool closed = target.find("/2025/") != std::string::npos;
    EXPECT_EQ(first.header("cache-control"), closed ? "public, max-age=300" : "no-cache") << target;
    HttpReply unchanged = call("GET", target, "", {"If-None-Match: " + etag});
    EXPECT_EQ(unchanged.status, 304) << target;
    EXPECT_TRUE(unchanged.body.empty());
    EXPECT_EQ(unchanged.header("etag"), etag);
    EXPECT_EQ(unchanged.header("vary"), "Accept-Encoding");
    EXPECT_EQ(call("GET", target, "", {"If-None-Match: \"0123\""}).status, 200);
  }
  EXPECT_NE(call("GET", "/api/v1/waves/2026/results?lang=en").header("etag"),
            call("GET", "/api/v1/waves/2026/results?lang=nb").header("etag"))
      << "another language is other bytes";
}

TEST_F(Results, FiguresAreCachedPerWave) {
  json::object first = get_json("/api/v1/waves/2026/results");
  json::object second = get_json("/api/v1/waves/2026/results/0301");
  EXPECT_EQ(first.at("computed_on"), second.at("computed_on"));
  EXPECT_EQ(first.at("language").as_string(), "nb") << "the questionnaire's default";
}

}  // namespace
}  // namespace parorende::testing
