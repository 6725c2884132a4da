#include "analytics/synthetic.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <numbers>
#include <numeric>
#include <optional>
#include <random>
#include <stdexcept>
#include <string_view>

#include "questionnaire/response_validation.h"
#include "store/response_matrix.h"

namespace parorende::analytics {
namespace {

// Uniforms and normals from mt19937_64's raw bits (whose sequence the
// standard fixes), so a seed gives the same wave with any standard library.
class Random {
 public:
  explicit Random(std::uint64_t seed) : engine_(seed) {}
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  double uniform(double low, double high) { return low + (high - low) * uniform(); }
  bool chance(double probability) { return uniform() < probability; }
  double normal() {            // Box-Muller
    double u = 1 - uniform();  // (0, 1]
    return std::sqrt(-2 * std::log(u)) * std::cos(2 * std::numbers::pi * uniform());
  }
  std::size_t categorical(const std::vector<double>& probabilities) {
    double target = uniform();
    double cumulative = 0;
    for (std::size_t i = 0; i + 1 < probabilities.size(); ++i) {
      cumulative += probabilities[i];
      if (target < cumulative) return i;
    }
    return probabilities.size() - 1;
  }
  // floor(x) + Bernoulli(frac(x)): integer-valued with expectation x.
  int stochastic_round(double x) {
    double whole = std::floor(x);
    return static_cast<int>(whole) + (chance(x - whole) ? 1 : 0);
  }

 private:
  std::mt19937_64 engine_;
};

// A background item: answer probabilities in the most urban and the most
// rural municipality (mixed by rurality in between), its effect on the
// latent level p per option (case-mix items only), and how often it is
// skipped when optional.
struct BackgroundSpec {
  std::string_view id;
  std::vector<double> urban;
  std::vector<double> rural;
  std::vector<double> effect;  // empty: no effect
  double missing_rate;
};

const BackgroundSpec kBackground[] = {
    {"age_band",
     {0.02, 0.08, 0.30, 0.35, 0.18, 0.07},
     {0.01, 0.04, 0.20, 0.35, 0.28, 0.12},
     {-0.01, 0, 0.005, 0.01, 0.02, 0.025},
     0.02},
    {"relationship",
     {0.30, 0.15, 0.30, 0.05, 0.08, 0.07, 0.05},
     {0.38, 0.12, 0.28, 0.05, 0.07, 0.06, 0.04},
     {0, -0.015, -0.01, 0.005, 0, 0.01, 0},
     0.0},
    {"condition_group",
     {0.20, 0.12, 0.20, 0.10, 0.15, 0.15, 0.08},
     {0.26, 0.12, 0.12, 0.08, 0.15, 0.22, 0.05},
     {-0.01, 0.01, -0.02, -0.015, 0, 0.005, 0},
     0.0},
    {"care_hours",
     {0.30, 0.25, 0.22, 0.13, 0.10},
     {0.22, 0.24, 0.24, 0.16, 0.14},
     {0, -0.01, -0.02, -0.03, -0.04},
     0.03},
    {"years_caring", {0.12, 0.25, 0.28, 0.20, 0.15}, {0.10, 0.22, 0.28, 0.22, 0.18}, {}, 0.02},
};

// Per scale: level offset, weight of the case-mix effects, "don't know"
// rate. Scales of other questionnaires take the default.
struct ScaleSpec {
  std::string_view id;
  double offset;
  double case_mix_weight;
  double dont_know_rate;
};

const ScaleSpec kScales[] = {
    {"identified", 0.05, 1.0, 0.03},   {"information", 0.02, 0.8, 0.04},
    {"involvement", -0.02, 1.0, 0.04}, {"support", 0.0, 0.7, 0.06},
    {"respite", -0.05, 1.0, 0.12},     {"coordination", -0.04, 0.9, 0.05},
    {"own_health", -0.03, 1.0, 0.04},  {"children", -0.03, 0.6, 0.05},
    {"contribution", 0.04, 0.8, 0.04},
};
constexpr ScaleSpec kDefaultScale{"", 0.0, 1.0, 0.04};

constexpr double kGeneralWeight = 0.10;   // g_i, shared by a person's scales
constexpr double kSpecificWeight = 0.08;  // s_ik
constexpr double kItemNoise = 0.05;       // e_ikl ~ U(-0.05, 0.05)
constexpr double kItemSpread = 0.02;      // delta from -0.02 to 0.02
constexpr double kSkipSection = 0.02;     // a whole scale left blank
constexpr double kSkipItem = 0.03;
constexpr double kMunicipalitySd = 0.02;  // general municipality quality
constexpr double kMunicipalityScaleSd = 0.015;
constexpr double kMunicipalityLimit = 0.07;
constexpr double kCountyLimit = 0.02;
constexpr double kRuralEffect = 0.03;  // most rural vs most urban
constexpr double kChildrenShare = 0.3;

struct ScalePlan {
  std::vector<std::size_t> items;  // questionnaire item indexes
  std::vector<char> reverse;       // char, not bool: fast in Debug builds
  std::vector<double> spread;      // delta_l
  ScaleSpec spec;
};

struct BackgroundPlan {
  std::size_t item;
  const BackgroundSpec* spec;
};

std::vector<std::int64_t> allocate(const std::vector<Municipality>& municipalities,
                                   std::int64_t responses) {
  // Largest remainder: floor of each quota, then one more to the largest
  // fractions until the total is reached.
  double population = 0;
  for (const Municipality& municipality : municipalities)
    population += static_cast<double>(municipality.population);
  std::vector<std::int64_t> counts(municipalities.size());
  std::vector<std::pair<double, std::size_t>> remainders;
  std::int64_t given = 0;
  for (std::size_t i = 0; i < municipalities.size(); ++i) {
    double quota = static_cast<double>(responses) *
                   static_cast<double>(municipalities[i].population) / population;
    counts[i] = static_cast<std::int64_t>(std::floor(quota));
    given += counts[i];
    remainders.emplace_back(quota - std::floor(quota), i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t k = 0; given < responses && k < remainders.size(); ++k, ++given) {
    ++counts[remainders[k].second];
  }
  return counts;
}

}  // namespace

struct SyntheticSurvey::Model {
  std::shared_ptr<const Questionnaire> questionnaire;
  std::vector<Municipality> municipalities;
  Random random;
  SyntheticTruth truth;
  std::int64_t total = 0;

