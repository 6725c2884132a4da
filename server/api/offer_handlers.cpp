// The municipality's offer catalogue, kept by its staff (docs/api.md,
// "Administration"; docs/offers.md for the fields and their rules, the same
// as `parorende offers import`):
// GET    /api/v1/admin/municipalities/{municipality}/offers[?format=csv]
//        every offer with all its texts (JSON), or the catalogue as the
//        CSV file `offers import` reads
// PUT    /api/v1/admin/municipalities/{municipality}/offers   (text/csv)
//        replaces the whole catalogue with the file's offers
// PUT    /api/v1/admin/municipalities/{municipality}/offers/{offer}  (JSON)
//        adds the offer, or changes it in place
// DELETE /api/v1/admin/municipalities/{municipality}/offers/{offer}
// PUT    /api/v1/admin/municipalities/{municipality}/contact  (JSON)
//        how caregivers reach the municipality: its caregiver contact,
//        switchboard and web site
// Every change is in the audit log.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>

#include "common/text.h"
#include "reference/municipalities.h"
#include "reference/offer_catalogue.h"
#include "server/api/api_routes.h"
#include "server/api/request_input.h"
#include "server/api/staff_caller.h"
#include "server/http/json_reply.h"

namespace parorende::server {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxText = kMaxOfferTextBytes;
constexpr std::size_t kMaxDescription = kMaxOfferDescriptionBytes;
constexpr std::size_t kMaxListItems = 30;
constexpr const char* kLanguages[] = {"nb", "nn", "en"};

json::array string_list(const std::vector<std::string>& items) {
  json::array list;
  for (const std::string& item : items) list.push_back(json::string(item));
  return list;
}

json::object texts_json(const LocalizedText& text) {
  json::object texts;
  for (const char* language : kLanguages) {
    if (text.has(language)) texts[language] = text.in(language);
  }
  return texts;
}

json::object full_offer_json(const Offer& offer) {
  return {{"id", offer.id},
          {"type", offer.type},
          {"target_groups", string_list(offer.target_groups)},
          {"condition_groups", string_list(offer.condition_groups)},
          {"name", texts_json(offer.name)},
          {"description", texts_json(offer.description)},
          {"contact_name", offer.contact_name},
          {"phone", offer.phone},
          {"email", offer.email},
          {"url", offer.url},
          {"address", offer.address},
          {"demo", offer.demo}};
}

// A national administrator may name any code: one no municipality has is
// 404, before anything is read or written.
std::optional<HttpResponse> unknown_municipality(const std::string& code) {
  if (builtin_municipalities().find(code) != nullptr) return std::nullopt;
  return error_response("municipality_not_found", "no municipality has the code " + code);
}

void record_change(ApiContext& api, const Exchange& exchange, std::string action,
                   std::string object, std::string detail = {}) {
  record_audit(api, {audit_actor(caller_of(exchange).principal), std::move(action),
                     std::move(object), AuditOutcome::success, std::move(detail)});
}

// The fields of a JSON offer, each checked for its type and size; the rules
// of the catalogue itself are check_offer's.
class OfferReader {
 public:
  explicit OfferReader(const json::value& body) : object_(body.if_object()) {
    if (object_ == nullptr) problems_.push_back({"body", "invalid_value", "a JSON object"});
  }

  std::string text(std::string_view name, std::size_t max_bytes, bool line_breaks = false) {
    const json::value* value = object_ ? object_->if_contains(name) : nullptr;
    if (value == nullptr || value->is_null()) return {};
    const json::string* text = value->if_string();
    if (text == nullptr || text->size() > max_bytes || has_control_character(*text, line_breaks)) {
      fail(name, "a string of at most " + std::to_string(max_bytes) +
                     " bytes without control characters");
      return {};
    }
    return std::string(*text);
  }

  std::vector<std::string> list(std::string_view name) {
    const json::value* value = object_ ? object_->if_contains(name) : nullptr;
    std::vector<std::string> items;
    if (value == nullptr || value->is_null()) return items;
    const json::array* array = value->if_array();
    if (array == nullptr || array->size() > kMaxListItems) {
      fail(name, "an array of at most " + std::to_string(kMaxListItems) + " ids");
      return items;
    }
    for (const json::value& item : *array) {
      if (!item.is_string() || item.as_string().size() > 100) {
        fail(name, "each item is an id (a string)");
        return {};
      }
      items.emplace_back(item.as_string());
    }
    return items;
  }

