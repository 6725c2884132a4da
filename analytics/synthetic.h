// Synthetic national survey data with a known truth, for the demo, the
// benchmark and the coverage test. Respondents are spread over all 357
// municipalities in proportion to population; answers come from a latent
// variable model whose expected scale score per municipality is known
// exactly (docs/analytics.md, "Synthetic data"):
//
//   p_ik = 0.5 + scale_k + county_ck + municipality_jk + rural_j
//          + c_k x_i'beta + 0.10 g_i + 0.08 s_ik        (person's level)
//   q_ikl = p_ik + delta_kl + e_ikl                      (item's level)
//   keyed answer = lowest + stochastic rounding of q (options - 1)
//
// g, s, e are uniform and centred, delta sums to 0 over a scale, and the
// rounding is unbiased, so E[item value on 0-100] = 100 q and the expected
// scale score of municipality j is 100 E[p | j]. Missing answers, skipped
// sections and "don't know" are missing completely at random at rates
// equal within a scale, which keeps that expectation exact for the mean of
// the answered items. Case-mix characteristics (age band, relationship,
// condition group, hours of care) shift with how rural a municipality is,
// so raw and adjusted scores differ.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analytics/wave_data.h"
#include "questionnaire/answer.h"
#include "questionnaire/questionnaire.h"
#include "reference/municipalities.h"

namespace parorende::analytics {

struct SyntheticOptions {
  std::int64_t responses = 10000;
  std::uint64_t seed = 1;
};

struct SyntheticTruth {
  std::vector<std::string> scale_ids;
  // municipalities (registry order) x scales, on the 0-100 scale:
  Eigen::MatrixXd expected_score;           // E[scale score] of its caregivers
  Eigen::MatrixXd expected_adjusted_score;  // the same with the national case mix
  Eigen::VectorXd national_expected_score;  // population-weighted
  std::vector<std::int64_t> respondents;    // allocated per municipality
};

// Generates the responses of one wave, one at a time (a million do not fit
// in memory as Response objects). Deterministic for a seed.
class SyntheticSurvey {
 public:
  SyntheticSurvey(std::shared_ptr<const Questionnaire> questionnaire,
                  const MunicipalityRegistry& municipalities, const SyntheticOptions& options);
  ~SyntheticSurvey();
  SyntheticSurvey(const SyntheticSurvey&) = delete;
  SyntheticSurvey& operator=(const SyntheticSurvey&) = delete;

  const SyntheticTruth& truth() const;
  const std::shared_ptr<const Questionnaire>& questionnaire() const;
  std::int64_t size() const;
  // The next complete response (valid for the questionnaire: hidden items
  // unanswered, required items answered), or nullopt after the last.
  std::optional<Response> next();
  // The same as pack_answers() of next(), straight into the store's row
  // layout (matrix_columns of the questionnaire) without building a
  // Response: several times faster, for tests and benchmarks. false after
  // the last. next() and next_row() draw the same random numbers.
  bool next_row(std::vector<double>& values, std::uint16_t& municipality);

  struct Model;

 private:
  std::unique_ptr<Model> model_;
};

// All of a survey's responses as WaveData, through the store's row layout
// (pack_answers), without a database: for tests.
WaveData synthetic_wave_data(SyntheticSurvey& survey, const MunicipalityRegistry& municipalities);

}  // namespace parorende::analytics
