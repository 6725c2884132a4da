// Every route of the JSON API and its error statuses, over real sockets.
#include <boost/json.hpp>
#include <map>
#include <set>

#include "server_fixture.h"

namespace parorende::testing {
namespace {

namespace json = boost::json;

class ApiTest : public ServerFixture {
 protected:
  void SetUp() override {
    ServerFixture::SetUp();
    start();
  }

  // The error object of an error answer, checking its shape.
  static json::object error_of(const HttpReply& reply) {
    EXPECT_EQ(reply.header("content-type"), "application/json") << reply.body;
    json::value body = reply.json();
    const json::object& error = body.at("error").as_object();
    EXPECT_TRUE(error.at("code").is_string());
    EXPECT_TRUE(error.at("message").is_string());
    EXPECT_TRUE(error.at("details").is_array());
    return error;
  }

  static std::string code_of(const HttpReply& reply) {
    return std::string(error_of(reply).at("code").as_string());
  }
};

TEST_F(ApiTest, HealthzAnswersOk) {
  HttpReply reply = call("GET", "/healthz");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.json().at("status"), "ok");
}

TEST_F(ApiTest, QuestionnaireInTheAskedLanguageWithFallbacks) {
  HttpReply nb = call("GET", "/api/v1/questionnaires/http_survey?lang=nb");
  ASSERT_EQ(nb.status, 200) << nb.body;
  json::value view = nb.json();
  EXPECT_EQ(view.at("language"), "nb");
  EXPECT_EQ(view.at("title"), "Testundersøkelse");
  EXPECT_EQ(view.at("consent").at("version"), "2026-1");
  EXPECT_EQ(view.at("screening"), true);  // it has a burden instrument
  const json::array& items = view.at("sections").at(0).at("items").as_array();
  EXPECT_EQ(items.at(1).at("id"), "relation");
  EXPECT_EQ(items.at(1).at("options").at(0).at("label"), "Partner");
  EXPECT_EQ(items.at(4).at("visible_if"), "children = true");

  EXPECT_EQ(call("GET", "/api/v1/questionnaires/http_survey?lang=nn").json().at("title"),
            "Testundersøking");
  EXPECT_EQ(call("GET", "/api/v1/questionnaires/http_survey?lang=en").json().at("title"),
            "Test survey");
  EXPECT_EQ(call("GET", "/api/v1/questionnaires/http_survey?lang=nn-NO").json().at("language"),
            "nn");
  // Northern Sami is not offered: nb is the next in line.
  EXPECT_EQ(call("GET", "/api/v1/questionnaires/http_survey?lang=se").json().at("language"), "nb");
  EXPECT_EQ(call("GET", "/api/v1/questionnaires/http_survey").json().at("language"), "nb");
  EXPECT_EQ(call("GET", "/api/v1/questionnaires/http_survey?version=1.0.0").status, 200);
}

TEST_F(ApiTest, QuestionnaireErrors) {
  HttpReply missing = call("GET", "/api/v1/questionnaires/nope");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(code_of(missing), "questionnaire_not_found");
  EXPECT_EQ(call("GET", "/api/v1/questionnaires/http_survey?version=9.9.9").status, 404);
  HttpReply bad_lang = call("GET", "/api/v1/questionnaires/http_survey?lang=%3Cscript%3E");
  EXPECT_EQ(bad_lang.status, 400);
  EXPECT_EQ(code_of(bad_lang), "invalid_query");
  EXPECT_EQ(call("GET", "/api/v1/questionnaires/http_survey?lang=%zz").status, 400);
}

TEST_F(ApiTest, WavesListsOnlyOpenWaves) {
  HttpReply reply = call("GET", "/api/v1/waves?lang=en");
  ASSERT_EQ(reply.status, 200) << reply.body;
  std::set<std::string> names;
  json::value body = reply.json();
  for (const json::value& wave : body.at("waves").as_array()) {
    names.insert(std::string(wave.at("name").as_string()));
    EXPECT_EQ(wave.at("title"), "Test survey");
  }
  EXPECT_EQ(names, (std::set<std::string>{"open", "oslo_only"}));
  EXPECT_EQ(call("GET", "/api/v1/waves?lang=nn").json().at("waves").at(0).at("title"),
            "Testundersøking");
  EXPECT_EQ(call("GET", "/api/v1/waves?lang=%%").status, 400);
}

// The dashboard's list: every round that has opened, closed ones too,
// newest first, by plain name; never one that has not opened.
TEST_F(ApiTest, WavesWithResultsListsClosedRoundsByPlainName) {
  HttpReply reply = call("GET", "/api/v1/waves?lang=nb&with=results");
  ASSERT_EQ(reply.status, 200) << reply.body;
  std::map<std::string, json::object> by_name;
  const json::value body = reply.json();
  for (const json::value& wave : body.at("waves").as_array())
    by_name[std::string(wave.at("name").as_string())] = wave.as_object();
  ASSERT_EQ(by_name.size(), 3u) << reply.body;
  EXPECT_EQ(by_name.at("closed").at("open"), false);
  EXPECT_EQ(by_name.at("closed").at("plain_name"), "Testundersøkelse, 2000");
  EXPECT_EQ(by_name.at("open").at("open"), true);
  EXPECT_EQ(by_name.at("open").at("plain_name"), "Testundersøkelse, januar 2000–desember 2999");
  EXPECT_EQ(by_name.at("oslo_only").at("plain_name"),
            "Testundersøkelse – Oslo - Oslove, januar 2000–desember 2999");
  EXPECT_FALSE(by_name.contains("future"));
  EXPECT_EQ(call("GET", "/api/v1/waves?lang=en&with=results")
                .json()
                .at("waves")
                .at(0)
                .at("plain_name")
                .as_string()
                .starts_with("Test survey"),
            true);
  HttpReply unknown = call("GET", "/api/v1/waves?with=everything");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(code_of(unknown), "invalid_query");
}

TEST_F(ApiTest, PublicAnswersAreCompressedWhenAccepted) {
  for (const char* target :
       {"/api/v1/questionnaires/http_survey?lang=nb", "/api/v1/municipalities"}) {
    HttpReply plain = call("GET", target);
    HttpReply zipped = call("GET", target, "", {"Accept-Encoding: gzip"});
    EXPECT_EQ(plain.header("content-encoding"), "") << target;
    EXPECT_EQ(zipped.header("content-encoding"), "gzip") << target;
    EXPECT_EQ(zipped.header("vary"), "Accept-Encoding") << target;
    EXPECT_EQ(zipped.body.substr(0, 2), "\x1f\x8b") << target;
    EXPECT_LT(zipped.body.size(), plain.body.size()) << target;
  }
  HttpReply saved =
      call("POST", "/api/v1/waves/open/responses", partial_body(), {"Accept-Encoding: gzip"});
  EXPECT_EQ(saved.header("content-encoding"), "");
}

TEST_F(ApiTest, Municipalities) {
  HttpReply all = call("GET", "/api/v1/municipalities");
  ASSERT_EQ(all.status, 200);
  EXPECT_GT(all.json().at("municipalities").as_array().size(), 300u);
  EXPECT_EQ(all.json().at("municipalities").at(0).at("written_standard").is_string(), true);
  HttpReply oslo = call("GET", "/api/v1/municipalities?wave=oslo_only");
  ASSERT_EQ(oslo.status, 200);
  json::value body = oslo.json();
  const json::array& list = body.at("municipalities").as_array();
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list.at(0).at("code"), "0301");
  EXPECT_EQ(call("GET", "/api/v1/municipalities?wave=nope").status, 404);
}