  std::vector<double> rurality;  // per municipality, 0 urban .. 1 rural
  std::vector<std::vector<std::vector<double>>>
      background_probabilities;      // [muni][background][option]
  Eigen::MatrixXd level;             // E[p] without case mix: muni x scale
  std::vector<double> burden_level;  // per municipality
  std::vector<ScalePlan> scales;
  std::vector<BackgroundPlan> background;
  std::vector<char> planned;  // items answered by the model's plans

  std::size_t current = 0;  // municipality being generated
  std::int64_t left_in_current = 0;
  std::int64_t produced = 0;

  // The response being generated: one number per questionnaire item (the
  // code; 1/0 for yes/no; the municipality code as a number; NaN when
  // unanswered), converted to a Response or straight to a matrix row.
  std::vector<double> record;
  std::vector<std::size_t> visibility_inputs;  // items any visible_if reads
  // Visibility by the values of those items (few combinations occur).
  std::map<std::vector<double>, std::vector<std::size_t>> hidden_by_inputs;
  std::vector<MatrixColumn> columns;

  Model(std::shared_ptr<const Questionnaire> q, const MunicipalityRegistry& registry,
        const SyntheticOptions& options)
      : questionnaire(std::move(q)), municipalities(registry.all()), random(options.seed) {
    total = options.responses;
    record.resize(questionnaire->items.size());
    columns = matrix_columns(*questionnaire);
    plan_visibility();
    plan_items();
    draw_municipalities();
    compute_truth();
    left_in_current = truth.respondents.empty() ? 0 : truth.respondents[0];
  }

