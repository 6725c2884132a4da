#include "analytics/statistics/welch.h"

#include <cmath>
#include <limits>

#include "analytics/statistics/distributions.h"
#include "analytics/statistics/not_a_number.h"

namespace parorende::analytics {
namespace {

Comparison untestable(double difference) {
  return {difference, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, Verdict::not_testable};
}

}  // namespace

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::better: return "better";
    case Verdict::worse: return "worse";
    case Verdict::no_significant_difference: return "no_significant_difference";
    case Verdict::not_testable: return "not_testable";
  }
  return "not_testable";
}

Comparison welch_compare(const Moments& a, const Moments& b, double level) {
  if (a.n == 0 || b.n == 0) return untestable(kNaN);
  double difference = a.mean - b.mean;
  if (a.n < 2 || b.n < 2) return untestable(difference);
  double variance_a = a.variance() / static_cast<double>(a.n);
  double variance_b = b.variance() / static_cast<double>(b.n);
  double variance = variance_a + variance_b;
  if (!(variance > 0)) return untestable(difference);
  Comparison result;
  result.difference = difference;
  result.se = std::sqrt(variance);
  result.df = variance * variance /
              (variance_a * variance_a / static_cast<double>(a.n - 1) +
               variance_b * variance_b / static_cast<double>(b.n - 1));
  result.t = difference / result.se;
  result.p_value = student_t_two_sided_p(result.t, result.df);
  double critical = student_t_quantile(0.5 + level / 2, result.df);
  result.ci_low = difference - critical * result.se;
  result.ci_high = difference + critical * result.se;
  if (result.p_value < 1 - level) {
    result.verdict = difference > 0 ? Verdict::better : Verdict::worse;
  } else {
    result.verdict = Verdict::no_significant_difference;
  }
  return result;
}

Comparison compare_part_with_whole(const Moments& part, const Moments& whole, double level) {
  Moments rest = remove(whole, part);
  Comparison result = welch_compare(part, rest, level);
  if (part.n == 0 || whole.n == 0) return result;
  double share_of_rest = static_cast<double>(rest.n) / static_cast<double>(whole.n);
  // Exactly mean(part) - mean(whole), not the scaled rounding of it.
  result.difference = part.mean - whole.mean;
  result.se *= share_of_rest;
  result.ci_low *= share_of_rest;
  result.ci_high *= share_of_rest;
  return result;
}

Comparison withheld_comparison() {
  return {kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, Verdict::not_testable};
}

}  // namespace parorende::analytics
