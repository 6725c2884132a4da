// GET /api/v1/waves/{wave}/export?table=NAME[&format=csv|json|sav|dta]:
// one table of the researcher export (analytics/export/dataset.h) as a
// file, or table=codebook for the codebook (format=json: JSON, otherwise
// Markdown). Built from the cached published report (ResultsCache), so the
// file holds exactly the figures the results API serves.
#include "analytics/export/dataset.h"
#include "server/api/api_routes.h"
#include "server/api/request_input.h"
#include "server/http/json_reply.h"

namespace parorende::server {
namespace {

HttpResponse file_response(std::string body, std::string_view media_type,
                           const std::string& filename) {
  HttpResponse response{http::status::ok, 11};
  response.set(http::field::content_type, media_type);
  response.set(http::field::content_disposition, "attachment; filename=\"" + filename + "\"");
  response.set(http::field::cache_control, "no-store");
  response.body() = std::move(body);
  return response;
}

// Wave names are free text; the file name keeps only safe characters.
std::string file_stem(std::string_view wave, std::string_view table) {
  std::string stem;
  for (char c : std::string(wave) + "-" + std::string(table)) {
    bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                c == '-' || c == '_';
    stem += safe ? c : '_';
  }
  return stem;
}

void get_export(ApiContext& api, const Exchange& exchange, Reply reply) {
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
      [&api, wave_name = exchange.params[0], table_name = std::move(**table), format = *format] {
        auto published = api.results.published(wave_name);
        if (!published) return error_response(published.error());
        const PublishedWave& wave = *published.value();
        analytics::ExportDataset dataset =
            analytics::export_dataset(wave.report, *wave.questionnaire, wave.background,
                                      parse_iso_date(wave.computed_on).value_or(Date{1970, 1, 1}));
        std::string stem = file_stem(wave_name, table_name);
        if (table_name == "codebook") {
          if (format == analytics::ExportFormat::json) {
            return file_response(analytics::codebook_json(dataset), "application/json",
                                 stem + ".json");
          }
          return file_response(analytics::codebook_markdown(dataset),
                               "text/markdown; charset=utf-8", stem + ".md");
        }
        std::string allowed = "codebook";
        for (const analytics::ExportTable& candidate : dataset.tables) {
          allowed += ", " + candidate.name;
          if (candidate.name != table_name) continue;
          auto encoded = analytics::encode_table(candidate, format);
          if (!encoded) return error_response(encoded.error());
          return file_response(std::move(encoded).value(), analytics::media_type(format),
                               stem + "." + std::string(analytics::file_extension(format)));
        }
        return error_response(
            make_error("invalid_query", "unknown table \"" + table_name + "\"; allowed: " + allowed,
                       {{"table", "unknown_value", "allowed: " + allowed}}));
      });
}

}  // namespace

void add_export_routes(Router& router, ApiContext& api) {
  router.add({http::verb::get, "/api/v1/waves/{wave}/export", RateClass::computation,
              [&api](const Exchange& exchange, Reply reply) {
                get_export(api, exchange, std::move(reply));
              }});
}

}  // namespace parorende::server
