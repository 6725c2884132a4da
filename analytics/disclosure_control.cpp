#include "analytics/disclosure_control.h"
#include "analytics/statistics/not_a_number.h"

#include <algorithm>
#include <limits>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <tuple>

namespace parorende::analytics {
namespace {

using Children = std::vector<std::vector<int>>;

Children children_of(const std::vector<DisclosureCell>& cells) {
  Children children(cells.size());
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (cells[i].parent >= 0)
      children[static_cast<std::size_t>(cells[i].parent)].push_back(static_cast<int>(i));
  }
  return children;
}

bool published(const DisclosureCell& cell) { return cell.suppression == Suppression::none; }

// What a withheld cell leaves unexplained once its published parts are
// subtracted: its own n for a cell without parts.
std::int64_t unexplained(const std::vector<DisclosureCell>& cells, const Children& children,
                         int cell) {
  const auto& own = cells[static_cast<std::size_t>(cell)];
  if (published(own)) return 0;
  const auto& parts = children[static_cast<std::size_t>(cell)];
  if (parts.empty()) return own.n;
  std::int64_t sum = 0;
  for (int part : parts) sum += unexplained(cells, children, part);
  return sum;
}

std::int64_t hidden_below(const std::vector<DisclosureCell>& cells, const Children& children,
                          int total) {
  std::int64_t sum = 0;
  for (int part : children[static_cast<std::size_t>(total)])
    sum += unexplained(cells, children, part);
  return sum;
}

// Withholding `cells` (published ones below a failing total, the top one
// first) as one step.
struct Move {
  std::vector<int> cells;
  std::int64_t largest_n = 0;
  std::int64_t hidden_after = 0;
};

// Every published cell reachable from `total` through withheld cells, with
// the published cells above it that must go with it.
void collect_moves(const std::vector<DisclosureCell>& cells, const Children& children, int node,
                   std::vector<int>& path, std::vector<std::vector<int>>& moves) {
  for (int part : children[static_cast<std::size_t>(node)]) {
    bool open = published(cells[static_cast<std::size_t>(part)]);
    if (open) {
      path.push_back(part);
      moves.push_back(path);
    }
    collect_moves(cells, children, part, path, moves);
    if (open) path.pop_back();
  }
}

bool fix_total(std::vector<DisclosureCell>& cells, const Children& children, int total, int k) {
  std::int64_t hidden = hidden_below(cells, children, total);
  if (hidden == 0 || hidden >= k) return false;
  std::vector<int> path;
  std::vector<std::vector<int>> candidates;
  collect_moves(cells, children, total, path, candidates);
  std::optional<Move> best;
  for (const std::vector<int>& candidate : candidates) {
    Move move{candidate, 0, 0};
    for (int cell : candidate) {
      move.largest_n = std::max(move.largest_n, cells[static_cast<std::size_t>(cell)].n);
      cells[static_cast<std::size_t>(cell)].suppression = Suppression::secondary;
    }
    move.hidden_after = hidden_below(cells, children, total);
    for (int cell : candidate)
      cells[static_cast<std::size_t>(cell)].suppression = Suppression::none;
    if (move.hidden_after <= hidden) continue;  // hides nothing more
    // The smallest cells first; then the fewest; then in table order.
    auto key = [](const Move& m) {
      return std::make_tuple(m.largest_n, m.cells.size(), m.cells.back());
    };
    if (!best || key(move) < key(*best)) best = move;
  }
  if (!best) {
    throw std::logic_error("disclosure control: no cell left to withhold below a total");
  }
  for (int cell : best->cells)
    cells[static_cast<std::size_t>(cell)].suppression = Suppression::secondary;
  return true;
}

void withhold(AreaResult& area, Suppression why) {
  area.suppressed = true;
  area.suppression = why;
  area.raw = withheld_summary();
}

void withhold(MunicipalityResult& result, Suppression why) {
  result.suppressed = true;
  result.suppression = why;
  result.raw = withheld_summary();
  result.versus_national = result.versus_county = result.versus_similar = withheld_comparison();
  result.adjusted = {kNaN, kNaN, kNaN, kNaN};
  result.shrunken = {kNaN, kNaN, kNaN, kNaN, kNaN};
}

void withhold(ShareRow& row, Suppression why) {
  row.suppressed = true;
  row.suppression = why;
  for (Proportion& share : row.shares) share = {0, 0, kNaN, kNaN, kNaN};
}

// Every figure of the models fitted across municipalities.
void withhold_models(ScaleReport& scale) {
  withhold_reliability(scale.reliability);
  for (CaseMixTerm& term : scale.case_mix_terms) term.coefficient = term.se = kNaN;
  scale.case_mix_residual_variance = kNaN;
  scale.shrinkage = {kNaN, kNaN, kNaN, kNaN, 0, 0};
  for (MunicipalityResult& result : scale.municipalities) {
    result.adjusted = {kNaN, kNaN, kNaN, kNaN};
    result.shrunken = {kNaN, kNaN, kNaN, kNaN, kNaN};
  }
}

// A scale score is the mean of the items a respondent answered, so the
// scale's sums minus the items' sums over J leave those who skipped an
// item: often fewer than k, and as many steps of one as they come.
void withhold_item_totals(ScaleReport& scale) {
  scale.item_totals_withheld = true;
  for (ItemReliability& item : scale.reliability.items) {
    item.n = 0;
    item.mean = kNaN;
  }
}

// The nation, then respondents without a municipality, then the counties,
// then the municipalities: the layout both kinds of table share.
struct Layout {
  std::vector<DisclosureCell> cells;
  static constexpr int kNation = 0;  // 1: respondents without a municipality
  int first_county = 2;
  int first_municipality = 0;
};

template <typename Area, typename Municipality, typename CountOf>
Layout layout_of(const Area& nation, const std::vector<Area>& counties,
                 const std::vector<Municipality>& municipalities,
                 const std::vector<std::string>& county_of_municipality, CountOf count_of) {
  Layout layout;
  auto initial = [](bool withheld) { return withheld ? Suppression::primary : Suppression::none; };
  layout.cells.push_back({count_of(nation), -1, true, initial(nation.suppressed)});
  std::int64_t in_counties = 0;
  for (const Area& county : counties) in_counties += count_of(county);
  layout.cells.push_back(
      {count_of(nation) - in_counties, Layout::kNation, false, Suppression::primary});
  std::map<std::string, int> county_cell;
  for (const Area& county : counties) {
    county_cell[county.code] = static_cast<int>(layout.cells.size());
    layout.cells.push_back({count_of(county), Layout::kNation, true, initial(county.suppressed)});
  }
  layout.first_municipality = static_cast<int>(layout.cells.size());
  for (std::size_t i = 0; i < municipalities.size(); ++i) {
    auto found = county_cell.find(county_of_municipality[i]);
    if (found == county_cell.end())
      throw std::logic_error("disclosure control: municipality without its county");
    layout.cells.push_back(
        {count_of(municipalities[i]), found->second, true, initial(municipalities[i].suppressed)});
  }
  return layout;
}

void control_scale(ScaleReport& scale,
                   const std::map<std::string, std::vector<std::string>>& similar, int k) {
  std::vector<std::string> county_codes;
  for (const MunicipalityResult& result : scale.municipalities)
    county_codes.push_back(result.county_code);
  auto count_of = [](const auto& cell) { return cell.raw.n; };
  Layout layout =
      layout_of(scale.national, scale.counties, scale.municipalities, county_codes, count_of);
  suppress_cells(layout.cells, k);

  std::map<std::string, const DisclosureCell*> municipality_cell;
  for (std::size_t i = 0; i < scale.municipalities.size(); ++i) {
    municipality_cell[scale.municipalities[i].code] =
        &layout.cells[static_cast<std::size_t>(layout.first_municipality) + i];
  }
  std::map<std::string, bool> county_published;
  for (std::size_t c = 0; c < scale.counties.size(); ++c) {
    county_published[scale.counties[c].code] =
        published(layout.cells[static_cast<std::size_t>(layout.first_county) + c]);
  }
  bool nation_published = published(layout.cells[Layout::kNation]);

  // Comparisons before withholding: a peer's n is still known here.
  for (MunicipalityResult& result : scale.municipalities) {
    if (!published(*municipality_cell.at(result.code))) continue;
    if (!nation_published) result.versus_national = withheld_comparison();
    if (!county_published.at(result.county_code)) result.versus_county = withheld_comparison();
    // Peer groups overlap without nesting: two peer groups that each hide
    // at least k respondents can differ by fewer. Only a peer group whose
    // every respondent is in published cells adds nothing to what is known.
    std::int64_t hidden_peers = 0;
    auto peers = similar.find(result.code);
    if (peers != similar.end()) {
      for (const std::string& peer : peers->second) {
        auto cell = municipality_cell.find(peer);
        if (cell != municipality_cell.end() && !published(*cell->second))
          hidden_peers += cell->second->n;
      }
    }
    if (hidden_peers > 0) result.versus_similar = withheld_comparison();
  }

  const DisclosureCell& nation = layout.cells[Layout::kNation];
  if (!published(nation)) {
    withhold(scale.national, nation.suppression);
    withhold_models(scale);
  }
  for (std::size_t c = 0; c < scale.counties.size(); ++c) {
    const DisclosureCell& cell = layout.cells[static_cast<std::size_t>(layout.first_county) + c];
    if (!published(cell)) withhold(scale.counties[c], cell.suppression);
  }
  for (MunicipalityResult& result : scale.municipalities) {
    const DisclosureCell& cell = *municipality_cell.at(result.code);
    if (!published(cell)) withhold(result, cell.suppression);
  }
}

std::int64_t row_total(const ShareRow& row) {
  return row.shares.empty() ? 0 : row.shares.front().total;
}

void control_burden(BurdenReport& burden, int k) {
  std::vector<std::string> county_codes;
  for (const ShareRow& row : burden.municipalities) {
    county_codes.push_back(row.county_code);
  }
  Layout layout = layout_of(burden.national, burden.counties, burden.municipalities, county_codes,
                            [](const ShareRow& row) { return row_total(row); });
  suppress_cells(layout.cells, k);
  auto apply = [&](ShareRow& row, int cell_index) {
    const DisclosureCell& cell = layout.cells[static_cast<std::size_t>(cell_index)];
    if (!published(cell)) withhold(row, cell.suppression);
  };
  apply(burden.national, Layout::kNation);
  for (std::size_t c = 0; c < burden.counties.size(); ++c) {
    apply(burden.counties[c], layout.first_county + static_cast<int>(c));
  }
  for (std::size_t m = 0; m < burden.municipalities.size(); ++m) {
    apply(burden.municipalities[m], layout.first_municipality + static_cast<int>(m));
  }
}

}  // namespace

