// Case-mix adjustment, the CAHPS way: a municipality whose caregivers are
// older, or care for someone with dementia more often, should not look
// better or worse for that alone. Fits the pooled within-municipality
// regression  y_ij = a_j + x_ij'b + e_ij  (municipality fixed effects a_j,
// dummy-coded respondent characteristics x_ij) and reports each
// municipality's adjusted mean  ybar_j - (xbar_j - xbar)'b.
// Formulas in docs/analytics.md.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <string>
#include <vector>

#include "analytics/statistics/descriptive.h"

namespace parorende::analytics {

// A categorical respondent characteristic, one level index per row. Level 0
// is the reference category of the dummy coding; a missing answer is a
// level of its own (the loader adds it), so nobody is dropped for it.
struct CategoricalVariable {
  std::string name;
  std::vector<std::string> level_names;
  std::vector<std::uint8_t> level_of_row;
};

// One dummy: `variable` = `level`, relative to the variable's level 0.
struct CaseMixTerm {
  std::string variable;
  std::string level;
  double coefficient = 0;
  double se = 0;
  // False for a dummy that was left out: nobody (or everybody within every
  // municipality) has the level, or it is collinear with other dummies.
  bool estimable = true;
};

struct AdjustedMean {
  double mean = 0;
  double se = 0;
  double ci_low = 0;
  double ci_high = 0;
};

struct CaseMixFit {
  std::vector<CaseMixTerm> terms;
  std::int64_t respondents = 0;  // rows with a score and a group
  double residual_variance = 0;  // sigma^2 of e_ij
  double residual_df = 0;        // N - groups with data - estimable terms
  // One per group; NaN for a group without respondents. The SE adds the
  // uncertainty of b to the group's own sampling variance s_j^2 / n_j.
  std::vector<AdjustedMean> adjusted;
};

// `scores`: NaN rows are left out. Every variable has one level per row.
CaseMixFit fit_case_mix(const Eigen::Ref<const Eigen::VectorXd>& scores, const GroupIndex& groups,
                        const std::vector<CategoricalVariable>& covariates,
                        double level = kConfidenceLevel);

// The same, given moments_by_group(scores, groups) already computed.
CaseMixFit fit_case_mix(const Eigen::Ref<const Eigen::VectorXd>& scores, const GroupIndex& groups,
                        const std::vector<Moments>& group_moments,
                        const std::vector<CategoricalVariable>& covariates,
                        double level = kConfidenceLevel);

}  // namespace parorende::analytics
