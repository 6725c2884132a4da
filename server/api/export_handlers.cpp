// GET /api/v1/waves/{wave}/export?table=NAME[&format=csv|json|sav|dta]:
// one table of the researcher export (analytics/export/dataset.h) as a
// file, or table=codebook for the codebook (format=json: JSON, otherwise
// Markdown). Built from the cached published report (ResultsCache), so the
// file holds exactly the figures the results API serves; each file is built
// once per published state (export_cache.h) and carries an ETag. For
// rounds whose results are public; GET /api/v1/admin/waves/{wave}/export is
// the same for national administrators and researchers granted the round.
#include "server/api/api_routes.h"
#include "server/api/export_cache.h"
#include "server/api/request_input.h"
#include "server/api/staff_caller.h"
#include "server/http/json_reply.h"
#include "server/http/static_files.h"

namespace parorende::server {
namespace {

OutgoingResponse file_response(const std::shared_ptr<const ExportFile>& file,
                               const HttpRequest& request) {
  HttpResponse response{http::status::ok, 11};
  response.set(http::field::etag, file->etag);
  // Published aggregates only: a client may keep the file and ask again
  // with If-None-Match, which costs a 304 while the published state holds.
  response.set(http::field::cache_control, "no-cache");
  if (etag_matches(request[http::field::if_none_match], file->etag)) {
    response.result(http::status::not_modified);
    return response;
  }
  response.set(http::field::content_type, file->media_type);
  response.set(http::field::content_disposition, "attachment; filename=\"" + file->filename + "\"");
  // The body stays the cache's: it lives as long as any connection sends it.
  return {std::move(response), std::shared_ptr<const std::string>(file, &file->body)};
}

// `staff_actor`: empty for the public route, which answers only for rounds
// whose results are public; the audit log's actor for the staff route.
void get_export(ApiContext& api, const Exchange& exchange, std::string staff_actor, Reply reply) {
  auto format_text = optional_query(exchange.query, "format");
  if (!format_text) return reply(error_response(format_text.error()));
  std::string format_name = format_text->value_or("csv");
  auto format = analytics::parse_export_format(format_name);
  if (!format) {
    return reply(
        error_response(make_error("invalid_query", "format is csv, json, sav or dta",
                                  {{"format", "unknown_value", "allowed: csv, json, sav, dta"}})));
  }
  auto table = optional_query(exchange.query, "table");
  if (!table) return reply(error_response(table.error()));
  if (!*table) {
    return reply(error_response(make_error("invalid_query", "table is required",
                                           {{"table", "missing", "a table name or codebook"}})));
  }
  reply_from_store_worker(
      api, std::move(reply),
      [&api, &request = exchange.request, wave_name = exchange.params[0],
       table_name = std::move(**table), format = *format,
       staff_actor = std::move(staff_actor)]() -> OutgoingResponse {
        auto record = [&](AuditOutcome outcome, std::string detail) {
          if (staff_actor.empty()) return;
          record_audit(api, {staff_actor, "results.export", "wave:" + printable_detail(wave_name),
                             outcome, std::move(detail)});
        };
        if (staff_actor.empty()) {
          auto wave = api.store.wave(wave_name);
          if (!wave) return error_response(wave.error());
          if (!wave->results_public) {
            return error_response("results_not_public",
                                  "the results of round " + wave_name +
                                      " are for staff only, as its caregivers were told");
          }
        }
        auto published = api.results.published(wave_name);
        if (!published) {
          record(AuditOutcome::refused, published.error().code);
          return error_response(published.error());
        }
        auto file = api.exports.file(published.value(), wave_name, table_name, format);
        if (!file) {
          record(AuditOutcome::refused, file.error().code);
          return error_response(file.error());
        }
        // A staff-only round's file leaves only with its trace in the log.
        if (!staff_actor.empty()) {
          auto recorded = api.store.record_audit(
              {staff_actor, "results.export", "wave:" + printable_detail(wave_name),
               AuditOutcome::success, printable_detail(table_name)});
          if (!recorded) return error_response(recorded.error());
        }
        return file_response(*file, request);
      });
}

}  // namespace

void add_export_routes(Router& router, ApiContext& api) {
  router.add({http::verb::get, "/api/v1/waves/{wave}/export", RateClass::computation,
              [&api](const Exchange& exchange, Reply reply) {
                get_export(api, exchange, "", std::move(reply));
              }});
  router.add({http::verb::get, "/api/v1/admin/waves/{wave}/export", RateClass::computation,
              [&api](const Exchange& exchange, Reply reply) {
                get_export(api, exchange, audit_actor(caller_of(exchange).principal),
                           std::move(reply));
              }});
}

}  // namespace parorende::server
