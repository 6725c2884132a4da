#include <cstdio>
#include <exception>

#include "server/api/api_routes.h"
#include "server/http/json_reply.h"

namespace parorende::server {

void reply_from_store_worker(ApiContext& api, Reply reply, std::function<OutgoingResponse()> work) {
  api.workers.post([reply = std::move(reply), work = std::move(work)] {
    try {
      reply(work());
    } catch (const std::exception& bug) {
      std::fprintf(stderr, "parorende serve: internal error: %s\n", bug.what());
      reply(error_response("internal_error", "internal error"));
    }
  });
}

}  // namespace parorende::server
