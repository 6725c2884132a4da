// Helpers for the response store tests: a small questionnaire in
// tests/data/store/, an opened store in a temporary directory, and responses
// built through the real validation.
#pragma once

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <memory>
#include <string>
#include <string_view>

#include "questionnaire/response_validation.h"
#include "store/response_store.h"
#include "test_support.h"

namespace parorende::testing {

inline std::string small_survey_path() {
  return kSourceDir + "/tests/data/store/small_survey.json";
}

inline std::string small_survey_text() { return read_file(small_survey_path()); }

inline constexpr std::string_view kConsent = "2026-1";
inline constexpr Date kOpens{2026, 3, 1};
inline constexpr Date kToday{2026, 3, 10};
inline constexpr Date kCloses{2026, 4, 30};

inline std::unique_ptr<ResponseStore> open_store_at(
    const std::string& path,
    StoreOptions::Synchronous synchronous = StoreOptions::Synchronous::full) {
  StoreOptions options;
  options.path = path;
  options.synchronous = synchronous;
  auto store = ResponseStore::open(options);
  if (!store) {
    ADD_FAILURE() << "cannot open store: " << describe_problems(store.error());
    return nullptr;
  }
  return std::move(store).value();
}

// A store with small_survey published and a national wave "spring"
// (kOpens to kCloses) plus a wave "west" for 4601 (Bergen) and 5001
// (Trondheim) only.
class StoreFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (directory_.path() / "responses.db").string();
    store_ = open_store_at(path_);
    ASSERT_NE(store_, nullptr);
    auto published = store_->publish_questionnaire(small_survey_text());
    ASSERT_TRUE(published.ok()) << describe_result(published);
    auto questionnaire = store_->questionnaire("small_survey");
    ASSERT_TRUE(questionnaire.ok()) << describe_result(questionnaire);
    questionnaire_ = questionnaire.value();
    auto spring =
        store_->create_wave({"spring", "small_survey", std::nullopt, kOpens, kCloses, {}});
    ASSERT_TRUE(spring.ok()) << describe_result(spring);
    auto west =
        store_->create_wave({"west", "small_survey", "1.0.0", kOpens, kCloses, {"5001", "4601"}});
    ASSERT_TRUE(west.ok()) << describe_result(west);
  }

  // A validated response; `answers` is a JSON object literal.
  Response response(std::string_view answers, Completeness completeness = Completeness::complete,
                    std::string_view municipality = "0301") {
    boost::json::object document;
    document["language"] = "nb";
    if (!municipality.empty()) document["municipality"] = municipality;
    document["answers"] = boost::json::parse(answers);
    ValidationOptions options;
    options.completeness = completeness;
    auto validated = validate_response(*questionnaire_, document, options);
    if (!validated) {
      ADD_FAILURE() << "response does not validate: " << describe_problems(validated.error());
      return Response{};
    }
    return std::move(validated).value();
  }

  // Lives in `municipality` (none: the answer says Oslo, the envelope nothing).
  Response complete_response(std::string_view municipality = "0301") {
    std::string home(municipality.empty() ? "0301" : municipality);
    return response(R"({"home": ")" + home + R"(", "informed": 4, "heard": 9, "children": true,
                        "help_used": [1, 3], "hours": 12, "started": "2020-05-17",
                        "comment": "Takk"})",
                    Completeness::complete, municipality);
  }

  Response partial_response() { return response(R"({"heard": 2})", Completeness::partial); }

  TempDir directory_;
  std::string path_;
  std::unique_ptr<ResponseStore> store_;
  std::shared_ptr<const Questionnaire> questionnaire_;
};

}  // namespace parorende::testing
