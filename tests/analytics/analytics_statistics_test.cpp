// Means, Welch's test, Wilson intervals, case-mix adjustment, empirical
// Bayes and similarity, each against a small example worked by hand or in
// R 4.2.2 (t.test, prop.test without continuity correction, lm); the R
// lines are quoted beside the numbers.
#include <gtest/gtest.h>

#include <Eigen/Core>
#include <cmath>
#include <limits>
#include <vector>

#include "analytics/statistics/burden_shares.h"
#include "analytics/statistics/case_mix.h"
#include "analytics/statistics/descriptive.h"
#include "analytics/statistics/empirical_bayes.h"
#include "analytics/statistics/not_a_number.h"
#include "analytics/statistics/similarity.h"
#include "analytics/statistics/welch.h"

namespace parorende::analytics {
namespace {

Eigen::VectorXd vector_of(std::initializer_list<double> values) {
  Eigen::VectorXd vector(static_cast<Eigen::Index>(values.size()));
  Eigen::Index i = 0;
  for (double value : values) vector[i++] = value;
  return vector;
}

const Eigen::VectorXd kX = vector_of({62.5, 75, 80, 55, 90, 70});
const Eigen::VectorXd kY = vector_of({50, 45, 60, 72.5, 40, 55, 65, 35});

TEST(AnalyticsDescriptive, MeanSdAndTIntervalMatchRTTest) {
  // R: t.test(c(62.5, 75, 80, 55, 90, 70))
  Summary summary = summarize(moments_of(kX));
  EXPECT_EQ(summary.n, 6);
  EXPECT_NEAR(summary.mean, 72.083333333333329, 1e-13);
  EXPECT_NEAR(summary.sd, 12.491663887035491, 1e-13);
  EXPECT_NEAR(summary.se, 12.491663887035491 / std::sqrt(6.0), 1e-13);
  EXPECT_NEAR(summary.ci_low, 58.974136048676677, 1e-12);
  EXPECT_NEAR(summary.ci_high, 85.192530617989974, 1e-12);
}

TEST(AnalyticsDescriptive, MissingValuesAndTinySamples) {
  Summary summary = summarize(moments_of(vector_of({kNaN, 40, kNaN})));
  EXPECT_EQ(summary.n, 1);
  EXPECT_EQ(summary.mean, 40);
  EXPECT_TRUE(std::isnan(summary.sd));
  EXPECT_TRUE(std::isnan(summary.ci_low));
  Summary empty = summarize(moments_of(vector_of({kNaN})));
  EXPECT_EQ(empty.n, 0);
  EXPECT_TRUE(std::isnan(empty.mean));
}

TEST(AnalyticsDescriptive, GroupsCombineAndRemoveExactly) {
  Eigen::VectorXd values(14);
  values << kX, kY;
  GroupIndex groups{{0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, -1}, 2};
  std::vector<Moments> moments = moments_by_group(values, groups);
  ASSERT_EQ(moments.size(), 2u);
  EXPECT_EQ(moments[0].n, 6);
  EXPECT_EQ(moments[1].n, 7);  // the last value has no group
  Moments whole = moments_of(values.head(13));
  Moments combined = combine(moments[0], moments[1]);
  EXPECT_EQ(combined.n, whole.n);
  EXPECT_NEAR(combined.mean, whole.mean, 1e-13);
  EXPECT_NEAR(combined.sum_squared_deviations, whole.sum_squared_deviations, 1e-9);
  Moments rest = remove(whole, moments[0]);
  EXPECT_EQ(rest.n, 7);
  EXPECT_NEAR(rest.mean, moments[1].mean, 1e-12);
  EXPECT_NEAR(rest.sum_squared_deviations, moments[1].sum_squared_deviations, 1e-9);
}

TEST(AnalyticsWelch, MatchesRTTest) {
  // R: t.test(x, y)  (Welch is R's default)
  Comparison comparison = welch_compare(moments_of(kX), moments_of(kY));
  EXPECT_NEAR(comparison.t, 2.8285345656453349, 1e-12);
  EXPECT_NEAR(comparison.df, 11.061276687975251, 1e-12);
  EXPECT_NEAR(comparison.p_value, 0.016334434156628521, 1e-14);
  EXPECT_NEAR(comparison.ci_low, 4.2856290375447523, 1e-12);
  EXPECT_NEAR(comparison.ci_high, 34.256037629121899, 1e-12);
  EXPECT_EQ(comparison.verdict, Verdict::better);
  EXPECT_EQ(welch_compare(moments_of(kY), moments_of(kX)).verdict, Verdict::worse);
}

TEST(AnalyticsWelch, UntestableWithoutVariance) {
  Comparison comparison = welch_compare(moments_of(vector_of({50})), moments_of(kY));
  EXPECT_EQ(comparison.verdict, Verdict::not_testable);
  EXPECT_TRUE(std::isnan(comparison.p_value));
}

TEST(AnalyticsWelch, PartAgainstWholeTestsTheRestAndScalesTheDifference) {
  Eigen::VectorXd everyone(14);
  everyone << kX, kY;
  Moments whole = moments_of(everyone);
  Moments part = moments_of(kX);
  Comparison comparison = compare_part_with_whole(part, whole);
  Comparison against_rest = welch_compare(part, moments_of(kY));
  // mean(x) - mean(x and y) = (8 / 14) (mean(x) - mean(y)).
  EXPECT_NEAR(comparison.difference, part.mean - whole.mean, 1e-13);
  EXPECT_NEAR(comparison.difference, 8.0 / 14 * against_rest.difference, 1e-12);
  EXPECT_NEAR(comparison.ci_low, 8.0 / 14 * 4.2856290375447523, 1e-12);
  EXPECT_NEAR(comparison.ci_high, 8.0 / 14 * 34.256037629121899, 1e-12);
  EXPECT_NEAR(comparison.p_value, 0.016334434156628521, 1e-14);
  EXPECT_EQ(comparison.verdict, Verdict::better);
}

TEST(AnalyticsWilson, MatchesRPropTest) {
  // R: prop.test(x, n, correct = FALSE)$conf.int
  struct Case {
    std::int64_t count, total;
    double low, high;
  };
  const Case cases[] = {
      {7, 20, 0.18119182410108206, 0.56714572331476365},
      {0, 10, 0, 0.27753279986288915},
      {10, 10, 0.72246720013711085, 1},
      {1, 3, 0.061491944720396291, 0.79234039919795229},
      {412, 1000, 0.38188731127995779, 0.4427861982134999},
  };
  for (const Case& c : cases) {
    Proportion proportion = wilson_proportion(c.count, c.total);
    EXPECT_NEAR(proportion.share, static_cast<double>(c.count) / static_cast<double>(c.total),
                1e-15);
    EXPECT_NEAR(proportion.ci_low, c.low, 1e-14);
    EXPECT_NEAR(proportion.ci_high, c.high, 1e-14);
  }
  EXPECT_TRUE(std::isnan(wilson_proportion(0, 0).share));
}

TEST(AnalyticsWilson, SharesPerGroup) {
  std::vector<int> categories = {0, 1, 1, 2, -1, 0, 0};
  GroupIndex groups{{0, 0, 0, 0, 0, 1, -1}, 2};
  auto shares = category_shares_by_group(categories, 3, groups);
  ASSERT_EQ(shares.size(), 2u);
  EXPECT_EQ(shares[0][1].count, 2);
  EXPECT_EQ(shares[0][1].total, 4);  // the row without a category is out
  EXPECT_DOUBLE_EQ(shares[0][1].share, 0.5);
  EXPECT_EQ(shares[1][0].count, 1);
  EXPECT_EQ(shares[1][0].total, 1);
  auto national = category_shares(categories, 3);
  EXPECT_EQ(national[0].count, 3);
  EXPECT_EQ(national[0].total, 6);
}

// 16 respondents in 3 municipalities; age band with 3 levels, hours with 2.
struct CaseMixExample {
  Eigen::VectorXd y =
      vector_of({50, 62.5, 75, 40, 80, 55, 90, 70, 65, 45, 30, 85, 60, 72.5, 50, 95});
  GroupIndex groups{{0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2}, 3};
  std::vector<CategoricalVariable> covariates{
      {"age_band", {"a0", "a1", "a2"}, {0, 1, 2, 1, 0, 2, 2, 1, 0, 1, 2, 0, 0, 1, 2, 1}},
      {"care_hours", {"h0", "h1"}, {0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 1, 0, 1, 0, 0, 1}},
  };
};

TEST(AnalyticsCaseMix, MatchesRFixedEffectsRegression) {
  // R: fit <- lm(y ~ factor(m) + factor(a) + factor(h)); b <- coef(fit)[...];
  //    adjusted_j = mean(y_j) - (colMeans(X_j) - colMeans(X)) %*% b,
  //    se_j = sqrt(var(y_j)/n_j + d' vcov(fit)[b, b] d), t with n_j - 1 df.
  CaseMixExample example;
  CaseMixFit fit = fit_case_mix(example.y, example.groups, example.covariates);
  ASSERT_EQ(fit.terms.size(), 3u);
  EXPECT_EQ(fit.terms[0].level, "a1");
  EXPECT_NEAR(fit.terms[0].coefficient, -3.1472491909385036, 1e-11);
  EXPECT_NEAR(fit.terms[1].coefficient, -5.6957928802588933, 1e-11);
  EXPECT_NEAR(fit.terms[2].coefficient, 2.4595469255663427, 1e-11);
  EXPECT_NEAR(fit.terms[0].se, 12.998616848190682, 1e-10);
  EXPECT_NEAR(fit.terms[1].se, 14.287203610610035, 1e-10);
  EXPECT_NEAR(fit.terms[2].se, 11.049155800608364, 1e-10);
  EXPECT_NEAR(fit.residual_variance, 452.68689320388364, 1e-9);
  EXPECT_EQ(fit.residual_df, 10);
  EXPECT_EQ(fit.respondents, 16);
  const double expected[3][4] = {
      {61.183859223300971, 7.6883580137460275, 39.837555249027588, 82.530163197574353},
      {59.693567961165044, 9.0001310094681948, 36.55799466987898, 82.829141252451109},
      {72.183859223300971, 8.3283160931566922, 49.060746771916058, 95.306971674685883}};
  for (std::size_t j = 0; j < 3; ++j) {
    EXPECT_NEAR(fit.adjusted[j].mean, expected[j][0], 1e-11);
    EXPECT_NEAR(fit.adjusted[j].se, expected[j][1], 1e-11);
    EXPECT_NEAR(fit.adjusted[j].ci_low, expected[j][2], 1e-10);
    EXPECT_NEAR(fit.adjusted[j].ci_high, expected[j][3], 1e-10);
  }
}

TEST(AnalyticsCaseMix, UnusedAndCollinearLevelsAreLeftOut) {
  CaseMixExample example;
  example.covariates[0].level_names.push_back("a3");  // nobody has it
  // A level only municipality 2 has, for all of its respondents: the same
  // as municipality 2's own intercept.
  example.covariates.push_back(
      {"extra", {"no", "yes"}, {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1}});
  CaseMixFit fit = fit_case_mix(example.y, example.groups, example.covariates);
  ASSERT_EQ(fit.terms.size(), 5u);
  EXPECT_FALSE(fit.terms[2].estimable);  // age_band = a3
  EXPECT_FALSE(fit.terms[4].estimable);  // extra = yes
  EXPECT_TRUE(std::isnan(fit.terms[2].coefficient));
  // The rest is the same fit as without them.
  EXPECT_NEAR(fit.terms[0].coefficient, -3.1472491909385036, 1e-11);
  EXPECT_NEAR(fit.adjusted[1].mean, 59.693567961165044, 1e-11);
}

TEST(AnalyticsCaseMix, NoCovariatesMeansNoAdjustment) {
  CaseMixExample example;
  CaseMixFit fit = fit_case_mix(example.y, example.groups, {});
  Moments first = moments_of(example.y.head(5));
  EXPECT_NEAR(fit.adjusted[0].mean, first.mean, 1e-13);
  EXPECT_NEAR(fit.adjusted[0].se, std::sqrt(first.variance() / 5), 1e-13);
}

TEST(AnalyticsEmpiricalBayes, MatchesTheMomentFormulasWorkedInR) {
  // Groups {60,70,80}, {40,50}, {90,100,80,70}: MSW = 750/6 = 125,
  // tau^2 = (MSB - MSW)/n0 with n0 = (9 - 29/9)/2; see docs/analytics.md.
  std::vector<Moments> groups = {moments_of(vector_of({60, 70, 80})),
                                 moments_of(vector_of({40, 50})),
                                 moments_of(vector_of({90, 100, 80, 70})), Moments{}};
  Shrinkage shrinkage = shrink_toward_national_mean(groups);
  EXPECT_NEAR(shrinkage.model.national_mean, 71.111111111111114, 1e-12);
  EXPECT_NEAR(shrinkage.model.within_variance, 125, 1e-12);
  EXPECT_NEAR(shrinkage.model.between_variance, 326.92307692307696, 1e-10);
  EXPECT_NEAR(shrinkage.model.national_mean_variance, 130.93542260208929, 1e-10);
  const double expected[3][5] = {{0.88695652173913042, 70.125603864734302, 6.2152814080055672,
                                  57.943876151261996, 82.3073315782066},
                                 {0.83950617283950624, 49.19067215363512, 7.4727374891286402,
                                  34.544375809020714, 63.836968498249526},
                                 {0.91275167785234901, 83.78821774794929, 5.4332500113024773,
                                  73.139243406794591, 94.437192089103988}};
  for (std::size_t j = 0; j < 3; ++j) {
    EXPECT_NEAR(shrinkage.groups[j].reliability, expected[j][0], 1e-13);
    EXPECT_NEAR(shrinkage.groups[j].estimate, expected[j][1], 1e-11);
    EXPECT_NEAR(shrinkage.groups[j].se, expected[j][2], 1e-11);
    EXPECT_NEAR(shrinkage.groups[j].ci_low, expected[j][3], 1e-10);
    EXPECT_NEAR(shrinkage.groups[j].ci_high, expected[j][4], 1e-10);
  }
  EXPECT_TRUE(std::isnan(shrinkage.groups[3].estimate));  // no respondents
}

TEST(AnalyticsEmpiricalBayes, NoBetweenVarianceShrinksAllTheWay) {
  // Identical group means: MSB = 0 < MSW, so tau^2 = 0 and every estimate
  // is the national mean.
  std::vector<Moments> groups = {moments_of(vector_of({40, 60})),
                                 moments_of(vector_of({30, 50, 70}))};
  Shrinkage shrinkage = shrink_toward_national_mean(groups);
  EXPECT_EQ(shrinkage.model.between_variance, 0);
  EXPECT_NEAR(shrinkage.groups[0].estimate, 50, 1e-13);
  EXPECT_EQ(shrinkage.groups[0].reliability, 0);
}

TEST(AnalyticsSimilarity, NearestBySizeAndDensity) {
  // ln population and ln density of four made-up municipalities: A and B
  // are small and sparse, C mid-sized, D a city.
  std::vector<Municipality> municipalities = {
      {"0001", "A", "01", "X", 1000, 500, "nb"},
      {"0002", "B", "01", "X", 1200, 450, "nb"},
      {"0003", "C", "02", "Y", 20000, 300, "nn"},
      {"0004", "D", "02", "Y", 500000, 400, "neutral"},
  };
  auto similar = most_similar_municipalities(municipalities, 2);
  ASSERT_EQ(similar.size(), 4u);
  EXPECT_EQ(similar[0], (std::vector<int>{1, 2}));
  EXPECT_EQ(similar[1], (std::vector<int>{0, 2}));
  EXPECT_EQ(similar[3], (std::vector<int>{2, 1}));
}

TEST(AnalyticsSimilarity, TheNationalListGivesTenDistinctOthers) {
  const auto& all = builtin_municipalities().all();
  auto similar = most_similar_municipalities(all);
  ASSERT_EQ(similar.size(), all.size());
  for (std::size_t i = 0; i < similar.size(); ++i) {
    ASSERT_EQ(similar[i].size(), kSimilarMunicipalities);
    for (int other : similar[i]) EXPECT_NE(other, static_cast<int>(i));
  }
}

}  // namespace
}  // namespace parorende::analytics
