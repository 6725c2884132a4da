// Safe steps of the published state (analytics/publication_step.h): a
// block's table moves only with at least k responses never published there;
// a table some of them lack waits on its own; responses withdrawn after an
// erasure come back only with k new ones; after closing, the rest go to the
// national pool under the same rule. And the store applies a step all at
// once, refuses another k, and withdraws a block when one of its responses
// is erased.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "analytics/publication_step.h"
#include "analytics/published_results.h"
#include "analytics/synthetic.h"
#include "common/calendar.h"
#include "store_test_support.h"

namespace parorende::analytics {
namespace {

constexpr int k = 10;
constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

MunicipalityRegistry two_municipalities() {
  auto parsed = MunicipalityRegistry::parse_csv(
      "code,name,county_code,county_name,population,area_km2,written_standard\n"
      "0301,Oslo,03,Oslo,1000,100,nb\n4601,Bergen,46,Vestland,1000,100,nb\n");
  if (!parsed) throw std::runtime_error(parsed.error().describe());
  return std::move(parsed).value();
}

// Rows of two tables: a scale everyone answers ("all") and one only some
// answer ("children"); municipality index per row (-1: none).
struct Rows {
  std::vector<int> municipality;
  std::vector<bool> has_children_score;
};

WaveData data_of(const Rows& rows) {
  WaveData data;
  data.scales = {{"all", 0, 1}, {"children", 1, 1}};
  const auto count = static_cast<Eigen::Index>(rows.municipality.size());
  data.items = Eigen::MatrixXf::Constant(count, 2, 50);
  data.scale_scores.resize(count, 2);
  for (Eigen::Index row = 0; row < count; ++row) {
    data.scale_scores(row, 0) = 50;
    data.scale_scores(row, 1) =
        rows.has_children_score[static_cast<std::size_t>(row)] ? 60 : kMissing;
    data.publication.push_back({row + 1, kNotPublished, 0, 0});
  }
  data.municipality_of_row = rows.municipality;
  return data;
}

void add(Rows& rows, int municipality, int count, bool children) {
  for (int i = 0; i < count; ++i) {
    rows.municipality.push_back(municipality);
    rows.has_children_score.push_back(children);
  }
}

TEST(PublicationStep, ABlockWaitsForKNewResponses) {
  Rows rows;
  add(rows, 0, k - 1, true);
  WaveData data = data_of(rows);
  EXPECT_TRUE(plan_publication_step(data, two_municipalities(), k, false).changes.empty());

  add(rows, 0, 1, true);
  data = data_of(rows);
  PublicationPlan plan = plan_publication_step(data, two_municipalities(), k, false);
  ASSERT_EQ(plan.changes.size(), static_cast<std::size_t>(k));
  for (const PublicationChange& change : plan.changes) {
    EXPECT_EQ(change.block, 301);
    EXPECT_EQ(change.add_tables, 0b11u);
  }
}

TEST(PublicationStep, ATableSomeLackWaitsOnItsOwn) {
  Rows rows;
  add(rows, 0, 7, false);
  add(rows, 0, 3, true);  // three children scores: too few for that table
  WaveData data = data_of(rows);
  PublicationPlan plan = plan_publication_step(data, two_municipalities(), k, false);
  ASSERT_EQ(plan.changes.size(), static_cast<std::size_t>(k));
  for (const PublicationChange& change : plan.changes) EXPECT_EQ(change.add_tables, 0b01u);

  apply_publication_step(data, plan);
  WaveData published = published_data(data, two_municipalities());
  EXPECT_EQ(published.respondents(), k);
  for (Eigen::Index row = 0; row < published.respondents(); ++row) {
    EXPECT_TRUE(std::isnan(published.scale_scores(row, 1))) << "children's table not published yet";
    EXPECT_TRUE(std::isnan(published.items(row, 1)));
    EXPECT_EQ(published.municipality_of_row[static_cast<std::size_t>(row)], 0);
  }
  // The published rows are marked: the same data plan no further step.
  EXPECT_TRUE(plan_publication_step(data, two_municipalities(), k, false).changes.empty());
}

TEST(PublicationStep, WithdrawnResponsesReturnOnlyWithKNewOnes) {
  Rows rows;
  add(rows, 1, 12, true);
  WaveData data = data_of(rows);
  // As the store leaves a block after an erasure: in no table, but once
  // published in both.
  for (RowPublication& publication : data.publication) publication.ever_tables = 0b11;
  EXPECT_TRUE(plan_publication_step(data, two_municipalities(), k, false).changes.empty());

  add(rows, 1, k - 1, true);
  WaveData more = data_of(rows);
  for (std::size_t row = 0; row < 12; ++row) more.publication[row].ever_tables = 0b11;
  EXPECT_TRUE(plan_publication_step(more, two_municipalities(), k, false).changes.empty())
      << "k - 1 new would differ from the withdrawn figures by fewer than k";

  add(rows, 1, 1, true);
  WaveData enough = data_of(rows);
  for (std::size_t row = 0; row < 12; ++row) enough.publication[row].ever_tables = 0b11;
  PublicationPlan plan = plan_publication_step(enough, two_municipalities(), k, false);
  EXPECT_EQ(plan.changes.size(), static_cast<std::size_t>(12 + k))
      << "the old ones return with the new";
}

TEST(PublicationStep, AfterClosingTheRestGoToTheNationalPool) {
  Rows rows;
  add(rows, 0, 6, true);   // Oslo: too few on its own
  add(rows, 1, 5, true);   // Bergen: too few on its own
  add(rows, -1, 2, true);  // no municipality
  WaveData data = data_of(rows);
  EXPECT_TRUE(plan_publication_step(data, two_municipalities(), k, false).changes.empty())
      << "while open, they wait for their municipality";
  data.publication[0].ever_tables = 0b01;  // withdrawn once: never pooled
  PublicationPlan closed = plan_publication_step(data, two_municipalities(), k, true);
  ASSERT_EQ(closed.changes.size(), 12u);
  for (const PublicationChange& change : closed.changes) {
    EXPECT_EQ(change.block, kNationalPool);
    EXPECT_NE(change.response_id, 1);
  }
  apply_publication_step(data, closed);
  WaveData published = published_data(data, two_municipalities());
  for (int municipality : published.municipality_of_row) EXPECT_EQ(municipality, -1);

  Rows few;
  add(few, 0, 4, true);
  add(few, -1, 5, true);
  EXPECT_TRUE(plan_publication_step(data_of(few), two_municipalities(), k, true).changes.empty())
      << "a pool of fewer than k waits too";
}

// ---- the store ----

class PublicationStore : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = home_.path();
    store_ = parorende::testing::open_store_at(path_, StoreOptions::Synchronous::normal);
    ASSERT_TRUE(store_);
    auto text = parorende::testing::read_file(parorende::testing::kSourceDir +
                                              "/questionnaires/parorendeundersokelse.json");
    ASSERT_TRUE(store_->publish_questionnaire(text).ok());
    auto questionnaire = store_->questionnaire("parorendeundersokelse");
    ASSERT_TRUE(questionnaire.ok());
    questionnaire_ = questionnaire.value();
    ASSERT_TRUE(open_wave("w").ok());
  }

