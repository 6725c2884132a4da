#include "common/calendar.h"

#include <chrono>
#include <cstdio>

namespace parorende {

Date today_utc() {
  auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  std::chrono::year_month_day date{today};
  return Date{static_cast<int>(date.year()), static_cast<int>(unsigned(date.month())),
              static_cast<int>(unsigned(date.day()))};
}

std::int64_t days_since_epoch(Date date) {
  std::chrono::year_month_day day{std::chrono::year{date.year},
                                  std::chrono::month{static_cast<unsigned>(date.month)},
                                  std::chrono::day{static_cast<unsigned>(date.day)}};
  return std::chrono::sys_days{day}.time_since_epoch().count();
}

IsoWeek iso_week(Date date) {
  using namespace std::chrono;
  sys_days day{year_month_day{year{date.year}, month{static_cast<unsigned>(date.month)},
                              std::chrono::day{static_cast<unsigned>(date.day)}}};
  // The week's Thursday decides its year; its distance from that year's
  // 1 January decides its number.
  sys_days thursday = day + days{4 - static_cast<int>(weekday{day}.iso_encoding())};
  year_month_day thursday_date{thursday};
  sys_days first_of_year{thursday_date.year() / January / 1};
  return IsoWeek{static_cast<int>(thursday_date.year()),
                 static_cast<int>((thursday - first_of_year).count() / 7 + 1)};
}

std::string IsoWeek::text() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-W%02d", year, week);
  return buffer;
}

std::string Date::iso() const {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&text](std::size_t from, std::size_t length) {
    int value = 0;
    for (std::size_t i = from; i < from + length; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  Date date{number(0, 4), number(5, 2), number(8, 2)};
  if (date.year < 1000 || date.month < 1 || date.month > 12 || date.day < 1) {
    return std::nullopt;
  }
  static constexpr int kDaysInMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
  int days = kDaysInMonth[date.month - 1] + (date.month == 2 && leap ? 1 : 0);
  if (date.day > days) return std::nullopt;
  return date;
}

}  // namespace parorende
