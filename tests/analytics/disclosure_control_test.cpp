// Disclosure control: primary and secondary suppression on crafted tables,
// k below the lowest refused, a no-op when every cell is large, and an
// attacker who subtracts every published cell from every published total
// (and, harder, solves for any suppressed municipality from everything
// published) and must learn nothing about fewer than k respondents.
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <boost/json/serialize.hpp>
#include <cmath>
#include <map>
#include <memory>
#include <set>

#include "analytics/disclosure_control.h"
#include "analytics/published_results.h"
#include "analytics/report_json.h"
#include "analytics/synthetic.h"
#include "analytics/wave_analysis.h"
#include "questionnaire/questionnaire_loader.h"

namespace parorende::analytics {
namespace {

constexpr int k = kDefaultMinRespondents;

std::shared_ptr<const Questionnaire> shipped(const std::string& name) {
  auto loaded =
      load_questionnaire_file(std::string(PARORENDE_SOURCE_DIR) + "/questionnaires/" + name);
  if (!loaded) throw std::runtime_error(loaded.error().describe());
  return std::make_shared<const Questionnaire>(std::move(loaded).value());
}

MunicipalityRegistry registry_of(const std::string& rows) {
  auto parsed = MunicipalityRegistry::parse_csv(
      "code,name,county_code,county_name,population,area_km2,written_standard\n" + rows);
  if (!parsed) throw std::runtime_error(parsed.error().describe());
  return std::move(parsed).value();
}

// Nation 0, respondents without a municipality 1, then the given counties
// and municipalities ({n, parent}).
std::vector<DisclosureCell> table(std::int64_t without_municipality,
                                  const std::vector<std::int64_t>& counties,
                                  const std::vector<std::pair<std::int64_t, int>>& municipalities) {
  std::int64_t nation = without_municipality;
  for (std::int64_t n : counties) nation += n;
  std::vector<DisclosureCell> cells{{nation, -1, true, Suppression::none},
                                    {without_municipality, 0, false, Suppression::none}};
  for (std::int64_t n : counties) cells.push_back({n, 0, true, Suppression::none});
  for (const auto& [n, county] : municipalities)
    cells.push_back({n, 2 + county, true, Suppression::none});
  return cells;
}

void expect_every_total_safe(const std::vector<DisclosureCell>& cells) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    if (cells[i].suppression != Suppression::none) continue;
    std::int64_t hidden = hidden_respondents(cells, static_cast<int>(i));
    EXPECT_TRUE(hidden == 0 || hidden >= k) << "cell " << i << " hides " << hidden;
  }
}

TEST(DisclosureControl, ThresholdBelowFiveIsRefused) {
  EXPECT_EQ(disclosure_threshold(4).error().code, "invalid_min_respondents");
  EXPECT_EQ(disclosure_threshold(0).error().code, "invalid_min_respondents");
  EXPECT_EQ(disclosure_threshold(5).value(), 5);
  EXPECT_EQ(disclosure_threshold(10).value(), 10);
  EXPECT_THROW(apply_disclosure_control(WaveReport{}, 4), std::logic_error);
}

TEST(DisclosureControl, SmallMunicipalityTakesTheSmallestNeighbourWithIt) {
  // County 0: 3 (primary), 20, 37; county 1: 40.
  auto cells = table(0, {60, 40}, {{3, 0}, {20, 0}, {37, 0}, {40, 1}});
  suppress_cells(cells, k);
  EXPECT_EQ(cells[4].suppression, Suppression::primary);
  EXPECT_EQ(cells[5].suppression, Suppression::secondary);
  EXPECT_EQ(cells[6].suppression, Suppression::none);
  EXPECT_EQ(cells[7].suppression, Suppression::none);
  EXPECT_EQ(cells[2].suppression, Suppression::none);
  EXPECT_EQ(hidden_respondents(cells, 2), 23);
  expect_every_total_safe(cells);
}

TEST(DisclosureControl, TwoSmallOnesTogetherReachingKNeedNoMore) {
  auto cells = table(0, {70}, {{4, 0}, {6, 0}, {60, 0}});
  suppress_cells(cells, k);
  EXPECT_EQ(cells[3].suppression, Suppression::primary);
  EXPECT_EQ(cells[4].suppression, Suppression::primary);
  EXPECT_EQ(cells[5].suppression, Suppression::none);
  EXPECT_EQ(hidden_respondents(cells, 2), 10);
}