TEST_F(ApiTest, SaveResumeContinueSubmitAndErase) {
  HttpReply saved = call("POST", "/api/v1/waves/open/responses", partial_body());
  ASSERT_EQ(saved.status, 201) << saved.body;
  std::string resume_code(saved.json().at("resume_code").as_string());
  EXPECT_EQ(saved.json().at("status"), "partial");

  HttpReply resumed = call("GET", "/api/v1/responses/resume/" + resume_code);
  ASSERT_EQ(resumed.status, 200) << resumed.body;
  EXPECT_EQ(resumed.json().at("wave"), "open");
  EXPECT_EQ(resumed.json().at("answers").at("relation"), 1);
  EXPECT_EQ(resumed.json().at("municipality"), "0301");

  // Codes are case-insensitive and ignore dashes.
  std::string lower;
  for (char c : resume_code) {
    if (c != '-') lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  EXPECT_EQ(call("GET", "/api/v1/responses/resume/" + lower).status, 200);

  HttpReply saved_again = call("PUT", "/api/v1/responses/resume/" + resume_code,
                               R"({"status":"partial","answers":{"municipality":"0301",)"
                               R"("relation":3,"hours":10}})");
  ASSERT_EQ(saved_again.status, 200) << saved_again.body;
  EXPECT_EQ(std::string(saved_again.json().at("resume_code").as_string()), resume_code);
  EXPECT_EQ(call("GET", "/api/v1/responses/resume/" + resume_code).json().at("answers").at("hours"),
            10);

  HttpReply incomplete = call("PUT", "/api/v1/responses/resume/" + resume_code,
                              R"({"status":"complete","answers":{"municipality":"0301"}})");
  EXPECT_EQ(incomplete.status, 422) << incomplete.body;

  HttpReply submitted = call("PUT", "/api/v1/responses/resume/" + resume_code, complete_body());
  ASSERT_EQ(submitted.status, 200) << submitted.body;
  EXPECT_EQ(submitted.json().at("status"), "complete");
  std::string receipt(submitted.json().at("receipt_code").as_string());
  EXPECT_EQ(call("GET", "/api/v1/responses/resume/" + resume_code).status, 404);

  // A receipt is no resume code, and a resume code no receipt.
  EXPECT_EQ(call("GET", "/api/v1/responses/resume/" + receipt).status, 404);
  EXPECT_EQ(call("DELETE", "/api/v1/responses/" + resume_code).status, 404);

  HttpReply erased = call("DELETE", "/api/v1/responses/" + receipt);
  EXPECT_EQ(erased.status, 204);
  EXPECT_TRUE(erased.body.empty());
  HttpReply again = call("DELETE", "/api/v1/responses/" + receipt);
  EXPECT_EQ(again.status, 404);
  EXPECT_EQ(code_of(again), "code_not_found");
}

TEST_F(ApiTest, CompleteSubmissionGetsAReceipt) {
  HttpReply reply = call("POST", "/api/v1/waves/open/responses", complete_body());
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.json().at("status"), "complete");
  EXPECT_EQ(reply.json().at("receipt_code").as_string().size(), 34u);  // 28 symbols, 6 dashes
  EXPECT_EQ(reply.header("cache-control"), "no-store");
}

