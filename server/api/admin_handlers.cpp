// Staff routes under /api/v1/admin (docs/api.md, "Administration"); who may
// use each is in server/api/route_access.cpp:
// GET /api/v1/admin/accounts                       every account, no secrets
// GET /api/v1/admin/audit[?after=&limit=&actor=&action=]  the audit log
// GET /api/v1/admin/municipalities/{municipality}  a municipality's home:
//     its rounds, its contact details and how many offers its catalogue has
// GET /api/v1/admin/municipalities/{municipality}/progress  each round's
//     response counts, with nothing under k (analytics/response_progress.h)
// Every read of data that is not public is itself in the audit log.
#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <charconv>

#include "analytics/published_results.h"
#include "analytics/response_progress.h"
#include "reference/municipalities.h"
#include "server/api/api_routes.h"
#include "server/api/request_input.h"
#include "server/api/staff_caller.h"
#include "server/http/json_reply.h"

namespace parorende::server {
namespace {

namespace json = boost::json;

constexpr std::size_t kDefaultAuditPage = 100;
constexpr std::size_t kMaxAuditPage = 1000;

Result<std::int64_t> whole_number(std::string_view query, std::string_view name,
                                  std::int64_t fallback, std::int64_t max) {
  auto text = optional_query(query, name);
  if (!text) return text.take_error();
  if (!*text) return fallback;
  std::int64_t value = 0;
  auto [end, error] = std::from_chars((*text)->data(), (*text)->data() + (*text)->size(), value);
  if (error != std::errc() || end != (*text)->data() + (*text)->size() || value < 0 ||
      value > max) {
    return make_error(
        "invalid_query",
        "?" + std::string(name) + "= is a whole number from 0 to " + std::to_string(max),
        {{std::string(name), "invalid_value", "0 to " + std::to_string(max)}});
  }
  return value;
}

void record_read(ApiContext& api, const Exchange& exchange, std::string action,
                 std::string object) {
  record_audit(api, {audit_actor(caller_of(exchange).principal),
                     std::move(action),
                     std::move(object),
                     AuditOutcome::success,
                     {}});
}

OutgoingResponse accounts_page(ApiContext& api, const Exchange& exchange) {
  auto accounts = api.store.accounts();
  if (!accounts) return error_response(accounts.error());
  json::array list;
  for (const Account& account : accounts.value()) list.push_back(account_json(account));
  record_read(api, exchange, "accounts.read", "accounts");
  return json_response(http::status::ok, {{"accounts", std::move(list)}});
}

OutgoingResponse audit_page(ApiContext& api, const Exchange& exchange) {
  auto after = whole_number(exchange.query, "after", 0, INT64_MAX);
  if (!after) return error_response(after.error());
  auto limit = whole_number(exchange.query, "limit", kDefaultAuditPage, kMaxAuditPage);
  if (!limit) return error_response(limit.error());
  auto actor = optional_query(exchange.query, "actor");
  if (!actor) return error_response(actor.error());
  auto action = optional_query(exchange.query, "action");
  if (!action) return error_response(action.error());
  std::size_t page = limit.value() == 0 ? kDefaultAuditPage : std::size_t(limit.value());
  // One more than asked tells whether another page follows.
  auto entries =
      api.store.audit_entries({after.value(), page + 1, actor->value_or(""), action->value_or("")});
  if (!entries) return error_response(entries.error());
  json::array list;
  for (std::size_t i = 0; i < entries->size() && i < page; ++i) {
    list.push_back(audit_entry_json((*entries)[i]));
  }
  json::object body{{"entries", std::move(list)}};
  body["next_after"] =
      entries->size() > page ? json::value((*entries)[page - 1].number) : json::value(nullptr);
  record_read(api, exchange, "audit.read", "audit_log");
  return json_response(http::status::ok, body);
}

OutgoingResponse municipality_home(ApiContext& api, const Exchange& exchange) {
  const std::string& code = exchange.params[0];
  const Municipality* municipality = builtin_municipalities().find(code);
  if (municipality == nullptr) {
    return error_response("municipality_not_found", "no municipality has the code " + code);
  }
  auto joined = api.store.joined_waves(code);
  if (!joined) return error_response(joined.error());
  auto all = api.store.waves();
  if (!all) return error_response(all.error());
  json::array waves;
  for (const Wave& wave : all.value()) {
    if (!wave.covers(code)) continue;
    json::object entry = wave_json(wave);
    entry.erase("municipalities");
    // A local round is the municipality's own; a national one once joined.
    entry["joined"] =
        !wave.is_national() || std::binary_search(joined->begin(), joined->end(), wave.name);
    waves.push_back(std::move(entry));
  }
  auto offers = api.store.offers(code);
  if (!offers) return error_response(offers.error());
  auto contact = api.store.municipality_contact(code);
  if (!contact) return error_response(contact.error());
  return json_response(http::status::ok, {{"code", municipality->code},
                                          {"contact", contact_json(*contact)},
                                          {"name", municipality->name},
                                          {"county_name", municipality->county_name},
                                          {"written_standard", municipality->written_standard},
                                          {"waves", std::move(waves)},
                                          {"offers", offers->size()}});
}

json::value shown_count(const std::optional<std::int64_t>& count) {
  return count ? json::value(*count) : json::value(nullptr);
}

json::object progress_json(const Wave& wave, const analytics::ProtectedProgress& shown) {
  json::array weeks;
  for (const analytics::WeekGroup& group : shown.weeks) {
    weeks.push_back(
        {{"first", group.first.text()}, {"last", group.last.text()}, {"complete", group.complete}});
  }
  return {{"wave", wave.name},
          {"opens", wave.opens.iso()},
          {"closes", wave.closes.iso()},
          {"partial", shown_count(shown.partial)},
          {"complete", shown_count(shown.complete)},
          {"weeks", std::move(weeks)},
          {"invitations_issued", shown.invitations_issued},
          {"response_rate",
           shown.response_rate ? json::value(*shown.response_rate) : json::value(nullptr)}};
}

OutgoingResponse municipality_progress(ApiContext& api, const Exchange& exchange) {
  const std::string& code = exchange.params[0];
  if (builtin_municipalities().find(code) == nullptr) {
    return error_response("municipality_not_found", "no municipality has the code " + code);
  }
  int k = api.results.min_respondents();
  auto waves = api.store.waves();
  if (!waves) return error_response(waves.error());
  json::array rounds;
  for (const Wave& wave : waves.value()) {
    if (!wave.covers(code)) continue;
    auto counts = api.store.response_progress(wave.name, code);
    if (!counts) return error_response(counts.error());
    auto wave_k = analytics::wave_min_respondents(api.store, wave, k);
    if (!wave_k) return error_response(wave_k.error());
    json::object round = progress_json(wave, analytics::protect_progress(*counts, *wave_k));
    round["shown_from"] = *wave_k;
    rounds.push_back(std::move(round));
  }
  record_read(api, exchange, "progress.read", "municipality:" + code);
  return json_response(http::status::ok, {{"rounds", std::move(rounds)}, {"shown_from", k}});
}

}  // namespace

void add_admin_routes(Router& router, ApiContext& api) {
  router.add(
      {http::verb::get, "/api/v1/admin/accounts", RateClass::none,
       [&api](const Exchange& exchange, Reply reply) { reply(accounts_page(api, exchange)); }});
  router.add({http::verb::get, "/api/v1/admin/audit", RateClass::none,
              [&api](const Exchange& exchange, Reply reply) { reply(audit_page(api, exchange)); }});
  router.add(
      {http::verb::get, "/api/v1/admin/municipalities/{municipality}", RateClass::none,
       [&api](const Exchange& exchange, Reply reply) { reply(municipality_home(api, exchange)); }});
  router.add({http::verb::get, "/api/v1/admin/municipalities/{municipality}/progress",
              RateClass::none, [&api](const Exchange& exchange, Reply reply) {
                reply(municipality_progress(api, exchange));
              }});
}

}  // namespace parorende::server
