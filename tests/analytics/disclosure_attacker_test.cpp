// An attacker who has only what parorende publishes — the JSON of the
// report publish_current_results() returns, and the researcher export's
// tables — and the formulas of docs/analytics.md, and who tries to recover
// what disclosure control withholds: the n or mean of a municipality with
// fewer than k respondents, of the respondents without a municipality, or
// of any other group of 1..k-1. The rounds are crafted in a real store.
// The attacker code reads only the Release; the judge (the Truth) reads
// every row, as the data owner would, to say whether what the attacker got
// is withheld. Written from the docs, not from analytics/*.cpp.
//
// One file of ~1,750 lines on purpose: every attack shares the parser of
// the release and the judge, and reading them together is how a reviewer
// checks that the attacker never looks at more than what is published.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <Eigen/Dense>
#include <algorithm>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value_to.hpp>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "analytics/disclosure_control.h"
#include "analytics/export/dataset.h"
#include "analytics/published_results.h"
#include "analytics/report_json.h"
#include "analytics/statistics/not_a_number.h"
#include "analytics/statistics/psychometrics.h"
#include "analytics/synthetic.h"
#include "analytics/wave_analysis.h"
#include "common/calendar.h"
#include "common/json_input.h"
#include "store/response_store.h"
#include "test_support.h"

namespace parorende::analytics {
namespace {

namespace json = boost::json;
using parorende::testing::TempDir;

constexpr int k = kDefaultMinRespondents;
constexpr double kZ975 = 1.959963984540054;  // the normal quantile of the shrunken CIs

constexpr Date kClosedOpens{2025, 1, 1};
constexpr Date kClosedCloses{2025, 12, 31};

// Equal to the last few bits: how a mean recovered by subtraction compares
// with the group it would reveal.
bool same_value(double a, double b) {
  return std::isfinite(a) && std::isfinite(b) &&
         std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
}

bool near_relative(double a, double b, double tolerance) {
  return std::abs(a - b) <= tolerance * std::max(1.0, std::max(std::abs(a), std::abs(b)));
}

// ---------------------------------------------------------------- rounds

// Respondents wanted in a municipality; code "" means without one.
struct Placement {
  std::string code;
  int respondents = 0;
};

const Municipality& real_municipality(std::string_view code) {
  const Municipality* found = builtin_municipalities().find(code);
  if (found == nullptr) throw std::logic_error("not a municipality: " + std::string(code));
  return *found;
}

// Real codes, counties and areas, with the population set to the number of
// respondents wanted: SyntheticSurvey allocates in proportion to population
// (largest remainder), so each gets exactly that many.
MunicipalityRegistry registry_of(const std::vector<Placement>& placements) {
  std::string csv = "code,name,county_code,county_name,population,area_km2,written_standard\n";
  for (const Placement& placement : placements) {
    const Municipality& municipality = real_municipality(placement.code);
    csv += municipality.code + ",M" + municipality.code + "," + municipality.county_code + ",C" +
           municipality.county_code + "," + std::to_string(placement.respondents) + "," +
           std::to_string(municipality.area_km2) + ",nb\n";
  }
  auto parsed = MunicipalityRegistry::parse_csv(csv);
  if (!parsed) throw std::runtime_error(parsed.error().describe());
  return std::move(parsed).value();
}

// What the attacker is given: the served JSON and the export's tables.
struct Release {
  std::string text;                        // wave_report_json, serialized as the API sends it
  json::object report;                     // that text parsed back: all the attacker reads of it
  ExportDataset dataset;                   // export_dataset of the same report
  std::vector<std::string> table_csv;      // each export table encoded, for byte comparisons
  std::vector<QuestionAnswers> questions;  // the answers per question, once closed
};

// The JSON and export tables of a report, as a reader gets them.
Release release_of(const WaveReport& report, const Questionnaire& questionnaire,
                   const std::vector<BackgroundCell>& background,
                   std::vector<QuestionAnswers> questions = {}) {
  Release release;
  release.questions = std::move(questions);
  release.text = json::serialize(wave_report_json(report));
  release.report = json::parse(release.text).as_object();
  release.dataset = export_dataset(report, questionnaire, background, today_utc());
  for (const ExportTable& table : release.dataset.tables) {
    auto encoded = encode_table(table, ExportFormat::csv);
    if (!encoded) throw std::runtime_error(encoded.error().describe());
    release.table_csv.push_back(encoded.value());
  }
  return release;
}

// A wave of one questionnaire in a store of its own.
class Round {
 public:
  Round(const std::string& questionnaire_file, Date opens, Date closes) {
    path_ = (directory_.path() / "round.db").string();
    StoreOptions options;
    options.path = path_;
    options.synchronous = StoreOptions::Synchronous::normal;
    auto opened = ResponseStore::open(options);
    if (!opened) throw std::runtime_error(opened.error().describe());
    store_ = std::move(opened).value();
    auto text =
        read_text_file(std::string(PARORENDE_SOURCE_DIR) + "/questionnaires/" + questionnaire_file);
    if (!text) throw std::runtime_error(text.error().describe());
    if (auto published = store_->publish_questionnaire(text.value()); !published) {
      throw std::runtime_error(published.error().describe());
    }
    std::string id = questionnaire_file.substr(0, questionnaire_file.find('.'));
    auto questionnaire = store_->questionnaire(id);
    if (!questionnaire) throw std::runtime_error(questionnaire.error().describe());
    questionnaire_ = questionnaire.value();
    consent_ = questionnaire_->consent ? questionnaire_->consent->version : "x";
    auto wave = store_->create_wave({kWave, id, std::nullopt, opens, closes, {}});
    if (!wave) throw std::runtime_error(wave.error().describe());
  }

  // Synthetic responses placed as asked; those without a municipality are
  // drawn for a stand-in municipality and then lose it.
  std::vector<Response> responses(const std::vector<Placement>& placements,
                                  std::uint64_t seed) const {
    std::vector<Placement> with_municipality;
    int without = 0;
    for (const Placement& placement : placements) {
      if (placement.code.empty()) {
        without += placement.respondents;
      } else {
        with_municipality.push_back(placement);
      }
    }
    std::vector<Response> made;
    auto draw = [&](const std::vector<Placement>& where, std::uint64_t draw_seed,
                    bool keep_municipality) {
      std::int64_t total = 0;
      for (const Placement& placement : where) total += placement.respondents;
      if (total == 0) return;
      SyntheticSurvey survey(questionnaire_, registry_of(where), {total, draw_seed});
      while (auto response = survey.next()) {
        if (!keep_municipality) response->municipality.clear();
        made.push_back(std::move(*response));
      }
    };
    draw(with_municipality, seed, true);
    draw({{"5501", without}}, seed + 1000, false);
    return made;
  }

  void import(const std::vector<Placement>& placements, std::uint64_t seed) {
    import(responses(placements, seed));
  }

  void import(std::vector<Response> responses) {
    std::vector<ImportedResponse> batch;
    for (Response& response : responses) batch.push_back({std::move(response), consent_});
    auto imported = store_->import_responses(kWave, batch, today_utc());
    if (!imported) throw std::runtime_error(imported.error().describe());
  }

  // Through the caregivers' route, for receipt codes.
  std::vector<SubmitReceipt> submit(const std::string& code, int count, std::uint64_t seed) {
    std::vector<SubmitReceipt> receipts;
    for (const Response& response : responses({{code, count}}, seed)) {
      auto receipt = store_->submit(kWave, response, consent_, today_utc());
      if (!receipt) throw std::runtime_error(receipt.error().describe());
      receipts.push_back(std::move(receipt).value());
    }
    return receipts;
  }

  void erase(const SubmitReceipt& receipt) {
    if (auto erased = store_->erase(receipt.receipt_code); !erased) {
      throw std::runtime_error(erased.error().describe());
    }
  }

  // What a reader of the results API and the export gets now.
  // `today` after the last day reads the round as closed.
  Release publish(Date today = today_utc()) {
    auto current = publish_current_results(*store_, path_, kWave, k, today);
    if (!current) throw std::runtime_error(current.error().describe());
    return release_of(current->results.report, *current->questionnaire, current->results.background,
                      current->results.questions);
  }

  const Questionnaire& questionnaire() const { return *questionnaire_; }

  // Every row, with the store's publication marks: the owner's view.
  WaveData rows() {
    auto data = load_wave_data(*store_, path_, kWave, builtin_municipalities());
    if (!data) throw std::runtime_error(data.error().describe());
    return std::move(data).value();
  }

