// The answers per question as the store keeps them: the text reads back
// as it was written, and a damaged one is a clear error, never a crash.
// (Their disclosure rules are attacked in disclosure_attacker_test.cpp.)
#include "analytics/answers_per_question.h"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "common/json_input.h"
#include "questionnaire/questionnaire_loader.h"

namespace parorende::analytics {
namespace {

std::vector<QuestionAnswers> two_questions() {
  QuestionAnswers known{"identified", "identified_known", {1, 2, 3}, {"", 40, {10, 20, 10}}, {}};
  known.municipalities.push_back({"3407", 12, {2, 6, 4}, Suppression::none});
  known.municipalities.push_back({"1151", 0, {}, Suppression::primary});
  known.municipalities.push_back({"3422", 0, {}, Suppression::secondary});
  QuestionAnswers withheld{
      "children", "children_asked", {1, 2}, {"", 0, {}, Suppression::primary}, {}};
  return {known, withheld};
}

void expect_same(const QuestionCell& read, const QuestionCell& written) {
  EXPECT_EQ(read.code, written.code);
  EXPECT_EQ(read.n, written.n);
  EXPECT_EQ(read.counts, written.counts);
  EXPECT_EQ(read.suppression, written.suppression);
}

TEST(AnswersPerQuestion, StoredTextReadsBackAsWritten) {
  const std::vector<QuestionAnswers> written = two_questions();
  auto read = answers_from_text(answers_text(written));
  ASSERT_TRUE(read.ok()) << read.error().describe();
  ASSERT_EQ(read->size(), written.size());
  for (std::size_t q = 0; q < written.size(); ++q) {
    EXPECT_EQ((*read)[q].scale_id, written[q].scale_id);
    EXPECT_EQ((*read)[q].item_id, written[q].item_id);
    EXPECT_EQ((*read)[q].option_codes, written[q].option_codes);
    expect_same((*read)[q].national, written[q].national);
    ASSERT_EQ((*read)[q].municipalities.size(), written[q].municipalities.size());
    for (std::size_t m = 0; m < written[q].municipalities.size(); ++m)
      expect_same((*read)[q].municipalities[m], written[q].municipalities[m]);
  }
  const QuestionCell* gjovik = municipality_cell((*read)[0], "3407");
  ASSERT_NE(gjovik, nullptr);
  EXPECT_TRUE(gjovik->published());
  EXPECT_EQ(municipality_cell((*read)[0], "0301"), nullptr);
}

TEST(AnswersPerQuestion, DamagedTextIsAStorageFailure) {
  for (const char* damaged : {
           "", "{", "{}",
           "[[\"s\",\"i\",[1,2],[\"\",10,0,[10]],[]]]",         // one count for two options
           "[[\"s\",\"i\",[1,2],[\"\",0,1,[0,0]],[]]]",         // counts of a withheld cell
           "[[\"s\",\"i\",[1,2],[\"\",10,7,[5,5]],[]]]",        // no such suppression
           "[[\"s\",\"i\",[1,2],[\"\",10,0,[5,5]],[[3407]]]]",  // a municipality without a code
           "[[\"s\",\"i\",[\"x\"],[\"\",10,0,[10]],[]]]",       // an option code that is text
           "[[\"s\",\"i\",[1,2],[\"\",10,0,[5,4]],[]]]",        // counts that are not its n
           "[[\"s\",\"i\",[1,2],[\"\",0,0,[5,-5]],[]]]",        // a negative count
       }) {
    auto read = answers_from_text(damaged);
    ASSERT_FALSE(read.ok()) << damaged;
    EXPECT_EQ(read.error().code, "storage_failure") << damaged;
    EXPECT_NE(read.error().message.find("answers per question"), std::string::npos)
        << read.error().message;
  }
}

// A scale whose item is also in another has no answers per question and
// no reliability: "answered every question" would differ between them.
TEST(AnswersPerQuestion, AnItemInTwoScalesIsFound) {
  const std::string path =
      std::string(PARORENDE_SOURCE_DIR) + "/questionnaires/" + "parorendeundersokelse.json";
  auto plain = load_questionnaire_file(path);
  ASSERT_TRUE(plain.ok()) << plain.error().describe();
  for (std::size_t s = 0; s < plain->scales.size(); ++s)
    EXPECT_FALSE(scale_shares_items(*plain, s)) << plain->scales[s].id;

  auto text = read_text_file(path);
  ASSERT_TRUE(text.ok());
  boost::json::value definition = boost::json::parse(text.value());
  boost::json::array& scales = definition.at("scales").as_array();
  const boost::json::value first_item = scales[0].at("items").as_array()[0];
  scales[1].at("items").as_array().push_back(first_item);
  auto shared = load_questionnaire(definition);
  ASSERT_TRUE(shared.ok()) << shared.error().describe();
  EXPECT_TRUE(scale_shares_items(*shared, 0));
  EXPECT_TRUE(scale_shares_items(*shared, 1));
  EXPECT_FALSE(scale_shares_items(*shared, 2));
}

}  // namespace
}  // namespace parorende::analytics
