// Change between two waves of the same questionnaire: later minus earlier,
// per scale, nationally, per county and per municipality, with Welch's
// test (the waves' respondents are independent samples). Built from the
// two WaveReports, so a group withheld in either wave has no change.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "analytics/statistics/welch.h"
#include "analytics/wave_report.h"
#include "common/result.h"

namespace parorende::analytics {

struct AreaChange {
  std::string code;  // "" for the nation
  std::string name;
  std::int64_t n_earlier = 0;
  std::int64_t n_later = 0;
  Comparison change;  // verdict "better" = improved significantly
};

struct ScaleChange {
  std::string scale_id;
  AreaChange national;
  std::vector<AreaChange> counties;
  std::vector<AreaChange> municipalities;
};

struct WaveChange {
  std::string earlier_wave;
  std::string later_wave;
  std::string questionnaire_id;
  std::vector<ScaleChange> scales;  // the scales both waves have
};

// Error "questionnaire_mismatch" when the waves ask different questionnaires.
Result<WaveChange> compare_waves(const WaveReport& earlier, const WaveReport& later);

}  // namespace parorende::analytics
