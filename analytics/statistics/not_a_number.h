// The value of a figure that is undefined for its sample (the SD of one
// value, the mean of none) or withheld: NaN, which every computation
// carries through and every writer turns into "no figure".
#pragma once

#include <limits>

namespace parorende::analytics {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace parorende::analytics