TEST(DisclosureControl, EmptyMunicipalitiesHideNobody) {
  auto cells = table(0, {50}, {{0, 0}, {0, 0}, {50, 0}});
  suppress_cells(cells, k);
  EXPECT_EQ(cells[3].suppression, Suppression::primary);
  EXPECT_EQ(cells[5].suppression, Suppression::none);
  EXPECT_EQ(hidden_respondents(cells, 2), 0);
}

TEST(DisclosureControl, RespondentsWithoutMunicipalityAreProtectedAtTheNationalLevel) {
  // 3 respondents gave no municipality: nation minus the counties would
  // show them, so something below the nation must go with them.
  auto cells = table(3, {50, 47}, {{25, 0}, {25, 0}, {47, 1}});
  suppress_cells(cells, k);
  EXPECT_EQ(cells[1].suppression, Suppression::primary);
  EXPECT_EQ(cells[0].suppression, Suppression::none);
  EXPECT_GE(hidden_respondents(cells, 0), k);
  expect_every_total_safe(cells);
}

TEST(DisclosureControl, WithheldCountyDoesNotExposeItsMunicipalities) {
  // A small county (primary) forces a second county out; inside that one
  // every municipality is published, so a municipality must go with it,
  // or the nation minus the published cells would be the small county.
  auto cells = table(0, {6, 200, 300}, {{6, 0}, {100, 1}, {100, 1}, {300, 2}});
  suppress_cells(cells, k);
  EXPECT_EQ(cells[2].suppression, Suppression::primary);
  EXPECT_GE(hidden_respondents(cells, 0), k);
  expect_every_total_safe(cells);
}

TEST(DisclosureControl, FixedPointAcrossLevels) {
  // Suppression in county 0 makes the nation's residual fail and back.
  auto cells = table(2, {30, 400, 500}, {{4, 0}, {26, 0}, {200, 1}, {200, 1}, {250, 2}, {250, 2}});
  suppress_cells(cells, k);
  expect_every_total_safe(cells);
  EXPECT_EQ(cells[5].suppression, Suppression::primary);
  EXPECT_NE(cells[6].suppression, Suppression::none);
}

TEST(DisclosureControl, LargeCellsAreUntouched) {
  auto cells = table(0, {300, 200}, {{100, 0}, {200, 0}, {50, 1}, {150, 1}});
  suppress_cells(cells, k);
  for (const DisclosureCell& cell : cells) {
    if (cell.publishable) {
      EXPECT_EQ(cell.suppression, Suppression::none);
    }
  }
}

// ---- reports, and the attacker ----

struct Analysed {
  WaveReport truth;      // nothing withheld
  WaveReport published;  // after disclosure control
};

Analysed analysed(const MunicipalityRegistry& registry, std::int64_t responses, std::uint64_t seed,
                  const std::string& questionnaire = "parorendeundersokelse.json") {
  SyntheticSurvey survey(shipped(questionnaire), registry, {responses, seed});
  WaveData data = synthetic_wave_data(survey, registry);
  AnalysisOptions options;
  options.min_respondents = 1;
  options.protect = false;
  WaveReport truth = analyze_wave(data, registry, options);
  check_no_free_text(truth, *data.questionnaire);
  return {truth, publish_wave(data, registry, k).report};
}

// A published total: its n and sum, and which members (by code) it is made of.
struct Total {
  std::string what;
  std::int64_t n = 0;
  double sum = 0;
  std::vector<std::string> members;
};

struct Cell {
  std::int64_t n = 0;
  double sum = 0;
  bool published = false;
};

// Subtracts every published member from every published total; the
// residual must be what the suppressed members hold together, rest on 0 or
// at least k respondents, and never be a single suppressed member.
void attack_by_subtraction(const std::vector<Total>& totals,
                           const std::map<std::string, Cell>& published,
                           const std::map<std::string, Cell>& truth) {
  for (const Total& total : totals) {
    std::int64_t n = total.n;
    double sum = total.sum;
    std::int64_t true_hidden = 0;
    int hidden_members = 0;
    for (const std::string& member : total.members) {
      const Cell& seen = published.at(member);
      if (seen.published) {
        n -= seen.n;
        sum -= seen.sum;
      } else if (truth.at(member).n > 0) {
        true_hidden += truth.at(member).n;
        ++hidden_members;
      }
    }
    EXPECT_TRUE(n == 0 || n >= k) << total.what << " leaves " << n << " respondents";
    if (n > 0) {
      EXPECT_NE(hidden_members, 1) << total.what << " reveals one suppressed cell";
    }
    // The residual is exact (a sanity check of the attack itself), except
    // for respondents that no member holds (no municipality given).
    EXPECT_GE(n, true_hidden) << total.what;
    if (n > 0) {
      EXPECT_TRUE(std::isfinite(sum)) << total.what;
    }
  }
}

