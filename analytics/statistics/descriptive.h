// Descriptive statistics of a scale score: n, mean, SD, standard error and
// the t-based 95% confidence interval, for the nation and for groups of
// respondents (municipalities, counties).
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

#include "analytics/statistics/not_a_number.h"

namespace parorende::analytics {

inline constexpr double kConfidenceLevel = 0.95;

// Sufficient statistics of a sample: n, mean and the sum of squared
// deviations from the mean. Combining and removing parts is exact algebra
// (Chan et al.'s parallel formula), so "the rest of the country" needs no
// second pass over the data.
struct Moments {
  std::int64_t n = 0;
  double mean = 0;
  double sum_squared_deviations = 0;

  double variance() const;  // n - 1 in the denominator; NaN when n < 2
};

Moments combine(const Moments& a, const Moments& b);
// The moments of `whole` without `part` (part must be a subset of whole).
Moments remove(const Moments& whole, const Moments& part);

// A mean with its uncertainty. Values that are undefined for the sample
// size (SD for n < 2, anything for n = 0) are NaN.
struct Summary {
  std::int64_t n = 0;
  double mean = 0;
  double sd = 0;
  double se = 0;
  double ci_low = 0;
  double ci_high = 0;
};

Summary summarize(const Moments& moments, double level = kConfidenceLevel);
// Of n respondents, with every figure withheld (NaN).
Summary withheld_summary(std::int64_t n = 0);

// Moments of the non-NaN values (two passes: mean, then deviations).
Moments moments_of(const Eigen::Ref<const Eigen::VectorXd>& values);

// Which group each row belongs to: 0..group_count-1, or -1 for none.
struct GroupIndex {
  std::vector<int> group_of_row;
  int group_count = 0;
};

// Moments of the non-NaN values per group, in two passes over the rows.
std::vector<Moments> moments_by_group(const Eigen::Ref<const Eigen::VectorXd>& values,
                                      const GroupIndex& groups);

}  // namespace parorende::analytics