 private:
  static constexpr const char* kWave = "round";
  TempDir directory_;
  std::string path_;
  std::unique_ptr<ResponseStore> store_;
  std::shared_ptr<const Questionnaire> questionnaire_;
  std::string consent_;
};

// ------------------------------------------------- what the attacker reads

double number(const json::value& value) {
  return value.is_null() ? kNaN : value.to_number<double>();
}

const json::value* member(const json::object& object, std::string_view key) {
  auto found = object.find(key);
  return found == object.end() ? nullptr : &found->value();
}

// A figure at `path` (keys), NaN when absent or null.
double figure(const json::object& object, std::initializer_list<std::string_view> path) {
  const json::object* at = &object;
  const json::value* value = nullptr;
  for (std::string_view key : path) {
    value = member(*at, key);
    if (value == nullptr || value->is_null()) return kNaN;
    if (value->is_object()) at = &value->as_object();
  }
  return value == nullptr || !value->is_number() ? kNaN : value->to_number<double>();
}

// A published (or withheld) cell as the attacker sees it.
struct Cell {
  std::string code;
  std::string county;  // a municipality's
  bool published = false;
  std::int64_t n = 0;
  double mean = kNaN;
  double sd = kNaN;
  std::vector<std::int64_t> counts;  // burden categories
  const json::object* object = nullptr;
  double sum() const { return static_cast<double>(n) * mean; }
  // Σx² from n, mean and SD; NaN when the SD is not published.
  double squares() const {
    if (n == 1) return mean * mean;
    return sd * sd * static_cast<double>(n - 1) + static_cast<double>(n) * mean * mean;
  }
};

// One scale or burden instrument as published.
struct PublishedTable {
  std::string id;
  bool scale = true;
  const json::object* object = nullptr;
  Cell nation;
  std::vector<Cell> counties;
  std::vector<Cell> municipalities;
  // background_scale: characteristic -> its groups (code = group)
  std::map<std::string, std::vector<Cell>> background;
};

Cell cell_of(const json::object& object, bool scale) {
  Cell cell;
  cell.object = &object;
  if (const json::value* code = member(object, "code"))
    cell.code = json::value_to<std::string>(*code);
  if (const json::value* county = member(object, "county")) {
    cell.county = json::value_to<std::string>(*county);
  }
  cell.published = !object.at("suppressed").as_bool();
  if (!cell.published) return cell;
  cell.n = object.at("n").to_number<std::int64_t>();
  if (scale) {
    const json::object& raw = member(object, "raw") ? object.at("raw").as_object() : object;
    cell.mean = number(raw.at("mean"));
    cell.sd = number(raw.at("sd"));
  } else {
    for (const json::value& share : object.at("shares").as_array()) {
      cell.counts.push_back(share.at("count").to_number<std::int64_t>());
    }
  }
  return cell;
}

// An export cell as text or number; nullopt when withheld or undefined.
std::optional<std::string> export_text(const ExportCell& cell) {
  if (const auto* text = std::get_if<std::string>(&cell)) return *text;
  if (const auto* value = std::get_if<double>(&cell)) {
    if (*value == std::floor(*value)) return std::to_string(static_cast<long long>(*value));
    return std::to_string(*value);
  }
  return std::nullopt;
}

std::optional<double> export_number(const ExportCell& cell) {
  if (const auto* value = std::get_if<double>(&cell)) return *value;
  return std::nullopt;
}

const ExportTable& export_table(const Release& release, std::string_view name) {
  for (const ExportTable& table : release.dataset.tables) {
    if (table.name == name) return table;
  }
  throw std::logic_error("no export table " + std::string(name));
}

std::size_t column(const ExportTable& table, std::string_view name) {
  for (std::size_t c = 0; c < table.variables.size(); ++c) {
    if (table.variables[c].name == name) return c;
  }
  throw std::logic_error("no column " + std::string(name) + " in " + table.name);
}

std::vector<PublishedTable> published_tables(const Release& release) {
  std::vector<PublishedTable> tables;
  for (const json::value& value : release.report.at("scales").as_array()) {
    const json::object& scale = value.as_object();
    PublishedTable table;
    table.id = json::value_to<std::string>(scale.at("id"));
    table.object = &scale;
    table.nation = cell_of(scale.at("national").as_object(), true);
    for (const json::value& county : scale.at("counties").as_array()) {
      table.counties.push_back(cell_of(county.as_object(), true));
    }
    for (const json::value& municipality : scale.at("municipalities").as_array()) {
      table.municipalities.push_back(cell_of(municipality.as_object(), true));
    }
    tables.push_back(std::move(table));
  }
  for (const json::value& value : release.report.at("burden").as_array()) {
    const json::object& burden = value.as_object();
    PublishedTable table;
    table.id = json::value_to<std::string>(burden.at("id"));
    table.scale = false;
    table.object = &burden;
    table.nation = cell_of(burden.at("national").as_object(), false);
    for (const json::value& county : burden.at("counties").as_array()) {
      table.counties.push_back(cell_of(county.as_object(), false));
    }
    for (const json::value& municipality : burden.at("municipalities").as_array()) {
      Cell cell = cell_of(municipality.as_object(), false);
      // Which county a municipality is in is public (data/municipalities.csv).
      cell.county = real_municipality(cell.code).county_code;
      table.municipalities.push_back(std::move(cell));
    }
    tables.push_back(std::move(table));
  }
  // The background table: the nation split by caregiver background.
  const ExportTable& background = export_table(release, "background_scale");
  const std::size_t characteristic = column(background, "characteristic");
  const std::size_t group = column(background, "group");
  const std::size_t scale = column(background, "scale");
  const std::size_t n = column(background, "n");
  const std::size_t mean = column(background, "mean");
  const std::size_t sd = column(background, "sd");
  for (const std::vector<ExportCell>& row : background.rows) {
    for (PublishedTable& table : tables) {
      if (!table.scale || export_text(row[scale]) != table.id) continue;
      Cell cell;
      cell.code = export_text(row[group]).value_or("?");
      cell.published = export_number(row[n]).has_value();
      if (cell.published) {
        cell.n = static_cast<std::int64_t>(*export_number(row[n]));
        cell.mean = export_number(row[mean]).value_or(kNaN);
        cell.sd = export_number(row[sd]).value_or(kNaN);
      }
      table.background[export_text(row[characteristic]).value_or("?")].push_back(cell);
    }
  }
  return tables;
}

// ------------------------------------------------ the judge: every row

// A group of respondents in one table: its count, score sum and categories.
struct Group {
  std::string label;
  std::int64_t n = 0;
  double sum = 0;
  double squares = 0;
  std::vector<std::int64_t> categories;
  double mean() const { return n > 0 ? sum / static_cast<double>(n) : kNaN; }
};

// The variance (n - 1) of a group from its sums; NaN below two.
double variance_of(std::int64_t n, double sum, double squares) {
  if (n < 2) return kNaN;
  const double count = static_cast<double>(n);
  return (squares - sum * sum / count) / (count - 1);
}

struct TableTruth {
  std::string id;
  bool scale = true;
  int bit = 0;  // the table's bit in the publication marks
  // Every group with 1..k-1 respondents that a release must not reveal:
  // municipalities, counties and the respondents without a municipality
  // (all rows), what waits unpublished, background groups.
  std::vector<Group> small;
  // Rows published in this table, by block (municipality code; 0 the pool).
  std::map<int, Group> published_by_block;
  // Published rows by background group, "age_band=3".
  std::map<std::string, Group> published_background;
};

class Truth {
 public:
  explicit Truth(WaveData data) : data_(std::move(data)) {
    const int scales = static_cast<int>(data_.scales.size());
    for (int s = 0; s < scales; ++s) tables_.push_back(table_truth(s, true, s));
    for (std::size_t b = 0; b < data_.burden_category.size(); ++b) {
      tables_.push_back(table_truth(static_cast<int>(b), false, scales + static_cast<int>(b)));
    }
  }

  const WaveData& data() const { return data_; }
  const TableTruth& table(std::size_t t) const { return tables_.at(t); }
  std::size_t table_count() const { return tables_.size(); }

  bool has_figure(Eigen::Index row, const TableTruth& table) const {
    if (table.scale) return std::isfinite(data_.scale_scores(row, table.bit));
    const int b = table.bit - static_cast<int>(data_.scales.size());
    return data_.burden_category[static_cast<std::size_t>(b)][static_cast<std::size_t>(row)] >= 0;
  }
  bool published_in(Eigen::Index row, const TableTruth& table) const {
    const RowPublication& mark = data_.publication[static_cast<std::size_t>(row)];
    return mark.block != kNotPublished && ((mark.tables >> table.bit) & 1u) != 0;
  }
  int block_of(Eigen::Index row) const {
    return data_.publication[static_cast<std::size_t>(row)].block;
  }
  std::string municipality_code(Eigen::Index row) const {
    const int index = data_.municipality_of_row[static_cast<std::size_t>(row)];
    return index < 0 ? std::string()
                     : builtin_municipalities().all()[static_cast<std::size_t>(index)].code;
  }
  double score(Eigen::Index row, const TableTruth& table) const {
    return table.scale ? data_.scale_scores(row, table.bit) : 0.0;
  }
  std::int64_t published_responses() const {
    std::int64_t count = 0;
    for (const RowPublication& mark : data_.publication) count += mark.tables != 0 ? 1 : 0;
    return count;
  }
  Eigen::Index row_of_response(std::int64_t response_id) const {
    for (std::size_t r = 0; r < data_.publication.size(); ++r) {
      if (data_.publication[r].response_id == response_id) return static_cast<Eigen::Index>(r);
    }
    throw std::logic_error("no response " + std::to_string(response_id));
  }

 private:
  void add(Group& group, Eigen::Index row, const TableTruth& table) const {
    ++group.n;
    if (table.scale) {
      group.sum += data_.scale_scores(row, table.bit);
      group.squares += data_.scale_scores(row, table.bit) * data_.scale_scores(row, table.bit);
    } else {
      const int b = table.bit - static_cast<int>(data_.scales.size());
      const int category =
          data_.burden_category[static_cast<std::size_t>(b)][static_cast<std::size_t>(row)];
      if (group.categories.size() <= static_cast<std::size_t>(category)) {
        group.categories.resize(static_cast<std::size_t>(category) + 1);
      }
      ++group.categories[static_cast<std::size_t>(category)];
    }
  }

  TableTruth table_truth(int index, bool scale, int bit) const {
    TableTruth table;
    table.scale = scale;
    table.bit = bit;
    table.id = scale ? data_.scales[static_cast<std::size_t>(index)].scale_id
                     : data_.questionnaire->burden_instruments[static_cast<std::size_t>(index)].id;
    std::map<std::string, Group> groups;
    for (Eigen::Index row = 0; row < data_.respondents(); ++row) {
      if (!has_figure(row, table)) continue;
      const std::string code = municipality_code(row);
      const std::string county = code.empty() ? "" : real_municipality(code).county_code;
      const bool published = published_in(row, table);
      add(groups[code.empty() ? "respondents without a municipality" : "municipality " + code], row,
          table);
      if (!county.empty()) add(groups["county " + county], row, table);
      if (!published) {
        add(groups["unpublished rows of " + (code.empty() ? std::string("no municipality") : code)],
            row, table);
        add(groups["every unpublished row"], row, table);
      } else {
        add(table.published_by_block[block_of(row)], row, table);
      }
      if (scale) {
        for (const CategoricalVariable& variable : data_.case_mix) {
          const std::string& level =
              variable.level_names[variable.level_of_row[static_cast<std::size_t>(row)]];
          add(groups["background " + variable.name + "=" + level], row, table);
          if (published) add(table.published_background[variable.name + "=" + level], row, table);
        }
      }
    }
    for (auto& [label, group] : groups) {
      group.label = label;
      if (group.n > 0 && group.n < k) table.small.push_back(group);
    }
    return table;
  }

