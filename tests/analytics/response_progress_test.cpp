// The monitoring figures staff see: nothing under k, and nothing that can
// be subtracted from another figure to reach under k.
#include "analytics/response_progress.h"

#include <gtest/gtest.h>

#include <random>

namespace parorende::analytics {
namespace {

ResponseProgress counts(std::int64_t partial, std::vector<ResponseProgress::Day> days,
                        std::int64_t issued = 0) {
  ResponseProgress progress;
  progress.partial = partial;
  progress.completed_per_day = std::move(days);
  for (const auto& day : progress.completed_per_day) progress.complete += day.complete;
  progress.invitations_issued = issued;
  return progress;
}

TEST(ResponseProgress, UnderKNothingButTheInvitationsIsShown) {
  ProtectedProgress shown = protect_progress(counts(4, {{{2026, 3, 10}, 4}}, 200), 5);
  EXPECT_FALSE(shown.partial);
  EXPECT_FALSE(shown.complete);
  EXPECT_TRUE(shown.weeks.empty());
  EXPECT_FALSE(shown.response_rate);
  EXPECT_EQ(shown.invitations_issued, 200);
  EXPECT_EQ(shown.min_respondents, 5);
}

TEST(ResponseProgress, FewerThanKUnansweredInvitationsHideTheCountToo) {
  // 12 letters and 10 answers: two did not answer, which is as telling as
  // two who did.
  ProtectedProgress nearly_all = protect_progress(counts(0, {{{2026, 3, 10}, 10}}, 12), 5);
  EXPECT_FALSE(nearly_all.complete);
  EXPECT_TRUE(nearly_all.weeks.empty());
  EXPECT_FALSE(nearly_all.response_rate);
  ProtectedProgress enough = protect_progress(counts(0, {{{2026, 3, 10}, 10}}, 15), 5);
  ASSERT_TRUE(enough.complete);
  EXPECT_EQ(*enough.complete, 10);
  // More answers than letters (the open link too): the letters say nothing.
  EXPECT_TRUE(protect_progress(counts(0, {{{2026, 3, 10}, 10}}, 4), 5).complete);
}

TEST(ResponseProgress, WeeksAreGroupedUntilEachHoldsK) {
  // Weeks 11 (3), 12 (4 over two days), 13 (6), 14 (1), with k = 5.
  ProtectedProgress shown = protect_progress(counts(5,
                                                    {{{2026, 3, 10}, 3},
                                                     {{2026, 3, 16}, 1},
                                                     {{2026, 3, 22}, 3},
                                                     {{2026, 3, 24}, 6},
                                                     {{2026, 4, 1}, 1}},
                                                    34),
                                             5);
  ASSERT_TRUE(shown.complete);
  EXPECT_EQ(*shown.complete, 14);
  EXPECT_EQ(shown.partial, 5);
  ASSERT_EQ(shown.weeks.size(), 2u);
  EXPECT_EQ(shown.weeks[0].first, (IsoWeek{2026, 11}));
  EXPECT_EQ(shown.weeks[0].last, (IsoWeek{2026, 12}));
  EXPECT_EQ(shown.weeks[0].complete, 7);
  // Week 14's one response joins week 13 rather than standing alone.
  EXPECT_EQ(shown.weeks[1].first, (IsoWeek{2026, 13}));
  EXPECT_EQ(shown.weeks[1].last, (IsoWeek{2026, 14}));
  EXPECT_EQ(shown.weeks[1].complete, 7);
  ASSERT_TRUE(shown.response_rate);
  EXPECT_DOUBLE_EQ(*shown.response_rate, 14.0 / 34.0);
}

TEST(ResponseProgress, NoGroupIsUnderKAndTheGroupsAddUpWhateverTheCounts) {
  std::mt19937 random(17);
  for (int trial = 0; trial < 2000; ++trial) {
    int k = 5 + static_cast<int>(random() % 8);
    std::vector<ResponseProgress::Day> days;
    Date day{2026, 1, 1};
    int length = static_cast<int>(random() % 60);
    for (int i = 0; i < length; ++i) {
      day.day = 1 + static_cast<int>(random() % 28);
      day.month = 1 + i / 5;
      if (day.month > 12) break;
      if (!days.empty() && !(days.back().day < day)) continue;
      days.push_back({day, 1 + static_cast<std::int64_t>(random() % 6)});
    }
    ResponseProgress progress = counts(static_cast<std::int64_t>(random() % 20), days);
    ProtectedProgress shown = protect_progress(progress, k);
    EXPECT_EQ(shown.partial.has_value(), progress.partial >= k);
    if (!shown.complete) {
      EXPECT_LT(progress.complete, k);
      EXPECT_TRUE(shown.weeks.empty());
      continue;
    }
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < shown.weeks.size(); ++i) {
      EXPECT_GE(shown.weeks[i].complete, k) << "trial " << trial;
      EXPECT_LE(shown.weeks[i].first, shown.weeks[i].last);
      if (i > 0) {
        EXPECT_LT(shown.weeks[i - 1].last, shown.weeks[i].first);
      }
      sum += shown.weeks[i].complete;
    }
    EXPECT_EQ(sum, *shown.complete) << "trial " << trial;
  }
}

}  // namespace
}  // namespace parorende::analytics
