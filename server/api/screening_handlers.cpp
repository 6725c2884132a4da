// POST /api/v1/screening/{questionnaire}/score[?lang=nb&version=1.0.0]:
// scores a burden screening in a consultation. Nothing is stored.
#include "questionnaire/score_report.h"
#include "questionnaire/scoring.h"
#include "server/api/api_routes.h"
#include "server/api/request_input.h"
#include "server/http/json_reply.h"

namespace parorende::server {

void add_screening_routes(Router& router, ApiContext& api) {
  router.add({http::verb::post, "/api/v1/screening/{questionnaire}/score", RateClass::computation,
              [&api](const Exchange& exchange, Reply reply) {
                auto language = requested_language(exchange.query);
                if (!language) return reply(error_response(language.error()));
                auto version = optional_query(exchange.query, "version");
                if (!version) return reply(error_response(version.error()));
                auto questionnaire = api.store.questionnaire(exchange.params[0], *version);
                if (!questionnaire) return reply(error_response(questionnaire.error()));
                auto body = json_body(exchange.request);
                if (!body) return reply(error_response(body.error()));
                const Questionnaire& loaded = *questionnaire.value();
                auto form = read_response_form(loaded, std::move(body).value(), *language,
                                               Completeness::complete);
                if (!form) return reply(error_response(form.error()));
                const Response& response = form->response;
                reply(json_response(http::status::ok,
                                    score_report_json(loaded, score_response(loaded, response),
                                                      response.language)));
              }});
}

}  // namespace parorende::server