TEST_F(ApiTest, EveryValidationErrorInTheAskedLanguage) {
  std::string body = R"({"status":"complete","consent_version":"2026-1",)"
                     R"("answers":{"relation":7,"hours":500,"children":"yes","nonsense":1}})";
  HttpReply english = call("POST", "/api/v1/waves/open/responses?lang=en", body);
  ASSERT_EQ(english.status, 422) << english.body;
  json::object error = error_of(english);
  EXPECT_EQ(error.at("code"), "invalid_response");
  std::map<std::string, std::string> by_item;
  for (const json::value& detail : error.at("details").as_array()) {
    by_item[std::string(detail.at("where").as_string())] =
        std::string(detail.at("message").as_string());
  }
  for (const char* item : {"relation", "hours", "children", "nonsense", "municipality",
                           "strain_sleep", "strain_money"}) {
    EXPECT_EQ(by_item.count(item), 1u) << item << " missing in " << english.body;
  }

  HttpReply norwegian = call("POST", "/api/v1/waves/open/responses?lang=nb", body);
  ASSERT_EQ(norwegian.status, 422);
  EXPECT_NE(norwegian.body, english.body);  // the same problems, other words

  HttpReply bad_status = call("POST", "/api/v1/waves/open/responses",
                              R"({"status":"done","consent_version":"2026-1","answers":{}})");
  EXPECT_EQ(bad_status.status, 422);
  EXPECT_NE(bad_status.body.find("\"where\":\"status\""), std::string::npos) << bad_status.body;
}

TEST_F(ApiTest, StoreRulesAre422) {
  HttpReply no_consent = call("POST", "/api/v1/waves/open/responses",
                              R"({"status":"partial","answers":{"relation":1}})");
  EXPECT_EQ(no_consent.status, 422) << no_consent.body;
  EXPECT_EQ(code_of(no_consent), "consent_missing");
  HttpReply wrong_consent = call("POST", "/api/v1/waves/open/responses",
                                 R"({"status":"partial","consent_version":"1999",)"
                                 R"("answers":{"relation":1}})");
  EXPECT_EQ(code_of(wrong_consent), "consent_mismatch");
  HttpReply elsewhere = call("POST", "/api/v1/waves/oslo_only/responses",
                             R"({"status":"partial","consent_version":"2026-1",)"
                             R"("answers":{"municipality":"4601"}})");
  EXPECT_EQ(elsewhere.status, 422);
  EXPECT_EQ(code_of(elsewhere), "municipality_not_in_wave");
}