void withhold_reliability(ScaleReliability& reliability) {
  reliability.respondents = 0;
  reliability.alpha = reliability.std_alpha = reliability.alpha_se = kNaN;
  reliability.average_r = reliability.omega_total = kNaN;
  reliability.eigenvalues.setConstant(kNaN);
  for (ItemReliability& item : reliability.items) item = {0, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN};
}

Result<int> disclosure_threshold(int min_respondents) {
  if (min_respondents < kLowestMinRespondents) {
    return make_error("invalid_min_respondents",
                      "min_respondents is " + std::to_string(min_respondents) +
                          "; figures resting on fewer than " +
                          std::to_string(kLowestMinRespondents) +
                          " respondents are never published (docs/privacy.md)");
  }
  return min_respondents;
}

std::int64_t hidden_respondents(const std::vector<DisclosureCell>& cells, int total) {
  return hidden_below(cells, children_of(cells), total);
}

void suppress_cells(std::vector<DisclosureCell>& cells, int min_respondents) {
  for (DisclosureCell& cell : cells) {
    if (!cell.publishable || cell.n < min_respondents) cell.suppression = Suppression::primary;
  }
  Children children = children_of(cells);
  // Withholding below one total can make another fail (a county that now
  // hides a few respondents): repeat until nothing changes.
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t total = 0; total < cells.size(); ++total) {
      if (!published(cells[total]) || children[total].empty()) continue;
      if (fix_total(cells, children, static_cast<int>(total), min_respondents)) changed = true;
    }
  }
}

