// GET /api/v1/waves/{wave}/results[?lang=]: a wave's published figures,
// nationally, per county and per municipality.
// GET /api/v1/waves/{wave}/results/{municipality}[?lang=]: one
// municipality in full, with the change since the previous wave.
// Both for rounds whose results are public; the same for staff, of any
// round: GET /api/v1/admin/waves/{wave}/results, and for a municipality's
// staff of the rounds that cover it, .../municipalities/{municipality}/
// waves/{wave}/results and .../overview.
// Shapes in docs/api.md; every figure after disclosure control
// (docs/privacy.md), from the ResultsCache, on a store worker.
#include <algorithm>
#include <boost/json/array.hpp>
#include <cmath>
#include <optional>

#include "analytics/report_json.h"
#include "analytics/wave_change.h"
#include "common/calendar.h"
#include "common/crypto.h"
#include "reference/municipalities.h"
#include "server/api/api_routes.h"
#include "server/api/request_input.h"
#include "server/api/results_cache.h"
#include "server/api/staff_caller.h"
#include "server/http/compression.h"
#include "server/http/json_reply.h"
#include "server/http/static_files.h"

namespace parorende::server {
namespace {

namespace json = boost::json;
using namespace analytics;

// The cell's own fields: n (null when withheld) and why it is withheld.
void cell_fields(json::object& object, std::int64_t n, bool suppressed, Suppression suppression) {
  object["n"] = suppressed ? json::value(nullptr) : json::value(n);
  object["suppressed"] = suppressed;
  object["suppression"] = suppression == Suppression::none
                              ? json::value(nullptr)
                              : json::value(json::string(suppression_name(suppression)));
}

json::object area_json(const AreaResult& area) {
  json::object object;
  if (!area.code.empty()) object["code"] = area.code;
  object["name"] = area.name;
  cell_fields(object, area.raw.n, area.suppressed, area.suppression);
  object["mean"] = json_number(area.raw.mean);
  object["sd"] = json_number(area.raw.sd);
  object["ci"] = json_interval(area.raw.ci_low, area.raw.ci_high);
  return object;
}

// Withheld, or nothing to compare with (NaN difference): null.
json::value comparison_json(const Comparison& comparison) {
  if (!std::isfinite(comparison.difference)) return nullptr;
  return json::object{{"difference", comparison.difference},
                      {"se", json_number(comparison.se)},
                      {"df", json_number(comparison.df)},
                      {"p", json_number(comparison.p_value)},
                      {"ci", json_interval(comparison.ci_low, comparison.ci_high)},
                      {"verdict", verdict_name(comparison.verdict)}};
}

json::value verdict_json(const Comparison& comparison) {
  if (!std::isfinite(comparison.difference)) return nullptr;
  return json::string(verdict_name(comparison.verdict));
}

json::value raw_json(const Summary& raw, bool with_se) {
  json::object object{{"mean", json_number(raw.mean)}, {"sd", json_number(raw.sd)}};
  if (with_se) object["se"] = json_number(raw.se);
  object["ci"] = json_interval(raw.ci_low, raw.ci_high);
  return object;
}

json::value adjusted_json(const AdjustedMean& adjusted, bool with_se) {
  json::object object{{"mean", json_number(adjusted.mean)}};
  if (with_se) object["se"] = json_number(adjusted.se);
  object["ci"] = json_interval(adjusted.ci_low, adjusted.ci_high);
  return object;
}

json::value shrunken_json(const ShrunkenMean& shrunken, bool full) {
  json::object object{{"mean", json_number(shrunken.estimate)}};
  if (full) {
    object["reliability"] = json_number(shrunken.reliability);
    object["se"] = json_number(shrunken.se);
  }
  object["ci"] = json_interval(shrunken.ci_low, shrunken.ci_high);
  return object;
}

const Scale* scale_of(const Questionnaire& questionnaire, const std::string& id) {
  for (const Scale& scale : questionnaire.scales) {
    if (scale.id == id) return &scale;
  }
  return nullptr;
}

const BurdenInstrument* instrument_of(const Questionnaire& questionnaire, const std::string& id) {
  for (const BurdenInstrument& instrument : questionnaire.burden_instruments) {
    if (instrument.id == id) return &instrument;
  }
  return nullptr;
}

std::string scale_title(const Questionnaire& questionnaire, const ScaleReport& scale,
                        const std::string& language) {
  const Scale* found = scale_of(questionnaire, scale.scale_id);
  return found ? found->title.in(language) : scale.title;
}

std::string burden_title(const Questionnaire& questionnaire, const BurdenReport& burden,
                         const std::string& language) {
  const BurdenInstrument* found = instrument_of(questionnaire, burden.instrument_id);
  return found ? found->title.in(language) : burden.title;
}

std::string category_label(const Questionnaire& questionnaire, const BurdenReport& burden,
                           std::size_t category, const std::string& language) {
  const BurdenInstrument* found = instrument_of(questionnaire, burden.instrument_id);
  if (!found || category >= found->categories.size()) return burden.category_ids[category];
  return found->categories[category].label.in(language);
}

json::value shares_json(const ShareRow& row, const BurdenReport& burden) {
  if (row.suppressed) return nullptr;
  json::array shares;
  for (std::size_t c = 0; c < row.shares.size(); ++c) {
    const Proportion& share = row.shares[c];
    shares.push_back(json::object{{"category", burden.category_ids[c]},
                                  {"count", share.count},
                                  {"share", json_number(share.share)},
                                  {"ci", json_interval(share.ci_low, share.ci_high)}});
  }
  return shares;
}

std::int64_t row_total(const ShareRow& row) {
  return row.shares.empty() ? 0 : row.shares.front().total;
}

json::object share_row_json(const ShareRow& row, const BurdenReport& burden) {
  json::object object;
  if (!row.code.empty()) object["code"] = row.code;
  object["name"] = row.name;
  if (!row.county_code.empty()) object["county"] = row.county_code;
  cell_fields(object, row_total(row), row.suppressed, row.suppression);
  object["shares"] = shares_json(row, burden);
  return object;
}

json::object header_json(const PublishedWave& published, const std::string& language,
                         const std::optional<std::string>& previous_wave) {
  const WaveReport& report = published.report;
  return {{"wave", report.wave},
          {"questionnaire", json::object{{"id", report.questionnaire_id},
                                         {"version", report.questionnaire_version}}},
          {"language", language},
          {"respondents", report.respondents},
          {"min_respondents", report.min_respondents},
          {"confidence_level", report.confidence_level},
          {"computed_on", published.computed_on},
          {"previous_wave",
           previous_wave ? json::value(json::string(*previous_wave)) : json::value(nullptr)}};
}

json::object overview_json(const PublishedWave& published, const std::string& language,
                           const std::optional<std::string>& previous_wave) {
  const Questionnaire& questionnaire = *published.questionnaire;
  json::object body = header_json(published, language, previous_wave);
  json::array scales;
  for (const ScaleReport& scale : published.report.scales) {
    json::array counties;
    for (const AreaResult& county : scale.counties) counties.push_back(area_json(county));
    json::array municipalities;
    for (const MunicipalityResult& result : scale.municipalities) {
      json::object entry{
          {"code", result.code}, {"name", result.name}, {"county", result.county_code}};
      cell_fields(entry, result.raw.n, result.suppressed, result.suppression);
      bool shown = !result.suppressed;
      entry["raw"] = shown ? raw_json(result.raw, false) : nullptr;
      entry["adjusted"] = shown ? adjusted_json(result.adjusted, false) : nullptr;
      entry["shrunken"] = shown ? shrunken_json(result.shrunken, false) : nullptr;
      entry["versus_national"] = verdict_json(result.versus_national);
      entry["versus_county"] = verdict_json(result.versus_county);
      entry["versus_similar"] = verdict_json(result.versus_similar);
      municipalities.push_back(std::move(entry));
    }
    scales.push_back(json::object{{"id", scale.scale_id},
                                  {"title", scale_title(questionnaire, scale, language)},
                                  {"national", area_json(scale.national)},
                                  {"counties", std::move(counties)},
                                  {"municipalities", std::move(municipalities)}});
  }
  body["scales"] = std::move(scales);
  json::array burden;
  for (const BurdenReport& instrument : published.report.burden) {
    json::array categories;
    for (std::size_t c = 0; c < instrument.category_ids.size(); ++c) {
      categories.push_back(
          json::object{{"id", instrument.category_ids[c]},
                       {"label", category_label(questionnaire, instrument, c, language)}});
    }
    json::array counties;
    for (const ShareRow& row : instrument.counties)
      counties.push_back(share_row_json(row, instrument));
    json::array municipalities;
    for (const ShareRow& row : instrument.municipalities) {
      municipalities.push_back(share_row_json(row, instrument));
    }
    burden.push_back(json::object{{"id", instrument.instrument_id},
                                  {"title", burden_title(questionnaire, instrument, language)},
                                  {"categories", std::move(categories)},
                                  {"national", share_row_json(instrument.national, instrument)},
                                  {"counties", std::move(counties)},
                                  {"municipalities", std::move(municipalities)}});
  }
  body["burden"] = std::move(burden);
  return body;
}

template <typename Row>
const Row* by_code(const std::vector<Row>& rows, const std::string& code) {
  auto found =
      std::lower_bound(rows.begin(), rows.end(), code,
                       [](const Row& row, const std::string& wanted) { return row.code < wanted; });
  return found != rows.end() && found->code == code ? &*found : nullptr;
}

const AreaChange* change_of(const WaveChange* change, const std::string& scale_id,
                            const std::string& code) {
  if (!change) return nullptr;
  for (const ScaleChange& scale : change->scales) {
    if (scale.scale_id != scale_id) continue;
    for (const AreaChange& area : scale.municipalities) {
      if (area.code == code) return &area;
    }
  }
  return nullptr;
}

json::value trend_json(const AreaChange* change, const PublishedWave* previous,
                       const std::string& scale_id, const std::string& code) {
  if (!change || !previous || !std::isfinite(change->change.difference)) return nullptr;
  const MunicipalityResult* before = nullptr;
  for (const ScaleReport& scale : previous->report.scales) {
    if (scale.scale_id == scale_id) before = by_code(scale.municipalities, code);
  }
  if (!before || before->suppressed) return nullptr;
  json::object object = comparison_json(change->change).as_object();
  object["previous_wave"] = previous->report.wave;
  object["previous"] = json::object{{"n", before->raw.n},
                                    {"mean", json_number(before->raw.mean)},
                                    {"ci", json_interval(before->raw.ci_low, before->raw.ci_high)}};
  return object;
}

// Whether a round's answers per question are published: only once it has
// closed, frozen then (analytics/answers_per_question.h); a round frozen
// before they were kept has none.
std::string_view answers_state(const PublishedWave& published) {
  // As of the day the figures were computed: the cache may outlive the round.
  if (!(published.wave.closes.iso() < published.computed_on)) return "round_open";
  return published.questions.empty() ? "not_kept" : "published";
}

const QuestionAnswers* answers_of(const PublishedWave& published, const std::string& scale_id,
                                  const std::string& item_id) {
  for (const QuestionAnswers& question : published.questions) {
    if (question.scale_id == scale_id && question.item_id == item_id) return &question;
  }
  return nullptr;
}

// The questions behind one scale, in its order, in the asked language,
// with how those who answered every one of them answered each, in the
// municipality and in the nation: each side withheld by its own cell.
json::array questions_json(const PublishedWave& published, const ScaleReport& scale,
                           const MunicipalityResult& area, const std::string& code,
                           const std::string& language) {
  json::array questions;
  for (const std::string& id : scale.item_ids) {
    const Item* item = published.questionnaire->find_item(id);
    if (!item) continue;
    json::object question{{"id", id}, {"text", item->text.in(language)}};
    const QuestionAnswers* answers = answers_of(published, scale.scale_id, id);
    if (!answers) {
      questions.push_back(std::move(question));
      continue;
    }
    // Frozen cells are served only while their area is published now: an
    // erasure since withdraws the municipality's answers with its area.
    const QuestionCell* found = municipality_cell(*answers, code);
    QuestionCell own = found ? *found : QuestionCell{code, 0, {}, Suppression::primary};
    if (area.suppressed && own.published()) own = {code, 0, {}, area.suppression};
    QuestionCell nation = answers->national;
    if (scale.national.suppressed && nation.published())
      nation = {"", 0, {}, scale.national.suppression};
    cell_fields(question, own.n, !own.published(), own.suppression);
    json::object national;
    cell_fields(national, nation.n, !nation.published(), nation.suppression);
    question["national"] = std::move(national);
    auto share = [](const QuestionCell& cell, std::size_t o) {
      return json_number(static_cast<double>(cell.counts[o]) / static_cast<double>(cell.n));
    };
    json::array options;
    for (std::size_t o = 0; o < answers->option_codes.size(); ++o) {
      const std::int64_t option_code = answers->option_codes[o];
      json::object option{{"code", option_code}, {"label", std::to_string(option_code)}};
      for (const ChoiceOption& choice : item->options) {
        if (choice.code == option_code) option["label"] = choice.label.in(language);
      }
      if (own.published()) {
        option["count"] = own.counts[o];
        option["share"] = share(own, o);
      }
      if (nation.published()) option["national_share"] = share(nation, o);
      options.push_back(std::move(option));
    }
    question["options"] = std::move(options);
    questions.push_back(std::move(question));
  }
  return questions;
}

json::object municipality_json(const PublishedWave& published, const Municipality& municipality,
                               const std::string& language, const PublishedWave* previous,
                               const WaveChange* change) {
  const Questionnaire& questionnaire = *published.questionnaire;
  const WaveReport& report = published.report;
  json::object body =
      header_json(published, language,
                  previous ? std::optional<std::string>(previous->report.wave) : std::nullopt);
  body.erase("respondents");
  body["municipality"] = json::object{{"code", municipality.code},
                                      {"name", municipality.name},
                                      {"county", json::object{{"code", municipality.county_code},
                                                              {"name", municipality.county_name}}}};
  json::array similar;
  if (const SimilarMunicipalities* entry = by_code(report.similar, municipality.code)) {
    for (const std::string& code : entry->similar_codes) {
      const Municipality* peer = builtin_municipalities().find(code);
      similar.push_back(json::object{{"code", code}, {"name", peer ? peer->name : code}});
    }
  }
  body["similar_municipalities"] = std::move(similar);

  json::array scales;
  for (const ScaleReport& scale : report.scales) {
    const MunicipalityResult* result = by_code(scale.municipalities, municipality.code);
    if (!result) continue;
    json::object entry{{"id", scale.scale_id},
                       {"title", scale_title(questionnaire, scale, language)}};
    cell_fields(entry, result->raw.n, result->suppressed, result->suppression);
    bool shown = !result->suppressed;
    entry["raw"] = shown ? raw_json(result->raw, true) : nullptr;
    entry["adjusted"] = shown ? adjusted_json(result->adjusted, true) : nullptr;
    entry["shrunken"] = shown ? shrunken_json(result->shrunken, true) : nullptr;
    entry["national"] = area_json(scale.national);
    const AreaResult* county = by_code(scale.counties, municipality.county_code);
    entry["county"] = county ? json::value(area_json(*county)) : json::value(nullptr);
    entry["versus_national"] = shown ? comparison_json(result->versus_national) : nullptr;
    entry["versus_county"] = shown ? comparison_json(result->versus_county) : nullptr;
    entry["versus_similar"] = shown ? comparison_json(result->versus_similar) : nullptr;
    entry["trend"] = shown ? trend_json(change_of(change, scale.scale_id, municipality.code),
                                        previous, scale.scale_id, municipality.code)
                           : nullptr;
    entry["answers_per_question"] = answers_state(published);
    entry["questions"] = questions_json(published, scale, *result, municipality.code, language);
    scales.push_back(std::move(entry));
  }
  body["scales"] = std::move(scales);

  json::array burden;
  for (const BurdenReport& instrument : report.burden) {
    const ShareRow* row = by_code(instrument.municipalities, municipality.code);
    if (!row) continue;
    json::object entry{{"id", instrument.instrument_id},
                       {"title", burden_title(questionnaire, instrument, language)}};
    cell_fields(entry, row_total(*row), row->suppressed, row->suppression);
    json::array categories;
    for (std::size_t c = 0; c < instrument.category_ids.size(); ++c) {
      json::object category{{"id", instrument.category_ids[c]},
                            {"label", category_label(questionnaire, instrument, c, language)}};
      if (!row->suppressed) {
        const Proportion& share = row->shares[c];
        category["count"] = share.count;
        category["share"] = json_number(share.share);
        category["ci"] = json_interval(share.ci_low, share.ci_high);
      }
      categories.push_back(std::move(category));
    }
    entry["categories"] = std::move(categories);
    burden.push_back(std::move(entry));
  }
  body["burden"] = std::move(burden);
  return body;
}

// The latest earlier wave of the same questionnaire and the same
// municipalities (by opening day): a national round follows a national
// one, and a municipality's local round never stands in for it. A round
// whose results are public is compared only with public ones: the change
// since a staff-only round would publish that round's figures.
Result<std::optional<Wave>> previous_wave_of(ResponseStore& store, const Wave& wave) {
  auto waves = store.waves();
  if (!waves) return waves.take_error();
  std::optional<Wave> previous;
  for (Wave& other : waves.value()) {
    if (other.questionnaire_id != wave.questionnaire_id || other.name == wave.name) continue;
    if (other.municipalities != wave.municipalities) continue;
    if (wave.results_public && !other.results_public) continue;
    if (!(other.opens < wave.opens)) continue;
    if (!previous || previous->opens < other.opens) previous = std::move(other);
  }
  return previous;
}

struct Request {
  std::string wave;
  std::string language;
};

// A public read carries an ETag of its bytes: the same published state
// answers 304 to If-None-Match. An open round's figures may move with the
// next k responses, so it is revalidated every time; a closed round's move
// only when an erasure withdraws a cell, so browsers and shared caches may
// keep it five minutes. Staff reads are never cached (each is audited).
HttpResponse answer(const json::object& body, const HttpRequest& request, bool staff,
                    const Wave& wave) {
  HttpResponse response = json_response(http::status::ok, body);
  if (!staff) {
    // Weak: the gzipped and the plain body are the same figures.
    std::string tag = '"' + to_hex(sha256(response.body())).substr(0, 32) + '"';
    response.set(http::field::etag, "W/" + tag);
    response.set(http::field::vary, "Accept-Encoding");
    response.set(http::field::cache_control,
                 wave.closes < today_utc() ? "public, max-age=300" : "no-cache");
    if (etag_matches(request[http::field::if_none_match], tag)) {
      response.result(http::status::not_modified);
      response.body().clear();
      response.erase(http::field::content_type);
      return response;
    }
  }
  gzip_if_accepted(response, request);
  return response;
}

// A staff-only round's overview as one municipality's staff read it: the
// nation and the counties, and of the municipalities only their own (its
// caregivers were told their municipality reads the figures, not others).
void keep_one_municipality(json::object& overview, const std::string& code) {
  for (const char* part : {"scales", "burden"}) {
    for (json::value& entry : overview[part].as_array()) {
      json::array& municipalities = entry.as_object()["municipalities"].as_array();
      json::array own;
      for (json::value& row : municipalities) {
        const json::string* row_code =
            row.as_object().if_contains("code") ? row.as_object().at("code").if_string() : nullptr;
        if (row_code != nullptr && *row_code == code) own.push_back(std::move(row));
      }
      municipalities = std::move(own);
    }
  }
}

// Who asks. The public routes answer for rounds whose results are public
// (403 results_not_public otherwise); the staff routes for any round the
// authorization matrix lets the caller see, each read in the audit log.
// A municipality's staff read only rounds that cover their municipality.
struct Reader {
  bool staff = false;
  std::string actor;         // staff: the audit log's actor
  std::string object;        // staff: what the audit entry names
  std::string municipality;  // staff through a municipality's route
};

Reader public_reader() { return {}; }

Reader staff_reader(const Exchange& exchange, std::string object, std::string municipality = {}) {
  return {true, audit_actor(caller_of(exchange).principal), std::move(object),
          std::move(municipality)};
}

// Figures that are not public leave only with their trace in the log: no
// entry, no figures.
OutgoingResponse record_shown(ApiContext& api, const Reader& reader, OutgoingResponse response) {
  if (!reader.staff) return response;
  auto recorded = api.store.record_audit(
      {reader.actor, "results.read", reader.object, AuditOutcome::success, ""});
  if (!recorded) return error_response(recorded.error());
  return response;
}

OutgoingResponse record_failure(ApiContext& api, const Reader& reader, const Error& error) {
  if (reader.staff) {
    bool storage = error.code == "storage_failure";
    record_audit(api, {reader.actor, "results.read", reader.object,
                       storage ? AuditOutcome::failed : AuditOutcome::refused, error.code});
  }
  return error_response(error);
}

// A refusal, or nothing when the reader may see the wave's results.
std::optional<OutgoingResponse> refusal(ApiContext& api, const Reader& reader,
                                        const std::string& wave_name) {
  if (reader.staff && reader.municipality.empty()) return std::nullopt;
  auto wave = api.store.wave(wave_name);
  if (!wave) return record_failure(api, reader, wave.error());
  if (reader.staff) {
    if (wave->covers(reader.municipality)) return std::nullopt;
    return record_failure(
        api, reader,
        make_error("municipality_not_in_wave",
                   "round " + wave_name + " does not cover municipality " + reader.municipality));
  }
  if (wave->results_public) return std::nullopt;
  return error_response("results_not_public",
                        "the results of round " + wave_name +
                            " are for its municipalities' staff only, as its caregivers were told");
}

void get_results(ApiContext& api, const Exchange& exchange, std::string wave_name, Reader reader,
                 Reply reply) {
  auto language = requested_language(exchange.query);
  if (!language) return reply(error_response(language.error()));
  reply_from_store_worker(
      api, std::move(reply),
      [&api, wave_name = std::move(wave_name), reader = std::move(reader),
       requested = std::move(language).value(), request = &exchange.request] {
        if (auto refused = refusal(api, reader, wave_name)) return *std::move(refused);
        auto published = api.results.published(wave_name);
        if (!published) return record_failure(api, reader, published.error());
        const PublishedWave& current = *published.value();
        auto earlier = previous_wave_of(api.store, current.wave);
        if (!earlier) return record_failure(api, reader, earlier.error());
        const std::optional<Wave>& previous = earlier.value();
        std::string shown = effective_language(*current.questionnaire, requested);
        json::object overview = overview_json(
            current, shown, previous ? std::optional<std::string>(previous->name) : std::nullopt);
        if (!reader.municipality.empty() && !current.wave.results_public) {
          keep_one_municipality(overview, reader.municipality);
        }
        return record_shown(api, reader, answer(overview, *request, reader.staff, current.wave));
      });
}

void get_municipality_results(ApiContext& api, const Exchange& exchange, std::string wave_name,
                              const std::string& code, Reader reader, Reply reply) {
  const Municipality* municipality = builtin_municipalities().find(code);
  if (!municipality) {
    return reply(
        error_response("municipality_not_found", "no municipality with code \"" + code + "\""));
  }
  auto language = requested_language(exchange.query);
  if (!language) return reply(error_response(language.error()));
  reply_from_store_worker(
      api, std::move(reply),
      [&api, municipality, wave_name = std::move(wave_name), reader = std::move(reader),
       requested = std::move(language).value(), request = &exchange.request] {
        if (auto refused = refusal(api, reader, wave_name)) return *std::move(refused);
        auto published = api.results.published(wave_name);
        if (!published) return record_failure(api, reader, published.error());
        const PublishedWave& current = *published.value();
        std::shared_ptr<const PublishedWave> previous;
        std::optional<WaveChange> change;
        auto found = previous_wave_of(api.store, current.wave);
        if (!found) return record_failure(api, reader, found.error());
        if (const std::optional<Wave>& earlier = found.value()) {
          auto loaded = api.results.published(earlier->name);
          if (!loaded) return record_failure(api, reader, loaded.error());
          previous = loaded.value();
          auto compared = compare_waves(previous->report, current.report);
          if (compared) change = std::move(compared).value();
        }
        std::string shown = effective_language(*current.questionnaire, requested);
        return record_shown(api, reader,
                            answer(municipality_json(current, *municipality, shown, previous.get(),
                                                     change ? &*change : nullptr),
                                   *request, reader.staff, current.wave));
      });
}

}  // namespace

void add_results_routes(Router& router, ApiContext& api) {
  router.add({http::verb::get, "/api/v1/waves/{wave}/results", RateClass::none,
              [&api](const Exchange& exchange, Reply reply) {
                get_results(api, exchange, exchange.params[0], public_reader(), std::move(reply));
              }});
  router.add({http::verb::get, "/api/v1/waves/{wave}/results/{municipality}", RateClass::none,
              [&api](const Exchange& exchange, Reply reply) {
                get_municipality_results(api, exchange, exchange.params[0], exchange.params[1],
                                         public_reader(), std::move(reply));
              }});
  router.add({http::verb::get, "/api/v1/admin/waves/{wave}/results", RateClass::none,
              [&api](const Exchange& exchange, Reply reply) {
                const std::string& wave = exchange.params[0];
                get_results(api, exchange, wave,
                            staff_reader(exchange, "wave:" + printable_detail(wave)),
                            std::move(reply));
              }});
  router.add({http::verb::get, "/api/v1/admin/municipalities/{municipality}/waves/{wave}/results",
              RateClass::none, [&api](const Exchange& exchange, Reply reply) {
                const std::string& code = exchange.params[0];
                const std::string& wave = exchange.params[1];
                get_municipality_results(api, exchange, wave, code,
                                         staff_reader(exchange,
                                                      "municipality:" + printable_detail(code) +
                                                          "/wave:" + printable_detail(wave),
                                                      code),
                                         std::move(reply));
              }});
  router.add({http::verb::get, "/api/v1/admin/municipalities/{municipality}/waves/{wave}/overview",
              RateClass::none, [&api](const Exchange& exchange, Reply reply) {
                const std::string& code = exchange.params[0];
                const std::string& wave = exchange.params[1];
                get_results(api, exchange, wave,
                            staff_reader(exchange,
                                         "municipality:" + printable_detail(code) +
                                             "/wave:" + printable_detail(wave) + "/overview",
                                         code),
                            std::move(reply));
              }});
}

}  // namespace parorende::server