  WaveData data_;
  std::vector<TableTruth> tables_;
};

// ------------------------------------------------ the attacker's results

// What subtracting published figures leaves.
struct Residual {
  std::string what;
  std::int64_t n = 0;
  double sum = kNaN;      // NaN when only the count is known
  double squares = kNaN;  // Σx², NaN when not known
  std::vector<std::int64_t> counts;
};

Residual subtract(std::string what, const Cell& total, const std::vector<const Cell*>& parts) {
  Residual residual{std::move(what), total.n, total.sum(), total.squares(), total.counts};
  for (const Cell* part : parts) {
    residual.n -= part->n;
    residual.sum -= part->sum();
    residual.squares -= part->squares();
    for (std::size_t c = 0; c < residual.counts.size() && c < part->counts.size(); ++c) {
      residual.counts[c] -= part->counts[c];
    }
  }
  return residual;
}

// The judge: a residual rests on 0 or at least k respondents; with none its
// sums are zero too (else published n and means disagree, and the
// difference is someone's); and its mean and variance are no withheld small
// group's. (Scores are discrete: a mean alone can match by chance, as 14
// respondents averaging 45 and one who scored 45.)
void expect_reveals_nothing(const Residual& residual, const TableTruth& truth) {
  EXPECT_TRUE(residual.n == 0 || std::llabs(residual.n) >= k)
      << truth.id << ": " << residual.what << " leaves " << residual.n << " respondents";
  if (residual.n == 0) {
    if (std::isfinite(residual.sum)) {
      EXPECT_NEAR(residual.sum, 0, 1e-6)
          << truth.id << ": " << residual.what << " has no respondents but a sum";
    }
    return;
  }
  if (!std::isfinite(residual.sum)) return;
  const double mean = residual.sum / static_cast<double>(residual.n);
  const double variance = variance_of(residual.n, residual.sum, residual.squares);
  for (const Group& group : truth.small) {
    if (!same_value(mean, group.mean())) continue;
    const double group_variance =
        group.n == 1 ? 0.0 : variance_of(group.n, group.sum, group.squares);
    const bool same_spread = !std::isfinite(variance) || std::abs(variance - group_variance) <=
                                                             1e-6 * std::max(1.0, group_variance);
    EXPECT_FALSE(same_spread) << truth.id << ": " << residual.what << " (n " << residual.n
                              << ", mean " << mean << ", variance " << variance << ") is "
                              << group.label << " (n " << group.n << ", variance " << group_variance
                              << ")";
  }
  if (!residual.counts.empty()) {
    for (const Group& group : truth.small) {
      EXPECT_FALSE(residual.n == group.n && residual.counts == group.categories)
          << truth.id << ": " << residual.what << " gives the categories of " << group.label;
    }
  }
}

// How much of each attack actually ran, so no check passes by finding nothing.
struct Tally {
  int residuals = 0;
  int models_inverted = 0;
  int case_mix_terms = 0;
  int similar_inverted = 0;
  int comparisons_checked = 0;
  int question_tables = 0;  // scales whose answers per question were attacked
};

// -------------------------------------------------- rule 3 and exports

// Everything of a withheld cell is withheld, and a published cell rests on
// at least k.
void expect_withheld_cells_empty(const PublishedTable& table) {
  auto check_area = [&](const Cell& cell) {
    const json::object& object = *cell.object;
    if (cell.published) {
      EXPECT_GE(cell.n, k) << table.id << " " << cell.code;
      return;
    }
    EXPECT_TRUE(object.at("n").is_null()) << table.id << " " << cell.code;
    for (std::string_view key : {"mean", "sd", "se", "raw", "adjusted", "shrunken",
                                 "versus_national", "versus_county", "versus_similar", "shares"}) {
      const json::value* value = member(object, key);
      if (value == nullptr || value->is_null()) continue;
      const std::string text = json::serialize(*value);
      EXPECT_EQ(text.find_first_of("0123456789"), std::string::npos)
          << table.id << " " << cell.code << " withheld but its " << key << " is " << text;
    }
  };
  check_area(table.nation);
  for (const Cell& cell : table.counties) check_area(cell);
  for (const Cell& cell : table.municipalities) check_area(cell);
  for (const auto& [characteristic, groups] : table.background) {
    for (const Cell& group : groups) {
      if (group.published) {
        EXPECT_GE(group.n, k) << table.id << " " << characteristic << "=" << group.code;
      }
    }
  }
}

// The export carries no figure the JSON withholds, and the same numbers.
void expect_exports_match_json(const Release& release, const std::vector<PublishedTable>& tables) {
  auto compare = [&](const ExportTable& table, std::size_t key_column, std::size_t table_column,
                     const std::map<std::string, const Cell*>& cells, const std::string& what) {
    const std::size_t n = column(table, "n");
    for (const std::vector<ExportCell>& row : table.rows) {
      const std::string key = export_text(row[key_column]).value_or("?") + "/" +
                              export_text(row[table_column]).value_or("?");
      auto found = cells.find(key);
      ASSERT_NE(found, cells.end()) << what << " row " << key << " is not in the JSON";
      const Cell& cell = *found->second;
      if (!cell.published) {
        EXPECT_FALSE(export_number(row[n]).has_value())
            << what << " " << key << " withheld in the JSON";
        for (const ExportCell& value : row) {
          if (const double* number = std::get_if<double>(&value)) {
            // Only codes are left: the suppression reason and comparison verdicts.
            EXPECT_TRUE(*number == std::floor(*number) && std::abs(*number) < 10)
                << what << " " << key << " withheld but exports " << *number;
          }
        }
        continue;
      }
      EXPECT_EQ(export_number(row[n]).value_or(-1), static_cast<double>(cell.n))
          << what << " " << key;
      if (std::isfinite(cell.mean)) {
        // The same mean, to the last bits or so.
        EXPECT_TRUE(near_relative(export_number(row[column(table, "mean")]).value_or(kNaN),
                                  cell.mean, 1e-13))
            << what << " " << key;
      }
    }
  };
  std::map<std::string, const Cell*> municipal, regional;
  for (const PublishedTable& table : tables) {
    if (!table.scale) continue;
    for (const Cell& cell : table.municipalities) municipal[cell.code + "/" + table.id] = &cell;
    for (const Cell& cell : table.counties) regional[cell.code + "/" + table.id] = &cell;
    regional["00/" + table.id] = &table.nation;
  }
  const ExportTable& by_municipality = export_table(release, "municipality_scale");
  compare(by_municipality, column(by_municipality, "municipality"),
          column(by_municipality, "scale"), municipal, "municipality_scale");
  const ExportTable& by_county = export_table(release, "county_scale");
  compare(by_county, column(by_county, "county"), column(by_county, "scale"), regional,
          "county_scale");

  const ExportTable& burden = export_table(release, "burden_categories");
  std::map<std::string, const PublishedTable*> burden_tables;
  for (const PublishedTable& table : tables) {
    if (!table.scale) burden_tables[table.id] = &table;
  }
  for (const std::vector<ExportCell>& row : burden.rows) {
    const std::string level = export_text(row[column(burden, "level")]).value_or("?");
    const std::string code = export_text(row[column(burden, "code")]).value_or("?");
    const std::string instrument = export_text(row[column(burden, "instrument")]).value_or("?");
    ASSERT_TRUE(burden_tables.count(instrument)) << instrument;
    const PublishedTable& table = *burden_tables.at(instrument);
    const Cell* cell = level == "nation" ? &table.nation : nullptr;
    for (const Cell& candidate : level == "county" ? table.counties : table.municipalities) {
      if (level != "nation" && candidate.code == code) cell = &candidate;
    }
    ASSERT_NE(cell, nullptr) << level << " " << code;
    const auto n = export_number(row[column(burden, "n")]);
    if (!cell->published) {
      EXPECT_FALSE(n.has_value()) << "burden " << level << " " << code << " withheld in the JSON";
      EXPECT_FALSE(export_number(row[column(burden, "count")]).has_value()) << level << " " << code;
    } else {
      EXPECT_EQ(n.value_or(-1), static_cast<double>(cell->n)) << level << " " << code;
    }
  }
}

// ------------------------------------------ attack a: linear differencing

void attack_by_differencing(const PublishedTable& table, const TableTruth& truth,
                            bool background_current, Tally& tally) {
  auto judge = [&](const Residual& residual) {
    ++tally.residuals;
    expect_reveals_nothing(residual, truth);
  };
  std::map<std::string, std::vector<const Cell*>> published_in_county;
  std::vector<const Cell*> every_published_municipality;
  for (const Cell& municipality : table.municipalities) {
    if (!municipality.published) continue;
    published_in_county[municipality.county].push_back(&municipality);
    every_published_municipality.push_back(&municipality);
  }
  std::vector<const Cell*> published_counties;
  std::vector<const Cell*> finest =
      {};  // published counties, and published municipalities of the others
  for (const Cell& county : table.counties) {
    if (county.published) {
      published_counties.push_back(&county);
      finest.push_back(&county);
      judge(subtract("county " + county.code + " - its published municipalities", county,
                     published_in_county[county.code]));
    } else {
      for (const Cell* municipality : published_in_county[county.code])
        finest.push_back(municipality);
    }
  }
  if (!table.nation.published) return;
  judge(subtract("nation - published counties", table.nation, published_counties));
  judge(subtract("nation - published municipalities", table.nation, every_published_municipality));
  judge(subtract("nation - published counties - published municipalities of withheld counties",
                 table.nation, finest));
  // The background table is frozen at its first release: its groups add up
  // to that release's nation, not to a later one's (which differs from it by
  // the nation's own changes, each 0 or at least k: expect_safe_change).
  if (!background_current) return;
  for (const auto& [characteristic, groups] : table.background) {
    std::vector<const Cell*> published_groups;
    for (const Cell& group : groups) {
      if (group.published) published_groups.push_back(&group);
    }
    judge(subtract("nation - published " + characteristic + " groups", table.nation,
                   published_groups));
  }
}

// Attack a, harder: every published count and sum is a known sum over
// municipalities and the national pool; a withheld one whose indicator is
// in their span is recovered exactly.
void attack_by_solving(const PublishedTable& table, const TableTruth& truth, Tally& tally) {
  // A published county whose published municipalities add up to it says its
  // withheld ones are empty: the attacker sets those to zero.
  std::set<std::string> known_empty;
  for (const Cell& county : table.counties) {
    if (!county.published) continue;
    std::int64_t shown = 0;
    for (const Cell& municipality : table.municipalities) {
      if (municipality.county == county.code && municipality.published) shown += municipality.n;
    }
    if (shown != county.n) continue;
    for (const Cell& municipality : table.municipalities) {
      if (municipality.county != county.code || municipality.published) continue;
      known_empty.insert(municipality.code);
      // The judge: then nothing of it is published indeed.
      EXPECT_EQ(truth.published_by_block.count(std::stoi(municipality.code)), 0u)
          << truth.id << ": " << municipality.code << " looks empty but has published rows";
    }
  }
  // Unknowns: each other municipality and the national pool (code ""), by
  // the published cells each is part of. Unknowns in exactly the same cells
  // cannot be told apart, so they are one column of the system.
  enum class Level { nation, county, municipality };
  std::vector<const Cell*> cells;
  std::vector<Level> levels;
  if (table.nation.published) {
    cells.push_back(&table.nation);
    levels.push_back(Level::nation);
  }
  for (const Cell& county : table.counties) {
    if (!county.published) continue;
    cells.push_back(&county);
    levels.push_back(Level::county);
  }
  for (const Cell& municipality : table.municipalities) {
    if (!municipality.published) continue;
    cells.push_back(&municipality);
    levels.push_back(Level::municipality);
  }
  if (cells.empty()) return;
  auto part_of = [&](const std::string& code, const std::string& county, std::size_t c) {
    switch (levels[c]) {
      case Level::nation: return true;
      case Level::county: return !code.empty() && county == cells[c]->code;
      case Level::municipality: return !code.empty() && code == cells[c]->code;
    }
    return false;
  };
  std::map<std::vector<int>, std::vector<std::string>> unknowns_by_cells;
  auto place = [&](const std::string& code, const std::string& county) {
    std::vector<int> in;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      if (part_of(code, county, c)) in.push_back(static_cast<int>(c));
    }
    unknowns_by_cells[in].push_back(code);
  };
  for (const Cell& municipality : table.municipalities) {
    if (!known_empty.count(municipality.code)) place(municipality.code, municipality.county);
  }
  place("", "");
  std::vector<std::vector<int>> columns;
  std::vector<std::string> single;  // the one unknown of a column, or "several"
  for (const auto& [in, codes] : unknowns_by_cells) {
    columns.push_back(in);
    single.push_back(codes.size() == 1 ? codes.front() : "several");
  }
  // known' x = published counts: each published cell is a sum of columns.
  Eigen::MatrixXd known = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(columns.size()),
                                                static_cast<Eigen::Index>(cells.size()));
  for (std::size_t u = 0; u < columns.size(); ++u) {
    for (int c : columns[u]) known(static_cast<Eigen::Index>(u), c) = 1;
  }
  Eigen::VectorXd n(static_cast<Eigen::Index>(cells.size()));
  Eigen::VectorXd sum(n.size()), squares(n.size());
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const auto i = static_cast<Eigen::Index>(c);
    n(i) = static_cast<double>(cells[c]->n);
    sum(i) = table.scale ? cells[c]->sum() : 0;
    squares(i) = table.scale ? cells[c]->squares() : 0;
  }
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(known);
  for (std::size_t u = 0; u < columns.size(); ++u) {
    if (single[u] == "several") continue;
    const std::string& code = single[u];
    bool published = false;
    for (const Cell& municipality : table.municipalities) {
      if (municipality.code == code) published = municipality.published;
    }
    if (published) continue;
    Eigen::VectorXd target = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(columns.size()));
    target(static_cast<Eigen::Index>(u)) = 1;
    const Eigen::VectorXd weights = qr.solve(target);
    if ((known * weights - target).norm() > 1e-9) continue;  // not in the span: nothing recovered
    ++tally.residuals;
    const std::string what = code.empty() ? "the national pool" : "withheld municipality " + code;
    Residual recovered{what + " solved from every published count",
                       std::llround(weights.dot(n)),
                       table.scale ? weights.dot(sum) : kNaN,
                       table.scale ? weights.dot(squares) : kNaN,
                       {}};
    expect_reveals_nothing(recovered, truth);
    // The attack is exact: what it found is what that block publishes.
    auto block = truth.published_by_block.find(code.empty() ? kNationalPool : std::stoi(code));
    EXPECT_EQ(recovered.n, block == truth.published_by_block.end() ? 0 : block->second.n)
        << truth.id << ": " << what;
  }
}

// ------------------------------------------- attack b: empirical Bayes

struct ShrunkenCell {
  double n, mean, sd, estimate, reliability, se, ci_low, ci_high;
};

