// Day-level dates: the store keeps no clock times (docs/storage.md).
#pragma once

#include <cstdint>

#include "engine/answer.h"

namespace parorende {

// Today's date in UTC.
Date today_utc();

// Days since 1970-01-01 (negative before), for numeric date columns.
std::int64_t days_since_epoch(Date date);

}  // namespace parorende
