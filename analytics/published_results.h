// A wave's publishable figures in one call — analysis, the free-text check,
// disclosure control and the background table, with one k — so the results
// API, `parorende analyze` and the exports publish the same numbers.
#pragma once

#include <vector>

#include "analytics/background_tables.h"
#include "analytics/progress.h"
#include "analytics/wave_data.h"
#include "analytics/wave_report.h"
#include "engine/municipalities.h"

namespace parorende::analytics {

struct PublishedResults {
  WaveReport report;  // after apply_disclosure_control
  std::vector<BackgroundCell> background;
};

// `min_respondents` as checked by disclosure_threshold().
PublishedResults publish_wave(const WaveData& data, const MunicipalityRegistry& municipalities,
                              int min_respondents, const Progress& progress = {});

}  // namespace parorende::analytics
