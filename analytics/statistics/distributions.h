// The distributions behind every interval and test in analytics: Student's
// t (CIs of small-n means, Welch's test) and the standard normal (Wilson
// intervals, empirical Bayes intervals), from Boost.Math, with the
// argument checks and NaN conventions analytics relies on; checked against
// R in tests/analytics/analytics_distributions_test.cpp.
#pragma once

namespace parorende::analytics {

// ln B(a, b) for a, b > 0.
double log_beta(double a, double b);

// I_x(a, b), the regularized incomplete beta function, for a, b > 0 and
// 0 <= x <= 1; accurate to about 1e-15 relative.
double regularized_incomplete_beta(double a, double b, double x);

// P(T <= t) for Student's t with `df` > 0 degrees of freedom (df need not be
// an integer: Welch-Satterthwaite df are not); NaN for df <= 0 or t NaN.
double student_t_cdf(double t, double df);

// P(|T| >= |t|), computed without cancellation for large |t|.
double student_t_two_sided_p(double t, double df);

// The t with P(T <= t) = p, for 0 < p < 1 (NaN otherwise).
double student_t_quantile(double p, double df);

double normal_cdf(double z);

// The z with P(Z <= z) = p, for 0 < p < 1 (NaN otherwise).
double normal_quantile(double p);

}  // namespace parorende::analytics
