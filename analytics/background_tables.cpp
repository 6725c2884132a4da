#include "analytics/background_tables.h"

#include <limits>

#include "analytics/disclosure_control.h"
#include "analytics/statistics/not_a_number.h"

namespace parorende::analytics {

std::vector<BackgroundCell> background_scale_table(const WaveData& data, int min_respondents) {
  std::vector<BackgroundCell> table;
  for (std::size_t s = 0; s < data.scales.size(); ++s) {
    auto scores = data.scale_scores.col(static_cast<Eigen::Index>(s));
    Moments nation = moments_of(scores);
    for (const CategoricalVariable& variable : data.case_mix) {
      GroupIndex groups;
      groups.group_count = static_cast<int>(variable.level_names.size());
      groups.group_of_row.assign(variable.level_of_row.begin(), variable.level_of_row.end());
      std::vector<Moments> by_level = moments_by_group(scores, groups);
      // The nation and its groups, which partition it.
      std::vector<DisclosureCell> cells{{nation.n, -1, true, Suppression::none}};
      for (const Moments& level : by_level) cells.push_back({level.n, 0, true, Suppression::none});
      suppress_cells(cells, min_respondents);
      bool nation_withheld = cells.front().suppression != Suppression::none;
      for (std::size_t level = 0; level < by_level.size(); ++level) {
        BackgroundCell cell{
            data.scales[s].scale_id,    variable.name, variable.level_names[level],
            summarize(by_level[level]), false,         cells[level + 1].suppression};
        if (nation_withheld && cell.suppression == Suppression::none) {
          cell.suppression = Suppression::secondary;
        }
        if (cell.suppression != Suppression::none) {
          cell.suppressed = true;
          cell.summary = {0, kNaN, kNaN, kNaN, kNaN, kNaN};
        }
        table.push_back(std::move(cell));
      }
    }
  }
  return table;
}

}  // namespace parorende::analytics
