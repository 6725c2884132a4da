// Reliability of a scale's items, defined exactly as R's psych package
// computes it by default (psych 2.2.9: alpha(x) and omega(x, nfactors = 1)),
// so that published figures can be reproduced in R. Missing answers are
// handled pairwise: each covariance uses the respondents who answered both
// items. The checks against psych are in
// tests/analytics/analytics_psychometrics_test.cpp; formulas in
// docs/analytics.md.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <vector>

namespace parorende::analytics {

// R's cov(x, use = "pairwise") and cor(x, use = "pairwise"): for each pair
// of items, the rows where both are answered, with means (and, for cor,
// SDs) of those rows. `count` is that number of rows.
struct PairwiseMoments {
  Eigen::MatrixXd count;
  Eigen::MatrixXd covariance;
  Eigen::MatrixXd correlation;
  Eigen::VectorXd means;               // each item over all its answers
  std::int64_t rows_with_answers = 0;  // rows answering at least one item
};

// `items`: respondents x items, NaN for missing (double, or float as
// WaveData keeps them; the sums are in double either way).
PairwiseMoments pairwise_moments(const Eigen::Ref<const Eigen::MatrixXd>& items);
PairwiseMoments pairwise_moments(const Eigen::Ref<const Eigen::MatrixXf>& items);

struct ItemReliability {
  std::int64_t n = 0;  // answers to the item
  double mean = 0;
  double sd = 0;
  double r_drop = 0;            // corrected item-total correlation
  double alpha_if_deleted = 0;  // raw alpha of the other items
  double std_alpha_if_deleted = 0;
  double alpha_se_if_deleted = 0;
};

struct ScaleReliability {
  // Rows with at least one answered item: psych's n for the standard errors
  // (psych counts every row it is given; analytics never gives it empty
  // rows, so the children scale's SE rests on families with children).
  std::int64_t respondents = 0;
  double alpha = 0;      // raw_alpha: from the covariance matrix C
  double std_alpha = 0;  // from R = cov2cor(C)
  double alpha_se = 0;   // psych's ase (Duhachek & Iacobucci, 2004)
  double average_r = 0;
  // omega.tot of psych::omega(x, nfactors = 1): one minres factor of the
  // pairwise correlation matrix; (sum(R) - sum(uniquenesses)) / sum(R).
  double omega_total = 0;
  Eigen::VectorXd eigenvalues;  // of cov2cor(C), largest first
  std::vector<ItemReliability> items;
};

// Rows without any answer are ignored. With fewer than two items, or an
// item without variance, the undefined figures are NaN.
ScaleReliability analyze_reliability(const Eigen::Ref<const Eigen::MatrixXd>& items);
ScaleReliability analyze_reliability(const Eigen::Ref<const Eigen::MatrixXf>& items);

}  // namespace parorende::analytics
