// Every ```json example in docs/questionnaire-format.md is a complete, valid
// definition: the examples cannot drift from the loader.
#include <gtest/gtest.h>

#include <set>

#include "questionnaire/questionnaire_loader.h"
#include "questionnaire/response_validation.h"
#include "test_support.h"

namespace parorende {
namespace {

using testing::describe_problems;
using testing::format_doc_examples;
using testing::json_of;

TEST(QuestionnaireFormatDoc, ExtractsFencedJsonBlocks) {
  auto blocks = testing::json_code_blocks(
      "text\n```json\n{\"a\": 1}\n```\n```\nnot json\n```\n```json\r\n[1,\n2]\r\n```\r\n"
      "```json\nunterminated");
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0], "{\"a\": 1}\n");
  EXPECT_EQ(blocks[1], "[1,\n2]\n");
}

TEST(QuestionnaireFormatDoc, EveryJsonExampleLoadsWithoutProblems) {
  std::vector<std::string> examples = format_doc_examples();
  ASSERT_FALSE(examples.empty()) << "no ```json example found in docs/questionnaire-format.md";
  std::set<std::string> ids;
  for (std::size_t i = 0; i < examples.size(); ++i) {
    auto loaded = load_questionnaire_text(examples[i]);
    ASSERT_TRUE(loaded.ok()) << "example " << i + 1 << " of " << examples.size()
                             << " does not load:\n"
                             << describe_problems(loaded.error()) << "\n"
                             << examples[i];
    EXPECT_FALSE(loaded->items.empty());
    EXPECT_TRUE(ids.insert(loaded->id).second) << "two examples have id " << loaded->id;
  }
  // Three examples at the time of writing: every item type, conditions,
  // scales and burden.
  EXPECT_GE(examples.size(), 3u);
}

const std::string* example_with_id(const std::vector<std::string>& examples, std::string_view id) {
  for (const std::string& example : examples) {
    auto loaded = load_questionnaire_text(example);
    if (loaded && loaded->id == id) return &example;
  }
  return nullptr;
}

TEST(QuestionnaireFormatDoc, TheItemTypesExampleShowsEveryItemType) {
  auto examples = format_doc_examples();
  const std::string* text = example_with_id(examples, "item_types");
  ASSERT_NE(text, nullptr) << "the 'item_types' example is gone";
  Questionnaire q = testing::load_ok(*text);
  std::set<ItemType> types;
  for (const Item& item : q.items) types.insert(item.type);
  EXPECT_EQ(types.size(), 8u) << "every one of the 8 item types";
  ASSERT_NE(q.find_item("informed"), nullptr);
  EXPECT_EQ(q.find_item("informed")->options.size(), 5u) << "from option set agree5";
  EXPECT_TRUE(q.find_item("informed")->is_dont_know(9));
}

TEST(QuestionnaireFormatDoc, TheConditionsExampleBehavesAsDescribed) {
  auto examples = format_doc_examples();
  const std::string* text = example_with_id(examples, "conditions");
  ASSERT_NE(text, nullptr) << "the 'conditions' example is gone";
  Questionnaire q = testing::load_ok(*text);

  // kind_other is shown only when "Other" (3) is selected.
  auto shown = [&q](std::string_view answers_json, std::string_view item) {
    auto response = validate_response(q, json_of(answers_json),
                                      ValidationOptions{Completeness::partial, true, nullptr});
    EXPECT_TRUE(response.ok()) << describe_problems(response.error());
    if (!response) return false;
    auto visible = visible_items(q, response->answers);
    return static_cast<bool>(visible.at(*q.item_index(item)));
  };
  EXPECT_FALSE(shown(R"({"answers": {"kind": [1]}})", "kind_other"));
  EXPECT_TRUE(shown(R"({"answers": {"kind": [1, 3]}})", "kind_other"));
  // The children section is hidden unless children_at_home = true; inside,
  // children_informed needs not (age < 18) and (kind in [1, 2] or not answered(kind)).
  EXPECT_FALSE(shown(R"({"answers": {"children_at_home": false}})", "children_informed"));
  EXPECT_TRUE(shown(R"({"answers": {"children_at_home": true}})", "children_informed"));
  EXPECT_TRUE(shown(R"({"answers": {"children_at_home": true, "age": 40, "kind": [2]}})",
                    "children_informed"));
  EXPECT_FALSE(shown(R"({"answers": {"children_at_home": true, "age": 40, "kind": [3]}})",
                     "children_informed"));

  // The age constraint: a child (under 18) with children at home is refused.
  auto refused = validate_response(
      q, json_of(R"({"language": "en", "answers": {"children_at_home": true, "age": 12}})"),
      ValidationOptions{Completeness::partial, true, nullptr});
  ASSERT_FALSE(refused.ok());
  ASSERT_EQ(refused.error().problems.size(), 1u) << describe_problems(refused.error());
  EXPECT_EQ(refused.error().problems[0].where, "age");
  EXPECT_EQ(refused.error().problems[0].code, "constraint");
  EXPECT_EQ(refused.error().problems[0].message, "Children cannot answer for other children here.");
}

}  // namespace
}  // namespace parorende
