// Questionnaire versions and rounds (waves) from the browser, with the
// library calls `parorende publish` and `parorende wave create` make:
// POST /api/v1/admin/questionnaires[?dry_run=true]   a definition (JSON)
//      checked, and published unless dry_run (national_admin); a dry run
//      answers with the survey pages' view of it in each language, for the
//      preview
// POST /api/v1/admin/questionnaires/redcap[?id=&version=&language=]   a
//      REDCap data dictionary (text/csv) or instrument ZIP
//      (application/zip) turned into a definition, with
//      what was left out, for the page to check and publish as above
// POST /api/v1/admin/waves   {name, questionnaire, version?, opens, closes,
//      municipalities?}: a round, national or for some (national_admin)
// POST /api/v1/admin/municipalities/{municipality}/waves   the same, for
//      the municipality alone: a local round (its staff)
// POST /api/v1/admin/municipalities/{municipality}/waves/{wave}/join   the
//      municipality takes part in a national round (its staff)
// Every publication and round is in the audit log.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "common/json_input.h"
#include "interchange/redcap/import.h"
#include "interchange/redcap/instrument_zip.h"
#include "questionnaire/questionnaire_loader.h"
#include "server/api/api_routes.h"
#include "server/api/questionnaire_view.h"
#include "server/api/request_input.h"
#include "server/api/staff_caller.h"
#include "server/http/json_reply.h"