std::vector<char> published_municipalities(std::int64_t national_n,
                                           const std::vector<std::int64_t>& county_n,
                                           const std::vector<std::int64_t>& municipality_n,
                                           const std::vector<int>& county_of_municipality,
                                           int min_respondents) {
  // The layout of control_scale(), so both choose the same cells.
  std::vector<DisclosureCell> cells;
  cells.push_back({national_n, -1, true, Suppression::none});
  std::int64_t in_counties = 0;
  for (std::int64_t n : county_n) in_counties += n;
  cells.push_back({national_n - in_counties, Layout::kNation, false, Suppression::none});
  const int first_county = static_cast<int>(cells.size());
  for (std::int64_t n : county_n) cells.push_back({n, Layout::kNation, true, Suppression::none});
  const auto first_municipality = cells.size();
  for (std::size_t i = 0; i < municipality_n.size(); ++i) {
    cells.push_back(
        {municipality_n[i], first_county + county_of_municipality[i], true, Suppression::none});
  }
  suppress_cells(cells, min_respondents);
  std::vector<char> published_flags;
  for (std::size_t i = 0; i < municipality_n.size(); ++i) {
    published_flags.push_back(published(cells[first_municipality + i]) ? 1 : 0);
  }
  return published_flags;
}

WaveReport apply_disclosure_control(WaveReport report, int min_respondents) {
  if (min_respondents < kLowestMinRespondents || min_respondents < report.min_respondents) {
    throw std::logic_error("disclosure control: threshold below the lowest or the analysis' own");
  }
  if (min_respondents > report.min_respondents) {
    for (ScaleReport& scale : report.scales) withhold_models(scale);
  }
  report.min_respondents = min_respondents;
  std::map<std::string, std::vector<std::string>> similar;
  for (const SimilarMunicipalities& entry : report.similar)
    similar[entry.code] = entry.similar_codes;
  for (ScaleReport& scale : report.scales) {
    control_scale(scale, similar, min_respondents);
    withhold_item_totals(scale);
  }
  for (BurdenReport& burden : report.burden) control_burden(burden, min_respondents);
  return report;
}

void check_no_free_text(const WaveReport& report, const Questionnaire& questionnaire) {
  for (const ScaleReport& scale : report.scales) {
    for (const std::string& id : scale.item_ids) {
      const Item* item = questionnaire.find_item(id);
      if (item && item->type == ItemType::text) {
        throw std::logic_error("free-text item " + id + " in a published report");
      }
    }
  }
}

}  // namespace parorende::analytics
