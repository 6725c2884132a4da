// Caregivers' responses:
//   POST   /api/v1/waves/{wave}/responses   save (partial) or submit (complete)
//   GET    /api/v1/responses/resume/{code}  the saved answers
//   PUT    /api/v1/responses/resume/{code}  save again or submit
//   DELETE /api/v1/responses/{receipt}      erase a submitted response
#include <boost/json/monotonic_resource.hpp>
#include <boost/json/object.hpp>
#include <cstddef>

#include "common/calendar.h"
#include "questionnaire/response_validation.h"
#include "server/api/api_routes.h"
#include "server/api/request_input.h"
#include "server/http/json_reply.h"

namespace parorende::server {
namespace {

namespace json = boost::json;

json::object receipt_json(std::string_view wave, const SubmitReceipt& receipt) {
  json::object body;
  body["wave"] = wave;
  if (receipt.completeness == Completeness::complete) {
    body["status"] = "complete";
    body["receipt_code"] = receipt.receipt_code;
  } else {
    body["status"] = "partial";
    body["resume_code"] = receipt.resume_code;
  }
  return body;
}

json::object resumed_json(const ResumedResponse& resumed) {
  const Response& response = resumed.response;
  return {{"wave", resumed.wave.name},
          {"questionnaire", resumed.wave.questionnaire_id},
          {"version", resumed.wave.questionnaire_version},
          {"status", "partial"},
          {"language", response.language},
          {"municipality", response.municipality.empty() ? json::value(nullptr)
                                                         : json::value(response.municipality)},
          {"consent_version", resumed.consent_version},
          {"started_on", resumed.started_on.iso()},
          {"answers", answers_to_json(*resumed.questionnaire, response.answers)}};
}

// The wave's dates are checked before the body, so a closed wave answers
// 409 whatever was sent. The store checks them again when writing.
Status check_wave_open(const Wave& wave, Date today) {
  if (today < wave.opens) {
    return make_error("wave_not_open_yet", "the wave " + wave.name + " opens " + wave.opens.iso());
  }
  if (!wave.is_open(today)) {
    return make_error("wave_closed", "the wave " + wave.name + " closed " + wave.closes.iso());
  }
  return {};
}

void post_response(ApiContext& api, const Exchange& exchange, Reply reply) {
  auto language = requested_language(exchange.query);
  if (!language) return reply(error_response(language.error()));
  auto wave = api.store.wave(exchange.params[0]);
  if (!wave) return reply(error_response(wave.error()));
  Date today = today_utc();
  if (auto open = check_wave_open(wave.value(), today); !open) {
    return reply(error_response(open.error()));
  }
  auto questionnaire = api.store.questionnaire(wave->questionnaire_id, wave->questionnaire_version);
  if (!questionnaire) return reply(error_response(questionnaire.error()));
  // The document is read once and dropped: its values go to one arena (a
  // few blocks) instead of a malloc and a free each.
  alignas(std::max_align_t) unsigned char first_block[16 * 1024];
  json::monotonic_resource arena(first_block, sizeof first_block);
  auto body = json_body(exchange.request, &arena);
  if (!body) return reply(error_response(body.error()));
  auto form = read_response_form(*questionnaire.value(), std::move(body).value(), *language,
                                 std::nullopt, true);
  if (!form) return reply(error_response(form.error()));

  // A code is looked up in the database, which may wait for a reader: on a
  // store worker, never on this I/O thread.
  if (!form->invitation_code.empty()) {
    return reply_from_store_worker(
        api, std::move(reply),
        [&api, form = std::move(form).value(), wave_name = wave->name, today] {
          auto receipt = api.store.submit(wave_name, form.response, form.consent_version, today,
                                          form.invitation_code);
          if (!receipt) return error_response(receipt.error());
          return json_response(http::status::created, receipt_json(wave_name, receipt.value()));
        });
  }
  // No store worker: the row is prepared here and the writer hands the
  // result back after the commit, so a waiting submission holds no thread
  // (and a batch is not capped by the number of workers).
  api.store.submit_async(
      wave->name, form->response, form->consent_version, today,
      [reply = std::move(reply), wave_name = wave->name](Result<SubmitReceipt> receipt) {
        if (!receipt) return reply(error_response(receipt.error()));
        reply(json_response(http::status::created, receipt_json(wave_name, receipt.value())));
      });
}

void get_resumed(ApiContext& api, const Exchange& exchange, Reply reply) {
  reply_from_store_worker(api, std::move(reply), [&api, code = exchange.params[0]] {
    auto resumed = api.store.resume(code, today_utc());
    if (!resumed) return error_response(resumed.error());
    return json_response(http::status::ok, resumed_json(resumed.value()));
  });
}

void put_resumed(ApiContext& api, const Exchange& exchange, Reply reply) {
  auto language = requested_language(exchange.query);
  if (!language) return reply(error_response(language.error()));
  auto body = json_body(exchange.request);
  if (!body) return reply(error_response(body.error()));
  reply_from_store_worker(
      api, std::move(reply),
      [&api, code = exchange.params[0], language = std::move(language).value(),
       body = std::move(body).value()]() mutable {
        Date today = today_utc();
        // Resuming first tells which questionnaire the answers belong to.
        auto resumed = api.store.resume(code, today);
        if (!resumed) return error_response(resumed.error());
        std::string wanted = language.empty() ? resumed->response.language : language;
        auto form = read_response_form(*resumed->questionnaire, std::move(body), wanted);
        if (!form) return error_response(form.error());
        auto receipt = api.store.update(code, form->response, today);
        if (!receipt) return error_response(receipt.error());
        return json_response(http::status::ok, receipt_json(resumed->wave.name, receipt.value()));
      });
}

void delete_response(ApiContext& api, const Exchange& exchange, Reply reply) {
  reply_from_store_worker(api, std::move(reply), [&api, code = exchange.params[0]] {
    auto erased = api.store.erase(code);
    if (!erased) return error_response(erased.error());
    HttpResponse response{http::status::no_content, 11};
    response.set(http::field::cache_control, "no-store");
    return response;
  });
}

}  // namespace

void add_response_routes(Router& router, ApiContext& api) {
  router.add({http::verb::post, "/api/v1/waves/{wave}/responses", RateClass::write,
              [&api](const Exchange& exchange, Reply reply) {
                post_response(api, exchange, std::move(reply));
              }});
  router.add({http::verb::get, "/api/v1/responses/resume/{code}", RateClass::code_attempt,
              [&api](const Exchange& exchange, Reply reply) {
                get_resumed(api, exchange, std::move(reply));
              }});
  router.add({http::verb::put, "/api/v1/responses/resume/{code}", RateClass::code_attempt,
              [&api](const Exchange& exchange, Reply reply) {
                put_resumed(api, exchange, std::move(reply));
              }});
  router.add({http::verb::delete_, "/api/v1/responses/{receipt}", RateClass::code_attempt,
              [&api](const Exchange& exchange, Reply reply) {
                delete_response(api, exchange, std::move(reply));
              }});
}

}  // namespace parorende::server
