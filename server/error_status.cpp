#include "server/error_status.h"

#include <utility>

namespace parorende::server {
namespace {

// Codes from the engine (validation, JSON input), the store
// (engine/response_store.h) and this layer.
constexpr std::pair<std::string_view, http::status> kStatusByCode[] = {
    {"bad_request", http::status::bad_request},
    {"invalid_json", http::status::bad_request},
    {"invalid_query", http::status::bad_request},
    {"unsupported_media_type", http::status::unsupported_media_type},
    {"invalid_response", http::status::unprocessable_entity},
    {"invalid_code", http::status::unprocessable_entity},
    {"invalid_definition", http::status::unprocessable_entity},
    {"invalid_wave", http::status::unprocessable_entity},
    {"unknown_municipality", http::status::unprocessable_entity},
    {"municipality_not_in_wave", http::status::unprocessable_entity},
    {"consent_missing", http::status::unprocessable_entity},
    {"consent_mismatch", http::status::unprocessable_entity},
    {"questionnaire_mismatch", http::status::unprocessable_entity},
    {"unauthorized", http::status::unauthorized},
    {"metrics_disabled", http::status::not_found},
    {"not_found", http::status::not_found},
    {"wave_not_found", http::status::not_found},
    {"municipality_not_found", http::status::not_found},
    {"questionnaire_not_found", http::status::not_found},
    {"code_not_found", http::status::not_found},
    {"method_not_allowed", http::status::method_not_allowed},
    {"wave_closed", http::status::conflict},
    {"wave_not_open_yet", http::status::conflict},
    {"wave_exists", http::status::conflict},
    {"questionnaire_immutable", http::status::conflict},
    {"publication_threshold_mismatch", http::status::conflict},
    {"body_too_large", http::status::payload_too_large},
    {"header_too_large", http::status::request_header_fields_too_large},
    {"rate_limited", http::status::too_many_requests},
    {"storage_failure", http::status::service_unavailable},
    {"store_read_only", http::status::service_unavailable},
    {"publication_conflict", http::status::service_unavailable},
    {"overloaded", http::status::service_unavailable},
    {"shutting_down", http::status::service_unavailable},
    {"internal_error", http::status::internal_server_error},
    {"not_implemented", http::status::not_implemented},
};

}  // namespace

http::status status_for_error_code(std::string_view code) {
  for (const auto& [known, status] : kStatusByCode) {
    if (known == code) return status;
  }
  return http::status::internal_server_error;
}

}  // namespace parorende::server
