#include "analytics/statistics/similarity.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

namespace parorende::analytics {
namespace {

// Standardizes in place: mean 0, SD 1 (population SD; a constant stays 0).
void standardize(std::vector<double>& values) {
  double n = static_cast<double>(values.size());
  double mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
  double squares = 0;
  for (double value : values) squares += (value - mean) * (value - mean);
  double sd = std::sqrt(squares / n);
  for (double& value : values) value = sd > 0 ? (value - mean) / sd : 0.0;
}

}  // namespace

std::vector<std::vector<int>> most_similar_municipalities(
    const std::vector<Municipality>& municipalities, std::size_t count) {
  std::size_t size = municipalities.size();
  std::vector<double> size_score(size);
  std::vector<double> density_score(size);
  for (std::size_t i = 0; i < size; ++i) {
    // Logarithms: 215 vs 2,150 inhabitants differ as much as 70,000 vs
    // 700,000. A population below 1 or area of 0 would be a data error.
    double population = std::max<double>(1.0, static_cast<double>(municipalities[i].population));
    double area = std::max(municipalities[i].area_km2, 0.01);
    size_score[i] = std::log(population);
    density_score[i] = std::log(population / area);
  }
  standardize(size_score);
  standardize(density_score);

  std::vector<std::vector<int>> similar(size);
  std::vector<std::pair<double, int>> distances;
  for (std::size_t i = 0; i < size; ++i) {
    distances.clear();
    for (std::size_t j = 0; j < size; ++j) {
      if (j == i) continue;
      double a = size_score[i] - size_score[j];
      double b = density_score[i] - density_score[j];
      distances.emplace_back(a * a + b * b, static_cast<int>(j));
    }
    std::size_t take = std::min(count, distances.size());
    auto closer = [&](const std::pair<double, int>& x, const std::pair<double, int>& y) {
      if (x.first != y.first) return x.first < y.first;
      return municipalities[static_cast<std::size_t>(x.second)].code <
             municipalities[static_cast<std::size_t>(y.second)].code;
    };
    std::partial_sort(distances.begin(), distances.begin() + static_cast<std::ptrdiff_t>(take),
                      distances.end(), closer);
    for (std::size_t k = 0; k < take; ++k) similar[i].push_back(distances[k].second);
  }
  return similar;
}

}  // namespace parorende::analytics
