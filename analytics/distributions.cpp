#include "analytics/distributions.h"

#include <math.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

namespace parorende::analytics {
namespace {

constexpr double kEpsilon = std::numeric_limits<double>::epsilon();

// ln Gamma(x) for x > 0. lgamma_r, not std::lgamma: std::lgamma writes the
// global signgam, a data race when scales are analysed on several threads.
double log_gamma(double x) {
  int sign = 0;
  return ::lgamma_r(x, &sign);
}

// ln Gamma(x) - Stirling's approximation, for x >= 10 (the series' terms
// fall below 1e-17 by the seventh).
double stirling_correction(double x) {
  constexpr double kCoefficients[] = {1.0 / 12,        -1.0 / 360,  1.0 / 1260,
                                      -1.0 / 1680,     1.0 / 1188,  -691.0 / 360360,
                                      1.0 / 156};
  double inverse_square = 1 / (x * x);
  double power = 1 / x;
  double sum = 0;
  for (double coefficient : kCoefficients) {
    sum += coefficient * power;
    power *= inverse_square;
  }
  return sum;
}

// The continued fraction of I_x(a, b) (modified Lentz), which converges fast
// for x < (a + 1) / (a + b + 2). `y` is 1 - x, passed exactly.
double incomplete_beta_fraction(double a, double b, double x) {
  constexpr double kTiny = 1e-300;
  constexpr int kMaxIterations = 100000;
  double qab = a + b;
  double qap = a + 1;
  double qam = a - 1;
  double c = 1;
  double d = 1 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1 / d;
  double h = d;
  for (int m = 1; m <= kMaxIterations; ++m) {
    double m2 = 2.0 * m;
    double numerator = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1 + numerator * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + numerator / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    h *= d * c;
    numerator = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1 + numerator * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1 + numerator / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1 / d;
    double step = d * c;
    h *= step;
    if (std::fabs(step - 1) < kEpsilon) return h;
  }
  throw std::logic_error("incomplete beta continued fraction did not converge");
}

// I_x(a, b) with y = 1 - x given separately, so that x close to 1 keeps its
// precision (the t distribution near its centre needs that).
double incomplete_beta(double a, double b, double x, double y) {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  // log1p of the small one: with df = 1e6, a = 5e5 multiplies any rounding
  // of log(x) near x = 1.
  double log_x = x > 0.5 ? std::log1p(-y) : std::log(x);
  double log_y = y > 0.5 ? std::log1p(-x) : std::log(y);
  double log_front = a * log_x + b * log_y - log_beta(a, b);
  if (x < (a + 1) / (a + b + 2)) {
    return std::exp(log_front) * incomplete_beta_fraction(a, b, x) / a;
  }
  return 1 - std::exp(log_front) * incomplete_beta_fraction(b, a, y) / b;
}

// P(T > |t|): half the two-sided p. I_{df/(df+t^2)}(df/2, 1/2) / 2, with both
// x and 1 - x formed without subtraction.
double student_t_upper_tail(double t, double df) {
  double t2 = t * t;
  if (t2 == 0) return 0.5;
  double x;
  double y;
  if (t2 < df) {
    x = df / (df + t2);
    y = t2 / (df + t2);
  } else {
    double ratio = df / t2;
    x = ratio / (1 + ratio);
    y = 1 / (1 + ratio);
  }
  return 0.5 * incomplete_beta(df / 2, 0.5, x, y);
}

double student_t_density(double t, double df) {
  return std::exp(-(df + 1) / 2 * std::log1p(t * t / df) - 0.5 * std::log(df) -
                  log_beta(df / 2, 0.5));
}

// Hill's (1970, CACM algorithm 396) approximation of the t quantile for an
// upper-tail probability, the starting point for Newton's method.
double hill_start(double upper_tail, double df) {
  double two_sided = 2 * upper_tail;
  double a = 1 / (df - 0.5);
  double b = 48 / (a * a);
  double c = ((20700 * a / b - 98) * a - 16) * a + 96.36;
  double d = ((94.5 / (b + c) - 3) / b + 1) * std::sqrt(a * std::numbers::pi / 2) * df;
  double y = std::pow(d * two_sided, 2 / df);
  if (y > 0.05 + a) {
    double x = -normal_quantile(upper_tail);
    y = x * x;
    if (df < 5) c += 0.3 * (df - 4.5) * (x + 0.6);
    c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
    y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x;
    y = std::expm1(a * y * y);
  } else {
    y = ((1 / (((df + 6) / (df * y) - 0.089 * d - 0.822) * (df + 2) * 3) +
          0.5 / (df + 4)) * y - 1) * (df + 1) / (df + 2) + 1 / y;
  }
  return std::sqrt(df * y);
}

// The t > 0 with P(T > t) = upper_tail < 0.5.
double upper_quantile(double upper_tail, double df) {
  if (df == 1) return 1 / std::tan(std::numbers::pi * upper_tail);
  if (df == 2) {
    return (1 - 2 * upper_tail) / std::sqrt(2 * upper_tail * (1 - upper_tail));
  }
  double t = df > 1 ? hill_start(upper_tail, df) : 1.0;
  if (!std::isfinite(t) || t <= 0) t = 1.0;
  // Newton on P(T > t) - upper_tail, kept inside a bracket that shrinks
  // with every evaluation (bisection when a step would leave it).
  double low = 0;
  double high = std::numeric_limits<double>::infinity();
  for (int iteration = 0; iteration < 200; ++iteration) {
    double excess = student_t_upper_tail(t, df) - upper_tail;
    if (excess == 0) return t;
    if (excess > 0) {
      low = t;
    } else {
      high = t;
    }
    double next = t + excess / student_t_density(t, df);
    if (!(next > low && next < high)) {
      next = std::isfinite(high) ? (low + high) / 2 : 2 * t;
    }
    if (std::fabs(next - t) <= 4 * kEpsilon * t) return next;
    t = next;
  }
  throw std::logic_error("t quantile did not converge");
}

}  // namespace

double log_beta(double a, double b) {
  double p = std::min(a, b);
  double q = std::max(a, b);
  if (p >= 10) {
    double correction = stirling_correction(p) + stirling_correction(q) -
                        stirling_correction(p + q);
    return -0.5 * std::log(q) + 0.5 * std::log(2 * std::numbers::pi) + correction +
           (p - 0.5) * std::log(p / (p + q)) + q * std::log1p(-p / (p + q));
  }
  if (q >= 10) {
    double correction = stirling_correction(q) - stirling_correction(p + q);
    return log_gamma(p) + correction + p - p * std::log(p + q) +
           (q - 0.5) * std::log1p(-p / (p + q));
  }
  return log_gamma(p) + log_gamma(q) - log_gamma(p + q);
}

double regularized_incomplete_beta(double a, double b, double x) {
  if (!(a > 0 && b > 0 && x >= 0 && x <= 1)) {
    throw std::invalid_argument("regularized_incomplete_beta: argument out of range");
  }
  return incomplete_beta(a, b, x, 1 - x);
}

double student_t_cdf(double t, double df) {
  if (!(df > 0) || std::isnan(t)) return std::numeric_limits<double>::quiet_NaN();
  double tail = student_t_upper_tail(t, df);
  return t > 0 ? 1 - tail : tail;
}

double student_t_two_sided_p(double t, double df) {
  if (!(df > 0) || std::isnan(t)) return std::numeric_limits<double>::quiet_NaN();
  return std::min(1.0, 2 * student_t_upper_tail(t, df));
}

double student_t_quantile(double p, double df) {
  if (!(df > 0) || !(p > 0 && p < 1)) return std::numeric_limits<double>::quiet_NaN();
  if (p == 0.5) return 0;
  return p > 0.5 ? upper_quantile(1 - p, df) : -upper_quantile(p, df);
}

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::numbers::sqrt2); }

double normal_quantile(double p) {
  if (!(p > 0 && p < 1)) return std::numeric_limits<double>::quiet_NaN();
  if (p == 0.5) return 0;
  double tail = std::min(p, 1 - p);
  // Abramowitz & Stegun 26.2.23 (error < 4.5e-4) ...
  double s = std::sqrt(-2 * std::log(tail));
  double z = s - (2.515517 + 0.802853 * s + 0.010328 * s * s) /
                     (1 + 1.432788 * s + 0.189269 * s * s + 0.001308 * s * s * s);
  // ... refined by Halley's method on the upper tail Q(z) = erfc(z/sqrt2)/2,
  // which converges cubically: three steps reach machine precision.
  for (int step = 0; step < 4; ++step) {
    double excess = 0.5 * std::erfc(z / std::numbers::sqrt2) - tail;
    double density = std::exp(-0.5 * z * z) / std::sqrt(2 * std::numbers::pi);
    z += 2 * excess / (2 * density - excess * z);
  }
  return p < 0.5 ? -z : z;
}

}  // namespace parorende::analytics