  void plan_visibility() {
    const Questionnaire& q = *questionnaire;
    std::vector<bool> read(q.items.size(), false);
    auto note = [&](const std::optional<Expression>& expression) {
      if (!expression) return;
      for (const std::string& id : expression->referenced_items()) read[*q.item_index(id)] = true;
    };
    for (const Section& section : q.sections) note(section.visible_if);
    for (const Item& item : q.items) note(item.visible_if);
    for (std::size_t i = 0; i < read.size(); ++i) {
      if (read[i]) visibility_inputs.push_back(i);
    }
  }

  void plan_items() {
    const Questionnaire& q = *questionnaire;
    planned.assign(q.items.size(), false);
    for (const BackgroundSpec& spec : kBackground) {
      auto index = q.item_index(spec.id);
      if (!index || q.items[*index].type != ItemType::single_choice ||
          q.items[*index].options.size() != spec.urban.size()) {
        continue;
      }
      background.push_back({*index, &spec});
      planned[*index] = true;
    }
    for (const Scale& scale : q.scales) {
      ScalePlan plan;
      plan.spec = kDefaultScale;
      for (const ScaleSpec& spec : kScales) {
        if (spec.id == scale.id) plan.spec = spec;
      }
      auto count = scale.items.size();
      for (std::size_t l = 0; l < count; ++l) {
        std::size_t index = *q.item_index(scale.items[l]);
        plan.items.push_back(index);
        plan.reverse.push_back(std::find(scale.reverse_items.begin(), scale.reverse_items.end(),
                                         scale.items[l]) != scale.reverse_items.end());
        // Evenly from -spread to +spread: sums to 0 over the scale.
        plan.spread.push_back(
            count < 2 ? 0.0
                      : kItemSpread *
                            (2.0 * static_cast<double>(l) / static_cast<double>(count - 1) - 1));
        planned[index] = true;
      }
      scales.push_back(std::move(plan));
      truth.scale_ids.push_back(scale.id);
    }
    for (const BurdenInstrument& instrument : q.burden_instruments) {
      for (const std::string& id : instrument.items) planned[*q.item_index(id)] = true;
    }
  }

  void draw_municipalities() {
    std::size_t count = municipalities.size();
    std::vector<double> log_density(count);
    for (std::size_t j = 0; j < count; ++j) {
      log_density[j] = std::log(std::max(1.0, static_cast<double>(municipalities[j].population)) /
                                std::max(0.01, municipalities[j].area_km2));
    }
    auto [lowest, highest] = std::minmax_element(log_density.begin(), log_density.end());
    double range = std::max(1e-9, *highest - *lowest);
    std::map<std::string, std::vector<double>> county_effects;
    level.resize(static_cast<Eigen::Index>(count), static_cast<Eigen::Index>(scales.size()));
    for (std::size_t j = 0; j < count; ++j) {
      double rural = (*highest - log_density[j]) / range;
      rurality.push_back(rural);
      auto& county = county_effects[municipalities[j].county_code];
      if (county.empty()) {
        for (std::size_t k = 0; k < scales.size(); ++k)
          county.push_back(random.uniform(-kCountyLimit, kCountyLimit));
      }
      double general = kMunicipalitySd * random.normal();
      for (std::size_t k = 0; k < scales.size(); ++k) {
        double municipality_effect = std::clamp(general + kMunicipalityScaleSd * random.normal(),
                                                -kMunicipalityLimit, kMunicipalityLimit);
        level(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(k)) =
            0.5 + scales[k].spec.offset + county[k] + municipality_effect +
            kRuralEffect * (rural - 0.5);
      }
      burden_level.push_back(0.4 + 0.05 * (rural - 0.5) +
                             std::clamp(0.03 * random.normal(), -0.08, 0.08));
      std::vector<std::vector<double>> probabilities;
      for (const BackgroundPlan& plan : background) {
        std::vector<double> mixed(plan.spec->urban.size());
        for (std::size_t o = 0; o < mixed.size(); ++o) {
          mixed[o] = (1 - rural) * plan.spec->urban[o] + rural * plan.spec->rural[o];
        }
        probabilities.push_back(std::move(mixed));
      }
      background_probabilities.push_back(std::move(probabilities));
    }
    truth.respondents = allocate(municipalities, total);
  }

