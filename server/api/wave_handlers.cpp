// GET /api/v1/waves[?lang=nb]: the waves open today, with their
// questionnaire's title in the asked language.
#include <boost/json/array.hpp>

#include "common/calendar.h"
#include "server/api/api_routes.h"
#include "server/api/request_input.h"
#include "server/http/json_reply.h"

namespace parorende::server {

namespace json = boost::json;

json::object wave_json(const Wave& wave) {
  json::array municipalities;
  for (const std::string& code : wave.municipalities) municipalities.push_back(json::value(code));
  return {{"name", wave.name},
          {"questionnaire", wave.questionnaire_id},
          {"version", wave.questionnaire_version},
          {"opens", wave.opens.iso()},
          {"closes", wave.closes.iso()},
          {"national", wave.is_national()},
          {"municipalities", std::move(municipalities)},
          {"comments_shared", wave.comments_shared},
          {"results_public", wave.results_public},
          {"participation_tracked", wave.participation_tracked}};
}

void add_wave_routes(Router& router, ApiContext& api) {
  router.add({http::verb::get, "/api/v1/waves", RateClass::none,
              [&api](const Exchange& exchange, Reply reply) {
                auto language = requested_language(exchange.query);
                if (!language) return reply(error_response(language.error()));
                reply_from_store_worker(api, std::move(reply), [&api, language = *language] {
                  Date today = today_utc();
                  json::array open;
                  for (const Wave& wave : api.store.waves()) {
                    if (!wave.is_open(today)) continue;
                    json::object entry = wave_json(wave);
                    auto questionnaire =
                        api.store.questionnaire(wave.questionnaire_id, wave.questionnaire_version);
                    if (questionnaire) {
                      const Questionnaire& loaded = *questionnaire.value();
                      std::string shown = effective_language(loaded, language);
                      entry["language"] = shown;
                      entry["title"] = loaded.title.in(shown);
                    }
                    open.push_back(std::move(entry));
                  }
                  return json_response(http::status::ok, json::object{{"waves", std::move(open)}});
                });
              }});
}

}  // namespace parorende::server
