#include "analytics/published_results.h"

#include "analytics/disclosure_control.h"
#include "analytics/wave_analysis.h"

namespace parorende::analytics {

PublishedResults publish_wave(const WaveData& data, const MunicipalityRegistry& municipalities,
                              int min_respondents, const Progress& progress) {
  AnalysisOptions options;
  options.min_respondents = min_respondents;
  options.progress = progress;
  WaveReport report = analyze_wave(data, municipalities, options);
  check_no_free_text(report, *data.questionnaire);
  return {apply_disclosure_control(std::move(report), min_respondents),
          background_scale_table(data, min_respondents)};
}

}  // namespace parorende::analytics
