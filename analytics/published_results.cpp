#include "analytics/published_results.h"

#include <algorithm>
#include <bit>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "analytics/disclosure_control.h"
#include "analytics/publication_step.h"
#include "analytics/statistics/not_a_number.h"
#include "analytics/wave_analysis.h"

namespace parorende::analytics {
namespace {

namespace json = boost::json;

// The frozen background table as the store keeps it: numbers by their bit
// patterns, so every later read serves exactly the first figures.
json::value bits(double value) { return std::bit_cast<std::uint64_t>(value); }
double from_bits(const json::value& value) {
  return std::bit_cast<double>(value.to_number<std::uint64_t>());
}

json::array background_json(const std::vector<BackgroundCell>& cells) {
  json::array rows;
  for (const BackgroundCell& cell : cells) {
    const Summary& s = cell.summary;
    rows.push_back(json::array{cell.scale_id, cell.variable, cell.level, s.n, bits(s.mean),
                               bits(s.sd), bits(s.se), bits(s.ci_low), bits(s.ci_high),
                               static_cast<int>(cell.suppression)});
  }
  return rows;
}

std::vector<BackgroundCell> background_from_json(const json::array& rows) {
  std::vector<BackgroundCell> cells;
  for (const json::value& value : rows) {
    const json::array& row = value.as_array();
    BackgroundCell cell;
    cell.scale_id = std::string(row.at(0).as_string());
    cell.variable = std::string(row.at(1).as_string());
    cell.level = std::string(row.at(2).as_string());
    cell.summary = {row.at(3).to_number<std::int64_t>(),
                    from_bits(row.at(4)),
                    from_bits(row.at(5)),
                    from_bits(row.at(6)),
                    from_bits(row.at(7)),
                    from_bits(row.at(8))};
    cell.suppression = static_cast<Suppression>(row.at(9).to_number<int>());
    cell.suppressed = cell.suppression != Suppression::none;
    cells.push_back(std::move(cell));
  }
  return cells;
}

// Reliability rests on the cells of the answers per question and is frozen
// with them: recomputed at every step it would move by the few of a step
// who answered every question (docs/privacy.md, rule 2).
json::array reliability_json(const WaveReport& report) {
  json::array scales;
  for (const ScaleReport& scale : report.scales) {
    const ScaleReliability& r = scale.reliability;
    json::array eigenvalues;
    for (Eigen::Index i = 0; i < r.eigenvalues.size(); ++i)
      eigenvalues.push_back(bits(r.eigenvalues[i]));
    json::array items;
    for (const ItemReliability& item : r.items) {
      items.push_back(json::array{item.n, bits(item.mean), bits(item.sd), bits(item.r_drop),
                                  bits(item.alpha_if_deleted), bits(item.std_alpha_if_deleted),
                                  bits(item.alpha_se_if_deleted)});
    }
    scales.push_back(json::array{scale.scale_id, r.respondents, bits(r.alpha), bits(r.std_alpha),
                                 bits(r.alpha_se), bits(r.average_r), bits(r.omega_total),
                                 std::move(eigenvalues), std::move(items)});
  }
  return scales;
}

void withhold_reliability(WaveReport& report) {
  for (ScaleReport& scale : report.scales) withhold_reliability(scale.reliability);
}

// The frozen figures in place of this release's; a scale frozen without
// them (or not at all) shows none.
void apply_frozen_reliability(const json::array& frozen, WaveReport& report) {
  for (ScaleReport& scale : report.scales) {
    ScaleReliability& r = scale.reliability;
    withhold_reliability(r);
    for (const json::value& value : frozen) {
      const json::array& row = value.as_array();
      if (row.at(0).as_string() != scale.scale_id) continue;
      r.respondents = row.at(1).to_number<std::int64_t>();
      r.alpha = from_bits(row.at(2));
      r.std_alpha = from_bits(row.at(3));
      r.alpha_se = from_bits(row.at(4));
      r.average_r = from_bits(row.at(5));
      r.omega_total = from_bits(row.at(6));
      const json::array& eigenvalues = row.at(7).as_array();
      const json::array& items = row.at(8).as_array();
      if (static_cast<std::size_t>(r.eigenvalues.size()) != eigenvalues.size() ||
          r.items.size() != items.size()) {
        throw std::invalid_argument("the frozen reliability of " + scale.scale_id +
                                    " has other items than the scale");
      }
      for (std::size_t i = 0; i < eigenvalues.size(); ++i)
        r.eigenvalues[static_cast<Eigen::Index>(i)] = from_bits(eigenvalues[i]);
      for (std::size_t i = 0; i < items.size(); ++i) {
        const json::array& item = items[i].as_array();
        r.items[i] = {item.at(0).to_number<std::int64_t>(),
                      from_bits(item.at(1)),
                      from_bits(item.at(2)),
                      from_bits(item.at(3)),
                      from_bits(item.at(4)),
                      from_bits(item.at(5)),
                      from_bits(item.at(6))};
      }
    }
  }
}

// The tables frozen at the first release after closing, in the store's
// `background` column: {"background": [...], "questions": "...",
// "reliability": [...]}; a round frozen before the answers per question
// has the background rows alone.
std::string frozen_text(const std::vector<BackgroundCell>& background,
                        const std::vector<QuestionAnswers>& questions, const WaveReport& report) {
  return json::serialize(json::object{{"background", background_json(background)},
                                      {"questions", answers_text(questions)},
                                      {"reliability", reliability_json(report)}});
}

Status read_frozen(std::string_view text, PublishedResults& results) {
  try {
    const json::value parsed = json::parse(text);
    if (parsed.is_array()) {
      results.background = background_from_json(parsed.as_array());
      withhold_reliability(results.report);
      return {};
    }
    results.background = background_from_json(parsed.at("background").as_array());
    auto questions = answers_from_text(parsed.at("questions").as_string());
    if (!questions) return questions.error();
    results.questions = std::move(questions).value();
    apply_frozen_reliability(parsed.at("reliability").as_array(), results.report);
  } catch (const std::exception& failure) {
    return make_error("storage_failure",
                      std::string("the stored background table is damaged: ") + failure.what());
  }
  return {};
}

Result<WaveData> read_wave(ResponseStore& store, const std::string& database_path,
                           std::string_view wave_name, const MunicipalityRegistry& registry,
                           const Progress& progress) {
  if (!database_path.empty())
    return load_wave_data(store, database_path, wave_name, registry, progress);
  auto matrix = store.complete_responses(wave_name);
  if (!matrix) return matrix.take_error();
  return wave_data_from_matrix(std::string(wave_name), matrix.value(), registry);
}

// Analysis, the free-text check and disclosure control, with one k.
WaveReport published_report(const WaveData& data, const MunicipalityRegistry& municipalities,
                            int min_respondents, const Progress& progress) {
  AnalysisOptions options;
  options.min_respondents = min_respondents;
  options.progress = progress;
  WaveReport report = analyze_wave(data, municipalities, options);
  check_no_free_text(report, *data.questionnaire);
  return apply_disclosure_control(std::move(report), min_respondents);
}

}  // namespace

PublishedResults publish_wave(const WaveData& data, const MunicipalityRegistry& municipalities,
                              int min_respondents, const Progress& progress) {
  return {published_report(data, municipalities, min_respondents, progress),
          background_scale_table(data, min_respondents),
          {}};
}

Result<int> wave_min_respondents(ResponseStore& store, const Wave& wave, int configured) {
  auto questionnaire = store.questionnaire(wave.questionnaire_id, wave.questionnaire_version);
  if (!questionnaire) return questionnaire.take_error();
  int floor = questionnaire.value()->min_respondents;
  // Every version's floor: a round pinned to an older version must not
  // escape the floor a later one raised.
  // A versions list that cannot be read fails the threshold: a floor
  // missed would publish below it.
  auto versions = store.questionnaires();
  if (!versions) return versions.take_error();
  for (const QuestionnaireVersion& version : versions.value()) {
    if (version.id != wave.questionnaire_id) continue;
    auto other = store.questionnaire(version.id, version.version);
    if (!other) return other.take_error();
    floor = std::max(floor, other.value()->min_respondents);
  }
  return std::max(configured, floor);
}

Result<CurrentResults> publish_current_results(ResponseStore& store,
                                               const std::string& database_path,
                                               std::string_view wave_name, int configured,
                                               Date today, const Progress& progress) {
  const MunicipalityRegistry& registry = builtin_municipalities();
  auto wave = store.wave(wave_name);
  if (!wave) return wave.take_error();
  auto threshold = wave_min_respondents(store, wave.value(), configured);
  if (!threshold) return threshold.take_error();
  const int min_respondents = threshold.value();
  const bool closed = wave->closes < today;

  // A step planned on rows that changed before it was written is refused
  // as a whole; read and plan again.
  constexpr int kAttempts = 4;
  Result<WaveData> data = make_error("publication_conflict", "no attempt made");
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    data = read_wave(store, database_path, wave_name, registry, progress);
    if (!data) return data.take_error();
    PublicationPlan plan = plan_publication_step(data.value(), registry, min_respondents, closed);
    Status stepped = store.publish_step(wave_name, min_respondents, plan.changes);
    if (stepped) {
      apply_publication_step(data.value(), plan);
      break;
    }
    const std::string& code = stepped.error().code;
    if (code == "store_read_only") break;  // the published state as it is
    if (code != "publication_conflict" || attempt + 1 == kAttempts) return stepped.error();
  }
  auto record = store.publication(wave_name);
  if (!record) return record.take_error();
  if (record->min_respondents != 0 && record->min_respondents != min_respondents) {
    return make_error("publication_threshold_mismatch",
                      "wave " + std::string(wave_name) + " is published with min_respondents " +
                          std::to_string(record->min_respondents) + ", not " +
                          std::to_string(min_respondents) + ": one wave, one k (docs/privacy.md)");
  }

  WaveData published = published_data(data.value(), registry);
  // The background table, the answers per question and reliability only
  // once closed (and then frozen, below).
  CurrentResults current{
      wave.value(),
      published.questionnaire,
      {published_report(published, registry, min_respondents, progress), {}, {}}};
  if (closed) {
    if (!record->background) {
      std::vector<BackgroundCell> computed = background_scale_table(published, min_respondents);
      std::vector<QuestionAnswers> questions =
          answers_per_question(published, current.results.report, registry, min_respondents);
      Status saved = store.save_published_background(
          wave_name, frozen_text(computed, questions, current.results.report));
      if (!saved && saved.error().code != "store_read_only") return saved.error();
      if (saved) {
        record = store.publication(wave_name);
        if (!record) return record.take_error();
      }
    }
    if (record->background) {
      Status read = read_frozen(*record->background, current.results);
      if (!read) return read.error();
    } else {
      withhold_reliability(current.results.report);  // a read-only store cannot freeze it
    }
  } else {
    withhold_reliability(current.results.report);
  }
  return current;
}

}  // namespace parorende::analytics