void attack_empirical_bayes(const PublishedTable& table, const TableTruth& truth, Tally& tally) {
  const json::value* shrinkage_value = member(*table.object, "shrinkage");
  if (shrinkage_value == nullptr || !shrinkage_value->is_object()) return;
  const json::object& shrinkage = shrinkage_value->as_object();
  const double model_respondents = figure(shrinkage, {"respondents"});
  if (!std::isfinite(model_respondents)) return;  // a table withheld nationally
  if (model_respondents == 0) {                   // no municipality published: no model to invert
    for (const char* name :
         {"national_mean", "national_mean_variance", "within_variance", "between_variance"}) {
      EXPECT_FALSE(std::isfinite(figure(shrinkage, {name})))
          << truth.id << ": a model on no respondents has a " << name;
    }
    return;
  }

  std::vector<ShrunkenCell> cells;
  for (const Cell& municipality : table.municipalities) {
    if (!municipality.published) continue;
    const json::object& object = *municipality.object;
    const json::array& ci = object.at("shrunken").at("ci").as_array();
    cells.push_back({static_cast<double>(municipality.n), municipality.mean, municipality.sd,
                     figure(object, {"shrunken", "mean"}),
                     figure(object, {"shrunken", "reliability"}),
                     figure(object, {"shrunken", "se"}), number(ci[0]), number(ci[1])});
  }
  ASSERT_FALSE(cells.empty()) << truth.id << ": a model without a published municipality";

  // What the published cells alone give (docs/analytics.md, one-way ANOVA).
  double published_n = 0, published_sum = 0, published_n_squared = 0, within = 0;
  for (const ShrunkenCell& cell : cells) {
    published_n += cell.n;
    published_sum += cell.n * cell.mean;
    published_n_squared += cell.n * cell.n;
    if (cell.n > 1) within += (cell.n - 1) * cell.sd * cell.sd;
  }
  const double groups = static_cast<double>(cells.size());
  const double published_target = published_sum / published_n;
  const double published_sigma2 = within / (published_n - groups);
  double between = 0;
  for (const ShrunkenCell& cell : cells)
    between += cell.n * std::pow(cell.mean - published_target, 2);
  const double msb = between / (groups - 1);
  const double n0 = (published_n - published_n_squared / published_n) / (groups - 1);
  const double published_tau2 = std::max(0.0, (msb - published_sigma2) / n0);

  // The inversion, from the municipalities' raw and shrunken figures only.
  // estimate = target + λ (ȳ - target): the target from the least reliable.
  const ShrunkenCell* least = &cells.front();
  for (const ShrunkenCell& cell : cells) {
    if (cell.reliability < least->reliability) least = &cell;
    // The published interval is estimate ± z se (a check of the attack's reading).
    EXPECT_TRUE(near_relative((cell.ci_high - cell.ci_low) / 2, kZ975 * cell.se, 1e-9)) << truth.id;
  }
  const double target =
      (least->estimate - least->reliability * least->mean) / (1 - least->reliability);
  // se² = (λ/n) σ² + (1 - λ)² Var(ȳ): σ² and Var(ȳ) by least squares over all.
  Eigen::MatrixXd design(static_cast<Eigen::Index>(cells.size()), 2);
  Eigen::VectorXd variance(static_cast<Eigen::Index>(cells.size()));
  for (std::size_t c = 0; c < cells.size(); ++c) {
    const auto row = static_cast<Eigen::Index>(c);
    design(row, 0) = cells[c].reliability / cells[c].n;
    design(row, 1) = std::pow(1 - cells[c].reliability, 2);
    variance(row) = cells[c].se * cells[c].se;
  }
  const double tau2_published = figure(shrinkage, {"between_variance"});
  double sigma2 = figure(shrinkage, {"within_variance"});
  double target_variance = 0;
  double tau2 = 0;
  if (least->reliability > 0 && cells.size() >= 2) {
    Eigen::Vector2d solved = design.colPivHouseholderQr().solve(variance);
    sigma2 = solved(0);
    target_variance = solved(1);
    // λ = τ² / (τ² + σ²/n)  =>  σ²/τ² = n (1/λ - 1)
    tau2 = sigma2 / (least->n * (1 / least->reliability - 1));
  } else {
    target_variance = cells.front().se * cells.front().se;  // λ = 0: se² = Var(ȳ)
  }
  // Var(ȳ) = (τ² Σn² + σ² N) / N²  =>  Σn²
  const double n_squared =
      tau2 > 0
          ? (target_variance * model_respondents * model_respondents - sigma2 * model_respondents) /
                tau2
          : kNaN;
  if (tau2 > 0) ++tally.models_inverted;

  // The attack read the model right...
  EXPECT_TRUE(near_relative(target, figure(shrinkage, {"national_mean"}), 1e-9)) << truth.id;
  EXPECT_TRUE(near_relative(target_variance, figure(shrinkage, {"national_mean_variance"}), 1e-6))
      << truth.id;
  EXPECT_TRUE(near_relative(sigma2, figure(shrinkage, {"within_variance"}), 1e-6)) << truth.id;
  EXPECT_TRUE(near_relative(tau2, tau2_published, 1e-6)) << truth.id;
  // ...and it is a function of the published cells alone: N, J, Σn², the
  // target, σ² and τ² are theirs, so nothing withheld enters it.
  EXPECT_EQ(model_respondents, published_n)
      << truth.id
      << ": model N - published municipalities' n = " << model_respondents - published_n;
  EXPECT_EQ(figure(shrinkage, {"municipalities"}), groups) << truth.id;
  EXPECT_TRUE(near_relative(target, published_target, 1e-9))
      << truth.id << ": target " << target << ", published municipalities' mean "
      << published_target;
  EXPECT_TRUE(near_relative(sigma2, published_sigma2, 1e-6))
      << truth.id << ": σ² " << sigma2 << " vs " << published_sigma2;
  EXPECT_TRUE(near_relative(tau2_published, published_tau2, 1e-6))
      << truth.id << ": τ² " << tau2_published << " vs " << published_tau2;
  if (tau2 > 0) {
    EXPECT_TRUE(near_relative(n_squared, published_n_squared, 1e-6))
        << truth.id << ": Σn² recovered " << n_squared << ", over published municipalities "
        << published_n_squared << " (a withheld one would add its n²)";
  }
  // If the model had seen more respondents, this would be their count and sum.
  Residual beyond{
      "model respondents - published municipalities",
      static_cast<std::int64_t>(model_respondents) - static_cast<std::int64_t>(published_n),
      model_respondents * target - published_sum,
      kNaN,
      {}};
  expect_reveals_nothing(beyond, truth);
}

// ------------------------------------------------- attack c: case-mix

// The rows a protected model is fitted on: scored rows published in the
// table in the block of a municipality the table publishes.
std::vector<Eigen::Index> model_rows(const Truth& owner, const TableTruth& truth,
                                     const PublishedTable& table) {
  std::set<int> published_blocks;
  for (const Cell& municipality : table.municipalities) {
    if (municipality.published) published_blocks.insert(std::stoi(municipality.code));
  }
  std::vector<Eigen::Index> rows;
  for (Eigen::Index row = 0; row < owner.data().respondents(); ++row) {
    if (owner.has_figure(row, truth) && owner.published_in(row, truth) &&
        published_blocks.count(owner.block_of(row))) {
      rows.push_back(row);
    }
  }
  return rows;
}

// One dummy of the refitted case-mix model: `variable` counted as `level`.
struct CaseMixColumn {
  std::size_t variable;
  std::size_t level;
};

struct WithinFit {
  double residual_variance = kNaN;
  Eigen::VectorXd coefficients;  // one per column, 0 for one without variation
  bool full_rank = true;         // no other collinearity (then the fit is not unique)
};

// The within-municipality regression of docs/analytics.md on `rows`, each
// level counted as `counted_as` says: dummies centred within municipality
// (the fixed effects swept out), least squares, σ² = RSS / (N - J - p).
WithinFit fit_within(const Truth& owner, const TableTruth& truth,
                     const std::vector<Eigen::Index>& rows,
                     const std::vector<std::vector<std::size_t>>& counted_as,
                     const std::vector<CaseMixColumn>& columns) {
  const WaveData& data = owner.data();
  const auto n_rows = static_cast<Eigen::Index>(rows.size());
  Eigen::MatrixXd x = Eigen::MatrixXd::Zero(n_rows, static_cast<Eigen::Index>(columns.size()));
  Eigen::VectorXd y(n_rows);
  std::map<int, std::vector<Eigen::Index>> rows_of_block;
  for (Eigen::Index i = 0; i < n_rows; ++i) {
    const Eigen::Index row = rows[static_cast<std::size_t>(i)];
    y(i) = owner.score(row, truth);
    rows_of_block[owner.block_of(row)].push_back(i);
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const CategoricalVariable& variable = data.case_mix[columns[c].variable];
      const std::size_t level = variable.level_of_row[static_cast<std::size_t>(row)];
      if (counted_as[columns[c].variable][level] == columns[c].level)
        x(i, static_cast<Eigen::Index>(c)) = 1;
    }
  }
  for (const auto& [block, members] : rows_of_block) {
    Eigen::RowVectorXd x_mean = Eigen::RowVectorXd::Zero(x.cols());
    double y_mean = 0;
    for (Eigen::Index i : members) {
      x_mean += x.row(i);
      y_mean += y(i);
    }
    x_mean /= static_cast<double>(members.size());
    y_mean /= static_cast<double>(members.size());
    for (Eigen::Index i : members) {
      x.row(i) -= x_mean;
      y(i) -= y_mean;
    }
  }
  // A dummy without variation within any municipality is left out.
  std::vector<Eigen::Index> varying;
  for (Eigen::Index c = 0; c < x.cols(); ++c) {
    if (x.col(c).norm() > 1e-9) varying.push_back(c);
  }
  Eigen::MatrixXd used(x.rows(), static_cast<Eigen::Index>(varying.size()));
  for (std::size_t c = 0; c < varying.size(); ++c)
    used.col(static_cast<Eigen::Index>(c)) = x.col(varying[c]);
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(used);
  const Eigen::VectorXd solved = qr.solve(y);
  WithinFit fit;
  fit.full_rank = qr.rank() == used.cols();
  fit.coefficients = Eigen::VectorXd::Zero(x.cols());
  for (std::size_t c = 0; c < varying.size(); ++c) {
    fit.coefficients(varying[c]) = solved(static_cast<Eigen::Index>(c));
  }
  const double residual_df = static_cast<double>(n_rows) -
                             static_cast<double>(rows_of_block.size()) -
                             static_cast<double>(used.cols());
  fit.residual_variance = (y - used * solved).squaredNorm() / residual_df;
  return fit;
}