  LocalizedText texts(std::string_view name, std::size_t max_bytes, bool line_breaks) {
    LocalizedText result;
    const json::value* value = object_ ? object_->if_contains(name) : nullptr;
    if (value == nullptr || value->is_null()) return result;
    const json::object* texts = value->if_object();
    if (texts == nullptr) {
      fail(name, "an object of texts by language: {\"nb\": ..., \"nn\": ..., \"en\": ...}");
      return result;
    }
    for (const auto& entry : *texts) {
      bool known = false;
      for (const char* language : kLanguages) known = known || entry.key() == language;
      const json::string* text = entry.value().if_string();
      if (!known || text == nullptr || text->size() > max_bytes ||
          has_control_character(*text, line_breaks)) {
        fail(std::string(name) + "." + std::string(entry.key()),
             "a text in nb, nn or en of at most " + std::to_string(max_bytes) + " bytes");
        continue;
      }
      if (!text->empty()) result.set(std::string(entry.key()), std::string(*text));
    }
    return result;
  }

  std::vector<Problem> take_problems() { return std::move(problems_); }

 private:
  void fail(std::string_view where, std::string message) {
    problems_.push_back({std::string(where), "invalid_value", std::move(message)});
  }

  const json::object* object_;
  std::vector<Problem> problems_;
};

Result<Offer> offer_from_body(const json::value& body, const std::string& municipality,
                              const std::string& id) {
  OfferReader reader(body);
  Offer offer;
  offer.municipality = municipality;
  offer.id = id;
  offer.type = reader.text("type", 100);
  offer.target_groups = reader.list("target_groups");
  offer.condition_groups = reader.list("condition_groups");
  offer.name = reader.texts("name", kMaxText, false);
  offer.description = reader.texts("description", kMaxDescription, true);
  offer.contact_name = reader.text("contact_name", kMaxText);
  offer.phone = reader.text("phone", kMaxText);
  offer.email = reader.text("email", kMaxText);
  offer.url = reader.text("url", kMaxText);
  offer.address = reader.text("address", kMaxText);
  std::vector<Problem> problems = reader.take_problems();
  if (problems.empty()) problems = check_offer(offer);
  if (!problems.empty()) {
    return make_error("invalid_offers", "the offer has problems; nothing was changed",
                      std::move(problems));
  }
  return offer;
}

OutgoingResponse list_offers(ApiContext& api, const Exchange& exchange) {
  const std::string& municipality = exchange.params[0];
  if (auto unknown = unknown_municipality(municipality)) return std::move(*unknown);
  auto format = optional_query(exchange.query, "format");
  if (!format) return error_response(format.error());
  if (*format && **format != "csv" && **format != "json") {
    return error_response(make_error("invalid_query", "format is json (the default) or csv",
                                     {{"format", "unknown_value", "json or csv"}}));
  }
  auto offers = api.store.offers(municipality);
  if (!offers) return error_response(offers.error());
  if (*format && **format == "csv") {
    HttpResponse response{http::status::ok, 11};
    response.set(http::field::content_type, "text/csv; charset=utf-8");
    response.set(http::field::content_disposition,
                 "attachment; filename=\"tilbud-" + municipality + ".csv\"");
    response.set(http::field::cache_control, "no-store");
    response.body() = offers_csv(*offers);
    response.prepare_payload();
    return response;
  }
  json::array list;
  for (const Offer& offer : *offers) list.push_back(full_offer_json(offer));
  return json_response(http::status::ok, {{"offers", std::move(list)}});
}

OutgoingResponse replace_catalogue(ApiContext& api, const Exchange& exchange) {
  const std::string& municipality = exchange.params[0];
  if (auto unknown = unknown_municipality(municipality)) return std::move(*unknown);
  auto text = csv_body(exchange.request);
  if (!text) return error_response(text.error());
  auto offers = parse_offers_csv(*text);
  if (!offers) return error_response(offers.error());
  // Offers staff keep are theirs, not demo data, whatever the file says.
  for (Offer& offer : *offers) offer.demo = false;
  std::vector<Problem> elsewhere;
  for (std::size_t i = 0; i < offers->size(); ++i) {
    if ((*offers)[i].municipality != municipality) {
      elsewhere.push_back({"offer " + std::to_string(i + 1), "other_municipality",
                           "the offer \"" + (*offers)[i].id + "\" is for municipality " +
                               (*offers)[i].municipality + ", not " + municipality});
    }
  }
  if (!elsewhere.empty()) {
    return error_response(make_error("invalid_offers",
                                     "the file has offers of another municipality; nothing "
                                     "was changed",
                                     std::move(elsewhere)));
  }
  if (auto replaced = api.store.replace_municipality_offers(municipality, *offers); !replaced) {
    return error_response(replaced.error());
  }
  record_change(api, exchange, "offers.replace", "municipality:" + municipality,
                std::to_string(offers->size()) + " offers");
  json::array list;
  for (const Offer& offer : *offers) list.push_back(full_offer_json(offer));
  return json_response(http::status::ok, {{"offers", std::move(list)}});
}

OutgoingResponse put_offer(ApiContext& api, const Exchange& exchange) {
  const std::string& municipality = exchange.params[0];
  if (auto unknown = unknown_municipality(municipality)) return std::move(*unknown);
  const std::string& id = exchange.params[1];
  auto body = json_body(exchange.request);
  if (!body) return error_response(body.error());
  auto offer = offer_from_body(*body, municipality, id);
  if (!offer) return error_response(offer.error());
  auto added = api.store.put_offer(*offer);
  if (!added) return error_response(added.error());
  record_change(api, exchange, *added ? "offers.add" : "offers.change",
                "offer:" + municipality + "/" + printable_detail(id));
  return json_response(*added ? http::status::created : http::status::ok,
                       {{"offer", full_offer_json(*offer)}});
}

OutgoingResponse put_contact(ApiContext& api, const Exchange& exchange) {
  const std::string& municipality = exchange.params[0];
  if (auto unknown = unknown_municipality(municipality)) return std::move(*unknown);
  auto body = json_body(exchange.request);
  if (!body) return error_response(body.error());
  OfferReader reader(*body);
  MunicipalityContact contact{reader.text("contact_name", 200), reader.text("phone", 100),
                              reader.text("email", 200), reader.text("switchboard", 100),
                              reader.text("web_site", 500)};
  std::vector<Problem> problems = reader.take_problems();
  if (!contact.email.empty() && contact.email.find('@') == std::string::npos) {
    problems.push_back({"email", "invalid_value", "an e-mail address has an @"});
  }
  if (!contact.web_site.empty() && !contact.web_site.starts_with("https://") &&
      !contact.web_site.starts_with("http://")) {
    problems.push_back({"web_site", "invalid_value", "a web address starts with https://"});
  }
  if (!problems.empty()) {
    return error_response(
        make_error("invalid_field", "the contact details have problems", std::move(problems)));
  }
  if (auto set = api.store.set_municipality_contact(municipality, contact); !set) {
    return error_response(set.error());
  }
  record_change(api, exchange, "contact.change", "municipality:" + municipality);
  return json_response(http::status::ok, {{"contact", contact_json(contact)}});
}

OutgoingResponse remove_offer(ApiContext& api, const Exchange& exchange) {
  const std::string& municipality = exchange.params[0];
  if (auto unknown = unknown_municipality(municipality)) return std::move(*unknown);
  const std::string& id = exchange.params[1];
  if (auto removed = api.store.remove_offer(municipality, id); !removed) {
    return error_response(removed.error());
  }
  record_change(api, exchange, "offers.remove",
                "offer:" + municipality + "/" + printable_detail(id));
  HttpResponse response{http::status::no_content, 11};
  response.set(http::field::cache_control, "no-store");
  return response;
}

}  // namespace

