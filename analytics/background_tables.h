// Scale scores by the caregiver's background — age band, relationship,
// condition group, hours of care (the case-mix characteristics of
// wave_data.h) — nationally: n, mean, SD and 95% CI per group, under the
// same disclosure rule as the areas (disclosure_control.h): groups below k
// are withheld, and so many more that the nation minus the published
// groups rests on 0 or at least k respondents.
#pragma once

#include <string>
#include <vector>

#include "analytics/statistics/descriptive.h"
#include "analytics/suppression.h"
#include "analytics/wave_data.h"

namespace parorende::analytics {

struct BackgroundCell {
  std::string scale_id;
  std::string variable;  // the item id, "age_band"
  std::string level;     // the option code, or "missing"
  Summary summary;       // withheld: n 0 and NaN
  bool suppressed = false;
  Suppression suppression = Suppression::none;
};

// Scale by scale, variable by variable, level by level.
std::vector<BackgroundCell> background_scale_table(const WaveData& data, int min_respondents);

}  // namespace parorende::analytics
