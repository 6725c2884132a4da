// Turning a wave's data into its report: every statistic of analytics/ for
// every scale and burden instrument, nationally, per county and per
// municipality.
#pragma once

#include "analytics/progress.h"
#include "analytics/wave_data.h"
#include "analytics/wave_report.h"
#include "engine/municipalities.h"

namespace parorende::analytics {

// Figures resting on fewer respondents are withheld (docs/architecture.md:
// "published figures rest on at least k respondents").
inline constexpr int kDefaultMinRespondents = 5;

struct AnalysisOptions {
  int min_respondents = kDefaultMinRespondents;
  Progress progress;  // stages "scale <id>" and "burden <id>"
};

WaveReport analyze_wave(const WaveData& data, const MunicipalityRegistry& municipalities,
                        const AnalysisOptions& options = {});

}  // namespace parorende::analytics
