// Everything `parorende analyze` prints about one wave, as plain structs
// for the results API and the dashboard: per scale the national, county
// and municipality figures (raw, case-mix adjusted, empirical Bayes),
// comparisons, and reliability; per burden instrument the category shares.
// Built by analyze_wave() (wave_analysis.h); written by report_json.h and
// report_csv.h. NaN marks a figure that is undefined or withheld.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analytics/statistics/burden_shares.h"
#include "analytics/statistics/case_mix.h"
#include "analytics/statistics/descriptive.h"
#include "analytics/statistics/empirical_bayes.h"
#include "analytics/statistics/psychometrics.h"
#include "analytics/statistics/welch.h"
#include "analytics/suppression.h"

namespace parorende::analytics {

// The nation or a county.
struct AreaResult {
  std::string code;  // county code; "" for the nation
  std::string name;
  Summary raw;
  // Withheld: fewer than min_respondents (analyze_wave keeps n), or after
  // disclosure control (disclosure_control.h) also to protect another
  // cell, with n 0. `suppression` says which.
  bool suppressed = false;
  Suppression suppression = Suppression::none;
};

struct MunicipalityResult {
  std::string code;
  std::string name;
  std::string county_code;
  Summary raw;
  // Municipality minus the nation / its county / its similar
  // municipalities (welch.h). The first two test against the rest of the
  // area; the last against the similar municipalities' pooled respondents.
  Comparison versus_national;
  Comparison versus_county;
  Comparison versus_similar;
  AdjustedMean adjusted;    // case-mix adjusted (case_mix.h)
  ShrunkenMean shrunken;    // empirical Bayes (empirical_bayes.h)
  bool suppressed = false;  // as AreaResult's
  Suppression suppression = Suppression::none;
};

struct ScaleReport {
  std::string scale_id;
  std::string title;  // in the questionnaire's default language
  AreaResult national;
  std::vector<AreaResult> counties;                // by county code
  std::vector<MunicipalityResult> municipalities;  // every municipality, by code
  std::vector<CaseMixTerm> case_mix_terms;
  double case_mix_residual_variance = 0;
  ShrinkageModel shrinkage;
  std::vector<std::string> item_ids;  // the order of reliability.items
  ScaleReliability reliability;
  // Set by disclosure control: the items' n and mean are not published.
  // With the scale's sums they give the scores of the few who skipped an
  // item (docs/privacy.md, rule 2); the other reliability figures stay.
  bool item_totals_withheld = false;
};

struct ShareRow {
  std::string code;  // municipality or county code; "" for the nation
  std::string name;
  std::string county_code;         // a municipality's county; "" otherwise
  std::vector<Proportion> shares;  // one per category
  bool suppressed = false;         // as AreaResult's
  Suppression suppression = Suppression::none;
};

struct BurdenReport {
  std::string instrument_id;
  std::string title;
  std::vector<std::string> category_ids;
  ShareRow national;
  std::vector<ShareRow> counties;
  std::vector<ShareRow> municipalities;
};

struct SimilarMunicipalities {
  std::string code;
  std::vector<std::string> similar_codes;  // nearest first
};

struct WaveReport {
  std::string wave;
  std::string questionnaire_id;
  std::string questionnaire_version;
  std::int64_t respondents = 0;
  int min_respondents = 0;
  // True only for `parorende analyze --unprotected`: every figure of every
  // cell, models on all respondents; for the data owner, never published.
  bool unprotected = false;
  double confidence_level = kConfidenceLevel;
  std::vector<ScaleReport> scales;
  std::vector<BurdenReport> burden;
  std::vector<SimilarMunicipalities> similar;  // every municipality, by code
};

}  // namespace parorende::analytics
