// GET /api/v1/waves[?lang=nb][&with=results]: the waves open today, or
// with `with=results` every wave that has opened (open or closed, newest
// first: what the dashboard offers), with their questionnaire's title and
// their plain name in the asked language.
#include <algorithm>
#include <boost/json/array.hpp>

#include "common/calendar.h"
#include "questionnaire/wave_name.h"
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
  router.add(
      {http::verb::get, "/api/v1/waves", RateClass::none,
       [&api](const Exchange& exchange, Reply reply) {
         auto language = requested_language(exchange.query);
         if (!language) return reply(error_response(language.error()));
         auto with = optional_query(exchange.query, "with");
         if (!with) return reply(error_response(with.error()));
         if (*with && **with != "results") {
           return reply(
               error_response(make_error("invalid_query", "with is results or absent",
                                         {{"with", "unknown_value", "allowed: results"}})));
         }
         bool with_results = with->has_value();
         reply_from_store_worker(api, std::move(reply), [&api, language = *language, with_results] {
           Date today = today_utc();
           auto waves = api.store.waves();
           if (!waves) return error_response(waves.error());
           std::vector<Wave> listed;
           for (const Wave& wave : waves.value()) {
             if (with_results ? wave.opens <= today : wave.is_open(today)) listed.push_back(wave);
           }
           if (with_results) {
             std::stable_sort(listed.begin(), listed.end(),
                              [](const Wave& a, const Wave& b) { return a.opens > b.opens; });
           }
           json::array entries;
           for (const Wave& wave : listed) {
             json::object entry = wave_json(wave);
             entry["open"] = wave.is_open(today);
             auto questionnaire =
                 api.store.questionnaire(wave.questionnaire_id, wave.questionnaire_version);
             if (questionnaire) {
               const Questionnaire& loaded = *questionnaire.value();
               std::string shown = effective_language(loaded, language);
               entry["language"] = shown;
               entry["title"] = loaded.title.in(shown);
               entry["plain_name"] = wave_plain_name(wave, loaded, shown);
             }
             entries.push_back(std::move(entry));
           }
           return json_response(http::status::ok, json::object{{"waves", std::move(entries)}});
         });
       }});
}

}  // namespace parorende::server