// The linear-algebra attacker: every published count is a known sum over
// municipalities (and the respondents without one); a suppressed
// municipality is recovered exactly iff its indicator lies in the row
// space of the published sums.
void attack_by_solving(const std::vector<std::vector<int>>& published_groups, int atoms,
                       const std::vector<int>& suppressed_atoms) {
  Eigen::MatrixXd known =
      Eigen::MatrixXd::Zero(atoms, static_cast<Eigen::Index>(published_groups.size()));
  for (std::size_t g = 0; g < published_groups.size(); ++g) {
    for (int atom : published_groups[g]) known(atom, static_cast<Eigen::Index>(g)) = 1;
  }
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(known);
  Eigen::Index rank = qr.rank();
  Eigen::MatrixXd basis = qr.householderQ() * Eigen::MatrixXd::Identity(atoms, rank);
  for (int atom : suppressed_atoms) {
    // ||projection of e_atom onto the known space||^2 = ||row atom of basis||^2.
    EXPECT_LT(basis.row(atom).squaredNorm(), 1 - 1e-9)
        << "suppressed municipality " << atom << " is recovered";
  }
}

void attack(const Analysed& report) {
  const WaveReport& truth = report.truth;
  const WaveReport& published = report.published;
  std::map<std::string, std::vector<std::string>> municipalities_of_county;
  if (!truth.scales.empty()) {
    for (const MunicipalityResult& result : truth.scales.front().municipalities) {
      municipalities_of_county[result.county_code].push_back(result.code);
    }
  } else {
    for (const ShareRow& row : truth.burden.front().municipalities) {
      municipalities_of_county[row.county_code].push_back(row.code);
    }
  }
  std::map<std::string, int> atom_of;
  for (const auto& [county, codes] : municipalities_of_county) {
    for (const std::string& code : codes) atom_of.emplace(code, static_cast<int>(atom_of.size()));
  }
  const int without_municipality = static_cast<int>(atom_of.size());
  const int atoms = without_municipality + 1;

  auto check = [&](auto cell_of, auto nation_of, auto counties_of, auto municipalities_of,
                   const std::string& what) {
    std::map<std::string, Cell> seen, real;
    for (const auto& row : municipalities_of(published)) seen["m" + row.code] = cell_of(row);
    for (const auto& row : municipalities_of(truth)) real["m" + row.code] = cell_of(row);
    for (const auto& row : counties_of(published)) seen["c" + row.code] = cell_of(row);
    for (const auto& row : counties_of(truth)) real["c" + row.code] = cell_of(row);
    Cell nation = cell_of(nation_of(published));
    std::vector<Total> totals;
    std::vector<std::vector<int>> groups;
    std::vector<int> all_atoms(static_cast<std::size_t>(atoms));
    for (int a = 0; a < atoms; ++a) all_atoms[static_cast<std::size_t>(a)] = a;
    if (nation.published) {
      Total over_counties{what + " nation over counties", nation.n, nation.sum, {}};
      Total over_municipalities{what + " nation over municipalities", nation.n, nation.sum, {}};
      for (const auto& [county, codes] : municipalities_of_county) {
        over_counties.members.push_back("c" + county);
        for (const std::string& code : codes) over_municipalities.members.push_back("m" + code);
      }
      totals.push_back(over_counties);
      totals.push_back(over_municipalities);
      groups.push_back(all_atoms);
    }
    for (const auto& [county, codes] : municipalities_of_county) {
      const Cell& cell = seen.at("c" + county);
      std::vector<int> group;
      for (const std::string& code : codes) group.push_back(atom_of.at(code));
      if (!cell.published) continue;
      Total over{what + " county " + county, cell.n, cell.sum, {}};
      for (const std::string& code : codes) over.members.push_back("m" + code);
      totals.push_back(over);
      groups.push_back(group);
    }
    std::vector<int> suppressed_atoms;
    for (const auto& [code, atom] : atom_of) {
      const Cell& cell = seen.at("m" + code);
      if (cell.published) {
        groups.push_back({atom});
        EXPECT_EQ(cell.n, real.at("m" + code).n);
      } else if (real.at("m" + code).n > 0) {
        suppressed_atoms.push_back(atom);
        EXPECT_EQ(cell.n, 0) << "a withheld n is not published";
      }
    }
    attack_by_subtraction(totals, seen, real);
    attack_by_solving(groups, atoms, suppressed_atoms);
    return suppressed_atoms.size();
  };

  std::size_t withheld = 0;
  for (std::size_t s = 0; s < published.scales.size(); ++s) {
    auto cell_of = [](const auto& row) {
      return Cell{row.raw.n, static_cast<double>(row.raw.n) * row.raw.mean, !row.suppressed};
    };
    withheld += check(
        cell_of, [s](const WaveReport& r) { return r.scales[s].national; },
        [s](const WaveReport& r) { return r.scales[s].counties; },
        [s](const WaveReport& r) { return r.scales[s].municipalities; },
        published.scales[s].scale_id);
    // Published comparisons with similar municipalities pool only
    // published peers, so they add no group the attacker lacks.
    std::set<std::string> withheld_codes;
    for (const MunicipalityResult& result : published.scales[s].municipalities) {
      if (result.suppressed) withheld_codes.insert(result.code);
    }
    for (std::size_t m = 0; m < published.scales[s].municipalities.size(); ++m) {
      const MunicipalityResult& result = published.scales[s].municipalities[m];
      if (result.suppressed || std::isnan(result.versus_similar.difference)) continue;
      std::int64_t hidden = 0;
      for (const std::string& peer : published.similar[m].similar_codes) {
        if (withheld_codes.count(peer)) {
          for (const MunicipalityResult& real : truth.scales[s].municipalities) {
            if (real.code == peer) hidden += real.raw.n;
          }
        }
      }
      EXPECT_EQ(hidden, 0) << result.code;
    }
  }
  for (std::size_t b = 0; b < published.burden.size(); ++b) {
    auto cell_of = [](const ShareRow& row) {
      std::int64_t n = row.shares.empty() ? 0 : row.shares.front().total;
      double first = row.shares.empty() ? 0 : static_cast<double>(row.shares.front().count);
      return Cell{n, first, !row.suppressed};
    };
    withheld += check(
        cell_of, [b](const WaveReport& r) { return r.burden[b].national; },
        [b](const WaveReport& r) { return r.burden[b].counties; },
        [b](const WaveReport& r) { return r.burden[b].municipalities; },
        published.burden[b].instrument_id);
  }
  EXPECT_GT(withheld, 0u) << "the data should have small municipalities";
}