void attack_case_mix(const PublishedTable& table, const TableTruth& truth, const Truth& owner,
                     Tally& tally) {
  const json::value* case_mix = member(*table.object, "case_mix");
  if (case_mix == nullptr || !case_mix->is_object()) return;
  // Σ_j n_j (ȳ_j - adjusted_j) = (Σ_j n_j x̄_j - N x̄)'b: zero when x̄ is the
  // case mix of the published municipalities, the withheld ones' case mix
  // (times b) when they were fitted too.
  double weighted_adjustment = 0, published_n = 0;
  for (const Cell& municipality : table.municipalities) {
    if (!municipality.published) continue;
    const double adjusted = figure(*municipality.object, {"adjusted", "mean"});
    if (!std::isfinite(adjusted)) continue;
    weighted_adjustment += static_cast<double>(municipality.n) * (municipality.mean - adjusted);
    published_n += static_cast<double>(municipality.n);
    // The adjusted SE's model part d'Var(b)d = se² - s²/n is a variance.
    const double model_part =
        std::pow(figure(*municipality.object, {"adjusted", "se"}), 2) -
        municipality.sd * municipality.sd / static_cast<double>(municipality.n);
    EXPECT_GE(model_part, -1e-9) << truth.id << " " << municipality.code;
  }
  EXPECT_NEAR(weighted_adjustment, 0, 1e-9 * std::max(1.0, published_n) * 100)
      << truth.id << ": the adjusted means carry a case mix beyond the published municipalities";

  // Every estimable coefficient rests on a level held by at least k of the
  // fitted respondents, with at least k within-municipality contrasts.
  const std::vector<Eigen::Index> rows = model_rows(owner, truth, table);
  const WaveData& data = owner.data();
  std::map<std::string, const CategoricalVariable*> variables;
  for (const CategoricalVariable& variable : data.case_mix) variables[variable.name] = &variable;
  struct LevelCounts {
    std::vector<std::int64_t> total;
    std::vector<std::int64_t> contrast;
  };
  std::map<std::string, LevelCounts> counts;
  for (const CategoricalVariable& variable : data.case_mix) {
    const std::size_t levels = variable.level_names.size();
    std::map<int, std::vector<std::int64_t>> by_block;
    std::map<int, std::int64_t> block_size;
    LevelCounts& level_counts = counts[variable.name];
    level_counts.total.assign(levels, 0);
    level_counts.contrast.assign(levels, 0);
    for (Eigen::Index row : rows) {
      const std::uint8_t level = variable.level_of_row[static_cast<std::size_t>(row)];
      auto& block = by_block[owner.block_of(row)];
      block.resize(levels);
      ++block[level];
      ++block_size[owner.block_of(row)];
      ++level_counts.total[level];
    }
    for (const auto& [block, level_count] : by_block) {
      for (std::size_t l = 0; l < levels; ++l) {
        level_counts.contrast[l] += std::min(level_count[l], block_size[block] - level_count[l]);
      }
    }
  }
  for (const json::value& term : case_mix->at("terms").as_array()) {
    const std::string variable = json::value_to<std::string>(term.at("variable"));
    const std::string level = json::value_to<std::string>(term.at("level"));
    ASSERT_TRUE(variables.count(variable)) << variable;
    const std::vector<std::string>& names = variables.at(variable)->level_names;
    auto position = std::find(names.begin(), names.end(), level);
    ASSERT_NE(position, names.end()) << variable << "=" << level;
    const auto l = static_cast<std::size_t>(position - names.begin());
    if (!term.at("estimable").as_bool()) {
      EXPECT_TRUE(term.at("coefficient").is_null()) << truth.id << " " << variable << "=" << level;
      continue;
    }
    ++tally.case_mix_terms;
    EXPECT_GE(counts[variable].total[l], k) << truth.id << ": coefficient of " << variable << "="
                                            << level << " rests on " << counts[variable].total[l];
    EXPECT_GE(counts[variable].contrast[l], k)
        << truth.id << ": coefficient of " << variable << "=" << level << " rests on "
        << counts[variable].contrast[l] << " within-municipality contrasts";
  }
  // The judge refits the within-municipality regression of docs/analytics.md
  // with each level held by fewer than k, or with fewer than k
  // within-municipality contrasts, joined to its variable's most common
  // level. When the published residual variance and coefficients are this
  // fit's, no group under k (the reference level included) was a category
  // of its own that a coefficient would contrast with.
  std::vector<std::vector<std::size_t>> counted_as(data.case_mix.size());
  std::vector<CaseMixColumn> columns;
  std::vector<bool> reference_joined(data.case_mix.size());
  std::vector<std::vector<std::size_t>> own_levels(
      data.case_mix.size());  // levels with a dummy of their own
  for (std::size_t v = 0; v < data.case_mix.size(); ++v) {
    const LevelCounts& level_counts = counts[data.case_mix[v].name];
    const std::size_t levels = level_counts.total.size();
    const auto most_common = static_cast<std::size_t>(
        std::max_element(level_counts.total.begin(), level_counts.total.end()) -
        level_counts.total.begin());
    counted_as[v].resize(levels);
    std::vector<std::int64_t> merged_total(levels, 0);
    for (std::size_t l = 0; l < levels; ++l) {
      const bool too_few = level_counts.total[l] < k || level_counts.contrast[l] < k;
      counted_as[v][l] = l != most_common && level_counts.total[l] > 0 && too_few ? most_common : l;
      merged_total[counted_as[v][l]] += level_counts.total[l];
    }
    std::vector<CaseMixColumn> own;
    for (std::size_t l = 1; l < levels; ++l) {
      if (counted_as[v][l] == l && merged_total[l] > 0) own.push_back({v, l});
    }
    // With the first level joined to another, the dummies sum to one: one
    // of them is the reference instead.
    reference_joined[v] = merged_total[0] == 0;
    for (const CaseMixColumn& column : own) own_levels[v].push_back(column.level);
    if (reference_joined[v] && !own.empty()) own.pop_back();
    columns.insert(columns.end(), own.begin(), own.end());
  }
  const WithinFit fit = fit_within(owner, truth, rows, counted_as, columns);
  EXPECT_TRUE(fit.full_rank) << truth.id << ": the refit is not unique";
  const double residual_variance = fit.residual_variance;
  const Eigen::VectorXd& b = fit.coefficients;
  EXPECT_TRUE(
      near_relative(figure(case_mix->as_object(), {"residual_variance"}), residual_variance, 1e-8))
      << truth.id << ": residual variance " << figure(case_mix->as_object(), {"residual_variance"})
      << " is not the fit with levels under k merged (" << residual_variance << ")";
  // Coefficients agree up to a shift within a variable whose dummies sum to
  // one (its reference level joined another): the same fit.
  std::map<std::pair<std::string, std::string>, double> published_coefficient;
  for (const json::value& term : case_mix->at("terms").as_array()) {
    published_coefficient[{json::value_to<std::string>(term.at("variable")),
                           json::value_to<std::string>(term.at("level"))}] =
        term.at("estimable").as_bool() ? number(term.at("coefficient")) : 0.0;
  }
  for (std::size_t v = 0; v < data.case_mix.size(); ++v) {
    const CategoricalVariable& variable = data.case_mix[v];
    for (std::size_t l = 1; l < variable.level_names.size(); ++l) {
      if (counted_as[v][l] == l) continue;
      auto found = published_coefficient.find({variable.name, variable.level_names[l]});
      if (found == published_coefficient.end()) continue;
      EXPECT_EQ(found->second, 0.0)
          << truth.id << ": " << variable.name << "=" << variable.level_names[l]
          << " has fewer than k (or k contrasts) but its own coefficient";
    }
    std::map<std::size_t, double> refitted;  // level -> coefficient; 0 for the level left out
    for (std::size_t level : own_levels[v]) refitted[level] = 0;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (columns[c].variable == v) refitted[columns[c].level] = b(static_cast<Eigen::Index>(c));
    }
    std::optional<double> shift;
    if (!reference_joined[v]) shift = 0.0;  // the same reference level: the same coefficients
    for (const auto& [level, coefficient] : refitted) {
      auto found = published_coefficient.find({variable.name, variable.level_names[level]});
      ASSERT_NE(found, published_coefficient.end())
          << variable.name << "=" << variable.level_names[level];
      const double difference = found->second - coefficient;
      if (!shift) shift = difference;
      EXPECT_NEAR(difference, *shift, 1e-6)
          << truth.id << ": " << variable.name << "=" << variable.level_names[level]
          << " coefficient " << found->second << " is not the merged fit's (" << coefficient << ")";
    }
  }
}

// ---------------------------- attacks d and e: reliability and model counts

void attack_model_counts(const PublishedTable& table, const TableTruth& truth, const Truth& owner,
                         Tally& tally) {
  if (!table.scale || !table.nation.published) return;
  std::int64_t published_n = 0;
  for (const Cell& municipality : table.municipalities) {
    published_n += municipality.published ? municipality.n : 0;
  }

  const json::value* reliability = member(*table.object, "reliability");
  if (reliability != nullptr && reliability->is_object()) {
    const auto respondents =
        static_cast<std::int64_t>(figure(reliability->as_object(), {"respondents"}));
    ++tally.residuals;
    expect_reveals_nothing({"reliability respondents - published municipalities",
                            respondents - published_n,
                            kNaN,
                            kNaN,
                            {}},
                           truth);
    expect_reveals_nothing(
        {"nation - reliability respondents", table.nation.n - respondents, kNaN, kNaN, {}}, truth);
    // Item n and mean are not published: with the scale's sums they give
    // the scores of those who skipped an item (attack_skippers shows how).
    // Reliability rests on those who answered every item, in the
    // municipalities whose answers per question may be published, and
    // only once the round has closed (attack_questions compares them).
    if (respondents != 0) {
      EXPECT_LE(respondents, static_cast<std::int64_t>(model_rows(owner, truth, table).size()))
          << truth.id;
    }
    for (const json::value& item : reliability->at("items").as_array()) {
      EXPECT_TRUE(item.at("n").is_null()) << truth.id << ": an item's n is published";
      EXPECT_TRUE(item.at("mean").is_null()) << truth.id << ": an item's mean is published";
    }
  }
  const json::value* shrinkage = member(*table.object, "shrinkage");
  if (shrinkage != nullptr && shrinkage->is_object()) {
    const double model_n = figure(shrinkage->as_object(), {"respondents"});
    const double model_mean = figure(shrinkage->as_object(), {"national_mean"});
    if (std::isfinite(model_n)) {
      // Σx² of the model's respondents taken as the published
      // municipalities' (attack b checks they are the same respondents).
      double published_squares = 0;
      for (const Cell& municipality : table.municipalities) {
        if (municipality.published) published_squares += municipality.squares();
      }
      ++tally.residuals;
      expect_reveals_nothing({"nation - model respondents",
                              table.nation.n - static_cast<std::int64_t>(model_n),
                              table.nation.sum() - model_n * model_mean,
                              table.nation.squares() - published_squares,
                              {}},
                             truth);
    }
  }
}

// ------------------------------- attack g: those who skipped an item
// A scale score is the mean of the items answered, so Σ over the published
// municipalities of n·mean, minus Σ_j n_j·mean_j / J of the reliability
// items (over the same rows), is Σ score·(1 − answered/J) of those who
// skipped an item: one score when one did.
void attack_skippers(const PublishedTable& table, const TableTruth& truth, const Truth& owner,
                     Tally& tally) {
  const json::value* reliability = member(*table.object, "reliability");
  if (reliability == nullptr || !reliability->is_object()) return;
  const json::array& items = reliability->at("items").as_array();
  double item_sums = 0;
  for (const json::value& item : items) {
    if (!item.at("n").is_number() || !item.at("mean").is_number()) return;
    item_sums += number(item.at("n")) * number(item.at("mean"));
  }
  double published_sum = 0;
  for (const Cell& municipality : table.municipalities) {
    if (municipality.published) published_sum += municipality.sum();
  }
  const auto J = static_cast<double>(items.size());
  const double residual = published_sum - item_sums / J;
  // The truth: those who skipped, among the rows the items are over.
  const WaveData& data = owner.data();
  const ScaleColumns& columns = data.scales[static_cast<std::size_t>(truth.bit)];
  std::int64_t skippers = 0;
  double weighted = 0;
  for (Eigen::Index row : model_rows(owner, truth, table)) {
    Eigen::Index answered = 0;
    for (Eigen::Index c = 0; c < columns.count; ++c) {
      if (!std::isnan(data.items(row, columns.first + c))) ++answered;
    }
    if (answered == columns.count) continue;
    ++skippers;
    weighted += data.scale_scores(row, truth.bit) * (1 - static_cast<double>(answered) / J);
  }
  ++tally.residuals;
  const bool revealed = std::abs(residual - weighted) <= 1e-3 * std::max(1.0, std::abs(weighted));
  EXPECT_FALSE(skippers > 0 && skippers < k && revealed)
      << truth.id << ": the published municipalities' sums minus the item means give the scores of "
      << skippers << " who skipped an item (" << residual << ")";
}

// ------------------------ attack h: the answers per question and the areas
// An area's n minus its questions' n (those who answered every question)
// are those who skipped one; its sum minus the questions' sums over J is
// their scores'. So they must be 0 or at least k in every published
// municipality, and in what the nation hides beyond them.
std::int64_t skippers_in(const Truth& owner, const TableTruth& truth, const std::string& code) {
  const ScaleColumns& columns = owner.data().scales[static_cast<std::size_t>(truth.bit)];
  std::int64_t skippers = 0;
  for (Eigen::Index row = 0; row < owner.data().respondents(); ++row) {
    if (!owner.has_figure(row, truth) || !owner.published_in(row, truth) ||
        owner.block_of(row) != std::stoi(code)) {
      continue;
    }
    for (Eigen::Index c = 0; c < columns.count; ++c) {
      if (std::isnan(owner.data().items(row, columns.first + c))) {
        ++skippers;
        break;
      }
    }
  }
  return skippers;
}

