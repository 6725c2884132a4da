// The CSV form of a WaveReport and a WaveChange: one tidy, long table,
//   section,scale,area,code,name,statistic,value
// one figure per line (e.g. estimate,support,municipality,0301,Oslo,mean,
// 61.25), so R or pandas can pivot it any way. Empty value = undefined or
// withheld; numbers in shortest round-trip form. Sections and statistics
// are listed in docs/analytics.md.
#pragma once

#include <ostream>

#include "analytics/wave_change.h"
#include "analytics/wave_report.h"

namespace parorende::analytics {

void write_wave_report_csv(std::ostream& out, const WaveReport& report);
// Rows of section "change"; `header` false to append to a report's table.
void write_wave_change_csv(std::ostream& out, const WaveChange& change, bool header = true);

}  // namespace parorende::analytics
