// Day-level dates: the store keeps no clock times (docs/storage.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace parorende {

struct Date {
  int year = 0;
  int month = 0;
  int day = 0;
  auto operator<=>(const Date&) const = default;
  std::string iso() const;  // "YYYY-MM-DD"
};

// Parses a calendar date written "YYYY-MM-DD" (years 1000-9999).
std::optional<Date> parse_iso_date(std::string_view text);

// Today's date in UTC.
Date today_utc();

// Days since 1970-01-01 (negative before), for numeric date columns.
std::int64_t days_since_epoch(Date date);

// An ISO 8601 week: weeks start on Monday, and week 1 is the week with the
// year's first Thursday (the weeks Norwegian calendars number).
struct IsoWeek {
  int year = 0;
  int week = 0;  // 1 to 53
  auto operator<=>(const IsoWeek&) const = default;
  std::string text() const;  // "2026-W07"
};

IsoWeek iso_week(Date date);

}  // namespace parorende
