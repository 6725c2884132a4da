#include "common/calendar.h"

#include <gtest/gtest.h>

namespace parorende {
namespace {

TEST(Calendar, IsoWeeksFollowTheYearsFirstThursday) {
  struct Case {
    Date date;
    IsoWeek week;
  };
  // As Python's date.isocalendar() and a Norwegian calendar number them.
  const Case cases[] = {
      {{2026, 1, 1}, {2026, 1}},    // a Thursday: week 1
      {{2021, 1, 3}, {2020, 53}},   // a Sunday in the previous year's week 53
      {{2024, 12, 30}, {2025, 1}},  // a Monday in the next year's week 1
      {{2026, 12, 31}, {2026, 53}}, {{2027, 1, 3}, {2026, 53}}, {{2026, 3, 10}, {2026, 11}},
      {{2008, 12, 29}, {2009, 1}},  {{2010, 1, 3}, {2009, 53}},
  };
  for (const Case& each : cases) {
    EXPECT_EQ(iso_week(each.date), each.week) << each.date.iso();
  }
  EXPECT_EQ((IsoWeek{2026, 7}.text()), "2026-W07");
}

TEST(Calendar, EveryDayOfAWeekHasItsMonday) {
  // Seven days from a Monday share a week; the eighth starts the next.
  Date monday{2026, 3, 9};
  IsoWeek week = iso_week(monday);
  for (int day = 9; day <= 15; ++day) EXPECT_EQ(iso_week({2026, 3, day}), week) << day;
  EXPECT_EQ(iso_week({2026, 3, 16}), (IsoWeek{week.year, week.week + 1}));
}

}  // namespace
}  // namespace parorende
