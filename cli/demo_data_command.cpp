// parorende demo-data: a synthetic national wave with a known truth
// (analytics/synthetic.h, docs/analytics.md "Synthetic data"), written
// through the store's import path so analyze reads it as it reads real
// responses.
#include <fstream>
#include <iostream>

#include "analytics/synthetic.h"
#include "cli/analytics_commands.h"
#include "cli/analytics_progress.h"
#include "cli/demo_questionnaire.h"
#include "cli/store_access.h"
#include "common/calendar.h"
#include "common/csv.h"
#include "common/json_input.h"
#include "questionnaire/answer.h"
#include "questionnaire/questionnaire_loader.h"
#include "store/store_location.h"

namespace parorende::cli {
namespace {

// Responses per import transaction: bounded memory, few commits.
constexpr std::size_t kBatch = 20000;

// municipality,name,county,respondents,scale,true_mean,true_adjusted_mean;
// the nation is the row with an empty municipality.
Status write_truth(const std::string& path, const analytics::SyntheticTruth& truth) {
  std::ofstream out(path);
  if (!out) return make_error("cannot_write", "cannot write " + path);
  out.precision(17);
  out << "municipality,name,county,respondents,scale,true_mean,true_adjusted_mean\n";
  std::int64_t total = 0;
  for (std::int64_t n : truth.respondents) total += n;
  for (std::size_t k = 0; k < truth.scale_ids.size(); ++k) {
    out << ",Norge,," << total << ',' << truth.scale_ids[k] << ','
        << truth.national_expected_score[static_cast<Eigen::Index>(k)] << ','
        << truth.national_expected_score[static_cast<Eigen::Index>(k)] << '\n';
  }
  const auto& all = builtin_municipalities().all();
  for (std::size_t j = 0; j < all.size(); ++j) {
    for (std::size_t k = 0; k < truth.scale_ids.size(); ++k) {
      auto row = static_cast<Eigen::Index>(j);
      auto column = static_cast<Eigen::Index>(k);
      out << all[j].code << ',' << csv::field(all[j].name) << ',' << all[j].county_code << ','
          << truth.respondents[j] << ',' << truth.scale_ids[k] << ','
          << truth.expected_score(row, column) << ',' << truth.expected_adjusted_score(row, column)
          << '\n';
    }
  }
  if (!out) return make_error("cannot_write", "cannot write " + path);
  return {};
}

}  // namespace

int demo_data_command(const DemoDataOptions& options) {
  const std::string& wave_name = options.wave;
  // Beside an SQLite file; for a PostgreSQL database in the working folder
  // (its URI is no file name, and may hold a password).
  auto location = parse_store_location(options.db);
  const bool beside = location && location->engine == StoreEngine::sqlite;
  const std::string truth_path = options.truth.value_or(
      (beside ? options.db + "." : std::string("demo-")) + wave_name + ".truth.csv");
  Result<std::string> definition = std::string(demo_questionnaire_definition());
  if (options.questionnaire) definition = read_text_file(*options.questionnaire);
  if (!definition) {
    report_error("demo-data", definition.error());
    return 1;
  }
  auto store = open_store("demo-data", options.db, false);
  if (!store) return 1;
  if (auto published = store->publish_questionnaire(definition.value()); !published) {
    report_error("demo-data", published.error());
    return 1;
  }
  auto parsed = load_questionnaire_text(definition.value());
  if (!parsed) {
    report_error("demo-data", parsed.error());
    return 1;
  }
  auto questionnaire = store->questionnaire(parsed->id, parsed->version);
  if (!questionnaire) {
    report_error("demo-data", questionnaire.error());
    return 1;
  }
  Date today = today_utc();
  WaveSpec spec{
      wave_name, parsed->id, parsed->version, Date{today.year, 1, 1}, Date{today.year + 1, 12, 31},
      {}};
  // The parser lets --opens and --closes through only together.
  if (options.opens && options.closes) {
    spec.opens = *options.opens;
    spec.closes = *options.closes;
  }
  // Responses to a wave that has closed are dated its last day.
  Date answered_on = spec.closes < today ? spec.closes : today;
  auto wave = store->create_wave(spec);
  if (!wave) {
    report_error("demo-data", wave.error());
    return 1;
  }

  analytics::SyntheticSurvey survey(questionnaire.value(), builtin_municipalities(),
                                    {options.responses, options.seed});
  const std::string consent =
      questionnaire.value()->consent ? questionnaire.value()->consent->version : "demo";
  TerminalProgress progress("demo-data");
  std::vector<ImportedResponse> batch;
  batch.reserve(kBatch);
  std::int64_t written = 0;
  auto flush = [&]() -> Status {
    if (batch.empty()) return {};
    auto ids = store->import_responses(wave_name, batch, answered_on);
    if (!ids) return ids.take_error();
    written += static_cast<std::int64_t>(ids->size());
    batch.clear();
    progress.update("writing responses",
                    static_cast<double>(written) / static_cast<double>(options.responses));
    return {};
  };
  while (auto response = survey.next()) {
    batch.push_back({std::move(*response), consent});
    if (batch.size() == kBatch) {
      if (auto flushed = flush(); !flushed) {
        progress.finish();
        report_error("demo-data", flushed.error());
        return 1;
      }
    }
  }
  if (auto flushed = flush(); !flushed) {
    progress.finish();
    report_error("demo-data", flushed.error());
    return 1;
  }
  progress.finish();
  if (auto truth = write_truth(truth_path, survey.truth()); !truth) {
    report_error("demo-data", truth.error());
    return 1;
  }
  std::cout << "wave " << wave_name << ": " << written << " responses in "
            << builtin_municipalities().size() << " municipalities (seed " << options.seed
            << "); true scores in " << truth_path << '\n';
  return 0;
}

}  // namespace parorende::cli
