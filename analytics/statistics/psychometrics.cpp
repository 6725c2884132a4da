#include "analytics/statistics/psychometrics.h"
#include "analytics/statistics/not_a_number.h"

#include <Eigen/Eigenvalues>
#include <Eigen/LU>
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace parorende::analytics {
namespace {

using Eigen::Index;
using Eigen::MatrixXd;
using Eigen::VectorXd;

// Column means over the answered cells; 0 for a column without answers.
template <typename Items>
VectorXd answered_means(const Items& items) {
  VectorXd means = VectorXd::Zero(items.cols());
  for (Index j = 0; j < items.cols(); ++j) {
    double sum = 0;
    std::int64_t count = 0;
    for (Index r = 0; r < items.rows(); ++r) {
      double value = static_cast<double>(items(r, j));
      if (std::isnan(value)) continue;
      sum += value;
      ++count;
    }
    if (count > 0) means[j] = sum / static_cast<double>(count);
  }
  return means;
}

// psych's alpha.1(C, R): raw and standardized alpha, the average
// correlation, and Q, whose sqrt(Q / n) is the standard error of alpha.
struct AlphaFigures {
  double raw = kNaN;
  double standardized = kNaN;
  double average_r = kNaN;
  double q = kNaN;
};

AlphaFigures alpha_figures(const MatrixXd& c, const MatrixXd& r) {
  AlphaFigures figures;
  auto n = static_cast<double>(c.cols());
  if (c.cols() < 2) return figures;
  double trace = c.trace();
  double total = c.sum();
  double sum_r = r.sum();
  figures.raw = (1 - trace / total) * (n / (n - 1));
  figures.standardized = (1 - n / sum_r) * (n / (n - 1));
  figures.average_r = (sum_r - n) / (n * (n - 1));
  MatrixXd c_squared = c * c;
  figures.q = (2 * n * n / ((n - 1) * (n - 1) * total * total * total)) *
              (total * (c_squared.trace() + trace * trace) - 2 * trace * c_squared.sum());
  return figures;
}

std::vector<Index> all_but(Index count, Index left_out) {
  std::vector<Index> kept;
  for (Index i = 0; i < count; ++i) {
    if (i != left_out) kept.push_back(i);
  }
  return kept;
}

// Squared multiple correlations, psych's smc(): 1 - 1 / diag(R^-1).
VectorXd squared_multiple_correlations(const MatrixXd& r) {
  Eigen::FullPivLU<MatrixXd> lu(r);
  if (!lu.isInvertible()) return VectorXd::Constant(r.cols(), 0.5);
  VectorXd inverse_diagonal = lu.inverse().diagonal();
  return (1.0 - inverse_diagonal.array().inverse()).matrix();
}

// The sum of uniquenesses of one minres factor of R. psych's fa(fm =
// "minres") minimizes the off-diagonal residuals over the uniquenesses Psi
// in [0.005, 1], with loadings from the first eigenvector of R - diag(Psi);
// the minimum is the fixed point of iterated principal axes, which this
// finds to machine precision.
double one_factor_uniqueness_sum(const MatrixXd& r) {
  constexpr double kLowestUniqueness = 0.005;
  VectorXd communalities =
      squared_multiple_correlations(r).cwiseMax(0.0).cwiseMin(1 - kLowestUniqueness);
  VectorXd loadings;
  for (int iteration = 0; iteration < 100000; ++iteration) {
    MatrixXd reduced = r;
    reduced.diagonal() = communalities;
    Eigen::SelfAdjointEigenSolver<MatrixXd> solver(reduced);
    Index last = reduced.cols() - 1;
    loadings =
        solver.eigenvectors().col(last) * std::sqrt(std::max(0.0, solver.eigenvalues()[last]));
    VectorXd next = loadings.array().square().matrix().cwiseMin(1 - kLowestUniqueness);
    double change = (next - communalities).cwiseAbs().maxCoeff();
    communalities = next;
    if (change < 1e-15) break;
  }
  return (1.0 - loadings.array().square()).sum();
}

template <typename Items>
PairwiseMoments pairwise_moments_of(const Items& items) {
  const Index k = items.cols();
  const Index rows = items.rows();
  // Centring each item first keeps the one-pass cross products free of
  // cancellation; the exact pairwise means are then recovered below.
  VectorXd centers = answered_means(items);
  MatrixXd count = MatrixXd::Zero(k, k);
  MatrixXd sums = MatrixXd::Zero(k, k);         // (i, j): sum of x_i where j answered too
  MatrixXd sum_squares = MatrixXd::Zero(k, k);  // (i, j): sum of x_i^2 likewise
  MatrixXd cross = MatrixXd::Zero(k, k);        // sum of x_i x_j over both answered
  constexpr Index kChunk = 8192;
  MatrixXd centered(kChunk, k);
  MatrixXd answered(kChunk, k);
  MatrixXd squared(kChunk, k);
  std::int64_t rows_with_answers = 0;
  for (Index start = 0; start < rows; start += kChunk) {
    Index length = std::min(kChunk, rows - start);
    for (Index j = 0; j < k; ++j) {
      for (Index r = 0; r < length; ++r) {
        double value = static_cast<double>(items(start + r, j));
        bool missing = std::isnan(value);
        double deviation = missing ? 0.0 : value - centers[j];
        centered(r, j) = deviation;
        answered(r, j) = missing ? 0.0 : 1.0;
        squared(r, j) = deviation * deviation;
      }
    }
    auto c = centered.topRows(length);
    auto m = answered.topRows(length);
    auto s = squared.topRows(length);
    rows_with_answers += (m.rowwise().sum().array() > 0).count();
    count.noalias() += m.transpose() * m;
    sums.noalias() += c.transpose() * m;
    sum_squares.noalias() += s.transpose() * m;
    cross.noalias() += c.transpose() * c;
  }

  PairwiseMoments moments{count, MatrixXd::Constant(k, k, kNaN), MatrixXd::Constant(k, k, kNaN),
                          VectorXd::Constant(k, kNaN), rows_with_answers};
  for (Index j = 0; j < k; ++j) {
    if (count(j, j) > 0) moments.means[j] = centers[j] + sums(j, j) / count(j, j);
  }
  for (Index i = 0; i < k; ++i) {
    for (Index j = 0; j < k; ++j) {
      double n = count(i, j);
      if (n < 2) continue;
      double sum_i = sums(i, j);
      double sum_j = sums(j, i);
      moments.covariance(i, j) = (cross(i, j) - sum_i * sum_j / n) / (n - 1);
      double variance_i = (sum_squares(i, j) - sum_i * sum_i / n) / (n - 1);
      double variance_j = (sum_squares(j, i) - sum_j * sum_j / n) / (n - 1);
      if (variance_i > 0 && variance_j > 0) {
        moments.correlation(i, j) =
            i == j ? 1.0 : moments.covariance(i, j) / std::sqrt(variance_i * variance_j);
      }
    }
  }
  return moments;
}

template <typename Items>
ScaleReliability reliability_of(const Items& items) {
  const Index k = items.cols();
  ScaleReliability result;
  result.alpha = result.std_alpha = result.alpha_se = result.average_r = result.omega_total = kNaN;
  result.eigenvalues = VectorXd::Constant(k, kNaN);
  PairwiseMoments moments = pairwise_moments_of(items);
  result.respondents = moments.rows_with_answers;
  for (Index j = 0; j < k; ++j) {
    ItemReliability item;
    item.n = static_cast<std::int64_t>(moments.count(j, j));
    item.mean = moments.means[j];
    item.sd = std::sqrt(moments.covariance(j, j));
    item.r_drop = item.alpha_if_deleted = item.std_alpha_if_deleted = item.alpha_se_if_deleted =
        kNaN;
    result.items.push_back(item);
  }
  const MatrixXd& c = moments.covariance;
  bool defined =
      k >= 2 && !c.hasNaN() && (c.diagonal().array() > 0).all() && !moments.correlation.hasNaN();
  if (!defined) return result;

  // psych's R for alpha is cov2cor(C): each covariance over the item
  // variances of all their answers (not cor(x, use = "pairwise")).
  VectorXd inverse_sd = c.diagonal().array().rsqrt();
  MatrixXd r = inverse_sd.asDiagonal() * c * inverse_sd.asDiagonal();
  auto respondents = static_cast<double>(result.respondents);

  AlphaFigures whole = alpha_figures(c, r);
  result.alpha = whole.raw;
  result.std_alpha = whole.standardized;
  result.average_r = whole.average_r;
  result.alpha_se = std::sqrt(whole.q / respondents);

  Eigen::SelfAdjointEigenSolver<MatrixXd> eigen(r, Eigen::EigenvaluesOnly);
  result.eigenvalues = eigen.eigenvalues().reverse();

  for (Index i = 0; i < k; ++i) {
    std::vector<Index> kept = all_but(k, i);
    ItemReliability& item = result.items[static_cast<std::size_t>(i)];
    double rest_variance = c(kept, kept).sum();
    double covariance_with_rest = c.col(i).sum() - c(i, i);
    item.r_drop = covariance_with_rest / std::sqrt(c(i, i) * rest_variance);
    // With two items the rest is a single item, whose alpha is undefined
    // (psych prints a regression slope there).
    if (k > 2) {
      AlphaFigures dropped = alpha_figures(c(kept, kept), r(kept, kept));
      item.alpha_if_deleted = dropped.raw;
      item.std_alpha_if_deleted = dropped.standardized;
      item.alpha_se_if_deleted = std::sqrt(dropped.q / respondents);
    }
  }

  const MatrixXd& pairwise_r = moments.correlation;
  double total_r = pairwise_r.sum();
  result.omega_total = (total_r - one_factor_uniqueness_sum(pairwise_r)) / total_r;
  return result;
}

}  // namespace

PairwiseMoments pairwise_moments(const Eigen::Ref<const MatrixXd>& items) {
  return pairwise_moments_of(items);
}

PairwiseMoments pairwise_moments(const Eigen::Ref<const Eigen::MatrixXf>& items) {
  return pairwise_moments_of(items);
}

ScaleReliability analyze_reliability(const Eigen::Ref<const MatrixXd>& items) {
  return reliability_of(items);
}

ScaleReliability analyze_reliability(const Eigen::Ref<const Eigen::MatrixXf>& items) {
  return reliability_of(items);
}

}  // namespace parorende::analytics
