// Burden screening aggregates: how many caregivers fall in each category
// (low / moderate / high strain ...) per municipality, with Wilson score
// intervals, which stay inside [0, 1] and keep their coverage for small n
// and shares near 0 or 1, where the Wald interval fails.
#pragma once

#include <cstdint>
#include <vector>

#include "analytics/statistics/descriptive.h"

namespace parorende::analytics {

struct Proportion {
  std::int64_t count = 0;
  std::int64_t total = 0;
  double share = 0;  // NaN when total is 0
  double ci_low = 0;
  double ci_high = 0;
};

// count / total with its Wilson score interval.
Proportion wilson_proportion(std::int64_t count, std::int64_t total,
                             double level = kConfidenceLevel);

// shares[group][category] among the rows of the group that have a
// category (`category_of_row` -1 = no category: too few items answered).
std::vector<std::vector<Proportion>> category_shares_by_group(
    const std::vector<int>& category_of_row, int category_count, const GroupIndex& groups,
    double level = kConfidenceLevel);

// The same over all rows (the nation), ignoring groups.
std::vector<Proportion> category_shares(const std::vector<int>& category_of_row, int category_count,
                                        double level = kConfidenceLevel);

}  // namespace parorende::analytics