json::object contact_json(const MunicipalityContact& contact) {
  return {{"contact_name", contact.contact_name},
          {"phone", contact.phone},
          {"email", contact.email},
          {"switchboard", contact.switchboard},
          {"web_site", contact.web_site}};
}

void add_offer_routes(Router& router, ApiContext& api) {
  const std::string base = "/api/v1/admin/municipalities/{municipality}/offers";
  router.add(
      {http::verb::get, base, RateClass::none,
       [&api](const Exchange& exchange, Reply reply) { reply(list_offers(api, exchange)); }});
  router.add(
      {http::verb::put, base, RateClass::write,
       [&api](const Exchange& exchange, Reply reply) { reply(replace_catalogue(api, exchange)); }});
  router.add({http::verb::put, base + "/{offer}", RateClass::write,
              [&api](const Exchange& exchange, Reply reply) { reply(put_offer(api, exchange)); }});
  router.add(
      {http::verb::delete_, base + "/{offer}", RateClass::write,
       [&api](const Exchange& exchange, Reply reply) { reply(remove_offer(api, exchange)); }});
  router.add(
      {http::verb::put, "/api/v1/admin/municipalities/{municipality}/contact", RateClass::write,
       [&api](const Exchange& exchange, Reply reply) { reply(put_contact(api, exchange)); }});
}

}  // namespace parorende::server
