#include "analytics/statistics/descriptive.h"

#include <cmath>
#include <limits>
#include <stdexcept>

#include "analytics/statistics/distributions.h"
#include "analytics/statistics/not_a_number.h"

namespace parorende::analytics {

double Moments::variance() const {
  return n < 2 ? kNaN : sum_squared_deviations / static_cast<double>(n - 1);
}

Moments combine(const Moments& a, const Moments& b) {
  if (a.n == 0) return b;
  if (b.n == 0) return a;
  Moments sum;
  sum.n = a.n + b.n;
  double na = static_cast<double>(a.n);
  double nb = static_cast<double>(b.n);
  double total = static_cast<double>(sum.n);
  double delta = b.mean - a.mean;
  sum.mean = a.mean + delta * nb / total;
  sum.sum_squared_deviations =
      a.sum_squared_deviations + b.sum_squared_deviations + delta * delta * na * nb / total;
  return sum;
}

Moments remove(const Moments& whole, const Moments& part) {
  if (part.n > whole.n) throw std::logic_error("remove: part larger than whole");
  if (part.n == 0) return whole;
  Moments rest;
  rest.n = whole.n - part.n;
  if (rest.n == 0) return rest;
  double n_whole = static_cast<double>(whole.n);
  double n_part = static_cast<double>(part.n);
  double n_rest = static_cast<double>(rest.n);
  rest.mean = whole.mean + (whole.mean - part.mean) * n_part / n_rest;
  double delta = part.mean - rest.mean;
  // The parallel formula solved for the rest; rounding can leave a tiny
  // negative where the true value is 0.
  rest.sum_squared_deviations =
      std::max(0.0, whole.sum_squared_deviations - part.sum_squared_deviations -
                        delta * delta * n_part * n_rest / n_whole);
  return rest;
}

Summary summarize(const Moments& moments, double level) {
  Summary summary;
  summary.n = moments.n;
  if (moments.n == 0) {
    summary.mean = summary.sd = summary.se = summary.ci_low = summary.ci_high = kNaN;
    return summary;
  }
  summary.mean = moments.mean;
  summary.sd = std::sqrt(moments.variance());
  summary.se = summary.sd / std::sqrt(static_cast<double>(moments.n));
  if (moments.n < 2) {
    summary.ci_low = summary.ci_high = kNaN;
    return summary;
  }
  double t = student_t_quantile(0.5 + level / 2, static_cast<double>(moments.n - 1));
  summary.ci_low = summary.mean - t * summary.se;
  summary.ci_high = summary.mean + t * summary.se;
  return summary;
}

Moments moments_of(const Eigen::Ref<const Eigen::VectorXd>& values) {
  Moments moments;
  double sum = 0;
  for (Eigen::Index row = 0; row < values.size(); ++row) {
    if (std::isnan(values[row])) continue;
    sum += values[row];
    ++moments.n;
  }
  if (moments.n == 0) return moments;
  moments.mean = sum / static_cast<double>(moments.n);
  for (Eigen::Index row = 0; row < values.size(); ++row) {
    if (std::isnan(values[row])) continue;
    double deviation = values[row] - moments.mean;
    moments.sum_squared_deviations += deviation * deviation;
  }
  return moments;
}

std::vector<Moments> moments_by_group(const Eigen::Ref<const Eigen::VectorXd>& values,
                                      const GroupIndex& groups) {
  if (static_cast<Eigen::Index>(groups.group_of_row.size()) != values.size()) {
    throw std::logic_error("moments_by_group: one group per row expected");
  }
  std::vector<Moments> moments(static_cast<std::size_t>(groups.group_count));
  std::vector<double> sums(moments.size(), 0.0);
  for (Eigen::Index row = 0; row < values.size(); ++row) {
    int group = groups.group_of_row[static_cast<std::size_t>(row)];
    if (group < 0 || std::isnan(values[row])) continue;
    sums[static_cast<std::size_t>(group)] += values[row];
    ++moments[static_cast<std::size_t>(group)].n;
  }
  for (std::size_t group = 0; group < moments.size(); ++group) {
    if (moments[group].n > 0)
      moments[group].mean = sums[group] / static_cast<double>(moments[group].n);
  }
  for (Eigen::Index row = 0; row < values.size(); ++row) {
    int group = groups.group_of_row[static_cast<std::size_t>(row)];
    if (group < 0 || std::isnan(values[row])) continue;
    Moments& target = moments[static_cast<std::size_t>(group)];
    double deviation = values[row] - target.mean;
    target.sum_squared_deviations += deviation * deviation;
  }
  return moments;
}

Summary withheld_summary(std::int64_t n) { return {n, kNaN, kNaN, kNaN, kNaN, kNaN}; }

}  // namespace parorende::analytics