TEST_F(ApiTest, ClosedAndFutureWavesAre409) {
  HttpReply closed = call("POST", "/api/v1/waves/closed/responses", complete_body());
  EXPECT_EQ(closed.status, 409);
  EXPECT_EQ(code_of(closed), "wave_closed");
  HttpReply future = call("POST", "/api/v1/waves/future/responses", complete_body());
  EXPECT_EQ(future.status, 409);
  EXPECT_EQ(code_of(future), "wave_not_open_yet");
  HttpReply unknown = call("POST", "/api/v1/waves/nope/responses", complete_body());
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(code_of(unknown), "wave_not_found");
}

TEST_F(ApiTest, MalformedBodiesAre4xx) {
  const std::string target = "/api/v1/waves/open/responses";
  HttpReply truncated = call("POST", target, R"({"status":"complete",)");
  EXPECT_EQ(truncated.status, 400);
  EXPECT_EQ(code_of(truncated), "invalid_json");
  HttpReply text = call("POST", target, complete_body(), {"Content-Type: text/plain"});
  EXPECT_EQ(text.status, 415);
  EXPECT_EQ(call("POST", target, "").status, 400);
  for (const char* body : {"[]", "null", "42", "\"text\"", R"({"answers":[]})",
                           R"({"answers":{"relation":{"deep":[1,2,3]}}})",
                           R"({"language":7,"answers":{}})", R"({"consent_version":1})"}) {
    HttpReply reply = call("POST", target, body);
    EXPECT_EQ(reply.status, 422) << body << " -> " << reply.body;
  }
  std::string deep(100000, '[');
  EXPECT_EQ(call("POST", target, deep).status, 400);
  std::string bad_utf8 = R"({"answers":{"comment":")" + std::string("\xff\xfe") + "\"}}";
  EXPECT_EQ(call("POST", target, bad_utf8).status, 400);
  EXPECT_EQ(call("PUT", "/api/v1/responses/resume/ABCD", "{").status, 400);
}

TEST_F(ApiTest, ADuplicatedKeyIsRefusedWithItsPath) {
  const std::string target = "/api/v1/waves/open/responses";
  // A complete response with "status" given again as partial at the end.
  std::string twice = complete_body();
  twice.insert(twice.size() - 1, R"(,"status":"partial")");
  HttpReply reply = call("POST", target, twice);
  EXPECT_EQ(reply.status, 422) << reply.body;
  EXPECT_EQ(code_of(reply), "duplicate_key");
  EXPECT_EQ(reply.json().at("error").at("details").at(0).at("where"), "$.status") << reply.body;
  // Also deep inside: the same answer twice.
  HttpReply answer = call("POST", target, complete_body(R"(,"relation":1)"));
  EXPECT_EQ(code_of(answer), "duplicate_key");
  EXPECT_EQ(answer.json().at("error").at("details").at(0).at("where"), "$.answers.relation")
      << answer.body;
  EXPECT_EQ(call("POST", target, complete_body()).status, 201);
}

TEST_F(ApiTest, ABodyInAnotherCharsetThanUtf8Gets415) {
  const std::string target = "/api/v1/waves/open/responses";
  for (const char* type :
       {"application/json; charset=utf-16", "application/json;charset=\"latin1\"",
        "application/json; boundary=x; charset=ISO-8859-1"}) {
    HttpReply reply = call("POST", target, complete_body(), {std::string("Content-Type: ") + type});
    EXPECT_EQ(reply.status, 415) << type;
    EXPECT_EQ(code_of(reply), "unsupported_media_type") << type;
  }
  for (const char* type :
       {"application/json; charset=utf-8", "application/json;charset=\"UTF-8\""}) {
    HttpReply reply = call("POST", target, complete_body(), {std::string("Content-Type: ") + type});
    EXPECT_EQ(reply.status, 201) << type << ": " << reply.body;
  }
}

