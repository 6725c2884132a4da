#include "engine/calendar.h"

#include <chrono>

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

}  // namespace parorende
