// Turning a wave's data into its report: every statistic of analytics/ for
// every scale and burden instrument, nationally, per county and per
// municipality.
#pragma once

#include "analytics/disclosure_control.h"
#include "analytics/progress.h"
#include "analytics/wave_data.h"
#include "analytics/wave_report.h"
#include "reference/municipalities.h"

namespace parorende::analytics {

struct AnalysisOptions {
  // Figures of groups below it are withheld here already (n is kept);
  // apply_disclosure_control() (disclosure_control.h) makes the report
  // publishable, with secondary suppression.
  int min_respondents = kDefaultMinRespondents;
  Progress progress;  // stages "scale <id>" and "burden <id>"
  // Protected (the default): the models (case-mix, empirical Bayes,
  // reliability) are fitted on the respondents of the municipalities that
  // disclosure control publishes, and a case-mix level held by fewer than
  // min_respondents of them is merged into the most common level, so no
  // model figure depends on a withheld cell (docs/privacy.md). False: on
  // every respondent with a municipality, for the data owner's own use
  // (`parorende analyze --unprotected`); never published.
  bool protect = true;
};

WaveReport analyze_wave(const WaveData& data, const MunicipalityRegistry& municipalities,
                        const AnalysisOptions& options = {});

}  // namespace parorende::analytics