  // A national wave of the latest version, open from last year to next.
  Result<Wave> open_wave(const std::string& name) {
    Date today = today_utc();
    return store_->create_wave({name,
                                "parorendeundersokelse",
                                std::nullopt,
                                {today.year - 1, 1, 1},
                                {today.year + 1, 12, 31},
                                {}});
  }

  // `count` responses in Bergen, submitted one by one: their receipt codes.
  std::vector<std::string> submit_in_bergen(int count, std::uint64_t seed) {
    auto registry = MunicipalityRegistry::parse_csv(
        "code,name,county_code,county_name,population,area_km2,written_standard\n"
        "4601,Bergen,46,Vestland,1000,100,nb\n");
    EXPECT_TRUE(registry.ok());
    SyntheticSurvey survey(questionnaire_, registry.value(), {count, seed});
    std::vector<std::string> receipts;
    while (auto response = survey.next()) {
      auto receipt = store_->submit("w", *response, questionnaire_->consent->version, today_utc());
      EXPECT_TRUE(receipt.ok()) << receipt.error().describe();
      if (receipt) receipts.push_back(receipt->receipt_code);
    }
    return receipts;
  }

  Result<CurrentResults> current() {
    return publish_current_results(*store_, path_, "w", k, today_utc());
  }

  // Bergen's n in each scale (0 when withheld).
  static std::vector<std::int64_t> bergen_n(const WaveReport& report) {
    std::vector<std::int64_t> counts;
    for (const ScaleReport& scale : report.scales) {
      for (const MunicipalityResult& result : scale.municipalities) {
        if (result.code == "4601") counts.push_back(result.raw.n);
      }
    }
    return counts;
  }

  parorende::testing::TestStoreHome home_{"publication.db"};
  std::string path_;
  std::unique_ptr<ResponseStore> store_;
  std::shared_ptr<const Questionnaire> questionnaire_;
};

TEST_F(PublicationStore, AStepIsAllOrNothingAndOneWaveHasOneK) {
  submit_in_bergen(12, 1);
  auto data = load_wave_data(*store_, path_, "w", builtin_municipalities());
  ASSERT_TRUE(data.ok());
  PublicationPlan plan = plan_publication_step(data.value(), builtin_municipalities(), k, false);
  ASSERT_FALSE(plan.changes.empty());
  ASSERT_TRUE(store_->publish_step("w", k, plan.changes).ok());
  Status again = store_->publish_step("w", k, plan.changes);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, "publication_conflict");

  Status other_k = store_->publish_step("w", k + 5, {});
  ASSERT_FALSE(other_k.ok());
  EXPECT_EQ(other_k.error().code, "publication_threshold_mismatch");
  auto record = store_->publication("w");
  ASSERT_TRUE(record.ok());
  EXPECT_EQ(record->min_respondents, k);
  auto refused = publish_current_results(*store_, path_, "w", k + 5, today_utc());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, "publication_threshold_mismatch");
}