void expect_withheld_figures_absent(const WaveReport& report) {
  for (const ScaleReport& scale : report.scales) {
    for (const MunicipalityResult& result : scale.municipalities) {
      if (!result.suppressed) {
        EXPECT_EQ(result.suppression, Suppression::none);
        continue;
      }
      EXPECT_NE(result.suppression, Suppression::none);
      EXPECT_EQ(result.raw.n, 0);
      EXPECT_TRUE(std::isnan(result.raw.mean));
      EXPECT_TRUE(std::isnan(result.raw.ci_low));
      EXPECT_TRUE(std::isnan(result.adjusted.mean));
      EXPECT_TRUE(std::isnan(result.shrunken.estimate));
      EXPECT_TRUE(std::isnan(result.versus_national.difference));
      EXPECT_TRUE(std::isnan(result.versus_county.difference));
      EXPECT_TRUE(std::isnan(result.versus_similar.difference));
    }
  }
  boost::json::object json = wave_report_json(report);
  for (const auto& scale : json.at("scales").as_array()) {
    for (const auto& entry : scale.at("municipalities").as_array()) {
      if (entry.at("suppressed").as_bool()) {
        EXPECT_TRUE(entry.at("n").is_null());
        EXPECT_FALSE(entry.as_object().contains("raw"));
      }
    }
  }
}

// Three counties of small and large municipalities.
const char* kCraftedMunicipalities =
    "1101,Stor,11,Vest,50000,300,nb\n"
    "1102,Mellom,11,Vest,40000,500,nb\n"
    "1103,Liten,11,Vest,500,90,nn\n"
    "1201,Byen,12,Midt,30000,100,nb\n"
    "1202,Bygda,12,Midt,20000,900,nn\n"
    "1203,Holmen,12,Midt,800,40,nn\n"
    "1301,Nord,13,Nord,60000,2000,nb\n"
    "1302,Fjellet,13,Nord,1000,800,nb\n";

