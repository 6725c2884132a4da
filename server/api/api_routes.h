// The JSON API under /api/v1 and the operational endpoints, one function per
// resource (docs/api.md). Handlers translate HTTP to calls of the engine and
// the store; the rules themselves live there.
#pragma once

#include <functional>
#include <string>

#include "server/api/export_cache.h"
#include "server/api/results_cache.h"
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
};

// Runs `work` on a store worker and replies with what it returns (500 if it
// throws: a bug).
void reply_from_store_worker(ApiContext& api, Reply reply, std::function<OutgoingResponse()> work);

void add_questionnaire_routes(Router& router, ApiContext& api);
void add_wave_routes(Router& router, ApiContext& api);
void add_municipality_routes(Router& router, ApiContext& api);
void add_results_routes(Router& router, ApiContext& api);
void add_export_routes(Router& router, ApiContext& api);
void add_response_routes(Router& router, ApiContext& api);
void add_screening_routes(Router& router, ApiContext& api);
void add_operational_routes(Router& router, ApiContext& api);
void add_openapi_route(Router& router);

}  // namespace parorende::server
