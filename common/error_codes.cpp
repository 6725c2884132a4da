#include "common/error_codes.h"

#include <algorithm>
#include <array>

namespace parorende {
namespace {

constexpr bool kHttp = true;
constexpr bool kLocal = false;

// Sorted by code (checked by a test), looked up by binary search.
constexpr std::array kCodes = std::to_array<ErrorCode>({
    {"account_exists", 409, kHttp, "an account of this username exists"},
    {"account_not_found", 404, kHttp, "no such account"},
    {"bad_option", 422, kLocal, "a REDCap import option names nothing the dictionary has"},
    {"bad_request", 400, kHttp, "malformed HTTP"},
    {"body_too_large", 413, kHttp, "the request body is over the limit"},
    {"branching_reference", 422, kLocal, "REDCap branching logic refers to a field it cannot"},
    {"cannot_write", 503, kLocal, "a file could not be written"},
    {"code_not_found", 404, kHttp, "no response has this resume or receipt code"},
    {"comments_not_consented", 422, kHttp,
     "a round would share comments its questionnaire's consent does not"},
    {"comments_not_shared", 403, kHttp,
     "the round's caregivers were not told their comments are shared"},
    {"consent_mismatch", 422, kHttp, "the consent version is not the questionnaire's"},
    {"consent_missing", 422, kHttp, "the questionnaire asks for consent and none was given"},
    {"csrf_token_invalid", 403, kHttp, "a staff change without the session's CSRF token"},
    {"duplicate_key", 422, kHttp, "a JSON object gives one key twice"},
    {"export_encoding_failed", 500, kHttp, "an export table could not be encoded (a bug)"},
    {"export_write_failed", 503, kLocal, "an export file could not be written"},
    {"file_too_large", 413, kLocal, "an input file is over the size limit"},
    {"file_unreadable", 422, kLocal, "an input file could not be read"},
    {"forbidden", 403, kHttp, "the signed-in account may not do this"},
    {"header_too_large", 431, kHttp, "the request headers are over the limit"},
    {"id_token_invalid", 401, kLocal, "an OpenID Connect id_token failed a check"},
    {"id_token_unknown_key", 401, kLocal, "no key of the provider's JWKS verifies an id_token"},
    {"internal_error", 500, kHttp, "a bug in parorende"},
    {"invalid_argument", 422, kHttp, "an argument is out of range"},
    {"invalid_code", 422, kHttp, "the text cannot be a resume or receipt code"},
    {"invalid_csv", 422, kHttp, "a CSV file is malformed"},
    {"invalid_definition", 422, kHttp, "a questionnaire definition has problems (each listed)"},
    {"invalid_dictionary", 422, kHttp, "a REDCap data dictionary has problems"},
    {"invalid_export_format", 400, kHttp, "no such export format"},
    {"invalid_export_table", 500, kHttp, "an export table breaks the export rules (a bug)"},
    {"invalid_expression", 422, kHttp, "an expression does not parse"},
    {"invalid_field", 422, kHttp, "a field of a JSON body is missing or of the wrong type"},
    {"invalid_grant", 422, kHttp, "a role's scope or expiry is wrong"},
    {"invalid_json", 400, kHttp, "the body is not JSON within the limits"},
    {"invalid_line", 422, kLocal, "a line of an import file is not a response"},
    {"invalid_min_respondents", 422, kLocal, "k below the lowest allowed"},
    {"invalid_municipalities", 422, kLocal, "the municipality file is malformed"},
    {"invalid_offers", 422, kHttp, "an offer catalogue file has problems"},
    {"invalid_query", 400, kHttp, "a query parameter is missing or wrong"},
    {"invalid_response", 422, kHttp, "a response has problems (each listed)"},
    {"invalid_username", 422, kHttp, "a username has characters or a length it may not"},
    {"invalid_wave", 422, kHttp, "a wave's definition has problems"},
    {"invitation_mismatch", 409, kHttp, "the invitation code is for another wave or municipality"},
    {"invitation_not_found", 404, kHttp, "no invitation has this code"},
    {"invitation_used", 409, kHttp, "the invitation code has been used (a code works once)"},
    {"listen_failed", 503, kLocal, "the server could not listen on its address"},
    {"malformed_choices", 422, kLocal, "a REDCap field's choices cannot be read"},
    {"method_not_allowed", 405, kHttp, "the path does not answer this method"},
    {"metrics_disabled", 404, kHttp, "metrics are off (no token configured)"},
    {"municipality_not_found", 404, kHttp, "no municipality has this code"},
    {"municipality_not_in_wave", 422, kHttp, "the wave does not cover this municipality"},
    {"no_role", 403, kLocal, "an OpenID Provider's claims give no role here"},
    {"not_a_parorende_database", 503, kLocal, "the file is another application's database"},
    {"not_found", 404, kHttp, "no such route"},
    {"not_implemented", 501, kHttp, "not implemented"},
    {"nothing_imported", 422, kHttp, "a REDCap dictionary gave no question"},
    {"offer_not_found", 404, kHttp, "the municipality has no offer with this id"},
    {"output_exists", 409, kHttp, "the output file exists already"},
    {"overloaded", 503, kHttp, "too many open connections"},
    {"own_account", 409, kHttp, "an administrator's change that would lock themselves out"},
    {"password_too_weak", 422, kHttp, "a new password breaks the password rules"},
    {"provider_account", 409, kHttp, "the account signs in through an OpenID Provider"},
    {"provider_not_found", 404, kHttp, "no OpenID Provider of the configuration has this id"},
    {"provider_refused", 401, kLocal, "the OpenID Provider refused the sign-in"},
    {"provider_unavailable", 502, kLocal, "the OpenID Provider could not be reached or read"},
    {"publication_conflict", 503, kHttp, "results kept changing while computed; retry"},
    {"publication_threshold_mismatch", 409, kHttp,
     "the wave's results are published with another k"},
    {"questionnaire_immutable", 409, kHttp, "a published questionnaire version never changes"},
    {"questionnaire_mismatch", 422, kHttp, "the response is for another questionnaire version"},
    {"questionnaire_not_found", 404, kHttp, "no such questionnaire"},
    {"rate_limited", 429, kHttp, "too many requests from this client"},
    {"reset_code_invalid", 422, kHttp, "the password reset code is wrong, used or expired"},
    {"results_not_consented", 422, kHttp,
     "a round would publish figures its questionnaire's consent does not"},
    {"results_not_public", 403, kHttp, "the round's results are for staff only"},
    {"round_not_national", 409, kHttp, "only a national round can be joined"},
    {"schema_outdated", 503, kLocal, "a read-only open of a database that needs migrating"},
    {"schema_too_new", 503, kLocal, "the database was written by a newer parorende"},
    {"second_factor_missing", 403, kLocal,
     "an OpenID Provider did not sign the person in as strongly as required"},
    {"shutting_down", 503, kHttp, "the server is stopping"},
    {"sign_in_failed", 401, kHttp, "the username, password or one-time code is wrong"},
    {"sign_in_state_invalid", 400, kLocal,
     "a sign-in's state is unknown, used, expired or from another browser"},
    {"storage_failure", 503, kHttp, "the database or disk failed"},
    {"store_read_only", 503, kHttp, "the store was opened read-only"},
    {"totp_replayed", 401, kHttp, "a one-time code was used already"},
    {"unauthorized", 401, kHttp, "the request lacks the credentials the route asks for"},
    {"unknown_language", 422, kLocal, "the questionnaire has no such language"},
    {"unknown_municipality", 422, kHttp, "no municipality has this code"},
    {"unsupported_branching", 422, kLocal, "REDCap branching logic parorende cannot express"},
    {"unsupported_expression", 422, kLocal, "an expression REDCap cannot express"},
    {"unsupported_media_type", 415, kHttp, "the body is not application/json"},
    {"unsupported_transfer_coding", 501, kHttp, "a Transfer-Encoding other than chunked"},
    {"usage", 400, kLocal, "a command-line mistake"},
    {"wave_closed", 409, kHttp, "the wave has closed"},
    {"wave_exists", 409, kHttp, "a wave of this name exists"},
    {"wave_not_found", 404, kHttp, "no such wave"},
    {"wave_not_open_yet", 409, kHttp, "the wave has not opened yet"},
    {"write_failed", 503, kLocal, "an output file could not be written"},
});

}  // namespace

std::span<const ErrorCode> error_codes() { return kCodes; }

const ErrorCode* find_error_code(std::string_view code) {
  auto found = std::lower_bound(
      kCodes.begin(), kCodes.end(), code,
      [](const ErrorCode& entry, std::string_view wanted) { return entry.code < wanted; });
  return found != kCodes.end() && found->code == code ? &*found : nullptr;
}

}  // namespace parorende