namespace parorende::server {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxRoundMunicipalities = 400;

void record(ApiContext& api, const Exchange& exchange, std::string action, std::string object,
            AuditOutcome outcome = AuditOutcome::success, std::string detail = {}) {
  record_audit(api, {audit_actor(caller_of(exchange).principal), std::move(action),
                     std::move(object), outcome, std::move(detail)});
}

OutgoingResponse publish_questionnaire(ApiContext& api, const Exchange& exchange) {
  auto dry_run = optional_query(exchange.query, "dry_run");
  if (!dry_run) return error_response(dry_run.error());
  if (*dry_run && **dry_run != "true" && **dry_run != "false") {
    return error_response(make_error("invalid_query", "dry_run is true or false",
                                     {{"dry_run", "invalid_value", "true or false"}}));
  }
  auto body = json_body(exchange.request);
  if (!body) return error_response(body.error());
  // Every problem of the definition at once, before anything is stored.
  auto loaded = load_questionnaire(*body);
  if (loaded) {
    if (auto publishable = check_new_version(loaded.value()); !publishable)
      loaded = publishable.error();
  }
  if (!loaded) {
    if (!(*dry_run && **dry_run == "true")) {
      record(api, exchange, "questionnaire.publish", "questionnaire:(invalid)",
             AuditOutcome::refused, loaded.error().code);
    }
    return error_response(loaded.error());
  }
  json::array languages;
  for (const std::string& language : loaded->languages) languages.push_back(json::string(language));
  json::object summary{{"id", loaded->id},
                       {"version", loaded->version},
                       {"title", loaded->title.in(loaded->default_language)},
                       {"languages", std::move(languages)},
                       {"published", false}};
  if (*dry_run && **dry_run == "true") {
    // The survey pages' preview shows these exactly as caregivers will.
    json::object views;
    for (const std::string& language : loaded->languages) {
      views[language] = questionnaire_view(*loaded, language);
    }
    summary["views"] = std::move(views);
    return json_response(http::status::ok, summary);
  }
  std::string object = "questionnaire:" + printable_detail(loaded->id + "@" + loaded->version);
  if (auto published = api.store.publish_questionnaire(json::serialize(*body)); !published) {
    record(api, exchange, "questionnaire.publish", object, AuditOutcome::refused,
           published.error().code);
    return error_response(published.error());
  }
  record(api, exchange, "questionnaire.publish", object);
  summary["published"] = true;
  return json_response(http::status::created, summary);
}

// A data dictionary (text/csv), or an instrument ZIP as REDCap's Shared
// Library gives it (application/zip): its instrument.csv, which has no
// record ID.
Result<std::string> dictionary_body(const HttpRequest& request, redcap::ImportOptions& options) {
  if (media_type(request) != "application/zip") {
    auto text = csv_body(request);
    if (!text) return text.take_error();
    return std::string(*text);
  }
  auto instrument = redcap::instrument_csv_from_zip(request.body());
  if (!instrument) return instrument.take_error();
  if (!is_valid_utf8(*instrument)) {
    return make_error("invalid_csv",
                      "the ZIP's instrument.csv is not valid UTF-8; save it as UTF-8");
  }
  options.no_record_id = true;
  return instrument;
}

OutgoingResponse convert_redcap(const Exchange& exchange) {
  redcap::ImportOptions options;
  auto text = dictionary_body(exchange.request, options);
  if (!text) return error_response(text.error());
  for (auto [name, option] : {std::pair{"id", &options.id},
                              {"version", &options.version},
                              {"language", &options.language}}) {
    auto given = optional_query(exchange.query, name);
    if (!given) return error_response(given.error());
    if (*given) *option = std::move(**given);
  }
  auto imported = redcap::import_dictionary(*text, options);
  if (!imported) return error_response(imported.error());
  json::array warnings;
  for (const Problem& warning : imported->warnings) {
    warnings.push_back(
        {{"where", warning.where}, {"code", warning.code}, {"message", warning.message}});
  }
  return json_response(http::status::ok, {{"definition", std::move(imported->definition)},
                                          {"warnings", std::move(warnings)}});
}

Result<Date> body_date(const json::value& body, std::string_view name) {
  auto text = body_string(body, name, true, 10);
  if (!text) return text.take_error();
  auto date = parse_iso_date(*text);
  if (!date) {
    return make_error("invalid_field", std::string(name) + " is a date written YYYY-MM-DD",
                      {{std::string(name), "invalid_value", "a date written YYYY-MM-DD"}});
  }
  return *date;
}

// The round a body asks for; `municipality` (a local round) overrides the
// body's list.
Result<WaveSpec> wave_spec(const json::value& body, const std::string* municipality) {
  WaveSpec spec;
  auto name = body_string(body, "name", true, 400);
  if (!name) return name.take_error();
  auto questionnaire = body_string(body, "questionnaire", true, 200);
  if (!questionnaire) return questionnaire.take_error();
  auto version = body_string(body, "version", false, 100);
  if (!version) return version.take_error();
  auto opens = body_date(body, "opens");
  if (!opens) return opens.take_error();
  auto closes = body_date(body, "closes");
  if (!closes) return closes.take_error();
  auto comments_shared = body_bool(body, "comments_shared");
  if (!comments_shared) return comments_shared.take_error();
  spec.comments_shared = *comments_shared;
  auto participation_tracked = body_bool(body, "participation_tracked");
  if (!participation_tracked) return participation_tracked.take_error();
  spec.participation_tracked = *participation_tracked;
  // Absent: as the consent says (WaveSpec::results_public).
  if (const json::value* results = body.as_object().if_contains("results_public");
      results != nullptr && !results->is_null()) {
    auto results_public = body_bool(body, "results_public");
    if (!results_public) return results_public.take_error();
    spec.results_public = *results_public;
  }
  spec.name = std::move(name).value();
  spec.questionnaire_id = std::move(questionnaire).value();
  if (!version->empty()) spec.questionnaire_version = std::move(version).value();
  spec.opens = *opens;
  spec.closes = *closes;
  if (municipality != nullptr) {
    spec.municipalities = {*municipality};
    return spec;
  }
  const json::value* list = body.as_object().if_contains("municipalities");
  if (list == nullptr || list->is_null()) return spec;
  if (!list->is_array() || list->as_array().size() > kMaxRoundMunicipalities) {
    return make_error("invalid_field", "municipalities is an array of 4-digit codes",
                      {{"municipalities", "invalid_value", "an array of 4-digit codes"}});
  }
  for (const json::value& code : list->as_array()) {
    if (!code.is_string() || code.as_string().size() > 4) {
      return make_error("invalid_field", "municipalities is an array of 4-digit codes",
                        {{"municipalities", "invalid_value", "an array of 4-digit codes"}});
    }
    spec.municipalities.emplace_back(code.as_string());
  }
  return spec;
}

OutgoingResponse create_round(ApiContext& api, const Exchange& exchange,
                              const std::string* municipality) {
  auto body = json_body(exchange.request);
  if (!body) return error_response(body.error());
  auto spec = wave_spec(*body, municipality);
  if (!spec) return error_response(spec.error());
  // A municipality's own round starts from today: one dated back could
  // stand between two national rounds in someone's comparison.
  if (municipality != nullptr && spec->opens < today_utc()) {
    return error_response(make_error("invalid_wave", "a local round opens today or later",
                                     {{"opens", "invalid_value", "today or later"}}));
  }
  auto wave = api.store.create_wave(*spec);
  std::string object = "wave:" + printable_detail(spec->name);
  if (!wave) {
    record(api, exchange, "wave.create", object, AuditOutcome::refused, wave.error().code);
    return error_response(wave.error());
  }
  std::string codes;
  for (const std::string& code : wave->municipalities) codes += (codes.empty() ? "" : ",") + code;
  std::string detail =
      wave->is_national() ? "national" : "municipalities " + printable_detail(codes);
  if (wave->comments_shared) detail += ", comments shared";
  detail += wave->results_public ? ", results public" : ", results for staff";
  if (wave->participation_tracked) detail += ", participation tracked";
  record(api, exchange, "wave.create", object, AuditOutcome::success, std::move(detail));
  return json_response(http::status::created, {{"wave", wave_json(*wave)}});
}

OutgoingResponse join_round(ApiContext& api, const Exchange& exchange) {
  const std::string& code = exchange.params[0];
  std::string object =
      "municipality:" + printable_detail(code) + "/wave:" + printable_detail(exchange.params[1]);
  auto joined = api.store.join_wave(exchange.params[1], code);
  if (!joined) {
    record(api, exchange, "wave.join", object, AuditOutcome::refused, joined.error().code);
    return error_response(joined.error());
  }
  if (*joined) record(api, exchange, "wave.join", object);
  auto wave = api.store.wave(exchange.params[1]);
  if (!wave) return error_response(wave.error());
  json::object body = wave_json(*wave);
  body["joined"] = true;
  return json_response(*joined ? http::status::created : http::status::ok,
                       {{"wave", std::move(body)}});
}

}  // namespace

void add_round_routes(Router& router, ApiContext& api) {
  router.add({http::verb::post, "/api/v1/admin/questionnaires", RateClass::write,
              [&api](const Exchange& exchange, Reply reply) {
                reply(publish_questionnaire(api, exchange));
              }});
  router.add({http::verb::post, "/api/v1/admin/questionnaires/redcap", RateClass::computation,
              [](const Exchange& exchange, Reply reply) { reply(convert_redcap(exchange)); }});
  router.add({http::verb::post, "/api/v1/admin/waves", RateClass::write,
              [&api](const Exchange& exchange, Reply reply) {
                reply(create_round(api, exchange, nullptr));
              }});
  router.add({http::verb::post, "/api/v1/admin/municipalities/{municipality}/waves",
              RateClass::write, [&api](const Exchange& exchange, Reply reply) {
                reply(create_round(api, exchange, &exchange.params[0]));
              }});
  router.add({http::verb::post, "/api/v1/admin/municipalities/{municipality}/waves/{wave}/join",
              RateClass::write,
              [&api](const Exchange& exchange, Reply reply) { reply(join_round(api, exchange)); }});
}

}  // namespace parorende::server
