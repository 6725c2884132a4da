// The JSON API under /api/v1 and the operational endpoints, one function per
// resource (docs/api.md). Handlers translate HTTP to calls of the engine and
// the store; the rules themselves live there.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <string>

#include "server/api/export_cache.h"
#include "server/api/openid_sign_ins.h"
#include "server/api/results_cache.h"
#include "server/api/sign_in_throttle.h"
#include "server/api/staff_sessions.h"
#include "server/api/store_workers.h"
#include "server/http/router.h"
#include "store/response_store.h"

namespace parorende::server {

struct ApiContext {
  ResponseStore& store;
  // Store calls that may wait (writes, SQL reads) run here, never on an
  // I/O thread.
  StoreWorkers& workers;
  ResultsCache& results;
  ExportCache& exports;
  std::function<std::string()> render_metrics;
  std::string metrics_token;  // empty: metrics are off
  // Staff: sessions, the sign-in throttle, and the threads that hash
  // passwords (argon2id takes tens of milliseconds and 19 MiB each).
  StaffSessions& sessions;
  SignInThrottle& sign_in_throttle;
  StoreWorkers& hashing;
  // Sign-ins through OpenID Providers, and the threads that wait on the
  // providers (discovery, keys, the token endpoint).
  OpenIdSignIns& openid;
  StoreWorkers& outbound;
  // Where browsers reach the server (serve --public-url): the base of the
  // links printed on posters.
  std::string public_url;
};

// Runs `work` on one of `workers` and replies with what it returns (500 if
// it throws: a bug); reply_from_store_worker on a store worker.
void reply_from_workers(StoreWorkers& workers, Reply reply, std::function<OutgoingResponse()> work);
void reply_from_store_worker(ApiContext& api, Reply reply, std::function<OutgoingResponse()> work);

// Writes an audit entry; one that cannot be written is reported on
// standard error (the answer to the request stands).
void record_audit(ApiContext& api, AuditEvent event);

// Removes the session rows of an account whose epoch already rose (a
// disable, a reset code issued), so its sessions are over already; a
// failure is reported on standard error, since what was done stands.
void forget_sessions(ApiContext& api, std::int64_t account_id);

// A wave as the API writes it: name, questionnaire, version, dates, and
// the municipalities it covers (national: none).
boost::json::object wave_json(const Wave& wave);

// A municipality's contact details as the API writes them (empty: not
// given).
boost::json::object contact_json(const MunicipalityContact& contact);

// What a client sent, fit for the audit log's detail: control characters
// as '?', at most 100 bytes (cut at a character's start).
std::string printable_detail(std::string_view text);

void add_questionnaire_routes(Router& router, ApiContext& api);
void add_wave_routes(Router& router, ApiContext& api);
void add_municipality_routes(Router& router, ApiContext& api);
void add_results_routes(Router& router, ApiContext& api);
void add_export_routes(Router& router, ApiContext& api);
void add_response_routes(Router& router, ApiContext& api);
// GET /api/v1/invitations/{code}, and the staff routes of invitation batches.
void add_invitation_routes(Router& router, ApiContext& api);
void add_screening_routes(Router& router, ApiContext& api);
void add_operational_routes(Router& router, ApiContext& api);
void add_openapi_route(Router& router);
// Staff routes. Application calls their handlers on a store worker, once
// the authorization matrix (route_access.h) allowed the caller.
void add_session_routes(Router& router, ApiContext& api);
void add_admin_routes(Router& router, ApiContext& api);
void add_account_routes(Router& router, ApiContext& api);
// The offer catalogue editor of municipality staff.
void add_offer_routes(Router& router, ApiContext& api);
// Questionnaire versions and rounds, published and opened from the browser.
void add_round_routes(Router& router, ApiContext& api);
// A round's free-text comments, masked, for the municipality's own staff.
void add_comment_routes(Router& router, ApiContext& api);
// Signing in through an OpenID Provider (docs/api.md, "Staff sessions").
void add_openid_routes(Router& router, ApiContext& api);

}  // namespace parorende::server