void attack_questions(const Release& release, const PublishedTable& table, const TableTruth& truth,
                      const Truth& owner, Tally& tally) {
  std::vector<const QuestionAnswers*> questions;
  for (const QuestionAnswers& question : release.questions) {
    if (question.scale_id == table.id) questions.push_back(&question);
  }
  if (questions.empty()) return;
  ++tally.question_tables;
  const QuestionAnswers& first = *questions.front();
  for (const QuestionAnswers* question : questions) {  // one set of respondents per area
    EXPECT_EQ(question->national.n, first.national.n) << question->item_id;
    for (const QuestionCell& cell : question->municipalities) {
      const QuestionCell* same = municipality_cell(first, cell.code);
      ASSERT_NE(same, nullptr) << question->item_id << " " << cell.code;
      EXPECT_EQ(cell.n, same->n) << question->item_id << " " << cell.code;
    }
  }
  std::map<std::string, const Cell*> areas;
  for (const Cell& municipality : table.municipalities) areas[municipality.code] = &municipality;
  std::int64_t complete_published = 0, skipped_published = 0;
  for (const QuestionCell& cell : first.municipalities) {
    if (!cell.published()) continue;
    auto area = areas.find(cell.code);
    ASSERT_TRUE(area != areas.end() && area->second->published)
        << truth.id << ": the questions of " << cell.code << " are published, its area is not";
    const std::int64_t skipped = area->second->n - cell.n;
    ++tally.residuals;
    EXPECT_GE(cell.n, k) << truth.id << " " << cell.code;
    EXPECT_TRUE(skipped == 0 || skipped >= k)
        << truth.id << ": municipality " << cell.code
        << "'s area minus its answers per question leaves " << skipped << " who skipped an item";
    EXPECT_EQ(skipped, skippers_in(owner, truth, cell.code)) << truth.id << " " << cell.code;
    complete_published += cell.n;
    skipped_published += skipped;
  }
  // Reliability is over exactly the published municipalities' cells: its
  // respondents are theirs, and each item's SD is the SD of their answers,
  // so it hides no one (with a hidden part, the SD and the counts would
  // give the answers of the few in it).
  const json::value* reliability = member(*table.object, "reliability");
  if (reliability != nullptr && reliability->is_object() && complete_published > 0) {
    EXPECT_EQ(figure(reliability->as_object(), {"respondents"}),
              static_cast<double>(complete_published))
        << truth.id << ": reliability rests on others than the answers per question";
    const Questionnaire& questionnaire = *owner.data().questionnaire;
    const Scale& scale = questionnaire.scales[static_cast<std::size_t>(truth.bit)];
    for (const json::value& item : reliability->at("items").as_array()) {
      const std::string id = json::value_to<std::string>(item.at("id"));
      const QuestionAnswers* question = nullptr;
      for (const QuestionAnswers* candidate : questions) {
        if (candidate->item_id == id) question = candidate;
      }
      ASSERT_NE(question, nullptr) << id;
      const Item* asked = questionnaire.find_item(id);
      const bool reverse = std::find(scale.reverse_items.begin(), scale.reverse_items.end(), id) !=
                           scale.reverse_items.end();
      double n = 0, sum = 0, squares = 0;
      for (const QuestionCell& cell : question->municipalities) {
        if (!cell.published()) continue;
        for (std::size_t o = 0; o < cell.counts.size(); ++o) {
          double value = static_cast<double>(question->option_codes[o] - asked->lowest_code()) /
                         static_cast<double>(asked->highest_code() - asked->lowest_code()) * 100.0;
          if (reverse) value = 100.0 - value;
          const auto count = static_cast<double>(cell.counts[o]);
          n += count;
          sum += count * value;
          squares += count * value * value;
        }
      }
      const double sd = std::sqrt((squares - sum * sum / n) / (n - 1));
      ++tally.residuals;
      EXPECT_TRUE(near_relative(number(item.at("sd")), sd, 1e-5))
          << truth.id << " " << id << ": reliability's SD " << number(item.at("sd"))
          << " is not the published answers' " << sd;
    }
  }
  if (!first.national.published()) return;
  ASSERT_TRUE(table.nation.published) << truth.id;
  const std::int64_t complete_rest = first.national.n - complete_published;
  const std::int64_t skipped_rest = table.nation.n - first.national.n - skipped_published;
  tally.residuals += 2;
  EXPECT_TRUE(complete_rest == 0 || complete_rest >= k)
      << truth.id << ": the nation's answers per question minus the municipalities' leave "
      << complete_rest;
  EXPECT_TRUE(skipped_rest == 0 || skipped_rest >= k)
      << truth.id << ": the nation's area minus its answers per question, beyond the "
      << "municipalities, leaves " << skipped_rest << " who skipped an item";
}

// ------------------------------------- attack f: comparisons and peers

// A municipality against the rest of a published area, from published cells
// only (Chan et al. to remove the part, Welch on the rest, scaled by
// n_rest / n_whole): what the published comparison must be.
void expect_comparison_of_published_cells(const Cell& part, const Cell& whole,
                                          const json::object& comparison, const std::string& what,
                                          Tally& tally) {
  const double n_part = static_cast<double>(part.n), n_whole = static_cast<double>(whole.n);
  const double n_rest = n_whole - n_part;
  if (n_rest < 2) return;
  const double mean_rest = (whole.sum() - part.sum()) / n_rest;
  const double delta = mean_rest - part.mean;
  const double m2_rest = whole.sd * whole.sd * (n_whole - 1) - part.sd * part.sd * (n_part - 1) -
                         delta * delta * n_part * n_rest / n_whole;
  const double a = part.sd * part.sd / n_part;
  const double b = m2_rest / (n_rest - 1) / n_rest;
  const double se_rest = std::sqrt(a + b);
  const double df = std::pow(se_rest, 4) / (a * a / (n_part - 1) + b * b / (n_rest - 1));
  ++tally.comparisons_checked;
  EXPECT_TRUE(near_relative(figure(comparison, {"difference"}), part.mean - whole.mean, 1e-9))
      << what;
  EXPECT_TRUE(near_relative(figure(comparison, {"se"}), se_rest * n_rest / n_whole, 1e-6))
      << what << ": SE " << figure(comparison, {"se"}) << " is not of the published cells' "
      << se_rest * n_rest / n_whole;
  EXPECT_TRUE(near_relative(figure(comparison, {"df"}), df, 1e-6))
      << what << ": df " << figure(comparison, {"df"}) << " is not of the published cells' " << df;
}

void attack_comparisons(const Release& release, const PublishedTable& table,
                        const TableTruth& truth, Tally& tally) {
  if (!table.scale) return;
  std::map<std::string, const Cell*> county_of, municipality_of;
  for (const Cell& county : table.counties) county_of[county.code] = &county;
  for (const Cell& municipality : table.municipalities)
    municipality_of[municipality.code] = &municipality;
  const json::object& similar = release.report.at("similar_municipalities").as_object();
  for (const Cell& municipality : table.municipalities) {
    if (!municipality.published) continue;
    const json::object& object = *municipality.object;
    const std::string what = truth.id + " " + municipality.code;
    const json::object& versus_national = object.at("versus_national").as_object();
    const json::object& versus_county = object.at("versus_county").as_object();
    const json::object& versus_similar = object.at("versus_similar").as_object();
    // Rule 4: no comparison with a withheld area (it would give its mean).
    if (std::isfinite(figure(versus_national, {"difference"}))) {
      ASSERT_TRUE(table.nation.published) << what << " compared with a withheld nation";
      expect_comparison_of_published_cells(municipality, table.nation, versus_national,
                                           what + " versus nation", tally);
    }
    if (std::isfinite(figure(versus_county, {"difference"}))) {
      const Cell& county = *county_of.at(municipality.county);
      ASSERT_TRUE(county.published) << what << " compared with its withheld county";
      expect_comparison_of_published_cells(municipality, county, versus_county,
                                           what + " versus county", tally);
    }
    const double difference = figure(versus_similar, {"difference"});
    if (!std::isfinite(difference)) continue;
    // The peers' pooled n and mean from Welch: d = ȳ_j - ȳ_p,
    // se² = s_j²/n_j + s_p²/n_p, df = se⁴ / ((s_j²/n_j)²/(n_j-1) + (s_p²/n_p)²/(n_p-1)).
    const double se = figure(versus_similar, {"se"}), df = figure(versus_similar, {"df"});
    const double n_j = static_cast<double>(municipality.n);
    const double a = municipality.sd * municipality.sd / n_j;
    const double b = se * se - a;
    const double peers_n = 1 + b * b / (std::pow(se, 4) / df - a * a / (n_j - 1));
    const double peers_mean = municipality.mean - difference;
    std::int64_t published_peers_n = 0;
    double published_peers_sum = 0;
    for (const json::value& peer : similar.at(municipality.code).as_array()) {
      const Cell& cell = *municipality_of.at(json::value_to<std::string>(peer));
      if (!cell.published) continue;
      published_peers_n += cell.n;
      published_peers_sum += cell.sum();
    }
    ++tally.similar_inverted;
    const Residual hidden{what + " peers - published peers",
                          std::llround(peers_n) - published_peers_n,
                          peers_n * peers_mean - published_peers_sum,
                          kNaN,
                          {}};
    expect_reveals_nothing(hidden, truth);
    // Rule 4: the peer group is made of published cells only.
    EXPECT_NEAR(peers_n, static_cast<double>(published_peers_n), 1e-3) << what;
  }
}

// ------------------------------------------------------- every attack

// The background groups are of the release's published rows only.
void expect_background_of_published_rows(const PublishedTable& table, const TableTruth& truth) {
  for (const auto& [characteristic, groups] : table.background) {
    for (const Cell& group : groups) {
      if (!group.published) continue;
      auto found = truth.published_background.find(characteristic + "=" + group.code);
      if (found == truth.published_background.end()) {
        ADD_FAILURE() << truth.id << ": background " << characteristic << "=" << group.code
                      << " has no rows";
        continue;
      }
      EXPECT_EQ(group.n, found->second.n)
          << truth.id << " background " << characteristic << "=" << group.code;
      EXPECT_TRUE(near_relative(group.mean, found->second.mean(), 1e-12))
          << truth.id << " " << characteristic;
    }
  }
}

// `background_current`: the background table was computed with this
// release's rows (its first release), not frozen from an earlier one.
Tally attack_release(const Release& release, const Truth& owner, bool background_current = true) {
  Tally tally;
  const std::vector<PublishedTable> tables = published_tables(release);
  EXPECT_EQ(tables.size(), owner.table_count());
  // Rule 3 and the exports.
  for (const PublishedTable& table : tables) expect_withheld_cells_empty(table);
  expect_exports_match_json(release, tables);
  EXPECT_EQ(release.report.at("respondents").to_number<std::int64_t>(), owner.published_responses())
      << "respondents counts only published responses";
  for (std::size_t t = 0; t < tables.size() && t < owner.table_count(); ++t) {
    const PublishedTable& table = tables[t];
    const TableTruth& truth = owner.table(t);
    EXPECT_EQ(table.id, truth.id);
    if (background_current) expect_background_of_published_rows(table, truth);
    attack_by_differencing(table, truth, background_current, tally);
    attack_by_solving(table, truth, tally);
    if (!table.scale) continue;
    attack_empirical_bayes(table, truth, tally);
    attack_case_mix(table, truth, owner, tally);
    attack_model_counts(table, truth, owner, tally);
    attack_skippers(table, truth, owner, tally);
    // Frozen with the background table: attacked against the release that made them.
    if (background_current) attack_questions(release, table, truth, owner, tally);
    attack_comparisons(release, table, truth, tally);
  }
  return tally;
}

// A closed round: one release, attacked; a second read changes nothing.
Tally attack_closed_round(Round& round) {
  Release release = round.publish();
  Truth owner(round.rows());
  Tally tally = attack_release(release, owner);
  EXPECT_EQ(round.publish().text, release.text) << "a closed round reads the same twice";
  return tally;
}