  // E[x'beta] for a set of answer probabilities per background item.
  double expected_case_mix(const std::vector<std::vector<double>>& probabilities) const {
    double sum = 0;
    for (std::size_t b = 0; b < background.size(); ++b) {
      const auto& effect = background[b].spec->effect;
      for (std::size_t o = 0; o < effect.size(); ++o) sum += probabilities[b][o] * effect[o];
    }
    return sum;
  }

  void compute_truth() {
    auto count = static_cast<Eigen::Index>(municipalities.size());
    auto scale_count = static_cast<Eigen::Index>(scales.size());
    double population = 0;
    for (const Municipality& m : municipalities) population += static_cast<double>(m.population);
    // The national case mix: municipalities' answer probabilities weighted
    // by population.
    std::vector<std::vector<double>> national(background.size());
    for (std::size_t b = 0; b < background.size(); ++b) {
      national[b].assign(background[b].spec->urban.size(), 0.0);
      for (std::size_t j = 0; j < municipalities.size(); ++j) {
        double weight = static_cast<double>(municipalities[j].population) / population;
        for (std::size_t o = 0; o < national[b].size(); ++o) {
          national[b][o] += weight * background_probabilities[j][b][o];
        }
      }
    }
    double national_case_mix = expected_case_mix(national);
    truth.expected_score.resize(count, scale_count);
    truth.expected_adjusted_score.resize(count, scale_count);
    truth.national_expected_score = Eigen::VectorXd::Zero(scale_count);
    for (Eigen::Index j = 0; j < count; ++j) {
      double case_mix = expected_case_mix(background_probabilities[static_cast<std::size_t>(j)]);
      double weight =
          static_cast<double>(municipalities[static_cast<std::size_t>(j)].population) / population;
      for (Eigen::Index k = 0; k < scale_count; ++k) {
        double multiplier = scales[static_cast<std::size_t>(k)].spec.case_mix_weight;
        truth.expected_score(j, k) = 100 * (level(j, k) + multiplier * case_mix);
        truth.expected_adjusted_score(j, k) = 100 * (level(j, k) + multiplier * national_case_mix);
        truth.national_expected_score[k] += weight * truth.expected_score(j, k);
      }
    }
  }

  std::string language_for(const Municipality& municipality) {
    const auto& languages = questionnaire->languages;
    auto offered = [&](const char* tag) {
      return std::find(languages.begin(), languages.end(), tag) != languages.end();
    };
    double u = random.uniform();
    const char* choice = "nb";
    if (municipality.written_standard == "nn") {
      choice = u < 0.8 ? "nn" : "nb";
    } else if (municipality.written_standard == "nb") {
      choice = u < 0.97 ? "nb" : "en";
    } else {
      choice = u < 0.9 ? "nb" : (u < 0.95 ? "nn" : "en");
    }
    return offered(choice) ? choice : questionnaire->default_language;
  }

  // A choice item's option by position, from a level q in [0, 1].
  std::int64_t option_at(const Item& item, double q) {
    if (q < 0 || q > 1) throw std::logic_error("synthetic model left [0, 1]; see synthetic.cpp");
    auto last = static_cast<double>(item.options.size() - 1);
    return item.options[static_cast<std::size_t>(random.stochastic_round(q * last))].code;
  }

  void answer_background(std::size_t j, double& case_mix) {
    const Questionnaire& q = *questionnaire;
    for (std::size_t b = 0; b < background.size(); ++b) {
      const Item& item = q.items[background[b].item];
      std::size_t option = random.categorical(background_probabilities[j][b]);
      if (!background[b].spec->effect.empty()) case_mix += background[b].spec->effect[option];
      // A skipped answer still has its effect: the caregiver is what they
      // are, whether or not they say so.
      if (!item.required && random.chance(background[b].spec->missing_rate)) continue;
      record[background[b].item] = static_cast<double>(item.options[option].code);
    }
  }

