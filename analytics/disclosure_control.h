// Disclosure control: a figure resting on fewer than k respondents is never
// published, nor one that would let such a figure be recovered by
// subtraction. Applied to a WaveReport after analysis, so every writer
// (results API, CLI, exports) sees only what may be published. The rule
// and why it is safe: docs/privacy.md.
#pragma once

#include <cstdint>
#include <vector>

#include "analytics/suppression.h"
#include "analytics/wave_report.h"
#include "common/result.h"
#include "questionnaire/questionnaire.h"

namespace parorende::analytics {

inline constexpr int kDefaultMinRespondents = 10;
// Below this even a mean of "too few" answers says too much about each.
inline constexpr int kLowestMinRespondents = 5;

// `min_respondents` itself, or "invalid_min_respondents" below the lowest.
Result<int> disclosure_threshold(int min_respondents);

// One cell of a table of nested groups: the nation, a county in it, a
// municipality in its county. The children of a cell partition it; groups
// that no cell may show (respondents without a municipality) are cells
// with `publishable` false.
struct DisclosureCell {
  std::int64_t n = 0;
  int parent = -1;  // index of the cell this is part of; -1 at the top
  bool publishable = true;
  Suppression suppression = Suppression::none;
};

// Respondents of published cell `total` that no published cell below it
// shows: what subtracting every published part from it reveals.
std::int64_t hidden_respondents(const std::vector<DisclosureCell>& cells, int total);

// Primary suppression (n < k, and every unpublishable cell), then secondary
// suppression until, for every published cell, its hidden respondents are
// 0 or at least k: each round withholds the cheapest published cells below
// a failing total (the smallest first; a cell deeper down together with
// the published cells above it) that add to its hidden respondents.
void suppress_cells(std::vector<DisclosureCell>& cells, int min_respondents);

// Which municipalities of one table disclosure control publishes, from the
// table's counts alone: the nation's n, each county's (by county code) and
// each municipality's (by municipality code, with its county's position).
// analyze_wave fits the models on these municipalities' respondents only,
// so no model figure depends on a withheld one (docs/privacy.md).
std::vector<char> published_municipalities(std::int64_t national_n,
                                           const std::vector<std::int64_t>& county_n,
                                           const std::vector<std::int64_t>& municipality_n,
                                           const std::vector<int>& county_of_municipality,
                                           int min_respondents);

// The report with every withheld figure removed: cells get their
// `suppression`, and n 0 and NaN figures when withheld; comparisons with a
// withheld area, or with similar municipalities of which any is withheld,
// are withheld; a scale withheld nationally loses its model and
// reliability figures too. `min_respondents` must be at least
// kLowestMinRespondents and at least the analysis' own threshold; above it,
// every model figure is withheld (the models were fitted on cells that are
// now withheld).
WaveReport apply_disclosure_control(WaveReport report, int min_respondents);

// Every reliability figure of a scale withheld (no respondents, NaN): for a
// scale withheld nationally, an open round, and a closed round whose frozen
// figures (analytics/published_results.h) stand in for this release's.
void withhold_reliability(ScaleReliability& reliability);

// A bug unless no item the report names is a free-text item: free text is
// never published.
void check_no_free_text(const WaveReport& report, const Questionnaire& questionnaire);

}  // namespace parorende::analytics
