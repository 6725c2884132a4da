#include "store/internal/stored_answers.h"

#include <gtest/gtest.h>

#include "questionnaire/response_validation.h"
#include "test_support.h"

namespace parorende {
namespace {

constexpr std::string_view kStoredDefinition = R"({
  "format": "parorende-questionnaire/1", "id": "stored", "version": "1.0.0",
  "languages": ["en"], "title": {"en": "Stored"},
  "sections": [{"id": "s", "title": {"en": "S"}, "items": [
    {"id": "home", "type": "municipality", "text": {"en": "Home"}},
    {"id": "pick", "type": "single_choice", "text": {"en": "Pick"},
     "options": [{"code": 1, "label": {"en": "One"}}, {"code": 2, "label": {"en": "Two"}}]},
    {"id": "many", "type": "multiple_choice", "text": {"en": "Many"},
     "options": [{"code": 1, "label": {"en": "One"}}, {"code": 2, "label": {"en": "Two"}},
                 {"code": 3, "label": {"en": "Three"}}]},
    {"id": "kids", "type": "yes_no", "text": {"en": "Kids"}},
    {"id": "count", "type": "integer", "min": -5, "max": 100, "text": {"en": "Count"}},
    {"id": "share", "type": "decimal", "min": 0, "max": 1, "text": {"en": "Share"}},
    {"id": "since", "type": "date", "text": {"en": "Since"}},
    {"id": "note", "type": "text", "text": {"en": "Note"}}
  ]}]
})";

class StoredAnswersTest : public ::testing::Test {
 protected:
  Answers validated(std::string_view answers) {
    boost::json::object document;
    document["answers"] = testing::json_of(answers);
    ValidationOptions options;
    options.completeness = Completeness::partial;
    auto response = validate_response(questionnaire_, document, options);
    EXPECT_TRUE(response.ok()) << testing::describe_result(response);
    return response.ok() ? response->answers : Answers{};
  }

  // Encodes, decodes and validates again: the answers must come back equal.
  void expect_round_trip(std::string_view answers, std::string_view stored) {
    Answers original = validated(answers);
    std::string encoded = encode_stored_answers(questionnaire_, original);
    EXPECT_EQ(encoded, stored);
    auto decoded = decode_stored_answers(questionnaire_, encoded);
    ASSERT_TRUE(decoded.ok());
    EXPECT_EQ(decoded.value(), answers_to_json(questionnaire_, original));
    EXPECT_EQ(validated(boost::json::serialize(decoded.value())), original);
  }

  Questionnaire questionnaire_ = testing::load_ok(kStoredDefinition);
};

TEST_F(StoredAnswersTest, EveryItemTypeRoundTrips) {
  expect_round_trip(
      R"({"home": "0301", "pick": 2, "many": [3, 1], "kids": false, "count": -3,
          "share": 0.125, "since": "2024-02-29", "note": "Sa \"hei\"\n på \u00e6"})",
      R"(["0301",2,[1,3],false,-3,1.25E-1,"2024-02-29","Sa \"hei\"\n på æ"])");
}

TEST_F(StoredAnswersTest, UnansweredItemsAreNullAndTrailingOnesDropped) {
  expect_round_trip(R"({"many": [2], "count": 7})", R"([null,null,[2],null,7])");
  expect_round_trip(R"({})", "[]");
}

TEST_F(StoredAnswersTest, MalformedStoredTextIsAStorageFailure) {
  for (std::string_view bad : {"{}", "not json", R"([1,2,3,4,5,6,7,8,9])"}) {
    auto decoded = decode_stored_answers(questionnaire_, bad);
    ASSERT_FALSE(decoded.ok()) << bad;
    EXPECT_EQ(decoded.error().code, "storage_failure");
  }
}

}  // namespace
}  // namespace parorende