  void answer_scales(std::size_t j, double case_mix) {
    const Questionnaire& q = *questionnaire;
    double general = random.uniform(-1, 1);
    for (std::size_t k = 0; k < scales.size(); ++k) {
      const ScalePlan& plan = scales[k];
      double p = level(static_cast<Eigen::Index>(j), static_cast<Eigen::Index>(k)) +
                 plan.spec.case_mix_weight * case_mix + kGeneralWeight * general +
                 kSpecificWeight * random.uniform(-1, 1);
      bool skip_section = random.chance(kSkipSection);
      for (std::size_t l = 0; l < plan.items.size(); ++l) {
        const Item& item = q.items[plan.items[l]];
        if (!item.required) {
          if (skip_section || random.chance(kSkipItem)) continue;
          if (item.dont_know && random.chance(plan.spec.dont_know_rate)) {
            record[plan.items[l]] = static_cast<double>(item.dont_know->code);
            continue;
          }
        }
        double quality = p + plan.spread[l] + random.uniform(-kItemNoise, kItemNoise);
        record[plan.items[l]] =
            static_cast<double>(option_at(item, plan.reverse[l] ? 1 - quality : quality));
      }
    }
  }

  void answer_burden(std::size_t j) {
    const Questionnaire& q = *questionnaire;
    for (const BurdenInstrument& instrument : q.burden_instruments) {
      double strain = burden_level[j] + random.uniform(-0.22, 0.22);
      for (const std::string& id : instrument.items) {
        std::size_t index = *q.item_index(id);
        const Item& item = q.items[index];
        if (!item.required && random.chance(kSkipItem)) continue;
        bool reverse = std::find(instrument.reverse_items.begin(), instrument.reverse_items.end(),
                                 id) != instrument.reverse_items.end();
        double level_of_item =
            std::clamp(strain + random.uniform(-kItemNoise, kItemNoise), 0.0, 1.0);
        record[index] =
            static_cast<double>(option_at(item, reverse ? 1 - level_of_item : level_of_item));
      }
    }
  }

  void answer_others(const Municipality& municipality) {
    for (std::size_t index = 0; index < questionnaire->items.size(); ++index) {
      const Item& item = questionnaire->items[index];
      if (planned[index]) continue;
      double& answer = record[index];
      switch (item.type) {
        case ItemType::municipality: answer = std::stod(municipality.code); break;
        case ItemType::yes_no: answer = random.chance(kChildrenShare) ? 1 : 0; break;
        case ItemType::single_choice:
          if (!item.required && random.chance(kSkipItem)) break;
          answer = static_cast<double>(
              item.options[static_cast<std::size_t>(random.uniform() *
                                                    static_cast<double>(item.options.size()))]
                  .code);
          break;
        case ItemType::integer:
          if (item.min && item.max)
            answer = *item.min + std::floor(random.uniform() * (*item.max - *item.min + 1));
          break;
        case ItemType::decimal:
          if (item.min && item.max) answer = random.uniform(*item.min, *item.max);
          break;
        case ItemType::multiple_choice:  // one option, when required
          if (item.required && !item.options.empty())
            answer = static_cast<double>(item.options.front().code);
          break;
        case ItemType::date:
        case ItemType::text: break;  // never generated
      }
    }
  }

  static AnswerValue answer_of(const Item& item, double cell) {
    switch (item.type) {
      case ItemType::yes_no: return cell != 0;
      case ItemType::decimal: return cell;
      case ItemType::municipality: {
        std::string code = std::to_string(static_cast<int>(cell));
        return std::string(4 - std::min<std::size_t>(4, code.size()), '0') + code;
      }
      case ItemType::multiple_choice:
        return std::vector<std::int64_t>{static_cast<std::int64_t>(cell)};
      default: return static_cast<std::int64_t>(cell);
    }
  }

