#include "analytics/statistics/burden_shares.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "analytics/statistics/distributions.h"

namespace parorende::analytics {
namespace {

std::vector<Proportion> proportions_of(const std::vector<std::int64_t>& counts, double level) {
  std::int64_t total = 0;
  for (std::int64_t count : counts) total += count;
  std::vector<Proportion> shares;
  shares.reserve(counts.size());
  for (std::int64_t count : counts) shares.push_back(wilson_proportion(count, total, level));
  return shares;
}

}  // namespace

Proportion wilson_proportion(std::int64_t count, std::int64_t total, double level) {
  Proportion proportion{count, total, 0, 0, 0};
  if (total <= 0) {
    double nan = std::numeric_limits<double>::quiet_NaN();
    proportion.share = proportion.ci_low = proportion.ci_high = nan;
    return proportion;
  }
  double n = static_cast<double>(total);
  double p = static_cast<double>(count) / n;
  double z = normal_quantile(0.5 + level / 2);
  double z2 = z * z;
  double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  double half_width = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
  proportion.share = p;
  // The bounds are exactly 0 and 1 at p = 0 and 1; clamping only removes
  // rounding beyond them.
  proportion.ci_low = count == 0 ? 0.0 : std::max(0.0, centre - half_width);
  proportion.ci_high = count == total ? 1.0 : std::min(1.0, centre + half_width);
  return proportion;
}

std::vector<std::vector<Proportion>> category_shares_by_group(
    const std::vector<int>& category_of_row, int category_count, const GroupIndex& groups,
    double level) {
  if (category_of_row.size() != groups.group_of_row.size()) {
    throw std::logic_error("category_shares_by_group: one group per row expected");
  }
  std::vector<std::vector<std::int64_t>> counts(
      static_cast<std::size_t>(groups.group_count),
      std::vector<std::int64_t>(static_cast<std::size_t>(category_count), 0));
  for (std::size_t row = 0; row < category_of_row.size(); ++row) {
    int group = groups.group_of_row[row];
    int category = category_of_row[row];
    if (group < 0 || category < 0) continue;
    ++counts[static_cast<std::size_t>(group)][static_cast<std::size_t>(category)];
  }
  std::vector<std::vector<Proportion>> shares;
  shares.reserve(counts.size());
  for (const auto& group_counts : counts) shares.push_back(proportions_of(group_counts, level));
  return shares;
}

std::vector<Proportion> category_shares(const std::vector<int>& category_of_row, int category_count,
                                        double level) {
  std::vector<std::int64_t> counts(static_cast<std::size_t>(category_count), 0);
  for (int category : category_of_row) {
    if (category >= 0) ++counts[static_cast<std::size_t>(category)];
  }
  return proportions_of(counts, level);
}

}  // namespace parorende::analytics
