// Signing in and out (docs/api.md, "Staff sessions"):
// POST /api/v1/session            {username, password, one_time_code?}
// GET /api/v1/session             who is signed in, and the CSRF token
// DELETE /api/v1/session          sign out; DELETE /api/v1/sessions: everywhere
// PUT /api/v1/session/password    {current_password, new_password}
// POST|PUT /api/v1/session/totp   enrol a TOTP key, then confirm it with a code
// POST /api/v1/password-reset     {code, new_password}: the administrator's link
// Passwords are hashed on the hashing workers, never on an I/O thread.
#include <sys/resource.h>
#include <unistd.h>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <cstdio>
#include <ctime>
#include <functional>
#include <optional>

#include "access/password.h"
#include "access/qr_code.h"
#include "access/totp.h"
#include "server/api/api_routes.h"
#include "server/api/request_input.h"
#include "server/api/staff_caller.h"
#include "server/http/json_reply.h"

namespace parorende::server {
namespace {

namespace json = boost::json;

constexpr std::string_view kWrongCredentials = "the username, password or one-time code is wrong";
constexpr std::string_view kIssuer = "parorende";

// Runs `work` on a hashing thread, which yields to every other thread of
// the server (nice 10): a burst of sign-ins slows sign-ins, not caregivers.
// Replies with what it returns (500 if it throws: a bug).
void post_hashing(ApiContext& api, Reply reply, std::function<OutgoingResponse()> work) {
  reply_from_workers(api.hashing, std::move(reply), [work = std::move(work)] {
    thread_local bool lowered = false;
    if (!lowered) {
      (void)::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10);
      lowered = true;
    }
    return work();
  });
}

// 429 from the sign-in throttle: every guess at a password or a one-time
// code (signing in, changing the password, confirming a key) counts there.
HttpResponse throttled(const Admission& admission) {
  HttpResponse refused = error_response("rate_limited", "too many attempts; try again later");
  refused.set(http::field::retry_after, std::to_string(admission.retry_after.count()));
  return refused;
}

// The throttle's answer to an attempt, on a store worker: nullopt when it
// may be checked, else what to reply (429, or the store's failure).
std::optional<HttpResponse> refused_attempt(ApiContext& api, std::string_view username,
                                            ClientKey client) {
  auto admission = api.sign_in_throttle.admit(username, client, SignInThrottle::Clock::now());
  if (!admission) return error_response(admission.error());
  if (!admission->allowed) return throttled(*admission);
  return std::nullopt;
}

// The attempt succeeded: its tokens go back. Failing that only leaves the
// throttle stricter, so it is reported, not answered.
void attempt_succeeded(ApiContext& api, std::string_view username, ClientKey client) {
  if (auto given = api.sign_in_throttle.succeeded(username, client, SignInThrottle::Clock::now());
      !given) {
    std::fprintf(stderr, "parorende serve: sign-in throttle: %s\n",
                 given.error().describe().c_str());
  }
}

HttpResponse sign_in_refused() {
  return error_response("sign_in_failed", std::string(kWrongCredentials));
}

void audit(ApiContext& api, std::string actor, std::string action, std::string object,
           AuditOutcome outcome, std::string detail = {}) {
  record_audit(
      api, {std::move(actor), std::move(action), std::move(object), outcome, std::move(detail)});
}

// The hashing workers' side of a sign-in attempt the throttle admitted.
OutgoingResponse sign_in(ApiContext& api, const std::string& username, const std::string& password,
                         const std::string& one_time_code, ClientKey client) {
  auto secrets = api.store.account_secrets(username);
  if (!secrets && secrets.error().code != "account_not_found") {
    return error_response(secrets.error());
  }
  // An unknown username costs a hash too: its answer comes no sooner.
  bool password_right = verify_password(
      secrets ? std::string_view(secrets->password_hash) : decoy_password_hash(), password);
  if (!secrets) {
    audit(api, "anonymous", "session.sign_in", "account:unknown", AuditOutcome::refused,
          "no such account");
    return sign_in_refused();
  }
  const Account& account = secrets->account;
  std::string object = "account:" + account.username;
  if (!password_right || account.disabled) {
    audit(api, "anonymous", "session.sign_in", object, AuditOutcome::refused,
          account.disabled ? "account disabled" : "wrong password");
    return sign_in_refused();
  }
  bool second_factor_done = false;
  if (account.totp_enrolled) {
    if (one_time_code.empty()) {
      // The password was right: say what is missing. The attempt keeps its
      // throttle tokens (a right guess is an attempt too) and is recorded.
      audit(api, "anonymous", "session.sign_in", object, AuditOutcome::refused,
            "right password, one-time code missing");
      return error_response(make_error("sign_in_failed", "enter the one-time code from your app",
                                       {{"one_time_code", "required", "the one-time code"}}));
    }
    auto step = match_totp_code(secrets->totp_key, one_time_code, std::time(nullptr));
    if (!step || !api.store.accept_totp_step(account.id, *step, secrets->totp_key)) {
      audit(api, "anonymous", "session.sign_in", object, AuditOutcome::refused,
            "wrong one-time code");
      return sign_in_refused();
    }
    second_factor_done = true;
  }
  auto started = api.sessions.start(account.id, account.session_epoch, second_factor_done,
                                    StaffSessions::Clock::now());
  if (!started) return error_response(started.error());
  attempt_succeeded(api, username, client);
  audit(api, "account:" + account.username, "session.sign_in", object, AuditOutcome::success,
        second_factor_done ? "password and one-time code" : "password; second factor to enrol");
  HttpResponse response =
      json_response(http::status::ok, {{"account", account_json(account)},
                                       {"csrf_token", started->csrf_token},
                                       {"second_factor_done", second_factor_done}});
  response.set(http::field::set_cookie, session_cookie(started->id));
  return response;
}

void add_sign_in_route(Router& router, ApiContext& api) {
  router.add(
      {http::verb::post, "/api/v1/session", RateClass::none,
       [&api](const Exchange& exchange, Reply reply) {
         auto body = json_body(exchange.request);
         if (!body) return reply(error_response(body.error()));
         auto username = body_string(*body, "username", true, 64);
         if (!username) return reply(error_response(username.error()));
         auto password = body_string(*body, "password", true, 256);
         if (!password) return reply(error_response(password.error()));
         auto code = body_string(*body, "one_time_code", false, 16);
         if (!code) return reply(error_response(code.error()));
         Admission may_try =
             api.sign_in_throttle.client_may_try(exchange.client, SignInThrottle::Clock::now());
         if (!may_try.allowed) return reply(throttled(may_try));
         // The throttle and the old session on a store worker, the password
         // on a hashing thread.
         api.workers.post([&api, reply = std::move(reply), username = *username,
                           password = *password, code = *code, client = exchange.client,
                           old = session_cookie_value(exchange.request)]() mutable {
           try {
             if (auto refused = refused_attempt(api, username, client)) {
               return reply(std::move(*refused));
             }
             // A session the browser had before is not carried over.
             if (has_random_token_shape(old)) {
               if (auto ended = api.sessions.end(old); !ended) {
                 return reply(error_response(ended.error()));
               }
             }
           } catch (const std::exception& bug) {
             std::fprintf(stderr, "parorende serve: internal error: %s\n", bug.what());
             return reply(error_response("internal_error", "internal error"));
           }
           post_hashing(api, std::move(reply),
                        [&api, username = std::move(username), password = std::move(password),
                         code = std::move(code), client]() -> OutgoingResponse {
                          return OutgoingResponse(sign_in(api, username, password, code, client));
                        });
         });
       }});
}

void add_session_routes_of_caller(Router& router, ApiContext& api) {
  router.add({http::verb::get, "/api/v1/session", RateClass::none,
              [&api](const Exchange& exchange, Reply reply) {
                const StaffCaller& caller = caller_of(exchange);
                auto account = api.store.account_by_id(caller.principal.account_id);
                if (!account) return reply(error_response(account.error()));
                reply(json_response(http::status::ok,
                                    {{"account", account_json(account.value())},
                                     {"csrf_token", csrf_token_for(caller.session_id)},
                                     {"second_factor_done", caller.principal.second_factor_done}}));
              }});
  router.add({http::verb::delete_, "/api/v1/session", RateClass::none,
              [&api](const Exchange& exchange, Reply reply) {
                const StaffCaller& caller = caller_of(exchange);
                auto signed_in = api.sessions.provider_sign_in(caller.session_id);
                if (!signed_in) return reply(error_response(signed_in.error()));
                const auto& provider = signed_in.value();
                if (auto ended = api.sessions.end(caller.session_id); !ended) {
                  return reply(error_response(ended.error()));
                }
                audit(api, audit_actor(caller.principal), "session.sign_out",
                      "account:" + caller.principal.username, AuditOutcome::success);
                // Signed in through a provider: its session ends too, or the
                // next "sign in" would pass straight through it.
                std::string end_session_url;
                if (provider) {
                  if (OpenIdClient* client = api.openid.client(provider->provider_id)) {
                    end_session_url = client->end_session_url(provider->id_token,
                                                              api.openid.after_sign_out_url());
                  }
                }
                HttpResponse response =
                    end_session_url.empty()
                        ? HttpResponse(http::status::no_content, 11)
                        : json_response(http::status::ok, {{"end_session_url", end_session_url}});
                response.set(http::field::set_cookie, removed_session_cookie());
                reply(std::move(response));
              }});
  router.add({http::verb::delete_, "/api/v1/sessions", RateClass::none,
              [&api](const Exchange& exchange, Reply reply) {
                const StaffCaller& caller = caller_of(exchange);
                if (auto ended = api.sessions.end_all(caller.principal.account_id); !ended) {
                  return reply(error_response(ended.error()));
                }
                audit(api, audit_actor(caller.principal), "session.sign_out_everywhere",
                      "account:" + caller.principal.username, AuditOutcome::success);
                HttpResponse response(http::status::no_content, 11);
                response.set(http::field::set_cookie, removed_session_cookie());
                reply(std::move(response));
              }});
}

void add_password_routes(Router& router, ApiContext& api) {
  router.add(
      {http::verb::put, "/api/v1/session/password", RateClass::none,
       [&api](const Exchange& exchange, Reply reply) {
         const StaffCaller& caller = caller_of(exchange);
         auto body = json_body(exchange.request);
         if (!body) return reply(error_response(body.error()));
         auto current = body_string(*body, "current_password", true, 256);
         if (!current) return reply(error_response(current.error()));
         auto wanted = body_string(*body, "new_password", true, 256);
         if (!wanted) return reply(error_response(wanted.error()));
         if (auto checked = check_new_password(*wanted, caller.principal.username); !checked) {
           return reply(error_response(checked.error()));
         }
         if (auto refused = refused_attempt(api, caller.principal.username, exchange.client)) {
           return reply(std::move(*refused));
         }
         post_hashing(
             api, std::move(reply),
             [&api, caller = exchange.caller, client = exchange.client, current = *current,
              wanted = *wanted]() -> OutgoingResponse {
               const Principal& principal = caller->principal;
               std::string object = "account:" + principal.username;
               auto secrets = api.store.account_secrets(principal.username);
               if (!secrets) return OutgoingResponse(error_response(secrets.error()));
               if (!verify_password(secrets->password_hash, current)) {
                 audit(api, audit_actor(principal), "account.password_change", object,
                       AuditOutcome::refused, "wrong current password");
                 return OutgoingResponse(error_response(make_error(
                     "sign_in_failed", "the current password is wrong",
                     {{"current_password", "invalid_value", "not the current password"}})));
               }
               auto hashed = hash_password(wanted);
               if (!hashed) return OutgoingResponse(error_response(hashed.error()));
               // The other sessions end with the old password, unless this one
               // ended meanwhile (a reset, a disable): then nothing changes.
               if (auto changed = api.sessions.change_password(
                       principal.account_id, *hashed, caller->session_id, caller->session_epoch);
                   !changed) {
                 if (changed.error().code == "unauthorized") {
                   audit(api, audit_actor(principal), "account.password_change", object,
                         AuditOutcome::refused, "the session ended meanwhile");
                 }
                 return OutgoingResponse(error_response(changed.error()));
               }
               attempt_succeeded(api, principal.username, client);
               audit(api, audit_actor(principal), "account.password_change", object,
                     AuditOutcome::success, "other sessions ended");
               return OutgoingResponse(HttpResponse(http::status::no_content, 11));
             });
       }});
  router.add(
      {http::verb::post, "/api/v1/password-reset", RateClass::code_attempt,
       [&api](const Exchange& exchange, Reply reply) {
         auto body = json_body(exchange.request);
         if (!body) return reply(error_response(body.error()));
         auto code = body_string(*body, "code", true, 64);
         if (!code) return reply(error_response(code.error()));
         auto wanted = body_string(*body, "new_password", true, 256);
         if (!wanted) return reply(error_response(wanted.error()));
         if (auto checked = check_new_password(*wanted, ""); !checked) {
           return reply(error_response(checked.error()));
         }
         post_hashing(
             api, std::move(reply), [&api, code = *code, wanted = *wanted]() -> OutgoingResponse {
               // The code first: a wrong code costs a lookup, never a hash.
               Sha256Digest code_hash = password_reset_code_hash(code);
               auto owner = api.store.account_by_reset_code(code_hash, today_utc());
               if (!owner) {
                 if (owner.error().code == "reset_code_invalid") {
                   audit(api, "anonymous", "account.password_reset", "account:unknown",
                         AuditOutcome::refused, "reset_code_invalid");
                 }
                 return OutgoingResponse(error_response(owner.error()));
               }
               if (auto checked = check_new_password(wanted, owner->username); !checked) {
                 return OutgoingResponse(error_response(checked.error()));
               }
               auto hashed = hash_password(wanted);
               if (!hashed) return OutgoingResponse(error_response(hashed.error()));
               auto account = api.store.redeem_reset_code(code_hash, today_utc(), hashed.value());
               if (!account) return OutgoingResponse(error_response(account.error()));
               audit(api, "anonymous", "account.password_reset", "account:" + account->username,
                     AuditOutcome::success, "with a reset code");
               return OutgoingResponse(HttpResponse(http::status::no_content, 11));
             });
       }});
}

void add_totp_routes(Router& router, ApiContext& api) {
  router.add(
      {http::verb::post, "/api/v1/session/totp", RateClass::none,
       [&api](const Exchange& exchange, Reply reply) {
         // A second key for an account that has one needs the password too:
         // a stolen cookie alone must not replace the second factor.
         std::string current;
         if (!exchange.request.body().empty()) {
           auto body = json_body(exchange.request);
           if (!body) return reply(error_response(body.error()));
           auto given = body_string(*body, "current_password", false, 256);
           if (!given) return reply(error_response(given.error()));
           current = *given;
         }
         const StaffCaller& caller = caller_of(exchange);
         if (auto refused = refused_attempt(api, caller.principal.username, exchange.client)) {
           return reply(std::move(*refused));
         }
         post_hashing(
             api, std::move(reply),
             [&api, caller = exchange.caller, client = exchange.client,
              current]() -> OutgoingResponse {
               const Principal& principal = caller->principal;
               std::string object = "account:" + principal.username;
               auto secrets = api.store.account_secrets(principal.username);
               if (!secrets) return OutgoingResponse(error_response(secrets.error()));
               if (secrets->account.totp_enrolled) {
                 if (!principal.second_factor_done) {
                   return OutgoingResponse(error_response(
                       "forbidden", "sign in with your one-time code before changing its key"));
                 }
                 if (!verify_password(secrets->password_hash, current)) {
                   audit(api, audit_actor(principal), "account.totp_begin", object,
                         AuditOutcome::refused, "wrong current password");
                   return OutgoingResponse(error_response(make_error(
                       "sign_in_failed", "the current password is wrong",
                       {{"current_password", "invalid_value", "not the current password"}})));
                 }
               }
               attempt_succeeded(api, principal.username, client);
               auto key = generate_totp_key();
               if (!key) return OutgoingResponse(error_response(key.error()));
               if (auto set = api.store.set_totp_pending_key(principal.account_id, key.value());
                   !set) {
                 return OutgoingResponse(error_response(set.error()));
               }
               std::string uri = totp_uri(key.value(), principal.username, kIssuer);
               auto svg = qr_code_svg(uri);
               if (!svg) return OutgoingResponse(error_response(svg.error()));
               audit(api, audit_actor(principal), "account.totp_begin", object,
                     AuditOutcome::success);
               return OutgoingResponse(json_response(
                   http::status::ok,
                   {{"key", totp_key_base32(key.value())}, {"uri", uri}, {"qr_svg", svg.value()}}));
             });
       }});
  router.add(
      {http::verb::put, "/api/v1/session/totp", RateClass::code_attempt,
       [&api](const Exchange& exchange, Reply reply) {
         auto body = json_body(exchange.request);
         if (!body) return reply(error_response(body.error()));
         auto code = body_string(*body, "one_time_code", true, 16);
         if (!code) return reply(error_response(code.error()));
         if (auto refused =
                 refused_attempt(api, caller_of(exchange).principal.username, exchange.client)) {
           return reply(std::move(*refused));
         }
         reply_from_store_worker(
             api, std::move(reply),
             [&api, caller = exchange.caller, client = exchange.client, code = *code] {
               const Principal& principal = caller->principal;
               std::string object = "account:" + principal.username;
               auto secrets = api.store.account_secrets(principal.username);
               if (!secrets) return OutgoingResponse(error_response(secrets.error()));
               auto step = match_totp_code(secrets->totp_pending_key, code, std::time(nullptr));
               // The key becomes the account's and every other session
               // ends (one that never had the factor cannot outlive it),
               // at once, and only while this session is live.
               Status confirmed = step ? api.sessions.confirm_totp_key(
                                             principal.account_id, *step, secrets->totp_pending_key,
                                             caller->session_id, caller->session_epoch)
                                       : Status(make_error("totp_replayed", "no code matches"));
               if (!confirmed && confirmed.error().code == "totp_replayed") {
                 audit(api, audit_actor(principal), "account.totp_confirm", object,
                       AuditOutcome::refused, "wrong one-time code");
                 return OutgoingResponse(error_response(make_error(
                     "sign_in_failed", "the one-time code is wrong or used",
                     {{"one_time_code", "invalid_value", "the code your app shows now"}})));
               }
               if (!confirmed && confirmed.error().code == "unauthorized") {
                 audit(api, audit_actor(principal), "account.totp_confirm", object,
                       AuditOutcome::refused, "the session ended meanwhile");
               }
               if (!confirmed) return OutgoingResponse(error_response(confirmed.error()));
               attempt_succeeded(api, principal.username, client);
               audit(api, audit_actor(principal), "account.totp_confirm", object,
                     AuditOutcome::success, "other sessions ended");
               return OutgoingResponse(HttpResponse(http::status::no_content, 11));
             });
       }});
}

}  // namespace

void add_session_routes(Router& router, ApiContext& api) {
  add_sign_in_route(router, api);
  add_session_routes_of_caller(router, api);
  add_password_routes(router, api);
  add_totp_routes(router, api);
}

}  // namespace parorende::server
