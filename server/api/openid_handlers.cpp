// Signing in through an OpenID Provider (docs/api.md, "Staff sessions"):
// GET /api/v1/session/providers              the providers to offer
// GET /api/v1/session/providers/{provider}   302 to the provider
// GET /api/v1/session/callback/{provider}?code=&state=  the provider's
//     redirect back: 303 to the staff page, signed in, or to
//     /staff.html#sign-in-error=CODE
// The provider is fetched from (discovery, keys, the token endpoint) on the
// outbound workers, never on an I/O thread nor a store worker.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <ctime>
#include <functional>

#include "server/api/api_routes.h"
#include "server/api/request_input.h"
#include "server/http/json_reply.h"

namespace parorende::server {
namespace {

namespace json = boost::json;

constexpr std::string_view kStaffPage = "/staff.html";

// Runs `work` on an outbound worker: a provider that is slow to answer
// holds those, not the store workers that caregivers' saves wait on.
void post_outbound(ApiContext& api, Reply reply, std::function<OutgoingResponse()> work) {
  reply_from_workers(api.outbound, std::move(reply), std::move(work));
}

HttpResponse redirect(http::status status, const std::string& location) {
  HttpResponse response(status, 11);
  response.set(http::field::location, location);
  response.set(http::field::cache_control, "no-store");
  return response;
}

// The staff page in the language the sign-in began in (nb, nn, en or
// none: the page's default).
std::string staff_page(const std::string& language) {
  return std::string(kStaffPage) + (language.empty() ? "" : "?lang=" + language);
}

// The staff page, told why the sign-in failed; the binding cookie goes.
HttpResponse sign_in_failed(std::string_view code, const std::string& language = {}) {
  HttpResponse response = redirect(http::status::see_other,
                                   staff_page(language) + "#sign-in-error=" + std::string(code));
  response.set(http::field::set_cookie, removed_sign_in_cookie());
  return response;
}

void add_provider_list_route(Router& router, ApiContext& api) {
  router.add({http::verb::get, "/api/v1/session/providers", RateClass::none,
              [&api](const Exchange&, Reply reply) {
                json::array providers;
                for (const auto& client : api.openid.clients()) {
                  const OpenIdProvider& provider = client->provider();
                  providers.push_back(
                      {{"id", provider.id},
                       {"name", provider.name},
                       {"sign_in_url", "/api/v1/session/providers/" + provider.id}});
                }
                reply(json_response(http::status::ok, {{"providers", std::move(providers)}}));
              }});
}

void add_begin_route(Router& router, ApiContext& api) {
  router.add(
      {http::verb::get, "/api/v1/session/providers/{provider}", RateClass::computation,
       [&api](const Exchange& exchange, Reply reply) {
         OpenIdClient* client = api.openid.client(exchange.params[0]);
         if (client == nullptr) {
           return reply(error_response("provider_not_found", "no identity provider has this id"));
         }
         // The staff page's language, to come back to; another is none.
         auto asked = requested_language(exchange.query);
         std::string language = asked ? *asked : "";
         if (language != "nb" && language != "nn" && language != "en") language.clear();
         post_outbound(api, std::move(reply), [&api, client, language]() -> OutgoingResponse {
           auto started = client->begin();
           if (!started) {
             record_audit(api, {"anonymous", "session.sign_in", "provider:" + client->provider().id,
                                AuditOutcome::failed, started.error().code});
             return sign_in_failed(started.error().code, language);
           }
           auto binding = random_token();
           if (!binding) return error_response(binding.error());
           if (auto kept = api.openid.remember(client->provider().id, std::move(started->pending),
                                               language, *binding, OpenIdSignIns::Clock::now());
               !kept) {
             return error_response(kept.error());
           }
           HttpResponse response = redirect(http::status::found, started->url);
           response.set(http::field::set_cookie, sign_in_cookie(*binding));
           return response;
         });
       }});
}

// The provider's redirect back, on an outbound worker.
OutgoingResponse finish_sign_in(ApiContext& api, const OpenIdSignIns::Taken& taken,
                                const std::string& code, const std::string& old_session) {
  OpenIdClient* client = api.openid.client(taken.provider_id);
  std::string object = "provider:" + taken.provider_id;
  auto refused = [&](const std::string& error_code, const std::string& detail) {
    record_audit(api, {"anonymous", "session.sign_in", object, AuditOutcome::refused,
                       printable_detail(error_code + ": " + detail)});
    return sign_in_failed(error_code, taken.language);
  };
  auto identity = client->finish(code, taken.pending, std::time(nullptr));
  if (!identity) return refused(identity.error().code, identity.error().message);
  ExternalAccount linked{identity->issuer, identity->subject, identity->username,
                         identity->display_name, identity->grants};
  auto account = api.store.link_external_account(linked, today_utc());
  if (!account && account.error().code == "account_exists") {
    // The name is another account's: this person gets one of their own.
    linked.username = identity->fallback_username;
    account = api.store.link_external_account(linked, today_utc());
  }
  if (!account) {
    return refused(account.error().code,
                   account.error().message + " (subject " + identity->subject + ")");
  }
  object = "account:" + account->username;
  if (account->disabled) return refused("sign_in_failed", "account disabled");
  // A linked account whose groups no longer give a role has lost its
  // grants above (its other sessions with them); it does not sign in.
  if (account->grants.empty()) return refused("no_role", "the provider's claims give no role");
  if (has_random_token_shape(old_session)) {
    if (auto ended = api.sessions.end(old_session); !ended) return error_response(ended.error());
  }
  // The provider answers for the second factor (required_amr and
  // required_acr say how strong it must be): no TOTP of parorende's own.
  auto started =
      api.sessions.start(account->id, account->session_epoch, true, StaffSessions::Clock::now(),
                         {taken.provider_id, std::move(identity->id_token)});
  if (!started) return refused(started.error().code, started.error().message);
  record_audit(api, {"account:" + account->username, "session.sign_in", object,
                     AuditOutcome::success, "through provider " + taken.provider_id});
  HttpResponse response = redirect(http::status::see_other, staff_page(taken.language));
  response.insert(http::field::set_cookie, session_cookie(started->id));
  response.insert(http::field::set_cookie, removed_sign_in_cookie());
  return response;
}

void add_callback_route(Router& router, ApiContext& api) {
  router.add(
      {http::verb::get, "/api/v1/session/callback/{provider}", RateClass::computation,
       [&api](const Exchange& exchange, Reply reply) {
         auto state = optional_query(exchange.query, "state");
         auto code = optional_query(exchange.query, "code");
         auto error = optional_query(exchange.query, "error");
         auto issuer = optional_query(exchange.query, "iss");
         if (!state || !code || !error || !issuer) return reply(sign_in_failed("invalid_query"));
         post_outbound(
             api, std::move(reply),
             [&api, state = state->value_or(""), binding = sign_in_cookie_value(exchange.request),
              provider_id = exchange.params[0], code = code->value_or(""),
              error = std::move(*error), issuer = std::move(*issuer),
              old_session = session_cookie_value(exchange.request)]() -> OutgoingResponse {
               // Spent whatever comes next: a state works once.
               auto found = api.openid.take(state, binding, OpenIdSignIns::Clock::now());
               if (!found) return error_response(found.error());
               const auto& taken = found.value();
               // A state begun with another provider than the one whose
               // redirect URI brought it back: a mix-up, refused.
               if (!taken || taken->provider_id != provider_id) {
                 record_audit(api, {"anonymous", "session.sign_in",
                                    "provider:" + printable_detail(provider_id),
                                    AuditOutcome::refused, "sign_in_state_invalid"});
                 return sign_in_failed("sign_in_state_invalid");
               }
               OpenIdClient* client = api.openid.client(provider_id);
               // RFC 9207: a provider that names itself in the redirect must
               // name the one this sign-in was sent to.
               if (issuer && *issuer != client->provider().issuer) {
                 record_audit(api, {"anonymous", "session.sign_in", "provider:" + provider_id,
                                    AuditOutcome::refused, "provider_refused: wrong iss"});
                 return sign_in_failed("provider_refused", taken->language);
               }
               if (error || code.empty()) {
                 record_audit(api,
                              {"anonymous", "session.sign_in", "provider:" + provider_id,
                               AuditOutcome::refused,
                               printable_detail("provider_refused: " + error.value_or("no code"))});
                 return sign_in_failed("provider_refused", taken->language);
               }
               return finish_sign_in(api, *taken, code, old_session);
             });
       }});
}

}  // namespace

void add_openid_routes(Router& router, ApiContext& api) {
  add_provider_list_route(router, api);
  add_begin_route(router, api);
  add_callback_route(router, api);
}

}  // namespace parorende::server
