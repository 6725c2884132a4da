// Student's t, the incomplete beta and the normal against R 4.2.2's qt, pt,
// pbeta and qnorm (values printed with 17 significant digits).
#include <gtest/gtest.h>

#include <cmath>

#include "analytics/statistics/distributions.h"

namespace parorende::analytics {
namespace {

// Relative agreement; R's own values are accurate to about 1e-15.
void expect_close(double actual, double expected, double relative = 1e-13) {
  EXPECT_NEAR(actual, expected, relative * std::max(1e-300, std::fabs(expected)))
      << "expected " << expected;
}

TEST(AnalyticsDistributions, TQuantilesMatchR) {
  struct Case {
    double p, df, expected;
  };
  const Case cases[] = {
      {0.975, 1, 12.706204736174694},    {0.975, 2, 4.3026527297494619},
      {0.975, 3, 3.1824463052837078},    {0.975, 5, 2.5705818356363137},
      {0.975, 10, 2.2281388519862739},   {0.975, 29, 2.0452296421327034},
      {0.975, 30, 2.0422724563012378},   {0.975, 100, 1.9839715185235516},
      {0.975, 1000, 1.9623390808264076}, {0.995, 3, 5.8409093097333544},
      {0.9, 4, 1.5332062740589429},      {0.6, 12, 0.259032745676887},
      {0.975, 7.5, 2.3330396268649736},  {0.975, 2.3, 3.8071632082321307},
      {0.999, 1.5, 52.184430008992628},  {0.025, 9, -2.2621571627982049},
      {0.975, 1e6, 1.9599663568141066},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(::testing::Message() << "qt(" << c.p << ", " << c.df << ")");
    // The continued fraction gathers rounding with df: ~1e-15 up to df 1000,
    // ~1e-12 at a million (a CI bound moves by < 1e-11 of its value).
    expect_close(student_t_quantile(c.p, c.df), c.expected, c.df > 1000 ? 1e-11 : 1e-14);
  }
  // Just above the median the quantile is tiny and found from a tail of
  // nearly 0.5, whose last bits limit it to ~1e-10 relative.
  expect_close(student_t_quantile(0.5000001, 20), 2.5381445954034947e-07, 1e-9);
  EXPECT_EQ(student_t_quantile(0.5, 7), 0.0);
  EXPECT_TRUE(std::isnan(student_t_quantile(1.0, 7)));
  EXPECT_TRUE(std::isnan(student_t_quantile(0.5, 0)));
}

TEST(AnalyticsDistributions, TCdfMatchesR) {
  struct Case {
    double t, df, lower, upper;
  };
  const Case cases[] = {
      {2, 3, 0.93033701572057836, 0.069662984279421566},
      {-1.5, 7, 0.088649243494985014, 0.91135075650501496},
      {0.1, 200, 0.53977775374783954, 0.46022224625216046},
      {12.7, 1, 0.97498783615532791, 0.025012163844672076},
      {4, 2.5, 0.98049351207934088, 0.019506487920659114},
      {-30, 5, 3.8593243102480234e-07, 0.99999961406756899},
      {1e-8, 10, 0.5000000038910839, 0.49999999610891616},
      {3, 1e6, 0.99865006872928919, 0.0013499312707108962},
      {50, 3, 0.99999119142397941, 8.8085760206359757e-06},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(::testing::Message() << "pt(" << c.t << ", " << c.df << ")");
    double tolerance = c.df > 1000 ? 1e-11 : 1e-13;
    expect_close(student_t_cdf(c.t, c.df), c.lower, tolerance);
    // The smaller tail, to full relative precision, through the p-value.
    double smaller = std::min(c.lower, c.upper);
    expect_close(student_t_two_sided_p(c.t, c.df) / 2, smaller, tolerance);
  }
}

TEST(AnalyticsDistributions, QuantileInvertsCdf) {
  for (double df : {1.0, 1.7, 4.0, 19.0, 250.0, 40000.0}) {
    for (double p : {1e-9, 0.001, 0.2, 0.5, 0.77, 0.999}) {
      double t = student_t_quantile(p, df);
      expect_close(student_t_cdf(t, df), p, 1e-11);
    }
  }
}

TEST(AnalyticsDistributions, IncompleteBetaMatchesR) {
  expect_close(regularized_incomplete_beta(2.5, 4, 0.3), 0.35219758590676714);
  expect_close(regularized_incomplete_beta(0.5, 10, 0.9), 0.99999999998151967);
  expect_close(regularized_incomplete_beta(50, 0.5, 0.01), 7.9982274179049248e-102, 1e-11);
  EXPECT_EQ(regularized_incomplete_beta(3, 4, 0), 0.0);
  EXPECT_EQ(regularized_incomplete_beta(3, 4, 1), 1.0);
  // I_x(1, 1) = x: the uniform distribution, worked by hand.
  expect_close(regularized_incomplete_beta(1, 1, 0.37), 0.37);
  // I_x(a, 1) = x^a.
  expect_close(regularized_incomplete_beta(3, 1, 0.5), 0.125);
}

TEST(AnalyticsDistributions, LogBetaAgreesWithLgammaWhereThatIsExact) {
  for (double a : {0.5, 3.0, 12.5, 400.0}) {
    for (double b : {0.5, 2.0, 15.0}) {
      double naive = std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b);
      EXPECT_NEAR(log_beta(a, b), naive, 1e-12 * std::max(1.0, std::fabs(naive)));
    }
  }
}

TEST(AnalyticsDistributions, NormalMatchesR) {
  expect_close(normal_quantile(0.975), 1.9599639845400536, 1e-15);
  expect_close(normal_quantile(0.999), 3.0902323061678132, 1e-15);
  expect_close(normal_quantile(1e-10), -6.3613409024040557, 1e-15);
  expect_close(normal_quantile(0.3), -0.52440051270804067, 1e-15);
  EXPECT_EQ(normal_quantile(0.5), 0.0);
  expect_close(normal_cdf(1.9599639845400536), 0.975, 1e-15);
}

}  // namespace
}  // namespace parorende::analytics
