// Is a municipality different from the nation, its county, or similar
// municipalities? Welch's unequal-variances t-test on two independent
// samples, and its use for "a part versus the whole it belongs to".
#pragma once

#include <string_view>

#include "analytics/statistics/descriptive.h"

namespace parorende::analytics {

// Every scale points the same way (higher is better: reverse-keyed items
// are flipped), so a significant positive difference is "better".
enum class Verdict { better, worse, no_significant_difference, not_testable };

std::string_view verdict_name(Verdict verdict);

// A difference of means with its Welch standard error, Welch-Satterthwaite
// df, t statistic, two-sided p and CI. NaN fields and `not_testable` when a
// side has fewer than two values or both have no variance.
struct Comparison {
  double difference = 0;
  double se = 0;
  double df = 0;
  double t = 0;
  double p_value = 0;
  double ci_low = 0;
  double ci_high = 0;
  Verdict verdict = Verdict::not_testable;
};

// Every figure withheld (NaN), not testable.
Comparison withheld_comparison();

// mean(a) - mean(b) for independent samples a and b.
Comparison welch_compare(const Moments& a, const Moments& b, double level = kConfidenceLevel);

// mean(part) - mean(whole) where `part` is inside `whole` (a municipality
// in the nation). The two are not independent, so the test is of the part
// against the rest of the whole; the difference from the whole is exactly
// (n_rest / n_whole) times the difference from the rest, so the CI is
// scaled by that factor and t, df and p are the rest's.
Comparison compare_part_with_whole(const Moments& part, const Moments& whole,
                                   double level = kConfidenceLevel);

}  // namespace parorende::analytics