TEST_F(ApiTest, ControlCharactersInTextAreRefusedNotStored) {
  const std::string target = "/api/v1/waves/open/responses";
  HttpReply nul = call("POST", target, complete_body(R"(,"comment":"ok\u0000hidden")"));
  EXPECT_EQ(nul.status, 422) << nul.body;
  EXPECT_EQ(error_of(nul).at("details").at(0).at("code"), "control_character") << nul.body;
  std::string consent = complete_body();
  consent.replace(consent.find("2026-1"), 6, "2026-1\\u0000");
  EXPECT_EQ(call("POST", target, consent).status, 422);
  EXPECT_EQ(call("POST", target, complete_body(R"(,"comment":"two\nlines")")).status, 201);
}

TEST_F(ApiTest, MalformedCodesAreNeverServerErrors) {
  for (const char* code : {"x", "0000-0000-0000-0000-0000-0000-0000", "%E2%9C%93", "a%20b",
                           "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}) {
    for (const char* method : {"GET", "DELETE"}) {
      std::string target =
          method == std::string("GET") ? "/api/v1/responses/resume/" : "/api/v1/responses/";
      HttpReply reply = call(method, target + code);
      EXPECT_TRUE(reply.status == 404 || reply.status == 422)
          << method << " " << code << " -> " << reply.status << " " << reply.body;
    }
  }
}

TEST_F(ApiTest, ScreeningScoresWithoutStoring) {
  std::string body = R"({"answers":{"municipality":"0301","relation":1,"children":true,)"
                     R"("strain_sleep":3,"strain_money":2}})";
  HttpReply reply = call("POST", "/api/v1/screening/http_survey/score?lang=en", body);
  ASSERT_EQ(reply.status, 200) << reply.body;
  json::value report = reply.json();
  const json::value& burden = report.at("burden").at(0);
  EXPECT_EQ(burden.at("sum"), 5);
  EXPECT_EQ(burden.at("category").at("id"), "high");
  EXPECT_EQ(burden.at("category").at("follow_up"), "A conversation soon.");
  HttpReply norwegian = call("POST", "/api/v1/screening/http_survey/score?lang=nn", body);
  EXPECT_EQ(norwegian.json().at("burden").at(0).at("category").at("label"), "Høg");

  HttpReply incomplete =
      call("POST", "/api/v1/screening/http_survey/score", R"({"answers":{"strain_sleep":1}})");
  EXPECT_EQ(incomplete.status, 422);
  EXPECT_EQ(call("POST", "/api/v1/screening/nope/score", body).status, 404);

  auto stats = store_->stats();
  ASSERT_TRUE(stats.ok());
  for (const WaveCounts& wave : stats->waves) {
    EXPECT_EQ(wave.partial + wave.complete, 0) << wave.wave_name;
  }
}

TEST_F(ApiTest, UnknownRoutesAndMethods) {
  HttpReply unknown = call("GET", "/api/v1/nothing");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(code_of(unknown), "not_found");
  HttpReply wrong = call("DELETE", "/api/v1/waves");
  EXPECT_EQ(wrong.status, 405);
  EXPECT_EQ(wrong.header("allow"), "GET, HEAD");
  EXPECT_EQ(code_of(wrong), "method_not_allowed");
  HttpReply resume = call("POST", "/api/v1/responses/resume/ABC", "{}");
  EXPECT_EQ(resume.status, 405);
  EXPECT_EQ(resume.header("allow"), "GET, HEAD, PUT");
  EXPECT_EQ(call("PATCH", "/index.html", "{}").status, 405);
  EXPECT_EQ(call("HEAD", "/healthz").status, 200);
}

TEST_F(ApiTest, SecurityHeadersOnEveryAnswer) {
  for (const HttpReply& reply :
       {call("GET", "/healthz"), call("GET", "/api/v1/nothing"), call("GET", "/"),
        call("POST", "/api/v1/waves/open/responses", "{")}) {
    std::string policy = reply.header("content-security-policy");
    EXPECT_NE(policy.find("frame-ancestors 'none'"), std::string::npos) << reply.status;
    EXPECT_NE(policy.find("script-src 'self'"), std::string::npos);
    EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos);
    EXPECT_EQ(reply.header("x-content-type-options"), "nosniff");
    EXPECT_EQ(reply.header("referrer-policy"), "no-referrer");
  }
}

}  // namespace
}  // namespace parorende::testing
