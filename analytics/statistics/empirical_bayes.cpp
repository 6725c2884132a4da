#include "analytics/statistics/empirical_bayes.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "analytics/statistics/distributions.h"
#include "analytics/statistics/not_a_number.h"

namespace parorende::analytics {
namespace {

// sigma^2 and tau^2 by the ANOVA method of moments:
//   MSW = SSW / (N - J),  MSB = sum_j n_j (ybar_j - ybar)^2 / (J - 1),
//   n0 = (N - sum_j n_j^2 / N) / (J - 1),  tau^2 = max(0, (MSB - MSW) / n0).
void estimate_variances(const std::vector<Moments>& groups, ShrinkageModel& model) {
  Moments national;
  double sum_squared_n = 0;
  double within_squares = 0;
  for (const Moments& group : groups) {
    if (group.n == 0) continue;
    national = combine(national, group);
    double n = static_cast<double>(group.n);
    sum_squared_n += n * n;
    within_squares += group.sum_squared_deviations;
    ++model.groups_with_data;
  }
  model.respondents = national.n;
  model.national_mean = national.n > 0 ? national.mean : kNaN;
  double total = static_cast<double>(national.n);
  double j = model.groups_with_data;
  model.within_variance = total > j ? within_squares / (total - j) : kNaN;
  if (model.groups_with_data < 2 || std::isnan(model.within_variance)) {
    model.between_variance = kNaN;
    return;
  }
  double between_squares = 0;
  for (const Moments& group : groups) {
    if (group.n == 0) continue;
    double deviation = group.mean - model.national_mean;
    between_squares += static_cast<double>(group.n) * deviation * deviation;
  }
  double mean_square_between = between_squares / (j - 1);
  double n0 = (total - sum_squared_n / total) / (j - 1);
  model.between_variance = std::max(0.0, (mean_square_between - model.within_variance) / n0);
  // Var(ybar) = sum_j n_j^2 (tau^2 + sigma^2 / n_j) / N^2.
  model.national_mean_variance =
      (model.between_variance * sum_squared_n + model.within_variance * total) / (total * total);
}

}  // namespace

Shrinkage shrink_toward_national_mean(const std::vector<Moments>& groups, double level) {
  Shrinkage shrinkage;
  estimate_variances(groups, shrinkage.model);
  const ShrinkageModel& model = shrinkage.model;
  double z = normal_quantile(0.5 + level / 2);
  shrinkage.groups.reserve(groups.size());
  for (const Moments& group : groups) {
    if (group.n == 0 || std::isnan(model.between_variance)) {
      shrinkage.groups.push_back({kNaN, kNaN, kNaN, kNaN, kNaN});
      continue;
    }
    double sampling_variance = model.within_variance / static_cast<double>(group.n);
    double reliability = model.between_variance + sampling_variance > 0
                             ? model.between_variance / (model.between_variance + sampling_variance)
                             : 0.0;
    ShrunkenMean shrunken;
    shrunken.reliability = reliability;
    shrunken.estimate = model.national_mean + reliability * (group.mean - model.national_mean);
    // Posterior variance lambda sigma^2/n_j, plus what the estimated
    // target adds: (1 - lambda)^2 Var(ybar).
    double shrink = 1 - reliability;
    shrunken.se =
        std::sqrt(reliability * sampling_variance + shrink * shrink * model.national_mean_variance);
    shrunken.ci_low = shrunken.estimate - z * shrunken.se;
    shrunken.ci_high = shrunken.estimate + z * shrunken.se;
    shrinkage.groups.push_back(shrunken);
  }
  return shrinkage;
}

}  // namespace parorende::analytics
