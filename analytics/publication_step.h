// Results that change only in safe steps (docs/privacy.md). Published
// figures are computed from the rows the store marks as published
// (store/publication.h), never from all rows as they arrive, and those
// marks change only in steps in which every changed table of every block
// (a municipality, or the national pool: respondents without a
// municipality, open round or not, and after closing those who could not
// join theirs) gains at least k responses never published before. So two reads of
// the same route at any two times differ by no fewer than k respondents,
// and a figure withdrawn after an erasure is not replaced until k new
// respondents hide the one who left.
//
//   PublicationPlan plan = plan_publication_step(data, registry, 10, closed);
//   store.publish_step(wave, 10, plan.changes);   // all or nothing
//   apply_publication_step(data, plan);
//   WaveData published = published_data(data, registry);
#pragma once

#include <vector>

#include "analytics/wave_data.h"
#include "reference/municipalities.h"
#include "store/publication.h"

namespace parorende::analytics {

// A wave's tables: its scales, then its burden instruments (bit t of
// RowPublication::tables), at most kMaxPublishedTables.
int published_table_count(const WaveData& data);

// Whether row `row` has a figure in table `table`: a scale score, or a
// burden category.
bool has_figure(const WaveData& data, Eigen::Index row, int table);

struct PublicationPlan {
  std::vector<PublicationChange> changes;
};

// The step that brings the published state up to date. Per block and
// table: the rows not yet published there are published all at once when
// at least `min_respondents` of them were never published there before;
// otherwise they wait. After the wave has closed (`wave_closed`), rows
// that were never published and cannot join their municipality go to the
// national pool under the same rule (they count nationally, in no county
// or municipality). `data.publication` must have one entry per row.
PublicationPlan plan_publication_step(const WaveData& data, const MunicipalityRegistry& registry,
                                      int min_respondents, bool wave_closed);

// `data.publication` as the store has it after applying `plan`.
void apply_publication_step(WaveData& data, const PublicationPlan& plan);

// The published rows: a row in no table is left out; a table the row is not
// published in reads as missing (score and items NaN, burden category -1);
// pooled rows have no municipality.
WaveData published_data(const WaveData& data, const MunicipalityRegistry& registry);

}  // namespace parorende::analytics
