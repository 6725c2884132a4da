#include <cstdio>
#include <exception>

#include "server/api/api_routes.h"
#include "server/http/json_reply.h"

namespace parorende::server {

void reply_from_store_worker(ApiContext& api, Reply reply, std::function<OutgoingResponse()> work) {
  reply_from_workers(api.workers, std::move(reply), std::move(work));
}

void reply_from_workers(StoreWorkers& workers, Reply reply,
                        std::function<OutgoingResponse()> work) {
  workers.post([reply = std::move(reply), work = std::move(work)] {
    try {
      reply(work());
    } catch (const std::exception& bug) {
      std::fprintf(stderr, "parorende serve: internal error: %s\n", bug.what());
      reply(error_response("internal_error", "internal error"));
    }
  });
}

void record_audit(ApiContext& api, AuditEvent event) {
  if (auto recorded = api.store.record_audit(event); !recorded) {
    std::fprintf(stderr, "parorende serve: audit log: %s\n", recorded.error().describe().c_str());
  }
}

void forget_sessions(ApiContext& api, std::int64_t account_id) {
  if (auto ended = api.sessions.end_all(account_id); !ended) {
    std::fprintf(stderr, "parorende serve: sessions not removed: %s\n",
                 ended.error().describe().c_str());
  }
}

std::string printable_detail(std::string_view text) {
  std::string detail;
  for (char c : text.substr(0, 100)) {
    detail += static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? '?' : c;
  }
  while (!detail.empty() && (static_cast<unsigned char>(detail.back()) & 0xC0) == 0x80) {
    detail.pop_back();
  }
  if (!detail.empty() && (static_cast<unsigned char>(detail.back()) & 0xC0) == 0xC0) {
    detail.pop_back();
  }
  return detail;
}

}  // namespace parorende::server
