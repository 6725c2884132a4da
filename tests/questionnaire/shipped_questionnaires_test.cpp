// Every questionnaire shipped in questionnaires/ loads without problems, and
// the two named in the issue have the structure it asks for.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "questionnaire/questionnaire_loader.h"
#include "questionnaire/response_validation.h"
#include "questionnaire/scoring.h"
#include "test_support.h"

namespace parorende {
namespace {

using testing::describe_problems;
using testing::kSourceDir;

const std::string kFolder = kSourceDir + "/questionnaires";

std::vector<std::string> shipped_files() {
  std::vector<std::string> files;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(kFolder, error)) {
    if (entry.is_regular_file() && entry.path().extension() == ".json") {
      files.push_back(entry.path().string());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

Questionnaire load_shipped(const std::string& name) {
  std::string path = kFolder + "/" + name;
  if (!std::filesystem::exists(path)) {
    ADD_FAILURE() << path << " does not exist";
    return Questionnaire{};
  }
  auto loaded = load_questionnaire_file(path);
  if (!loaded) {
    ADD_FAILURE() << path << ":\n" << describe_problems(loaded.error());
    return Questionnaire{};
  }
  return std::move(loaded).value();
}

void expect_all_languages(const Questionnaire& q) {
  for (const char* language : {"nb", "nn", "en"}) {
    EXPECT_NE(std::find(q.languages.begin(), q.languages.end(), language), q.languages.end())
        << q.id << " lacks " << language;
  }
}

TEST(ShippedQuestionnaires, EveryFileLoadsWithoutProblems) {
  auto files = shipped_files();
  std::vector<std::string> names;
  for (const std::string& file : files) {
    names.push_back(std::filesystem::path(file).filename().string());
    auto loaded = load_questionnaire_file(file);
    EXPECT_TRUE(loaded.ok()) << file << ":\n" << (loaded ? "" : describe_problems(loaded.error()));
    if (loaded) expect_all_languages(loaded.value());
  }
  for (const char* required :
       {"parorendeundersokelse.json", "belastningskartlegging.json", "unge_parorende.json"}) {
    EXPECT_NE(std::find(names.begin(), names.end(), required), names.end())
        << required << " is not in " << kFolder;
  }
}

TEST(ShippedQuestionnaires, IdsAreDistinctAndMatchTheFileNames) {
  std::set<std::string> ids;
  for (const std::string& file : shipped_files()) {
    auto loaded = load_questionnaire_file(file);
    if (!loaded) continue;  // reported above
    EXPECT_TRUE(ids.insert(loaded->id).second) << "two files have id " << loaded->id;
    EXPECT_EQ(std::filesystem::path(file).stem().string(), loaded->id);
  }
}

TEST(Parorendeundersokelse, HasNineScalesOfFourToSixItems) {
  Questionnaire q = load_shipped("parorendeundersokelse.json");
  expect_all_languages(q);
  ASSERT_EQ(q.scales.size(), 9u);
  for (const Scale& scale : q.scales) {
    EXPECT_GE(scale.items.size(), 4u) << scale.id;
    EXPECT_LE(scale.items.size(), 6u) << scale.id;
    for (const char* language : {"nb", "nn", "en"}) {
      EXPECT_TRUE(scale.title.has(language)) << scale.id << " " << language;
    }
  }
}

TEST(Parorendeundersokelse, ChildrenSectionIsHiddenUnlessChildrenInFamily) {
  Questionnaire q = load_shipped("parorendeundersokelse.json");
  const Item* children_in_family = q.find_item("children_in_family");
  ASSERT_NE(children_in_family, nullptr);
  EXPECT_EQ(children_in_family->type, ItemType::yes_no);

  // The section(s) whose visible_if reads children_in_family.
  std::vector<const Section*> children_sections;
  for (const Section& section : q.sections) {
    if (!section.visible_if) continue;
    auto read = section.visible_if->referenced_items();
    if (std::find(read.begin(), read.end(), "children_in_family") != read.end()) {
      children_sections.push_back(&section);
    }
  }
  ASSERT_EQ(children_sections.size(), 1u) << "one children section";
  const Section& children = *children_sections.front();
  ASSERT_FALSE(children.item_indexes.empty());
  EXPECT_GT(children.item_indexes.front(), *q.item_index("children_in_family"))
      << "the section comes after the question";

  Answers with_children;
  with_children["children_in_family"] = true;
  Answers without_children;
  without_children["children_in_family"] = false;
  auto shown_yes = visible_items(q, with_children);
  auto shown_no = visible_items(q, without_children);
  auto shown_unanswered = visible_items(q, Answers{});
  bool any_visible_with_children = false;
  for (std::size_t index : children.item_indexes) {
    EXPECT_FALSE(shown_no[index]) << q.items[index].id << " shown without children";
    EXPECT_FALSE(shown_unanswered[index]) << q.items[index].id << " shown when unanswered";
    any_visible_with_children = any_visible_with_children || shown_yes[index];
  }
  EXPECT_TRUE(any_visible_with_children) << "the children section is shown with children";
  // The items before it do not depend on the answer.
  for (std::size_t index = 0; index < children.item_indexes.front(); ++index) {
    EXPECT_EQ(shown_yes[index], shown_no[index]) << q.items[index].id;
  }
}

TEST(Belastningskartlegging, BurdenInstrumentOfTenToFourteenItemsAndThreeCategories) {
  Questionnaire q = load_shipped("belastningskartlegging.json");
  expect_all_languages(q);
  ASSERT_GE(q.burden_instruments.size(), 1u);
  const BurdenInstrument& burden = q.burden_instruments.front();
  EXPECT_GE(burden.items.size(), 10u);
  EXPECT_LE(burden.items.size(), 14u);
  ASSERT_EQ(burden.categories.size(), 3u);
  EXPECT_EQ(burden.categories.front().min, 0);
  EXPECT_EQ(burden.categories.back().max, burden.highest_sum);
  for (const BurdenCategory& category : burden.categories) {
    for (const char* language : {"nb", "nn", "en"}) {
      EXPECT_TRUE(category.label.has(language)) << category.id << " " << language;
      EXPECT_TRUE(category.follow_up.has(language)) << category.id << " " << language;
      EXPECT_FALSE(category.follow_up.in(language).empty()) << category.id;
    }
  }
}

// The young carers' survey (docs/questionnaires.md): its own burden
// categories, which point to offers for children and young people and to
// Alarmtelefonen (116 111); a higher k than the configured default; none of
// the adult survey's hard words; its result for a heavy month.
TEST(UngeParorende, ForChildrenAndYoungPeopleWithAHigherThreshold) {
  Questionnaire q = load_shipped("unge_parorende.json");
  expect_all_languages(q);
  EXPECT_EQ(q.min_respondents, 20);
  ASSERT_TRUE(q.consent.has_value());
  EXPECT_TRUE(q.consent->publishes_results);
  ASSERT_EQ(q.burden_instruments.size(), 1u);
  const BurdenInstrument& burden = q.burden_instruments.front();
  EXPECT_EQ(burden.offer_target_group, "children_young");
  ASSERT_EQ(burden.categories.size(), 3u);
  for (const BurdenCategory& category : burden.categories) {
    EXPECT_NE(std::find(category.offer_types.begin(), category.offer_types.end(),
                        "children_as_caregivers"),
              category.offer_types.end())
        << category.id;
    for (const char* language : {"nb", "nn", "en"}) {
      EXPECT_NE(category.follow_up.in(language).find("116 111"), std::string::npos)
          << category.id << " " << language;
    }
  }
  for (const Item& item : q.items) {
    for (const char* word : {"avlastning", "taushetsplikt", "pårørende", "tjenestetilbud"}) {
      EXPECT_EQ(item.text.in("nb").find(word), std::string::npos) << item.id << ": " << word;
    }
  }

  boost::json::value heavy = {{"answers",
                               {{"municipality", "3201"},
                                {"age_band", 1},
                                {"who_ill", 1},
                                {"condition_group", 3},
                                {"young_chores", 3},
                                {"young_worry", 3},
                                {"young_homework", 2},
                                {"young_tired", 2},
                                {"young_friends", 2},
                                {"young_sleep", 2},
                                {"young_alone", 3},
                                {"young_hide", 3},
                                {"young_fun", 1}}}};
  auto response = validate_response(q, heavy);
  ASSERT_TRUE(response.ok()) << describe_problems(response.error());
  ResponseScores scores = score_response(q, response.value());
  ASSERT_EQ(scores.burden.size(), 1u);
  ASSERT_TRUE(scores.burden.front().sum.has_value());
  EXPECT_EQ(*scores.burden.front().sum, 3 + 3 + 2 + 2 + 2 + 2 + 3 + 3 + (3 - 1));  // 22
  ASSERT_NE(scores.burden.front().category, nullptr);
  EXPECT_EQ(scores.burden.front().category->id, "high");
}

TEST(Belastningskartlegging, DemoResponseScoresAsAddedUpByHand) {
  Questionnaire q = load_shipped("belastningskartlegging.json");
  std::string path = kFolder + "/demo/belastningskartlegging-response.json";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no demo response";
  auto document = boost::json::parse(testing::read_file(path));
  auto response = validate_response(q, document);
  ASSERT_TRUE(response.ok()) << describe_problems(response.error());
  ASSERT_FALSE(q.burden_instruments.empty());
  const BurdenInstrument& burden = q.burden_instruments.front();

  // Add the contributions up independently from the raw JSON.
  const auto& answers = document.at("answers").as_object();
  int sum = 0;
  int answered = 0;
  for (const std::string& id : burden.items) {
    const Item* item = q.find_item(id);
    ASSERT_NE(item, nullptr);
    if (!answers.contains(id)) continue;
    std::int64_t code = answers.at(id).as_int64();
    if (item->is_dont_know(code)) continue;
    std::int64_t lowest = code, highest = code;
    for (const ChoiceOption& option : item->options) {
      lowest = std::min(lowest, option.code);
      highest = std::max(highest, option.code);
    }
    bool reverse = std::find(burden.reverse_items.begin(), burden.reverse_items.end(), id) !=
                   burden.reverse_items.end();
    sum += static_cast<int>(reverse ? highest - code : code - lowest);
    ++answered;
  }
  ASSERT_EQ(answered, static_cast<int>(burden.items.size())) << "the demo answers everything";
  BurdenScore score = score_burden(q, burden, response->answers);
  ASSERT_TRUE(score.sum.has_value());
  EXPECT_EQ(*score.sum, sum);
  ASSERT_NE(score.category, nullptr);
  EXPECT_GE(sum, score.category->min);
  EXPECT_LE(sum, score.category->max);
}

}  // namespace
}  // namespace parorende