  // Generates the next response into `record`; false after the last.
  bool generate() {
    while (current < municipalities.size() && left_in_current == 0) {
      ++current;
      if (current < municipalities.size()) left_in_current = truth.respondents[current];
    }
    if (current >= municipalities.size()) return false;
    --left_in_current;
    ++produced;
    std::fill(record.begin(), record.end(), std::numeric_limits<double>::quiet_NaN());
    double case_mix = 0;
    answer_background(current, case_mix);
    answer_scales(current, case_mix);
    answer_burden(current);
    answer_others(municipalities[current]);
    // Only the items that visible_if expressions read decide visibility.
    std::vector<double> key;
    for (std::size_t index : visibility_inputs) {
      key.push_back(std::isnan(record[index]) ? -std::numeric_limits<double>::infinity()
                                              : record[index]);
    }
    auto cached = hidden_by_inputs.find(key);
    if (cached == hidden_by_inputs.end()) {
      Answers inputs;
      for (std::size_t index : visibility_inputs) {
        const Item& item = questionnaire->items[index];
        if (!std::isnan(record[index])) inputs.emplace(item.id, answer_of(item, record[index]));
      }
      std::vector<bool> visible = visible_items(*questionnaire, inputs);
      std::vector<std::size_t> hidden;
      for (std::size_t i = 0; i < visible.size(); ++i) {
        if (!visible[i]) hidden.push_back(i);
      }
      cached = hidden_by_inputs.emplace(key, std::move(hidden)).first;
    }
    for (std::size_t index : cached->second)
      record[index] = std::numeric_limits<double>::quiet_NaN();
    return true;
  }

  Response response() {
    const Municipality& municipality = municipalities[current];
    Response response;
    response.questionnaire_id = questionnaire->id;
    response.questionnaire_version = questionnaire->version;
    response.language = language_for(municipality);
    response.municipality = municipality.code;
    response.completeness = Completeness::complete;
    for (std::size_t i = 0; i < record.size(); ++i) {
      const Item& item = questionnaire->items[i];
      if (!std::isnan(record[i])) response.answers.emplace(item.id, answer_of(item, record[i]));
    }
    return response;
  }

  // pack_answers() of response(), without the map: the cell rules of
  // store/response_matrix.h for the answer kinds the model produces.
  void row(std::vector<double>& values) const {
    values.resize(columns.size());
    for (std::size_t c = 0; c < columns.size(); ++c) {
      double cell = record[columns[c].item_index];
      if (columns[c].option_code && !std::isnan(cell)) {
        cell = cell == static_cast<double>(*columns[c].option_code) ? 1 : 0;
      }
      values[c] = cell;
    }
  }
};

SyntheticSurvey::SyntheticSurvey(std::shared_ptr<const Questionnaire> questionnaire,
                                 const MunicipalityRegistry& municipalities,
                                 const SyntheticOptions& options)
    : model_(std::make_unique<Model>(std::move(questionnaire), municipalities, options)) {}

SyntheticSurvey::~SyntheticSurvey() = default;

const SyntheticTruth& SyntheticSurvey::truth() const { return model_->truth; }

std::int64_t SyntheticSurvey::size() const { return model_->total; }

std::optional<Response> SyntheticSurvey::next() {
  if (!model_->generate()) return std::nullopt;
  return model_->response();
}

bool SyntheticSurvey::next_row(std::vector<double>& values, std::uint16_t& municipality) {
  if (!model_->generate()) return false;
  // The language is drawn in response(); draw it here too so both paths
  // consume the same random numbers.
  (void)model_->language_for(model_->municipalities[model_->current]);
  model_->row(values);
  municipality =
      static_cast<std::uint16_t>(std::stoi(model_->municipalities[model_->current].code));
  return true;
}

const std::shared_ptr<const Questionnaire>& SyntheticSurvey::questionnaire() const {
  return model_->questionnaire;
}

WaveData synthetic_wave_data(SyntheticSurvey& survey, const MunicipalityRegistry& municipalities) {
  const auto& questionnaire = survey.questionnaire();
  std::vector<MatrixColumn> columns = matrix_columns(*questionnaire);
  WaveDataBuilder builder("synthetic", questionnaire, columns, municipalities, survey.size());
  std::vector<double> row;
  std::uint16_t municipality = 0;
  while (survey.next_row(row, municipality)) builder.add_row(row, municipality);
  return std::move(builder).finish();
}

}  // namespace parorende::analytics
