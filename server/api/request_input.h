// Reading what a request brings: the ?lang= parameter, a JSON body, and a
// response document as the API receives it.
#pragma once

#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "questionnaire/answer.h"
#include "questionnaire/questionnaire.h"
#include "server/http/http_types.h"

namespace parorende::server {

// ?lang=: empty when absent; "invalid_query" when it is not a language tag.
Result<std::string> requested_language(std::string_view query);

// An optional query parameter; "invalid_query" when it does not decode.
Result<std::optional<std::string>> optional_query(std::string_view query, std::string_view name);

// The questionnaire language that serves `requested` (with the fallbacks of
// common/localized_text.h), or its default language.
std::string effective_language(const Questionnaire& questionnaire, std::string_view requested);

// The Content-Type without its parameters, in lower case ("text/csv").
std::string media_type(const HttpRequest& request);

// The body as JSON: "unsupported_media_type" unless the Content-Type is
// application/json, "invalid_json" with line and column otherwise.
Result<boost::json::value> json_body(const HttpRequest& request,
                                     boost::json::storage_ptr storage = {});

// The body of a request sent as Content-Type: text/csv (UTF-8, the only
// charset allowed); "unsupported_media_type" otherwise.
Result<std::string_view> csv_body(const HttpRequest& request);

// A string field of a JSON object body: "invalid_field" naming it when the
// body is not an object, the field is missing (and `required`) or not a
// string, or it is over `max_bytes`. Absent and not required: "".
Result<std::string> body_string(const boost::json::value& body, std::string_view name,
                                bool required, std::size_t max_bytes = 1024);
// A boolean field of a JSON object body, false when absent or null;
// "invalid_field" naming it when it is anything but true or false.
Result<bool> body_bool(const boost::json::value& body, std::string_view name);

// A response document sent to the API:
//   {"status": "partial" | "complete", "consent_version": "...",
//    "language", "municipality", "answers"}
struct ResponseForm {
  Response response;
  std::string consent_version;
  std::string invitation_code;  // the body's "invitation", when `invitation_allowed`
};

// Validates `body` with the engine. "status" defaults to complete
// (`forced` overrides it); the body's "language" defaults to `language`.
// Every problem comes back at once in one "invalid_response" error, with
// messages in the response's language. With `invitation_allowed` the body
// may carry an "invitation" code (a first submission); elsewhere that key is
// unknown, as any other.
Result<ResponseForm> read_response_form(const Questionnaire& questionnaire, boost::json::value body,
                                        std::string_view language,
                                        std::optional<Completeness> forced = std::nullopt,
                                        bool invitation_allowed = false);

}  // namespace parorende::server