TEST(DisclosureControl, CraftedWaveWithSmallMunicipalities) {
  MunicipalityRegistry registry = registry_of(kCraftedMunicipalities);
  Analysed report = analysed(registry, 3000, 11);
  const ScaleReport& scale = report.published.scales.front();
  std::map<std::string, const MunicipalityResult*> by_code;
  for (const MunicipalityResult& result : scale.municipalities) by_code[result.code] = &result;
  // Liten has ~7 respondents: primary. With primary suppression alone, its
  // county minus the other two would be Liten.
  const ScaleReport& truth = report.truth.scales.front();
  std::int64_t others = 0;
  for (const MunicipalityResult& result : truth.municipalities) {
    if (result.county_code == "11" && result.code != "1103") others += result.raw.n;
  }
  std::int64_t liten = truth.counties.front().raw.n - others;
  EXPECT_GT(liten, 0);
  EXPECT_LT(liten, k);
  // So its county must lose one more.
  EXPECT_EQ(by_code.at("1103")->suppression, Suppression::primary);
  EXPECT_EQ(by_code.at("1102")->suppression, Suppression::secondary);
  EXPECT_EQ(by_code.at("1101")->suppression, Suppression::none);
  expect_withheld_figures_absent(report.published);
  attack(report);
}

TEST(DisclosureControl, SyntheticNationalWavesWithstandTheAttacker) {
  for (std::uint64_t seed : {1u, 2u}) {
    Analysed report = analysed(builtin_municipalities(), 4000, seed);
    expect_withheld_figures_absent(report.published);
    attack(report);
  }
  Analysed screening = analysed(builtin_municipalities(), 3000, 3, "belastningskartlegging.json");
  ASSERT_FALSE(screening.published.burden.empty());
  attack(screening);
}

TEST(DisclosureControl, NoOpWhenEveryCellIsLarge) {
  MunicipalityRegistry registry = registry_of(
      "1101,A,11,Vest,1000,300,nb\n1102,B,11,Vest,1000,500,nb\n"
      "1201,C,12,Midt,1000,100,nb\n1202,D,12,Midt,1000,900,nn\n");
  Analysed report = analysed(registry, 2000, 5);
  for (std::size_t s = 0; s < report.truth.scales.size(); ++s) {
    const ScaleReport& truth = report.truth.scales[s];
    const ScaleReport& published = report.published.scales[s];
    EXPECT_FALSE(published.national.suppressed);
    for (std::size_t m = 0; m < truth.municipalities.size(); ++m) {
      EXPECT_FALSE(published.municipalities[m].suppressed);
      EXPECT_EQ(published.municipalities[m].raw.mean, truth.municipalities[m].raw.mean);
      EXPECT_EQ(published.municipalities[m].raw.n, truth.municipalities[m].raw.n);
      EXPECT_EQ(published.municipalities[m].versus_county.p_value,
                truth.municipalities[m].versus_county.p_value);
      EXPECT_EQ(published.municipalities[m].shrunken.estimate,
                truth.municipalities[m].shrunken.estimate);
    }
  }
  EXPECT_EQ(boost::json::serialize(wave_report_json(report.published)).find("\"suppressed\":true"),
            std::string::npos);
}

TEST(DisclosureControl, NoFreeTextItemIsPublished) {
  auto questionnaire = shipped("parorendeundersokelse.json");
  Analysed report = analysed(builtin_municipalities(), 500, 9);
  std::string json = boost::json::serialize(wave_report_json(report.published));
  int text_items = 0;
  for (const Item& item : questionnaire->items) {
    if (item.type != ItemType::text) continue;
    ++text_items;
    EXPECT_EQ(json.find("\"" + item.id + "\""), std::string::npos) << item.id;
  }
  EXPECT_GT(text_items, 0) << "the questionnaire has free text to keep out";
  WaveReport tampered = report.published;
  for (const Item& item : questionnaire->items) {
    if (item.type == ItemType::text) tampered.scales.front().item_ids.push_back(item.id);
  }
  EXPECT_THROW(check_no_free_text(tampered, *questionnaire), std::logic_error);
}

}  // namespace
}  // namespace parorende::analytics
