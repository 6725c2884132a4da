// GET /api/v1/municipalities[?wave=NAME]: Norway's municipalities, or those
// a wave is open to.
// GET /api/v1/municipalities/{code}/offers[?type=&target_group=&
// condition_group=&q=&lang=]: a municipality's offer catalogue, filtered,
// and how to reach its caregiver contact.
#include <boost/json/array.hpp>
#include <memory>

#include "reference/municipalities.h"
#include "reference/offer_catalogue.h"
#include "reference/offer_types.h"
#include "server/api/api_routes.h"
#include "server/api/request_input.h"
#include "server/http/compression.h"
#include "server/http/json_reply.h"

namespace parorende::server {
namespace {

namespace json = boost::json;

json::object municipalities_json(const std::vector<const Municipality*>& municipalities) {
  json::array list;
  for (const Municipality* municipality : municipalities) {
    list.push_back({{"code", municipality->code},
                    {"name", municipality->name},
                    {"county_code", municipality->county_code},
                    {"county_name", municipality->county_name},
                    {"written_standard", municipality->written_standard}});
  }
  return {{"municipalities", std::move(list)}};
}

// The national list never changes while running: serialized and
// compressed once.
struct NationalList {
  HttpResponse plain;
  HttpResponse compressed;
};

const OfferTerm* find_term(std::span<const OfferTerm> terms, std::string_view id) {
  for (const OfferTerm& term : terms) {
    if (term.id == id) return &term;
  }
  return nullptr;
}

Error invalid_value(std::string_view parameter, std::string_view value,
                    std::span<const OfferTerm> terms) {
  std::string allowed;
  for (const OfferTerm& term : terms) {
    if (!allowed.empty()) allowed += ", ";
    allowed += term.id;
  }
  return make_error(
      "invalid_query",
      "unknown " + std::string(parameter) + " \"" + std::string(value) + "\"; allowed: " + allowed,
      {{std::string(parameter), "unknown_value", "allowed: " + allowed}});
}

// The query's filters, or "invalid_query" naming the parameter.
Result<OfferFilter> offer_filter(std::string_view query, std::string language) {
  OfferFilter filter;
  filter.language = std::move(language);
  auto types = optional_query(query, "type");
  if (!types) return types.take_error();
  if (*types) {
    for (std::string& type : split_list(**types, ',')) {
      if (!find_term(offer_types(), type)) return invalid_value("type", type, offer_types());
      filter.types.push_back(std::move(type));
    }
  }
  auto target_group = optional_query(query, "target_group");
  if (!target_group) return target_group.take_error();
  if (*target_group) {
    if (!find_term(offer_target_groups(), **target_group)) {
      return invalid_value("target_group", **target_group, offer_target_groups());
    }
    filter.target_group = **target_group;
  }
  auto condition_group = optional_query(query, "condition_group");
  if (!condition_group) return condition_group.take_error();
  if (*condition_group) {
    if (!find_term(offer_condition_groups(), **condition_group)) {
      return invalid_value("condition_group", **condition_group, offer_condition_groups());
    }
    filter.condition_group = **condition_group;
  }
  auto text = optional_query(query, "q");
  if (!text) return text.take_error();
  if (*text) filter.free_text = **text;
  return filter;
}

json::array term_ids_json(const std::vector<std::string>& ids) {
  json::array list;
  for (const std::string& id : ids) list.push_back(json::string(id));
  return list;
}

json::object offer_json(const Offer& offer, std::string_view language) {
  const OfferTerm* type = find_term(offer_types(), offer.type);
  return {{"id", offer.id},
          {"name", offer.name.in(language)},
          {"type", offer.type},
          {"type_label", type ? term_label(*type, language) : std::string_view(offer.type)},
          {"target_groups", term_ids_json(offer.target_groups)},
          {"condition_groups", term_ids_json(offer.condition_groups)},
          {"description", offer.description.in(language)},
          {"contact",
           {{"name", offer.contact_name},
            {"phone", offer.phone},
            {"email", offer.email},
            {"url", offer.url}}},
          {"address", offer.address},
          {"demo", offer.demo}};
}

void get_offers(ApiContext& api, const Exchange& exchange, Reply reply) {
  const Municipality* municipality = builtin_municipalities().find(exchange.params[0]);
  if (!municipality) {
    return reply(error_response("municipality_not_found",
                                "no municipality with code \"" + exchange.params[0] + "\""));
  }
  auto language = requested_language(exchange.query);
  if (!language) return reply(error_response(language.error()));
  std::string wanted = language->empty() ? std::string("nb") : std::move(language).value();
  auto filter = offer_filter(exchange.query, wanted);
  if (!filter) return reply(error_response(filter.error()));
  reply_from_store_worker(
      api, std::move(reply),
      [&api, municipality, filter = std::move(filter).value(), request = &exchange.request] {
        auto offers = api.store.offers(municipality->code);
        if (!offers) return error_response(offers.error());
        auto contact = api.store.municipality_contact(municipality->code);
        if (!contact) return error_response(contact.error());
        json::array list;
        for (const Offer& offer : filter_offers(offers.value(), filter)) {
          list.push_back(offer_json(offer, filter.language));
        }
        json::object body{{"municipality",
                           {{"code", municipality->code},
                            {"name", municipality->name},
                            {"contact", contact_json(*contact)}}},
                          {"offers", std::move(list)}};
        HttpResponse response = json_response(http::status::ok, body);
        gzip_if_accepted(response, *request);
        return response;
      });
}

}  // namespace

void add_municipality_routes(Router& router, ApiContext& api) {
  std::vector<const Municipality*> all;
  for (const Municipality& municipality : builtin_municipalities().all()) {
    all.push_back(&municipality);
  }
  auto national = std::make_shared<NationalList>();
  national->plain = json_response(http::status::ok, municipalities_json(all));
  national->plain.set(http::field::vary, "Accept-Encoding");
  national->compressed = national->plain;
  national->compressed.set(http::field::content_encoding, "gzip");
  national->compressed.body() = gzip(national->plain.body());

  router.add({http::verb::get, "/api/v1/municipalities", RateClass::none,
              [&api, national](const Exchange& exchange, Reply reply) {
                auto wave_name = optional_query(exchange.query, "wave");
                if (!wave_name) return reply(error_response(wave_name.error()));
                bool whole_country = !*wave_name;
                if (!whole_country) {
                  auto wave = api.store.wave(**wave_name);
                  if (!wave) return reply(error_response(wave.error()));
                  whole_country = wave->is_national();
                  if (!whole_country) {
                    std::vector<const Municipality*> covered;
                    for (const std::string& code : wave->municipalities) {
                      if (const Municipality* found = builtin_municipalities().find(code)) {
                        covered.push_back(found);
                      }
                    }
                    HttpResponse response =
                        json_response(http::status::ok, municipalities_json(covered));
                    gzip_if_accepted(response, exchange.request);
                    return reply(std::move(response));
                  }
                }
                bool gzip_ok = accepts_gzip(exchange.request[http::field::accept_encoding]);
                reply(gzip_ok ? national->compressed : national->plain);
              }});
  router.add({http::verb::get, "/api/v1/municipalities/{code}/offers", RateClass::none,
              [&api](const Exchange& exchange, Reply reply) {
                get_offers(api, exchange, std::move(reply));
              }});
}

}  // namespace parorende::server
