#include "analytics/wave_change.h"

#include <cmath>
#include <map>

namespace parorende::analytics {
namespace {

// Back from a published summary to moments (NaN SD for n < 2 stays NaN).
Moments moments_of_summary(const Summary& summary) {
  Moments moments;
  moments.n = summary.n;
  moments.mean = summary.mean;
  moments.sum_squared_deviations =
      summary.n > 1 ? summary.sd * summary.sd * static_cast<double>(summary.n - 1) : 0.0;
  return moments;
}

AreaChange change_of(const std::string& code, const std::string& name, const Summary& before,
                     const Summary& after, bool withheld) {
  AreaChange change{code, name, before.n, after.n, {}};
  if (withheld || std::isnan(before.mean) || std::isnan(after.mean)) {
    double nan = std::nan("");
    change.change = {nan, nan, nan, nan, nan, nan, nan, Verdict::not_testable};
  } else {
    change.change = welch_compare(moments_of_summary(after), moments_of_summary(before));
  }
  return change;
}

template <typename Row>
std::vector<AreaChange> changes_of(const std::vector<Row>& earlier, const std::vector<Row>& later) {
  std::map<std::string, const Row*> before;
  for (const Row& row : earlier) before[row.code] = &row;
  std::vector<AreaChange> changes;
  for (const Row& row : later) {
    auto found = before.find(row.code);
    if (found == before.end()) continue;
    changes.push_back(change_of(row.code, row.name, found->second->raw, row.raw,
                                found->second->suppressed || row.suppressed));
  }
  return changes;
}

}  // namespace

Result<WaveChange> compare_waves(const WaveReport& earlier, const WaveReport& later) {
  if (earlier.questionnaire_id != later.questionnaire_id) {
    return make_error("questionnaire_mismatch", "wave " + earlier.wave + " asks " +
                                                    earlier.questionnaire_id + ", wave " +
                                                    later.wave + " asks " + later.questionnaire_id);
  }
  WaveChange result{earlier.wave, later.wave, later.questionnaire_id, {}};
  std::map<std::string, const ScaleReport*> before;
  for (const ScaleReport& scale : earlier.scales) before[scale.scale_id] = &scale;
  for (const ScaleReport& scale : later.scales) {
    auto found = before.find(scale.scale_id);
    if (found == before.end()) continue;
    const ScaleReport& old = *found->second;
    ScaleChange change;
    change.scale_id = scale.scale_id;
    change.national = change_of("", scale.national.name, old.national.raw, scale.national.raw,
                                old.national.suppressed || scale.national.suppressed);
    change.counties = changes_of(old.counties, scale.counties);
    change.municipalities = changes_of(old.municipalities, scale.municipalities);
    result.scales.push_back(std::move(change));
  }
  return result;
}

}  // namespace parorende::analytics