// ------------------------------------------------------------- rounds

// Round 1, the issue's case: a municipality of 4 and its neighbour of 12 in
// one county (Sande and Vanylven, Møre og Romsdal), large ones elsewhere,
// 15 respondents without a municipality.
std::vector<Placement> issue_round() {
  return {{"1514", 4},   {"1511", 12}, {"0301", 300}, {"4601", 200},
          {"5001", 120}, {"1103", 80}, {"1101", 40},  {"", 15}};
}

TEST(DisclosureAttacker, SmallMunicipalityBesideANeighbourAndRespondentsWithoutOne) {
  Round round("parorendeundersokelse.json", kClosedOpens, kClosedCloses);
  round.import(issue_round(), 31);
  const Tally tally = attack_closed_round(round);
  EXPECT_GT(tally.residuals, 50);
  EXPECT_GT(tally.models_inverted, 0) << "the empirical Bayes inversion never ran";
  EXPECT_GT(tally.case_mix_terms, 0);
  EXPECT_GT(tally.comparisons_checked, 0);
  EXPECT_GT(tally.similar_inverted, 0) << "no comparison with similar municipalities was attacked";
  EXPECT_EQ(tally.question_tables, 9) << "the answers per question of every area";
}

// Round 2: two small municipalities (3 and 6) in Vestland with Bergen.
TEST(DisclosureAttacker, TwoSmallMunicipalitiesInOneCountyWithALargeOne) {
  Round round("parorendeundersokelse.json", kClosedOpens, kClosedCloses);
  round.import(
      {{"4602", 3}, {"4611", 6}, {"4601", 200}, {"0301", 300}, {"5001", 100}, {"1103", 60}}, 32);
  const Tally tally = attack_closed_round(round);
  EXPECT_GT(tally.models_inverted, 0);
}

// Round 3: everything is large but the 7 respondents without a municipality.
TEST(DisclosureAttacker, OnlyTheRespondentsWithoutMunicipalityAreWithheld) {
  Round round("parorendeundersokelse.json", kClosedOpens, kClosedCloses);
  round.import({{"0301", 300}, {"4601", 150}, {"5001", 100}, {"1103", 60}, {"1106", 40}, {"", 7}},
               33);
  const Tally tally = attack_closed_round(round);
  EXPECT_GT(tally.models_inverted, 0);
}

// The issue's case with the burden screening: category counts differenced.
TEST(DisclosureAttacker, BurdenCategoriesOfTheIssuesRound) {
  Round round("belastningskartlegging.json", kClosedOpens, kClosedCloses);
  round.import(issue_round(), 34);
  const Tally tally = attack_closed_round(round);
  EXPECT_GT(tally.residuals, 5);
}

// ------------------------------------------------------ the time attack

// Cells of every table by "table level code": n and mean when published.
std::map<std::string, Cell> cells_by_key(const Release& release) {
  std::map<std::string, Cell> cells;
  for (const PublishedTable& table : published_tables(release)) {
    auto put = [&](const std::string& key, const Cell& cell) {
      Cell copy = cell;
      copy.object = nullptr;
      cells[table.id + " " + key] = copy;
    };
    put("nation", table.nation);
    if (table.nation.published) {
      // What the attacker makes of the respondents in no county (the pool).
      std::vector<const Cell*> published_counties;
      for (const Cell& cell : table.counties) {
        if (cell.published) published_counties.push_back(&cell);
      }
      const Residual rest = subtract("", table.nation, published_counties);
      Cell pool;
      pool.published = true;
      pool.n = rest.n;
      pool.mean = rest.n > 0 ? rest.sum / static_cast<double>(rest.n) : kNaN;
      pool.counts = rest.counts;
      put("nation - published counties", pool);
    }
    for (const Cell& cell : table.counties) put("county " + cell.code, cell);
    for (const Cell& cell : table.municipalities) put("municipality " + cell.code, cell);
    if (table.scale) {
      const json::value* shrinkage = member(*table.object, "shrinkage");
      if (shrinkage != nullptr && shrinkage->is_object()) {
        Cell model;
        model.published = std::isfinite(figure(shrinkage->as_object(), {"respondents"}));
        model.n = model.published
                      ? static_cast<std::int64_t>(figure(shrinkage->as_object(), {"respondents"}))
                      : 0;
        model.mean = figure(shrinkage->as_object(), {"national_mean"});
        put("model", model);
      }
    }
  }
  return cells;
}

// Between two reads, a cell published in both changes by 0 respondents (and
// then not at all) or by at least k: never by a few, whose scores would be
// the difference of the two sums.
void expect_safe_change(const Release& before, const Release& after, const std::string& what) {
  const auto earlier = cells_by_key(before);
  const auto later = cells_by_key(after);
  for (const auto& [key, cell] : earlier) {
    auto found = later.find(key);
    if (found == later.end() || !cell.published || !found->second.published) continue;
    const Cell& next = found->second;
    const std::int64_t change = next.n - cell.n;
    EXPECT_TRUE(change == 0 || std::llabs(change) >= k)
        << what << ": " << key << " n " << cell.n << " -> " << next.n;
    if (change == 0) {
      EXPECT_TRUE(near_relative(next.mean, cell.mean, 1e-9) ||
                  (std::isnan(next.mean) && std::isnan(cell.mean)))
          << what << ": " << key << " changed its mean with the same n";
      EXPECT_EQ(next.counts, cell.counts) << what << ": " << key;
    }
  }
}

// Only `code`, its county, the nation and model-dependent figures changed.
void expect_only_changed(const Release& before, const Release& after, const std::string& code) {
  const std::string county = real_municipality(code).county_code;
  const json::array& earlier = before.report.at("scales").as_array();
  const json::array& later = after.report.at("scales").as_array();
  ASSERT_EQ(earlier.size(), later.size());
  for (std::size_t s = 0; s < earlier.size(); ++s) {
    const json::array& counties_before = earlier[s].at("counties").as_array();
    const json::array& counties_after = later[s].at("counties").as_array();
    for (std::size_t c = 0; c < counties_before.size(); ++c) {
      if (counties_before[c].at("code").as_string() == county) continue;
      EXPECT_EQ(json::serialize(counties_before[c]), json::serialize(counties_after[c]));
    }
    const json::array& municipalities_before = earlier[s].at("municipalities").as_array();
    const json::array& municipalities_after = later[s].at("municipalities").as_array();
    for (std::size_t m = 0; m < municipalities_before.size(); ++m) {
      const json::object& one = municipalities_before[m].as_object();
      const json::object& other = municipalities_after[m].as_object();
      if (one.at("code").as_string() == code) continue;
      for (std::string_view key : {"n", "suppressed", "suppression", "raw"}) {
        const json::value* a = member(one, key);
        const json::value* b = member(other, key);
        EXPECT_EQ(a ? json::serialize(*a) : "", b ? json::serialize(*b) : "")
            << json::value_to<std::string>(one.at("code")) << " " << key;
      }
    }
  }
}

const Cell& municipality_cell(const PublishedTable& table, const std::string& code) {
  for (const Cell& cell : table.municipalities) {
    if (cell.code == code) return cell;
  }
  throw std::logic_error("no municipality " + code);
}

TEST(DisclosureAttacker, OpenRoundReadBeforeAndAfterNewResponsesAndAnErasure) {
  const Date today = today_utc();
  Round round("parorendeundersokelse.json", {today.year, 1, 1}, {today.year, 12, 31});
  round.import({{"0301", 300},
                {"4601", 150},
                {"5001", 100},
                {"1103", 60},
                {"1101", 40},
                {"1514", 4},
                {"", 15}},
               41);
  const Release first = round.publish();
  attack_release(first, Truth(round.rows()));

  // One new response in Oslo: not a byte of anything published may change.
  const std::vector<SubmitReceipt> one = round.submit("0301", 1, 42);
  const Release second = round.publish();
  EXPECT_EQ(second.text, first.text) << "one new response changed the published JSON";
  EXPECT_EQ(second.table_csv, first.table_csv) << "one new response changed an export table";

  // k - 1 more: only Oslo, its county, the nation and the models may move,
  // and Oslo by at least k.
  round.submit("0301", k - 1, 43);
  const Release third = round.publish();
  const Truth after_third(round.rows());
  attack_release(third, after_third);
  expect_safe_change(first, third, "k new in Oslo");
  expect_only_changed(first, third, "0301");
  const Eigen::Index first_new = after_third.row_of_response(one.front().response_id);
  const std::vector<PublishedTable> tables_first = published_tables(first);
  const std::vector<PublishedTable> tables_third = published_tables(third);
  std::vector<bool> first_new_published(tables_third.size());
  int oslo_moved = 0;
  for (std::size_t t = 0; t < tables_third.size(); ++t) {
    const TableTruth& truth = after_third.table(t);
    first_new_published[t] = after_third.published_in(first_new, truth);
    const Cell& before = municipality_cell(tables_first[t], "0301");
    const Cell& after = municipality_cell(tables_third[t], "0301");
    if (!before.published || !after.published || after.n == before.n) continue;
    ++oslo_moved;
    EXPECT_GE(after.n - before.n, k) << truth.id;
    if (truth.scale && after_third.has_figure(first_new, truth)) {
      EXPECT_FALSE(same_value(after.sum() - before.sum(), after_third.score(first_new, truth)))
          << truth.id << ": n2·mean2 - n1·mean1 is the first new response's score";
    }
  }
  EXPECT_GT(oslo_moved, 0) << "k new responses should move Oslo in some table";

  // Erasing that first response: the next read does not differ by it alone;
  // Oslo is withdrawn from the tables it was published in.
  std::vector<double> erased_score(tables_third.size(), kNaN);
  for (std::size_t t = 0; t < tables_third.size(); ++t) {
    erased_score[t] = after_third.score(first_new, after_third.table(t));
  }
  round.erase(one.front());
  const Release fourth = round.publish();
  const Truth after_fourth(round.rows());
  attack_release(fourth, after_fourth);
  expect_safe_change(third, fourth, "erasure");
  const std::vector<PublishedTable> tables_fourth = published_tables(fourth);
  int withdrawn = 0;
  for (std::size_t t = 0; t < tables_fourth.size(); ++t) {
    const Cell& before = municipality_cell(tables_third[t], "0301");
    const Cell& after = municipality_cell(tables_fourth[t], "0301");
    if (first_new_published[t]) {
      EXPECT_FALSE(after.published)
          << tables_fourth[t].id << ": Oslo not withdrawn after an erasure";
      ++withdrawn;
      // The nation loses the whole block, not one response.
      const Cell& nation_before = tables_third[t].nation;
      const Cell& nation_after = tables_fourth[t].nation;
      if (nation_before.published && nation_after.published &&
          nation_before.n - nation_after.n == 1) {
        ADD_FAILURE() << tables_fourth[t].id
                      << ": the nation lost exactly the erased response, score "
                      << nation_before.sum() - nation_after.sum() << " vs " << erased_score[t];
      }
    } else if (before.published) {
      EXPECT_TRUE(after.published && after.n == before.n && after.mean == before.mean)
          << tables_fourth[t].id << ": Oslo changed in a table the erased response was not in";
    }
  }
  EXPECT_GT(withdrawn, 0) << "the erased response was published in no table";

  // k - 1 new after the erasure are too few to bring Oslo back.
  round.submit("0301", k - 1, 44);
  const Release fifth = round.publish();
  attack_release(fifth, Truth(round.rows()));
  expect_safe_change(fourth, fifth, "k - 1 new after an erasure");
  const std::vector<PublishedTable> tables_fifth = published_tables(fifth);
  for (std::size_t t = 0; t < tables_fifth.size(); ++t) {
    if (!first_new_published[t]) continue;
    EXPECT_FALSE(municipality_cell(tables_fifth[t], "0301").published)
        << tables_fifth[t].id << ": Oslo back with fewer than k new responses";
  }
}

