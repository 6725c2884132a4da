#include "analytics/wave_analysis.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <exception>
#include <limits>
#include <map>
#include <mutex>
#include <numeric>
#include <thread>

#include "analytics/answers_per_question.h"
#include "analytics/statistics/not_a_number.h"
#include "analytics/statistics/similarity.h"

namespace parorende::analytics {
namespace {

// How rows, municipalities and counties relate, computed once per wave.
struct Geography {
  std::vector<int> by_code;               // registry indexes, ordered by municipality code
  std::vector<std::string> county_codes;  // sorted
  std::vector<std::string> county_names;
  std::vector<int> county_of_municipality;  // registry index -> county
  GroupIndex municipality_groups;
  GroupIndex county_groups;
  std::vector<std::vector<int>> similar;
};

Geography geography_of(const WaveData& data, const MunicipalityRegistry& registry) {
  const auto& all = registry.all();
  Geography geography;
  geography.by_code.resize(all.size());
  std::iota(geography.by_code.begin(), geography.by_code.end(), 0);
  std::sort(geography.by_code.begin(), geography.by_code.end(), [&](int a, int b) {
    return all[static_cast<std::size_t>(a)].code < all[static_cast<std::size_t>(b)].code;
  });
  std::map<std::string, std::string> counties;
  for (const Municipality& municipality : all)
    counties[municipality.county_code] = municipality.county_name;
  for (const auto& [code, name] : counties) {
    geography.county_codes.push_back(code);
    geography.county_names.push_back(name);
  }
  for (const Municipality& municipality : all) {
    auto found = std::lower_bound(geography.county_codes.begin(), geography.county_codes.end(),
                                  municipality.county_code);
    geography.county_of_municipality.push_back(
        static_cast<int>(found - geography.county_codes.begin()));
  }
  geography.municipality_groups = {data.municipality_of_row, static_cast<int>(all.size())};
  geography.county_groups.group_count = static_cast<int>(geography.county_codes.size());
  geography.county_groups.group_of_row.reserve(data.municipality_of_row.size());
  for (int municipality : data.municipality_of_row) {
    geography.county_groups.group_of_row.push_back(
        municipality < 0
            ? -1
            : geography.county_of_municipality[static_cast<std::size_t>(municipality)]);
  }
  geography.similar = most_similar_municipalities(all);
  return geography;
}

// A comparison must not reveal the mean of a group below the threshold
// either (the other side of it).
Comparison guarded(const Comparison& comparison, std::int64_t other_side_n, int min_respondents) {
  return other_side_n < min_respondents ? withheld_comparison() : comparison;
}

// The municipalities the published table shows (all with respondents when
// unprotected): the models see only their respondents.
std::vector<char> model_municipalities(const Moments& national,
                                       const std::vector<Moments>& by_county,
                                       const std::vector<Moments>& by_municipality,
                                       const Geography& geography, const AnalysisOptions& options) {
  std::vector<char> in_models(by_municipality.size(), 1);
  if (!options.protect) return in_models;
  std::vector<std::int64_t> county_n;
  for (const Moments& county : by_county) county_n.push_back(county.n);
  std::vector<std::int64_t> municipality_n;
  std::vector<int> county_of;
  for (int index : geography.by_code) {
    municipality_n.push_back(by_municipality[static_cast<std::size_t>(index)].n);
    county_of.push_back(geography.county_of_municipality[static_cast<std::size_t>(index)]);
  }
  std::vector<char> published = published_municipalities(national.n, county_n, municipality_n,
                                                         county_of, options.min_respondents);
  for (std::size_t i = 0; i < geography.by_code.size(); ++i) {
    in_models[static_cast<std::size_t>(geography.by_code[i])] = published[i];
  }
  return in_models;
}

// A dummy's coefficient is made of the contrasts between respondents with
// and without the level inside each municipality. A level held by fewer
// than k of the fitted respondents, or whose contrasts rest on fewer than
// k of them (sum over municipalities of the smaller side), would let its
// coefficient speak for a few people: it joins the most common level.
std::vector<CategoricalVariable> pooled_covariates(std::vector<CategoricalVariable> covariates,
                                                   const GroupIndex& groups,
                                                   const Eigen::Ref<const Eigen::VectorXd>& scores,
                                                   int min_respondents) {
  const auto rows = static_cast<std::size_t>(scores.size());
  for (CategoricalVariable& variable : covariates) {
    const std::size_t levels = variable.level_names.size();
    for (std::size_t round = 0; round < levels; ++round) {
      std::vector<std::int64_t> count(levels, 0);
      std::vector<std::int64_t> in_group(static_cast<std::size_t>(groups.group_count), 0);
      std::vector<std::int64_t> by_group_level(
          static_cast<std::size_t>(groups.group_count) * levels, 0);
      for (std::size_t row = 0; row < rows; ++row) {
        int group = groups.group_of_row[row];
        if (group < 0 || std::isnan(scores[static_cast<Eigen::Index>(row)])) continue;
        std::size_t level = variable.level_of_row[row];
        ++count[level];
        ++in_group[static_cast<std::size_t>(group)];
        ++by_group_level[static_cast<std::size_t>(group) * levels + level];
      }
      std::vector<std::int64_t> contrast(levels, 0);
      for (std::size_t group = 0; group < in_group.size(); ++group) {
        for (std::size_t level = 0; level < levels; ++level) {
          std::int64_t with = by_group_level[group * levels + level];
          contrast[level] += std::min(with, in_group[group] - with);
        }
      }
      auto most =
          static_cast<std::uint8_t>(std::max_element(count.begin(), count.end()) - count.begin());
      std::vector<char> rare(levels, 0);
      bool any = false;
      for (std::size_t level = 0; level < levels; ++level) {
        if (level == most || count[level] == 0) continue;
        if (count[level] < min_respondents || contrast[level] < min_respondents)
          rare[level] = any = true;
      }
      // The most common level's own contrasts rest on the others together.
      if (!any && count[most] > 0 && contrast[most] < min_respondents) {
        for (std::size_t level = 0; level < levels; ++level) {
          if (level != most && count[level] > 0) rare[level] = any = true;
        }
      }
      if (!any) break;
      for (std::uint8_t& level : variable.level_of_row) {
        if (rare[level]) level = most;
      }
    }
  }
  return covariates;
}

// Protected: none for a scale sharing an item with another list
// (scale_shares_items); else on the respondents who answered every item, in the published
// municipalities where at least k did and those who skipped one are 0 or
// at least k: the cells of the answers per question
// (answers_per_question.h). Counting those who skipped one would let the
// item SDs, with the published answers per question, give away the few
// who answered only some items (docs/privacy.md, rule 2).
ScaleReliability reliability_of(const WaveData& data, const ScaleColumns& columns,
                                const GroupIndex& model_groups,
                                const Eigen::Ref<const Eigen::VectorXd>& scores, bool protect,
                                int min_respondents, std::size_t scale_index) {
  auto items = data.items.middleCols(columns.first, columns.count);
  if (!protect) return analyze_reliability(items);
  const bool shared = scale_shares_items(*data.questionnaire, scale_index);
  auto complete = [&](Eigen::Index row) {
    for (Eigen::Index c = 0; c < columns.count; ++c) {
      if (std::isnan(items(row, c))) return false;
    }
    return true;
  };
  std::vector<std::int64_t> scored(static_cast<std::size_t>(model_groups.group_count), 0);
  std::vector<std::int64_t> answered_all(scored.size(), 0);
  for (Eigen::Index row = 0; row < items.rows(); ++row) {
    const int group = model_groups.group_of_row[static_cast<std::size_t>(row)];
    if (group < 0 || std::isnan(scores[row])) continue;
    ++scored[static_cast<std::size_t>(group)];
    if (complete(row)) ++answered_all[static_cast<std::size_t>(group)];
  }
  auto counted = [&](int group) {
    const std::int64_t all = answered_all[static_cast<std::size_t>(group)];
    const std::int64_t skipped = scored[static_cast<std::size_t>(group)] - all;
    return all >= min_respondents && (skipped == 0 || skipped >= min_respondents);
  };
  std::vector<Eigen::Index> rows;
  for (Eigen::Index row = 0; row < items.rows(); ++row) {
    const int group = model_groups.group_of_row[static_cast<std::size_t>(row)];
    if (!shared && group >= 0 && !std::isnan(scores[row]) && counted(group) && complete(row)) {
      rows.push_back(row);
    }
  }
  Eigen::MatrixXf fitted(static_cast<Eigen::Index>(rows.size()), columns.count);
  for (std::size_t i = 0; i < rows.size(); ++i)
    fitted.row(static_cast<Eigen::Index>(i)) = items.row(rows[i]);
  return analyze_reliability(fitted);
}

ScaleReport analyze_scale(const WaveData& data, std::size_t scale_index,
                          const MunicipalityRegistry& registry, const Geography& geography,
                          const AnalysisOptions& options, const std::string& language) {
  const auto& all = registry.all();
  const Scale& scale = data.questionnaire->scales[scale_index];
  const ScaleColumns& columns = data.scales[scale_index];
  const int k = options.min_respondents;
  auto scores = data.scale_scores.col(static_cast<Eigen::Index>(scale_index));

  ScaleReport report;
  report.scale_id = scale.id;
  report.title = scale.title.in(language);

  Moments national = moments_of(scores);
  std::vector<Moments> by_municipality = moments_by_group(scores, geography.municipality_groups);
  // Counties from their municipalities: exact algebra, no pass over rows.
  std::vector<Moments> by_county(geography.county_codes.size());
  for (std::size_t i = 0; i < by_municipality.size(); ++i) {
    auto county = static_cast<std::size_t>(geography.county_of_municipality[i]);
    by_county[county] = combine(by_county[county], by_municipality[i]);
  }

  report.national = {"", "Norge", summarize(national), national.n < k};
  if (report.national.suppressed) {
    report.national.raw = withheld_summary(national.n);
    report.national.suppression = Suppression::primary;
  }
  for (std::size_t c = 0; c < by_county.size(); ++c) {
    AreaResult county{geography.county_codes[c], geography.county_names[c], summarize(by_county[c]),
                      by_county[c].n < k};
    if (county.suppressed) {
      county.raw = withheld_summary(by_county[c].n);
      county.suppression = Suppression::primary;
    }
    report.counties.push_back(std::move(county));
  }

  // The models: on the published municipalities' respondents only.
  std::vector<char> in_models =
      model_municipalities(national, by_county, by_municipality, geography, options);
  GroupIndex model_groups = geography.municipality_groups;
  for (int& group : model_groups.group_of_row) {
    if (group >= 0 && !in_models[static_cast<std::size_t>(group)]) group = -1;
  }
  std::vector<Moments> model_moments = by_municipality;
  for (std::size_t i = 0; i < model_moments.size(); ++i) {
    if (!in_models[i]) model_moments[i] = Moments{};
  }
  CaseMixFit case_mix = fit_case_mix(
      scores, model_groups, model_moments,
      options.protect ? pooled_covariates(data.case_mix, model_groups, scores, k) : data.case_mix);
  report.case_mix_terms = case_mix.terms;
  report.case_mix_residual_variance = case_mix.residual_variance;
  Shrinkage shrinkage = shrink_toward_national_mean(model_moments);
  report.shrinkage = shrinkage.model;

  for (int index : geography.by_code) {
    auto i = static_cast<std::size_t>(index);
    const Moments& own = by_municipality[i];
    int county = geography.county_of_municipality[i];
    const Moments& county_moments = by_county[static_cast<std::size_t>(county)];
    Moments similar;
    for (int other : geography.similar[i])
      similar = combine(similar, by_municipality[static_cast<std::size_t>(other)]);

    MunicipalityResult result;
    result.code = all[i].code;
    result.name = all[i].name;
    result.county_code = all[i].county_code;
    result.suppressed = own.n < k;
    if (result.suppressed) {
      result.suppression = Suppression::primary;
      result.raw = withheld_summary(own.n);
      result.versus_national = result.versus_county = result.versus_similar = withheld_comparison();
      result.adjusted = {kNaN, kNaN, kNaN, kNaN};
      result.shrunken = {kNaN, kNaN, kNaN, kNaN, kNaN};
    } else {
      result.raw = summarize(own);
      result.versus_national =
          guarded(compare_part_with_whole(own, national), national.n - own.n, k);
      result.versus_county =
          guarded(compare_part_with_whole(own, county_moments), county_moments.n - own.n, k);
      result.versus_similar = guarded(welch_compare(own, similar), similar.n, k);
      result.adjusted = case_mix.adjusted[i];
      result.shrunken = shrinkage.groups[i];
    }
    report.municipalities.push_back(std::move(result));
  }

  report.item_ids.assign(data.item_ids.begin() + columns.first,
                         data.item_ids.begin() + columns.first + columns.count);
  report.reliability =
      reliability_of(data, columns, model_groups, scores, options.protect, k, scale_index);
  return report;
}

ShareRow share_row(std::string code, std::string name, std::vector<Proportion> shares, int k,
                   std::string county_code = {}) {
  std::int64_t total = shares.empty() ? 0 : shares.front().total;
  ShareRow row{std::move(code), std::move(name), std::move(county_code), std::move(shares),
               total < k};
  if (row.suppressed) {
    row.suppression = Suppression::primary;
    for (Proportion& share : row.shares) share = {0, total, kNaN, kNaN, kNaN};
  }
  return row;
}

BurdenReport analyze_burden(const WaveData& data, std::size_t instrument_index,
                            const MunicipalityRegistry& registry, const Geography& geography,
                            const AnalysisOptions& options, const std::string& language) {
  const BurdenInstrument& instrument = data.questionnaire->burden_instruments[instrument_index];
  const std::vector<int>& categories = data.burden_category[instrument_index];
  auto category_count = static_cast<int>(instrument.categories.size());
  const int k = options.min_respondents;

  BurdenReport report;
  report.instrument_id = instrument.id;
  report.title = instrument.title.in(language);
  for (const BurdenCategory& category : instrument.categories)
    report.category_ids.push_back(category.id);
  report.national = share_row("", "Norge", category_shares(categories, category_count), k);
  auto by_county = category_shares_by_group(categories, category_count, geography.county_groups);
  for (std::size_t c = 0; c < by_county.size(); ++c) {
    report.counties.push_back(share_row(geography.county_codes[c], geography.county_names[c],
                                        std::move(by_county[c]), k));
  }
  auto by_municipality =
      category_shares_by_group(categories, category_count, geography.municipality_groups);
  for (int index : geography.by_code) {
    const Municipality& municipality = registry.all()[static_cast<std::size_t>(index)];
    report.municipalities.push_back(share_row(
        municipality.code, municipality.name,
        std::move(by_municipality[static_cast<std::size_t>(index)]), k, municipality.county_code));
  }
  return report;
}

}  // namespace

WaveReport analyze_wave(const WaveData& data, const MunicipalityRegistry& registry,
                        const AnalysisOptions& options) {
  WaveReport report;
  report.wave = data.wave_name;
  report.questionnaire_id = data.questionnaire->id;
  report.questionnaire_version = data.questionnaire->version;
  report.respondents = data.respondents();
  report.min_respondents = options.min_respondents;
  const std::string& language = data.questionnaire->default_language;

  Geography geography = geography_of(data, registry);
  for (int index : geography.by_code) {
    SimilarMunicipalities similar{registry.all()[static_cast<std::size_t>(index)].code, {}};
    for (int other : geography.similar[static_cast<std::size_t>(index)]) {
      similar.similar_codes.push_back(registry.all()[static_cast<std::size_t>(other)].code);
    }
    report.similar.push_back(std::move(similar));
  }

  std::size_t steps = data.scales.size() + data.burden_category.size();
  std::atomic<std::size_t> done{0};
  std::mutex progress_mutex;
  auto step_done = [&](const std::string& stage) {
    std::size_t finished = ++done;
    if (!options.progress) return;
    std::lock_guard lock(progress_mutex);
    options.progress(stage, static_cast<double>(finished) / static_cast<double>(steps));
  };
  // Scales are independent: each worker takes the next one. The data are
  // only read; each report is written by one worker.
  report.scales.resize(data.scales.size());
  std::atomic<std::size_t> next_scale{0};
  std::exception_ptr failure;  // a bug in a worker, rethrown on this thread
  std::mutex failure_mutex;
  auto work = [&] {
    try {
      for (std::size_t s = next_scale++; s < data.scales.size(); s = next_scale++) {
        report.scales[s] = analyze_scale(data, s, registry, geography, options, language);
        step_done("scale " + data.scales[s].scale_id);
      }
    } catch (...) {
      std::lock_guard lock(failure_mutex);
      failure = std::current_exception();
      next_scale = data.scales.size();
    }
  };
  unsigned workers = std::min<unsigned>(std::max(1u, std::thread::hardware_concurrency()),
                                        static_cast<unsigned>(data.scales.size()));
  std::vector<std::thread> threads;
  for (unsigned w = 1; w < workers; ++w) threads.emplace_back(work);
  work();
  for (std::thread& thread : threads) thread.join();
  if (failure) std::rethrow_exception(failure);

  for (std::size_t b = 0; b < data.burden_category.size(); ++b) {
    report.burden.push_back(analyze_burden(data, b, registry, geography, options, language));
    step_done("burden " + data.questionnaire->burden_instruments[b].id);
  }
  if (options.progress) options.progress("analysis", 1.0);
  return report;
}

}  // namespace parorende::analytics
