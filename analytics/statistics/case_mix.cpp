#include "analytics/statistics/case_mix.h"

#include <Eigen/Cholesky>
#include <Eigen/QR>
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "analytics/statistics/distributions.h"
#include "analytics/statistics/not_a_number.h"

namespace parorende::analytics {
namespace {

// The dummy column of (variable, level > 0) is offsets[variable] + level - 1.
struct DummyLayout {
  std::vector<int> offsets;
  int columns = 0;
};

DummyLayout layout_of(const std::vector<CategoricalVariable>& covariates, std::size_t rows) {
  DummyLayout layout;
  for (const CategoricalVariable& variable : covariates) {
    if (variable.level_of_row.size() != rows || variable.level_names.empty()) {
      throw std::logic_error("fit_case_mix: covariate '" + variable.name +
                             "' needs one level per row");
    }
    layout.offsets.push_back(layout.columns);
    layout.columns += static_cast<int>(variable.level_names.size()) - 1;
  }
  return layout;
}

// Everything the fit needs from the rows, in one pass: X'X and X'y over all
// scored rows, and each group's dummy counts (X_j' 1). Dummy counts are
// integers, exact in doubles.
struct CrossProducts {
  Eigen::MatrixXd xtx;
  Eigen::VectorXd xty;
  Eigen::MatrixXd dummy_counts;  // columns x groups
};

CrossProducts accumulate(const Eigen::Ref<const Eigen::VectorXd>& scores, const GroupIndex& groups,
                         const std::vector<CategoricalVariable>& covariates,
                         const DummyLayout& layout) {
  CrossProducts sums{Eigen::MatrixXd::Zero(layout.columns, layout.columns),
                     Eigen::VectorXd::Zero(layout.columns),
                     Eigen::MatrixXd::Zero(layout.columns, groups.group_count)};
  std::vector<int> active(covariates.size());
  for (Eigen::Index row = 0; row < scores.size(); ++row) {
    double y = scores[row];
    int group = groups.group_of_row[static_cast<std::size_t>(row)];
    if (group < 0 || std::isnan(y)) continue;
    std::size_t count = 0;
    for (std::size_t v = 0; v < covariates.size(); ++v) {
      int level = covariates[v].level_of_row[static_cast<std::size_t>(row)];
      if (level > 0) active[count++] = layout.offsets[v] + level - 1;
    }
    for (std::size_t i = 0; i < count; ++i) {
      sums.xty[active[i]] += y;
      sums.dummy_counts(active[i], group) += 1;
      for (std::size_t j = i; j < count; ++j) sums.xtx(active[i], active[j]) += 1;
    }
  }
  // Only the upper triangle was filled (active columns ascend with v).
  sums.xtx.triangularView<Eigen::StrictlyLower>() =
      sums.xtx.triangularView<Eigen::StrictlyUpper>().transpose();
  return sums;
}

// The dummies that can be estimated: some within-municipality variation
// and not a linear combination of the others.
std::vector<int> estimable_columns(const Eigen::MatrixXd& within) {
  std::vector<int> varying;
  for (int column = 0; column < within.cols(); ++column) {
    if (within(column, column) > 1e-6) varying.push_back(column);
  }
  if (varying.empty()) return varying;
  Eigen::MatrixXd reduced = within(varying, varying);
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(reduced);
  qr.setThreshold(1e-10);
  std::vector<int> kept;
  for (Eigen::Index i = 0; i < qr.rank(); ++i) {
    kept.push_back(varying[static_cast<std::size_t>(qr.colsPermutation().indices()[i])]);
  }
  std::sort(kept.begin(), kept.end());
  return kept;
}

}  // namespace

CaseMixFit fit_case_mix(const Eigen::Ref<const Eigen::VectorXd>& scores, const GroupIndex& groups,
                        const std::vector<CategoricalVariable>& covariates, double level) {
  return fit_case_mix(scores, groups, moments_by_group(scores, groups), covariates, level);
}

CaseMixFit fit_case_mix(const Eigen::Ref<const Eigen::VectorXd>& scores, const GroupIndex& groups,
                        const std::vector<Moments>& moments,
                        const std::vector<CategoricalVariable>& covariates, double level) {
  auto rows = static_cast<std::size_t>(scores.size());
  if (groups.group_of_row.size() != rows ||
      moments.size() != static_cast<std::size_t>(groups.group_count)) {
    throw std::logic_error("fit_case_mix: one group per row and moments per group expected");
  }
  DummyLayout layout = layout_of(covariates, rows);
  CrossProducts sums = accumulate(scores, groups, covariates, layout);

  Eigen::VectorXd group_n(groups.group_count);
  Eigen::VectorXd group_mean(groups.group_count);
  Eigen::VectorXd inverse_n(groups.group_count);
  double within_squares = 0;
  int groups_with_data = 0;
  CaseMixFit fit;
  for (int g = 0; g < groups.group_count; ++g) {
    const Moments& m = moments[static_cast<std::size_t>(g)];
    group_n[g] = static_cast<double>(m.n);
    group_mean[g] = m.n > 0 ? m.mean : 0.0;
    inverse_n[g] = m.n > 0 ? 1 / group_n[g] : 0.0;
    within_squares += m.sum_squared_deviations;
    fit.respondents += m.n;
    if (m.n > 0) ++groups_with_data;
  }
  double total = static_cast<double>(fit.respondents);

  // Sweeping out the fixed effects: X~'X~ = X'X - sum_j s_j s_j' / n_j and
  // X~'y~ = X'y - sum_j s_j ybar_j, with s_j the group's dummy counts.
  Eigen::MatrixXd within =
      sums.xtx - sums.dummy_counts * inverse_n.asDiagonal() * sums.dummy_counts.transpose();
  Eigen::VectorXd within_xy = sums.xty - sums.dummy_counts * group_mean;
  std::vector<int> kept = estimable_columns(within);

  Eigen::VectorXd coefficients = Eigen::VectorXd::Zero(layout.columns);
  Eigen::MatrixXd covariance = Eigen::MatrixXd::Zero(layout.columns, layout.columns);
  auto k = static_cast<double>(kept.size());
  fit.residual_df = total - groups_with_data - k;
  if (!kept.empty()) {
    Eigen::LDLT<Eigen::MatrixXd> ldlt(within(kept, kept));
    Eigen::VectorXd b = ldlt.solve(within_xy(kept));
    Eigen::MatrixXd inverse = ldlt.solve(Eigen::MatrixXd::Identity(
        static_cast<Eigen::Index>(kept.size()), static_cast<Eigen::Index>(kept.size())));
    coefficients(kept) = b;
    double residual_squares = std::max(0.0, within_squares - b.dot(within_xy(kept)));
    fit.residual_variance = fit.residual_df > 0 ? residual_squares / fit.residual_df : kNaN;
    covariance(kept, kept) = fit.residual_variance * inverse;
  } else {
    fit.residual_variance = fit.residual_df > 0 ? within_squares / fit.residual_df : kNaN;
  }

  for (std::size_t v = 0; v < covariates.size(); ++v) {
    for (std::size_t l = 1; l < covariates[v].level_names.size(); ++l) {
      int column = layout.offsets[v] + static_cast<int>(l) - 1;
      bool estimable = std::binary_search(kept.begin(), kept.end(), column);
      fit.terms.push_back({covariates[v].name, covariates[v].level_names[l],
                           estimable ? coefficients[column] : kNaN,
                           estimable ? std::sqrt(covariance(column, column)) : kNaN, estimable});
    }
  }

  Eigen::VectorXd national_means = total > 0
                                       ? Eigen::VectorXd(sums.dummy_counts.rowwise().sum() / total)
                                       : Eigen::VectorXd::Zero(layout.columns);
  fit.adjusted.resize(static_cast<std::size_t>(groups.group_count));
  for (int g = 0; g < groups.group_count; ++g) {
    const Moments& m = moments[static_cast<std::size_t>(g)];
    AdjustedMean& adjusted = fit.adjusted[static_cast<std::size_t>(g)];
    if (m.n == 0) {
      adjusted = {kNaN, kNaN, kNaN, kNaN};
      continue;
    }
    Eigen::VectorXd offset = sums.dummy_counts.col(g) * inverse_n[g] - national_means;
    adjusted.mean = m.mean - offset.dot(coefficients);
    adjusted.se = std::sqrt(m.variance() * inverse_n[g] + offset.dot(covariance * offset));
    if (m.n < 2 || std::isnan(adjusted.se)) {
      adjusted.ci_low = adjusted.ci_high = kNaN;
      continue;
    }
    double t = student_t_quantile(0.5 + level / 2, static_cast<double>(m.n - 1));
    adjusted.ci_low = adjusted.mean - t * adjusted.se;
    adjusted.ci_high = adjusted.mean + t * adjusted.se;
  }
  return fit;
}

}  // namespace parorende::analytics
