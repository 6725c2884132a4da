// parorende demo-data: a synthetic national wave with a known truth
// (analytics/synthetic.h, docs/analytics.md "Synthetic data"), written
// through the store's import path so analyze reads it as it reads real
// responses.
#include <charconv>
#include <fstream>
#include <iostream>
#include <optional>

#include "analytics/synthetic.h"
#include "cli/analytics_progress.h"
#include "cli/commands.h"
#include "cli/demo_questionnaire.h"
#include "cli/store_access.h"
#include "questionnaire/answer.h"
#include "common/calendar.h"
#include "common/csv.h"
#include "common/json_input.h"
#include "questionnaire/questionnaire_loader.h"

namespace parorende::cli {
namespace {

constexpr const char* kUsage =
    "usage: parorende demo-data --db FILE --wave NAME --responses N --seed S\n"
    "                           [--questionnaire FILE] [--truth FILE]\n"
    "                           [--opens YYYY-MM-DD --closes YYYY-MM-DD]\n"
    "  --questionnaire  default: the shipped parorendeundersokelse (compiled in)\n"
    "  --truth          where the true municipality scores go (CSV);\n"
    "                   default FILE.NAME.truth.csv beside the database\n"
    "  --opens/--closes the wave's dates; default this year and the next, so\n"
    "                   the demo server takes answers too. A wave that has\n"
    "                   closed makes an earlier round to compare with.\n";

// Responses per import transaction: bounded memory, few commits.
constexpr std::size_t kBatch = 20000;

template <typename Number>
std::optional<Number> parse_number(const std::string& text) {
  Number value{};
  auto parsed = std::from_chars(text.data(), text.data() + text.size(), value);
  if (parsed.ec != std::errc() || parsed.ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

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
          << truth.expected_score(row, column) << ','
          << truth.expected_adjusted_score(row, column) << '\n';
    }
  }
  if (!out) return make_error("cannot_write", "cannot write " + path);
  return {};
}

}  // namespace

int demo_data_command(const Words& words) {
  auto arguments = Arguments::parse(
      words, {"db", "wave", "responses", "seed", "questionnaire", "truth", "opens", "closes"});
  if (!arguments || !arguments->positional().empty()) {
    if (!arguments) std::cerr << "parorende demo-data: " << arguments.error().message << '\n';
    std::cerr << kUsage;
    return 2;
  }
  for (const char* name : {"db", "wave", "responses", "seed"}) {
    if (!arguments->option(name)) {
      std::cerr << "parorende demo-data: option --" << name << " is required\n" << kUsage;
      return 2;
    }
  }
  auto responses = parse_number<std::int64_t>(*arguments->option("responses"));
  auto seed = parse_number<std::uint64_t>(*arguments->option("seed"));
  if (!responses || *responses < 1 || !seed) {
    std::cerr << "parorende demo-data: --responses is a positive whole number, --seed a whole number\n";
    return 2;
  }
  const std::string wave_name = *arguments->option("wave");
  const std::string truth_path = arguments->option("truth").value_or(
      *arguments->option("db") + "." + wave_name + ".truth.csv");
  Result<std::string> definition = std::string(demo_questionnaire_definition());
  if (auto path = arguments->option("questionnaire")) definition = read_text_file(*path);
  if (!definition) {
    report_error("demo-data", definition.error());
    return 1;
  }
  auto store = open_store("demo-data", arguments.value(), false);
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
  WaveSpec spec{wave_name, parsed->id, parsed->version, Date{today.year, 1, 1},
                Date{today.year + 1, 12, 31}, {}};
  if (arguments->option("opens") || arguments->option("closes")) {
    auto opens = parse_iso_date(arguments->option("opens").value_or(""));
    auto closes = parse_iso_date(arguments->option("closes").value_or(""));
    if (!opens || !closes) {
      std::cerr << "parorende demo-data: --opens and --closes go together, written YYYY-MM-DD\n";
      return 2;
    }
    spec.opens = *opens;
    spec.closes = *closes;
  }
  // Responses to a wave that has closed are dated its last day.
  Date answered_on = spec.closes < today ? spec.closes : today;
  auto wave = store->create_wave(spec);
  if (!wave) {
    report_error("demo-data", wave.error());
    return 1;
  }

  analytics::SyntheticSurvey survey(questionnaire.value(), builtin_municipalities(),
                                    {*responses, *seed});
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
    progress.update("writing responses", static_cast<double>(written) / static_cast<double>(*responses));
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
            << builtin_municipalities().size() << " municipalities (seed " << *seed
            << "); true scores in " << truth_path << '\n';
  return 0;
}

}  // namespace parorende::cli
