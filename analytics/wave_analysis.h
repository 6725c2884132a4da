// Turning a wave's data into its report: every statistic of analytics/ for
// every scale and burden instrument, nationally, per county and per
// municipality.
#pragma once

#include "analytics/disclosure_control.h"
#include "analytics/progress.h"
#include "analytics/wave_data.h"
#include "analytics/wave_report.h"
#include "engine/municipalities.h"

namespace parorende::analytics {

struct AnalysisOptions {
  // Figures of groups below it are withheld here already (n is kept);
  // apply_disclosure_control() (disclosure_control.h) makes the report
  // publishable, with secondary suppression.
  int min_respondents = kDefaultMinRespondents;
  Progress progress;  // stages "scale <id>" and "burden <id>"
};

WaveReport analyze_wave(const WaveData& data, const MunicipalityRegistry& municipalities,
                        const AnalysisOptions& options = {});

}  // namespace parorende::analytics
