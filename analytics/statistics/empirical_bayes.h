// Empirical Bayes estimates for small municipalities: the random-intercept
// model  ybar_j = mu + u_j + error,  u_j ~ N(0, tau^2),  error ~ N(0,
// sigma^2 / n_j),  gives each municipality's posterior mean
// ybar + lambda_j (ybar_j - ybar),  lambda_j = tau^2 / (tau^2 + sigma^2/n_j):
// Utsira's few answers move its estimate a little, Oslo's many move it all
// the way. tau^2 by the method of moments (one-way ANOVA, unbalanced).
// Formulas in docs/analytics.md.
#pragma once

#include <cstdint>
#include <vector>

#include "analytics/statistics/descriptive.h"

namespace parorende::analytics {

struct ShrinkageModel {
  double national_mean = 0;           // ybar over all respondents: the target
  double national_mean_variance = 0;  // its sampling variance under the model
  double within_variance = 0;         // sigma^2, pooled within groups
  double between_variance = 0;        // tau^2, truncated at 0
  std::int64_t respondents = 0;
  int groups_with_data = 0;
};

struct ShrunkenMean {
  double estimate = 0;
  double reliability = 0;  // lambda_j in [0, 1]
  double se = 0;           // posterior SD
  double ci_low = 0;
  double ci_high = 0;
};

struct Shrinkage {
  ShrinkageModel model;
  std::vector<ShrunkenMean> groups;  // NaN for groups without respondents
};

Shrinkage shrink_toward_national_mean(const std::vector<Moments>& groups,
                                      double level = kConfidenceLevel);

}  // namespace parorende::analytics
