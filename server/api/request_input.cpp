#include "server/api/request_input.h"

#include <boost/json/object.hpp>

#include "common/json_input.h"
#include "common/localized_text.h"
#include "common/text.h"
#include "questionnaire/response_validation.h"
#include "server/http/static_files.h"

namespace parorende::server {
namespace {

namespace json = boost::json;

constexpr JsonLimits kBodyLimits{16 * 1024 * 1024, 64};

const LocalizedText& status_message() {
  static const LocalizedText text{{
      {"nb",
       "«status» må være «partial» (lagre og fortsette senere) eller «complete» (sende inn)."},
      {"nn",
       "«status» må vere «partial» (lagre og halde fram seinare) eller «complete» (sende inn)."},
      {"en", "\"status\" must be \"partial\" (save and continue later) or \"complete\" (submit)."},
  }};
  return text;
}

const LocalizedText& invitation_message() {
  static const LocalizedText text{{
      {"nb", "«invitation» må være invitasjonskoden fra brevet, som tekst."},
      {"nn", "«invitation» må vere invitasjonskoden frå brevet, som tekst."},
      {"en", "\"invitation\" must be the invitation code from the letter, as a string."},
  }};
  return text;
}

const LocalizedText& consent_message() {
  static const LocalizedText text{{
      {"nb", "«consent_version» må være versjonen av samtykketeksten, som tekst."},
      {"nn", "«consent_version» må vere versjonen av samtykketeksten, som tekst."},
      {"en", "\"consent_version\" must be the version of the consent text, as a string."},
  }};
  return text;
}

// The charset parameter of a Content-Type, lower case and unquoted.
std::optional<std::string> media_type_charset(std::string_view type) {
  std::size_t end = type.find(';');
  while (end != std::string_view::npos) {
    type.remove_prefix(end + 1);
    end = type.find(';');
    std::string parameter = ascii_lower(type.substr(0, end));
    std::size_t first = parameter.find_first_not_of(' ');
    if (first == std::string::npos || parameter.compare(first, 8, "charset=") != 0) continue;
    std::string value = parameter.substr(first + 8);
    while (!value.empty() && value.back() == ' ') value.pop_back();
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    return value;
  }
  return std::nullopt;
}

}  // namespace

Result<std::string> requested_language(std::string_view query) {
  auto lang = query_parameter(query, "lang");
  if (!lang) return std::string();
  if (!lang->ok || !is_language_tag(lang->text)) {
    return make_error("invalid_query", "lang must be a language tag such as nb, nn or en");
  }
  return std::move(lang->text);
}

Result<std::optional<std::string>> optional_query(std::string_view query, std::string_view name) {
  auto value = query_parameter(query, name);
  if (!value) return std::optional<std::string>();
  if (!value->ok) {
    return make_error("invalid_query",
                      "query parameter " + std::string(name) + " is not validly percent-encoded");
  }
  return std::optional<std::string>(std::move(value->text));
}

std::string effective_language(const Questionnaire& questionnaire, std::string_view requested) {
  if (!requested.empty()) {
    for (std::string_view candidate : language_fallbacks(requested)) {
      for (const std::string& offered : questionnaire.languages) {
        if (offered == candidate) return offered;
      }
    }
  }
  return questionnaire.default_language;
}

std::string media_type(const HttpRequest& request) {
  std::string_view type = request[http::field::content_type];
  std::string_view media = type.substr(0, type.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  return ascii_lower(media);
}

Result<json::value> json_body(const HttpRequest& request, json::storage_ptr storage) {
  std::string_view type = request[http::field::content_type];
  if (media_type(request) != "application/json") {
    return make_error("unsupported_media_type",
                      "the request body must be JSON, sent with Content-Type: application/json");
  }
  // JSON is UTF-8 (RFC 8259); a body declared in another charset would be
  // read as what it is not.
  if (auto charset = media_type_charset(type); charset && *charset != "utf-8") {
    return make_error("unsupported_media_type",
                      "the request body must be UTF-8, not charset=" + *charset);
  }
  return parse_json(request.body(), kBodyLimits, std::move(storage));
}

Result<std::string_view> csv_body(const HttpRequest& request) {
  std::string_view type = request[http::field::content_type];
  if (media_type(request) != "text/csv") {
    return make_error("unsupported_media_type",
                      "the request body must be CSV, sent with Content-Type: text/csv");
  }
  if (auto charset = media_type_charset(type); charset && *charset != "utf-8") {
    return make_error("unsupported_media_type",
                      "the request body must be UTF-8, not charset=" + *charset);
  }
  if (!is_valid_utf8(request.body())) {
    return make_error("invalid_csv", "the CSV file is not valid UTF-8; save it as UTF-8");
  }
  return std::string_view(request.body());
}

Result<ResponseForm> read_response_form(const Questionnaire& questionnaire, json::value body,
                                        std::string_view language,
                                        std::optional<Completeness> forced,
                                        bool invitation_allowed) {
  std::vector<Problem> form_problems;
  ResponseForm form;
  ValidationOptions options;
  options.completeness = Completeness::complete;
  std::string message_language = effective_language(questionnaire, language);

  if (json::object* object = body.if_object()) {
    if (!object->contains("language")) {
      (*object)["language"] = message_language;
    } else if (const json::string* given = (*object)["language"].if_string()) {
      message_language = effective_language(questionnaire, *given);
    }
    if (auto found = object->find("status"); found != object->end()) {
      const json::string* status = found->value().if_string();
      if (status != nullptr && *status == "partial") {
        options.completeness = Completeness::partial;
      } else if (status == nullptr || *status != "complete") {
        form_problems.push_back({"status", "invalid_field", status_message().in(message_language)});
      }
    }
    if (auto found = object->find("consent_version"); found != object->end()) {
      const json::string* consent = found->value().if_string();
      if (consent != nullptr && !has_control_character(*consent, false)) {
        form.consent_version = std::string(*consent);
      } else if (consent != nullptr || !found->value().is_null()) {
        form_problems.push_back(
            {"consent_version", "invalid_field", consent_message().in(message_language)});
      }
    }
    if (auto found = object->find("invitation"); invitation_allowed && found != object->end()) {
      const json::string* code = found->value().if_string();
      if (code != nullptr && code->size() <= 100 && !has_control_character(*code, false)) {
        form.invitation_code = std::string(*code);
      } else if (!found->value().is_null()) {
        form_problems.push_back(
            {"invitation", "invalid_field", invitation_message().in(message_language)});
      }
      object->erase(found);
    }
  }
  if (forced) options.completeness = *forced;

  auto response = validate_response(questionnaire, body, options);
  if (response && form_problems.empty()) {
    form.response = std::move(response).value();
    return form;
  }
  std::vector<Problem> problems = std::move(form_problems);
  if (!response) {
    Error error = response.take_error();
    problems.insert(problems.end(), std::make_move_iterator(error.problems.begin()),
                    std::make_move_iterator(error.problems.end()));
  }
  std::string summary = std::to_string(problems.size()) +
                        (problems.size() == 1 ? " problem" : " problems") + " in the response";
  return make_error("invalid_response", summary, std::move(problems));
}

Result<std::string> body_string(const boost::json::value& body, std::string_view name,
                                bool required, std::size_t max_bytes) {
  auto problem = [&](std::string_view what) {
    return make_error("invalid_field", "\"" + std::string(name) + "\" " + std::string(what),
                      {{std::string(name), "invalid_value", std::string(what)}});
  };
  const boost::json::object* object = body.if_object();
  if (object == nullptr) return problem("is asked of a JSON object, and the body is none");
  const boost::json::value* value = object->if_contains(name);
  if (value == nullptr || value->is_null()) {
    if (required) return problem("is missing");
    return std::string();
  }
  const boost::json::string* text = value->if_string();
  if (text == nullptr) return problem("must be a string");
  if (text->size() > max_bytes) {
    return problem("is over " + std::to_string(max_bytes) + " bytes");
  }
  return std::string(*text);
}

Result<bool> body_bool(const boost::json::value& body, std::string_view name) {
  const boost::json::object* object = body.if_object();
  const boost::json::value* value = object ? object->if_contains(name) : nullptr;
  if (value == nullptr || value->is_null()) return false;
  if (!value->is_bool()) {
    return make_error("invalid_field", "\"" + std::string(name) + "\" must be true or false",
                      {{std::string(name), "invalid_value", "true or false"}});
  }
  return value->as_bool();
}

}  // namespace parorende::server