// A questionnaire's min_respondents raises k for its rounds: 12 in
// Bergen pass k = 10 but not the floor of 20, and the report says 20.
TEST_F(PublicationStore, AQuestionnaireFloorRaisesKForItsRounds) {
  auto text = parorende::testing::read_file(parorende::testing::kSourceDir +
                                            "/questionnaires/parorendeundersokelse.json");
  std::size_t version = text.find("\"version\": \"1.1.0\"");
  ASSERT_NE(version, std::string::npos);
  text.replace(version, 18, "\"version\": \"9.0.0\", \"min_respondents\": 20");
  ASSERT_TRUE(store_->publish_questionnaire(text).ok());
  ASSERT_TRUE(open_wave("floor").ok());
  Date today = today_utc();
  auto floored = store_->questionnaire("parorendeundersokelse", "9.0.0");
  ASSERT_TRUE(floored.ok());
  EXPECT_EQ(floored.value()->min_respondents, 20);
  auto wave = store_->wave("floor");
  ASSERT_TRUE(wave.ok());
  EXPECT_EQ(wave_min_respondents(*store_, *wave, k).value(), 20);
  EXPECT_EQ(wave_min_respondents(*store_, *wave, 25).value(), 25) << "a floor, never a ceiling";
  // A round pinned to the version before the floor is held to it too.
  auto pinned = store_->create_wave(
      {"pinned", "parorendeundersokelse", std::string("1.1.0"), today, today, {}});
  ASSERT_TRUE(pinned.ok()) << pinned.error().describe();
  EXPECT_EQ(pinned->questionnaire_version, "1.1.0");
  EXPECT_EQ(wave_min_respondents(*store_, *pinned, k).value(), 20);

  auto registry = MunicipalityRegistry::parse_csv(
      "code,name,county_code,county_name,population,area_km2,written_standard\n"
      "4601,Bergen,46,Vestland,1000,100,nb\n");
  ASSERT_TRUE(registry.ok());
  auto submit = [&](int count, std::uint64_t seed) {
    SyntheticSurvey survey(floored.value(), registry.value(), {count, seed});
    while (auto response = survey.next()) {
      ASSERT_TRUE(store_->submit("floor", *response, "2026-2", today).ok());
    }
  };
  submit(12, 7);
  auto few = publish_current_results(*store_, path_, "floor", k, today);
  ASSERT_TRUE(few.ok()) << few.error().describe();
  EXPECT_EQ(few->results.report.min_respondents, 20);
  for (std::int64_t n : bergen_n(few->results.report)) EXPECT_EQ(n, 0) << "12 < 20: withheld";
  submit(10, 8);
  auto enough = publish_current_results(*store_, path_, "floor", k, today);
  ASSERT_TRUE(enough.ok()) << enough.error().describe();
  std::vector<std::int64_t> shown = bergen_n(enough->results.report);
  ASSERT_FALSE(shown.empty());
  EXPECT_GT(*std::max_element(shown.begin(), shown.end()), 19);
}

TEST_F(PublicationStore, AnErasureWithdrawsItsBlockUntilKNewArrive) {
  std::vector<std::string> receipts = submit_in_bergen(12, 2);
  auto first = current();
  ASSERT_TRUE(first.ok()) << first.error().describe();
  EXPECT_EQ(first->results.report.respondents, 12);
  std::vector<std::int64_t> before = bergen_n(first->results.report);

  auto erased = store_->erase(receipts.front());
  ASSERT_TRUE(erased.ok()) << erased.error().describe();
  auto after_erasure = current();
  ASSERT_TRUE(after_erasure.ok());
  std::vector<std::int64_t> after = bergen_n(after_erasure->results.report);
  int withdrawn = 0;
  for (std::size_t s = 0; s < before.size(); ++s) {
    // Never one fewer: that difference would be the erased response.
    EXPECT_TRUE(after[s] == before[s] || after[s] == 0)
        << "scale " << s << ": " << before[s] << " -> " << after[s];
    if (before[s] > 0 && after[s] == 0) ++withdrawn;
  }
  EXPECT_GT(withdrawn, 0);

  submit_in_bergen(k - 1, 3);
  auto waiting = current();
  ASSERT_TRUE(waiting.ok());
  EXPECT_EQ(bergen_n(waiting->results.report), after);

  submit_in_bergen(1, 4);
  auto back = current();
  ASSERT_TRUE(back.ok());
  std::vector<std::int64_t> returned = bergen_n(back->results.report);
  for (std::size_t s = 0; s < before.size(); ++s) {
    if (before[s] > 0 && after[s] == 0 && returned[s] > 0) {
      EXPECT_GE(returned[s] - (before[s] - 1), k)
          << "scale " << s << " came back with fewer than k new";
    }
  }
  EXPECT_GT(back->results.report.respondents, after_erasure->results.report.respondents);
}

}  // namespace
}  // namespace parorende::analytics
