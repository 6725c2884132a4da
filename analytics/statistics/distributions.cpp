#include "analytics/statistics/distributions.h"
#include "analytics/statistics/not_a_number.h"

#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace parorende::analytics {
namespace {

// Out-of-range arguments are checked here (NaN, as before); the policy only
// makes Boost.Math return instead of throw on the limits it reaches itself
// (a p-value that underflows), and keeps double precision throughout.
using Policy = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::ignore_error>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::underflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::ignore_error>,
    boost::math::policies::promote_double<false>>;

using StudentT = boost::math::students_t_distribution<double, Policy>;
using Normal = boost::math::normal_distribution<double, Policy>;

}  // namespace

double log_beta(double a, double b) { return std::log(boost::math::beta(a, b, Policy())); }

double regularized_incomplete_beta(double a, double b, double x) {
  if (!(a > 0 && b > 0 && x >= 0 && x <= 1)) {
    throw std::invalid_argument("regularized_incomplete_beta: argument out of range");
  }
  return boost::math::ibeta(a, b, x, Policy());
}

double student_t_cdf(double t, double df) {
  if (!(df > 0) || std::isnan(t)) return kNaN;
  return boost::math::cdf(StudentT(df), t);
}

double student_t_two_sided_p(double t, double df) {
  if (!(df > 0) || std::isnan(t)) return kNaN;
  return std::min(1.0, 2 * boost::math::cdf(boost::math::complement(StudentT(df), std::fabs(t))));
}

double student_t_quantile(double p, double df) {
  if (!(df > 0) || !(p > 0 && p < 1)) return kNaN;
  return boost::math::quantile(StudentT(df), p);
}

double normal_cdf(double z) { return boost::math::cdf(Normal(), z); }

double normal_quantile(double p) {
  if (!(p > 0 && p < 1)) return kNaN;
  return boost::math::quantile(Normal(), p);
}

}  // namespace parorende::analytics
