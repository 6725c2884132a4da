// GET /api/v1/questionnaires/{id}?lang=nb[&version=1.0.0]
#include <boost/json/serialize.hpp>
#include <map>
#include <memory>
#include <mutex>

#include "server/api/api_routes.h"
#include "server/api/questionnaire_view.h"
#include "server/api/request_input.h"
#include "server/http/compression.h"
#include "server/http/json_reply.h"

namespace parorende::server {
namespace {

// A published version never changes, so its view in one language is
// rendered and compressed once. Keys are id, version and an offered
// language: the cache cannot grow past what the store holds.
class ViewCache {
 public:
  struct Rendered {
    HttpResponse plain;
    HttpResponse compressed;
  };

  std::shared_ptr<const Rendered> get(const Questionnaire& questionnaire,
                                      const std::string& language) {
    std::string key = questionnaire.id + '\n' + questionnaire.version + '\n' + language;
    {
      std::lock_guard lock(mutex_);
      if (auto found = views_.find(key); found != views_.end()) return found->second;
    }
    auto rendered = std::make_shared<Rendered>();
    rendered->plain = json_response(http::status::ok, questionnaire_view(questionnaire, language));
    rendered->plain.set(http::field::vary, "Accept-Encoding");
    rendered->compressed = rendered->plain;
    rendered->compressed.set(http::field::content_encoding, "gzip");
    rendered->compressed.body() = gzip(rendered->plain.body());
    std::lock_guard lock(mutex_);
    return views_.emplace(std::move(key), std::move(rendered)).first->second;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const Rendered>> views_;
};

}  // namespace

void add_questionnaire_routes(Router& router, ApiContext& api) {
  auto cache = std::make_shared<ViewCache>();
  router.add({http::verb::get, "/api/v1/questionnaires/{id}", RateClass::none,
              [&api, cache](const Exchange& exchange, Reply reply) {
                auto language = requested_language(exchange.query);
                if (!language) return reply(error_response(language.error()));
                auto version = optional_query(exchange.query, "version");
                if (!version) return reply(error_response(version.error()));
                auto questionnaire = api.store.questionnaire(exchange.params[0], *version);
                if (!questionnaire) return reply(error_response(questionnaire.error()));
                const Questionnaire& loaded = *questionnaire.value();
                auto rendered = cache->get(loaded, effective_language(loaded, *language));
                bool gzip_ok = accepts_gzip(exchange.request[http::field::accept_encoding]);
                reply(gzip_ok ? rendered->compressed : rendered->plain);
              }});
}

}  // namespace parorende::server
