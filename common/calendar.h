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

}  // namespace parorende