// The same export table of a release, as encoded.
const std::string& encoded_table(const Release& release, std::string_view name) {
  for (std::size_t t = 0; t < release.dataset.tables.size(); ++t) {
    if (release.dataset.tables[t].name == name) return release.table_csv[t];
  }
  throw std::logic_error("no export table " + std::string(name));
}

// A round that closes with a municipality of 4 and 8 respondents without
// one waiting (too few for a block each), then gets late paper forms, then
// loses a pooled response: every read differs from the one before by
// nothing or by at least k, in every cell and in what is in no county; the
// background table, once published, never changes.
TEST(DisclosureAttacker, PoolAfterClosingLateFormsAndAnErasureInThePool) {
  const Date today = today_utc();
  const Date after_closing{today.year + 1, 1, 15};
  Round round("parorendeundersokelse.json", {today.year, 1, 1}, {today.year, 12, 31});
  round.import(
      {{"0301", 300}, {"4601", 150}, {"5001", 100}, {"1103", 60}, {"1101", 40}, {"1511", 12}}, 51);
  round.submit("1514", 4, 52);
  const std::vector<SubmitReceipt> without_municipality = round.submit("", 8, 53);

  std::vector<Release> reads;
  std::size_t background_read = 0;  // the first read with a background table
  auto read = [&](Date as_of) {
    reads.push_back(round.publish(as_of));
    const bool first_background =
        background_read == 0 && !export_table(reads.back(), "background_scale").rows.empty();
    if (first_background) background_read = reads.size() - 1;
    // The answers per question: frozen with the background table.
    if (background_read != 0) {
      EXPECT_FALSE(reads.back().questions.empty());
      EXPECT_EQ(answers_text(reads.back().questions),
                answers_text(reads[background_read].questions))
          << "read " << reads.size() << " changed the answers per question";
    }
    attack_release(reads.back(), Truth(round.rows()), first_background);
    if (reads.size() >= 2) {
      expect_safe_change(reads[reads.size() - 2], reads.back(),
                         "read " + std::to_string(reads.size()));
    }
  };
  read(today);                      // open: Sande's 4 and the 8 wait
  read(after_closing);              // closed: together they are the national pool
  round.import({{"1514", 6}}, 54);  // late paper forms: 6 new in Sande wait
  read(after_closing);
  round.import({{"1514", 4}}, 55);  // 10 new in Sande: a cohort of its own
  read(after_closing);
  round.erase(without_municipality.front());  // the pool loses one
  read(after_closing);

  ASSERT_EQ(background_read, 1u) << "the background table is published once the round has closed";
  for (std::size_t r = 2; r < reads.size(); ++r) {
    EXPECT_EQ(encoded_table(reads[r], "background_scale"),
              encoded_table(reads[1], "background_scale"))
        << "the background table changed after it was published";
  }
  // The pool appeared at closing and went with the erasure, whole; Sande
  // appeared with its cohort of 10.
  const std::string pool = "identified nation - published counties";
  EXPECT_EQ(cells_by_key(reads[0]).at(pool).n, 0);
  EXPECT_GE(cells_by_key(reads[1]).at(pool).n, k);
  EXPECT_EQ(cells_by_key(reads[4]).at(pool).n, 0);
  int sande_tables = 0;
  for (const PublishedTable& table : published_tables(reads[3])) {
    EXPECT_FALSE(cells_by_key(reads[2]).at(table.id + " municipality 1514").published)
        << "6 new are too few";
    sande_tables += municipality_cell(table, "1514").published ? 1 : 0;
  }
  EXPECT_GT(sande_tables, 0) << "10 new in Sande are a cohort";
}

// ------------------------------------------------ the attacker has teeth

// The messages of the failures `attack` reports, kept from the test.
std::vector<std::string> failures_of(const std::function<void()>& attack) {
  ::testing::TestPartResultArray results;
  {
    ::testing::ScopedFakeTestPartResultReporter reporter(
        ::testing::ScopedFakeTestPartResultReporter::INTERCEPT_ONLY_CURRENT_THREAD, &results);
    attack();
  }
  std::vector<std::string> messages;
  for (int i = 0; i < results.size(); ++i)
    messages.emplace_back(results.GetTestPartResult(i).message());
  return messages;
}

bool any_contains(const std::vector<std::string>& messages, std::string_view text) {
  return std::any_of(messages.begin(), messages.end(), [&](const std::string& message) {
    return message.find(text) != std::string::npos;
  });
}

// Given what docs/privacy.md says is unsafe — models fitted on every
// respondent with a municipality, primary suppression alone, figures from
// every row as it arrives — the same attacks find the leaks: so their
// passing above means something.
TEST(DisclosureAttacker, FindsTheLeaksOfReleasesWithoutTheProtections) {
  Round round("parorendeundersokelse.json", kClosedOpens, kClosedCloses);
  round.import(issue_round(), 31);
  round.publish();
  const Truth owner(round.rows());
  AnalysisOptions unprotected;
  unprotected.min_respondents = k;
  unprotected.protect = false;
  auto release_on_every_row = [&](const WaveData& data) {
    return release_of(
        apply_disclosure_control(analyze_wave(data, builtin_municipalities(), unprotected), k),
        round.questionnaire(), background_scale_table(data, k));
  };
  const Release fitted_on_everyone = release_on_every_row(owner.data());
  const std::vector<std::string> found =
      failures_of([&] { attack_release(fitted_on_everyone, owner); });
  // Sande's 4 and Vanylven's 12 are in the models: N is 16 more, and Σn²
  // 4² + 12² = 160 more, which together give both counts.
  EXPECT_TRUE(any_contains(found, "model N - published municipalities' n = 16")) << found.size();
  EXPECT_TRUE(any_contains(found, "(a withheld one would add its n²)"));
  EXPECT_TRUE(any_contains(
      found, "the adjusted means carry a case mix beyond the published municipalities"));

  // Every row with primary suppression alone: Møre og Romsdal minus
  // Vanylven is Sande, its count and its scores' mean and variance.
  AnalysisOptions primary_only;
  primary_only.min_respondents = k;
  const Release without_secondary =
      release_of(analyze_wave(owner.data(), builtin_municipalities(), primary_only),
                 round.questionnaire(), background_scale_table(owner.data(), k));
  const std::vector<std::string> subtracted =
      failures_of([&] { attack_release(without_secondary, owner); });
  EXPECT_TRUE(
      any_contains(subtracted, "county 15 - its published municipalities leaves 4 respondents"));
  EXPECT_TRUE(any_contains(subtracted, ") is municipality 1514 (n 4,"));

  // One more response in Oslo between two such reads is that response.
  round.import({{"0301", 1}}, 35);
  const Release one_later = release_on_every_row(round.rows());
  const std::vector<std::string> changes =
      failures_of([&] { expect_safe_change(fitted_on_everyone, one_later, "one new response"); });
  EXPECT_TRUE(any_contains(changes, "municipality 0301 n ")) << changes.size();
  EXPECT_TRUE(any_contains(changes, "nation n ")) << changes.size();
}

// Every scale a respondent began answered in full (a skipped item or a
// "don't know" given the answer to the scale's first answered item), but
// the first item of the first scale left out by one respondent of `code`.
std::vector<Response> with_one_skipper(std::vector<Response> responses,
                                       const Questionnaire& questionnaire,
                                       const std::string& code) {
  bool skipped = false;
  for (Response& response : responses) {
    for (const Scale& scale : questionnaire.scales) {
      std::optional<std::int64_t> first;
      for (const std::string& id : scale.items) {
        auto found = response.answers.find(id);
        if (found == response.answers.end()) continue;
        const auto* value = std::get_if<std::int64_t>(&found->second);
        if (value && !questionnaire.find_item(id)->is_dont_know(*value)) {
          first = *value;
          break;
        }
      }
      if (!first) continue;
      for (const std::string& id : scale.items) {
        auto found = response.answers.find(id);
        const auto* value =
            found == response.answers.end() ? nullptr : std::get_if<std::int64_t>(&found->second);
        if (!value || questionnaire.find_item(id)->is_dont_know(*value)) {
          response.answers[id] = *first;
        }
      }
      if (!skipped && response.municipality == code && &scale == &questionnaire.scales.front()) {
        response.answers.erase(scale.items.front());
        skipped = true;
      }
    }
  }
  if (!skipped) throw std::logic_error("no respondent of " + code + " began the first scale");
  return responses;
}

// Round 5: everyone answered every question but one caregiver in Oslo, who
// skipped one. The item means of the reliability figures, had they been
// published, would give that caregiver's score (the teeth below).
TEST(DisclosureAttacker, OneWhoSkippedAQuestion) {
  Round round("parorendeundersokelse.json", kClosedOpens, kClosedCloses);
  const std::vector<Placement> placements = {{"0301", 120}, {"4601", 80}, {"5001", 60}};
  round.import(with_one_skipper(round.responses(placements, 36), round.questionnaire(), "0301"));
  const Tally tally = attack_closed_round(round);
  EXPECT_GT(tally.residuals, 10);
  EXPECT_EQ(tally.question_tables, 9);

  // Oslo's answers per question are held back by the one who skipped;
  // published as their own count alone allows, the attack finds that one.
  const Release release = round.publish();
  ASSERT_FALSE(release.questions.empty());
  std::int64_t oslo = 0;  // Oslo's n in the area, as published
  for (const json::value& scale : release.report.at("scales").as_array()) {
    if (scale.at("id").as_string() != "identified") continue;
    for (const json::value& municipality : scale.at("municipalities").as_array()) {
      if (municipality.at("code").as_string() == "0301")
        oslo = municipality.at("n").to_number<std::int64_t>();
    }
  }
  ASSERT_GT(oslo, k);
  Release leaky = release;
  for (QuestionAnswers& question : leaky.questions) {
    if (question.scale_id != "identified") continue;
    for (QuestionCell& cell : question.municipalities) {
      if (cell.code == "4601") EXPECT_TRUE(cell.published()) << question.item_id;
      if (cell.code != "0301") continue;
      EXPECT_EQ(cell.suppression, Suppression::secondary) << question.item_id;
      cell.suppression = Suppression::none;
      cell.n = oslo - 1;
      cell.counts.assign(question.option_codes.size(), 0);
      cell.counts.front() = cell.n;
    }
  }
  const std::vector<std::string> skipped =
      failures_of([&] { attack_release(leaky, Truth(round.rows())); });
  EXPECT_TRUE(any_contains(skipped, "0301's area minus its answers per question leaves 1 who"))
      << skipped.size();

  // With reliability on every scored respondent of the published
  // municipalities and its item means published, as before: the attack
  // finds the score.
  const Truth owner(round.rows());
  AnalysisOptions options;
  options.min_respondents = k;
  WaveReport report = analyze_wave(owner.data(), builtin_municipalities(), options);
  {
    const Release plain =
        release_of(report, round.questionnaire(), background_scale_table(owner.data(), k));
    const std::vector<PublishedTable> tables = published_tables(plain);
    const ScaleColumns& columns = owner.data().scales.front();
    const std::vector<Eigen::Index> rows = model_rows(owner, owner.table(0), tables.front());
    Eigen::MatrixXf fitted(static_cast<Eigen::Index>(rows.size()), columns.count);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      fitted.row(static_cast<Eigen::Index>(i)) =
          owner.data().items.block(rows[i], columns.first, 1, columns.count);
    }
    report.scales.front().reliability = analyze_reliability(fitted);
  }
  const Release with_item_means = release_of(
      report, round.questionnaire(), background_scale_table(owner.data(), k), release.questions);
  const std::vector<std::string> found =
      failures_of([&] { attack_release(with_item_means, owner); });
  EXPECT_TRUE(any_contains(found, "give the scores of 1 who skipped an item")) << found.size();
  // ... and its items' SDs hide someone beyond the answers per question.
  EXPECT_TRUE(any_contains(found, "identified: reliability rests on others than the answers"));
}

}  // namespace
}  // namespace parorende::analytics
