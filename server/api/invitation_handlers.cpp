// One-time invitation codes (docs/api.md, "Invitations"):
// GET  /api/v1/invitations/{code}   what a code opens (anyone); used or not
//      is told only to a submission
// GET  /api/v1/admin/municipalities/{municipality}/invitations
//      the municipality's batches: issued, and used unless fewer than k
//      were used or unused (in a round that does not track participation)
// POST /api/v1/admin/municipalities/{municipality}/invitations
//      {wave, count, label} -> the batch and its codes, shown once
// GET  /api/v1/admin/municipalities/{municipality}/invitations/{batch}/unused
//      the letter numbers not answered yet, in a round that tracks
//      participation (its consent said so)
// GET  /api/v1/admin/municipalities/{municipality}/open-link/{wave}
//      the round's open link for the municipality, and its QR code (SVG)
// A code is used by POST /api/v1/waves/{wave}/responses with "invitation".
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <charconv>

#include "access/qr_code.h"
#include "analytics/published_results.h"
#include "common/text.h"
#include "reference/municipalities.h"
#include "server/api/api_routes.h"
#include "server/api/request_input.h"
#include "server/api/staff_caller.h"
#include "server/http/json_reply.h"

namespace parorende::server {
namespace {

namespace json = boost::json;

// Where a code leads in the caregivers' pages. The code is in the
// fragment, which browsers never send to a server, so it stays out of
// access logs and Referer headers.
std::string invitation_path(std::string_view municipality, std::string_view code) {
  return "/?municipality=" + std::string(municipality) + "#/invitation/" + std::string(code);
}

json::object batch_json(const InvitationBatch& batch, int min_respondents) {
  json::object object{{"id", batch.id},
                      {"wave", batch.wave_name},
                      {"municipality", batch.municipality},
                      {"label", batch.label},
                      {"created_on", batch.created_on.iso()},
                      {"issued", batch.issued},
                      {"participation_tracked", batch.participation_tracked}};
  // How many of a few letters were answered, or were not, could tell
  // staff who answered: a count with fewer than k on either side is not
  // shown. Unless the round tracks participation: its staff list the
  // unanswered letters, as its caregivers were told.
  bool shown = batch.participation_tracked ||
               (batch.used >= min_respondents && batch.issued - batch.used >= min_respondents);
  object["used"] = shown ? json::value(batch.used) : json::value(nullptr);
  object["used_fewer_than"] = shown ? json::value(nullptr) : json::value(min_respondents);
  return object;
}

// k for a batch's used count: its round's (a questionnaire may raise it).
Result<int> batch_min_respondents(ApiContext& api, const InvitationBatch& batch) {
  auto wave = api.store.wave(batch.wave_name);
  if (!wave) return wave.take_error();
  return analytics::wave_min_respondents(api.store, *wave, api.results.min_respondents());
}

// A batch just made has no used code, so its count is hidden under any
// k; its codes must reach the caller even if the k cannot be read.
int new_batch_min_respondents(ApiContext& api, const InvitationBatch& batch) {
  auto k = batch_min_respondents(api, batch);
  return k ? *k : api.results.min_respondents();
}

void get_invitation(ApiContext& api, const Exchange& exchange, Reply reply) {
  reply_from_store_worker(api, std::move(reply), [&api, code = exchange.params[0]] {
    auto target = api.store.invitation(code);
    if (!target) return error_response(target.error());
    auto wave = api.store.wave(target->wave_name);
    if (!wave) return error_response(wave.error());
    return json_response(http::status::ok, {{"wave", wave->name},
                                            {"municipality", target->municipality},
                                            {"questionnaire", wave->questionnaire_id},
                                            {"version", wave->questionnaire_version},
                                            {"opens", wave->opens.iso()},
                                            {"closes", wave->closes.iso()}});
  });
}

OutgoingResponse list_batches(ApiContext& api, const Exchange& exchange) {
  const std::string& municipality = exchange.params[0];
  auto batches = api.store.invitation_batches(municipality);
  if (!batches) return error_response(batches.error());
  json::array list;
  for (const InvitationBatch& batch : *batches) {
    // Without its round's k a count could show under it: no list.
    auto k = batch_min_respondents(api, batch);
    if (!k) return error_response(k.error());
    list.push_back(batch_json(batch, *k));
  }
  record_audit(api, {audit_actor(caller_of(exchange).principal),
                     "invitations.read",
                     "municipality:" + municipality,
                     AuditOutcome::success,
                     {}});
  return json_response(http::status::ok, {{"batches", std::move(list)},
                                          {"used_shown_from", api.results.min_respondents()}});
}

Result<int> body_count(const json::value& body) {
  const json::object* object = body.if_object();
  const json::value* count = object ? object->if_contains("count") : nullptr;
  if (count == nullptr || !count->is_int64() || count->as_int64() < 1 ||
      count->as_int64() > kMaxInvitationsPerBatch) {
    std::string message =
        "count is a whole number from 1 to " + std::to_string(kMaxInvitationsPerBatch);
    return make_error("invalid_field", message, {{"count", "invalid_value", message}});
  }
  return static_cast<int>(count->as_int64());
}

OutgoingResponse create_batch(ApiContext& api, const Exchange& exchange) {
  const std::string& municipality = exchange.params[0];
  auto body = json_body(exchange.request);
  if (!body) return error_response(body.error());
  auto wave = body_string(*body, "wave", true, 400);
  if (!wave) return error_response(wave.error());
  auto label = body_string(*body, "label", true, 400);
  if (!label) return error_response(label.error());
  auto count = body_count(*body);
  if (!count) return error_response(count.error());
  auto issued = api.store.create_invitations({*wave, municipality, *label, *count}, today_utc());
  if (!issued) {
    record_audit(api, {audit_actor(caller_of(exchange).principal), "invitations.create",
                       "municipality:" + municipality,
                       issued.error().code == "storage_failure" ? AuditOutcome::failed
                                                                : AuditOutcome::refused,
                       printable_detail(issued.error().code + ", wave " + *wave)});
    return error_response(issued.error());
  }
  json::array codes;
  for (const std::string& code : issued->codes) {
    codes.push_back({{"code", code}, {"path", invitation_path(municipality, code)}});
  }
  record_audit(api, {audit_actor(caller_of(exchange).principal), "invitations.create",
                     "municipality:" + municipality, AuditOutcome::success,
                     printable_detail("batch " + std::to_string(issued->batch.id) + ", " +
                                      std::to_string(*count) + " codes, wave " + *wave)});
  return json_response(
      http::status::created,
      {{"batch", batch_json(issued->batch, new_batch_min_respondents(api, issued->batch))},
       {"codes", std::move(codes)}});
}

OutgoingResponse unused_letters(ApiContext& api, const Exchange& exchange) {
  const std::string& municipality = exchange.params[0];
  const std::string& batch_text = exchange.params[1];
  std::string actor = audit_actor(caller_of(exchange).principal);
  std::string object =
      "municipality:" + printable_detail(municipality) + "/batch:" + printable_detail(batch_text);
  std::int64_t batch = 0;
  auto [end, failed] =
      std::from_chars(batch_text.data(), batch_text.data() + batch_text.size(), batch);
  if (failed != std::errc() || end != batch_text.data() + batch_text.size() || batch < 1) {
    record_audit(api, {actor, "invitations.unused", object, AuditOutcome::refused,
                       "invitation_batch_not_found"});
    return error_response("invitation_batch_not_found",
                          "a batch is named by its number, such as 12");
  }
  auto letters = api.store.unused_invitation_letters(batch, municipality);
  if (!letters) {
    record_audit(
        api, {actor, "invitations.unused", object, AuditOutcome::refused, letters.error().code});
    return error_response(letters.error());
  }
  // Who answered leaves only with its trace in the log.
  auto recorded =
      api.store.record_audit({actor, "invitations.unused", object, AuditOutcome::success,
                              std::to_string(letters->size()) + " unused"});
  if (!recorded) return error_response(recorded.error());
  json::array numbers;
  for (std::int64_t letter : *letters) numbers.push_back(letter);
  return json_response(http::status::ok, {{"batch", batch}, {"unused", std::move(numbers)}});
}

// The link anyone may follow (IVARETATT?'s way: one link on the
// municipality's web pages and posters), with the municipality chosen.
OutgoingResponse open_link(ApiContext& api, const Exchange& exchange) {
  const std::string& municipality = exchange.params[0];
  if (builtin_municipalities().find(municipality) == nullptr) {
    return error_response("municipality_not_found", "no municipality has the code " + municipality);
  }
  auto wave = api.store.wave(exchange.params[1]);
  if (!wave) return error_response(wave.error());
  if (!wave->covers(municipality)) {
    return error_response(
        "municipality_not_in_wave",
        "the wave " + wave->name + " is not open to municipality '" + municipality + "'");
  }
  std::string url =
      api.public_url + "/?municipality=" + municipality + "#/survey/" + percent_encode(wave->name);
  auto svg = qr_code_svg(url);
  if (!svg) return error_response(svg.error());
  return json_response(http::status::ok, {{"wave", wave->name},
                                          {"municipality", municipality},
                                          {"url", url},
                                          {"closes", wave->closes.iso()},
                                          {"qr_svg", *svg}});
}

}  // namespace

void add_invitation_routes(Router& router, ApiContext& api) {
  router.add({http::verb::get, "/api/v1/invitations/{code}", RateClass::code_attempt,
              [&api](const Exchange& exchange, Reply reply) {
                get_invitation(api, exchange, std::move(reply));
              }});
  router.add(
      {http::verb::get, "/api/v1/admin/municipalities/{municipality}/invitations", RateClass::none,
       [&api](const Exchange& exchange, Reply reply) { reply(list_batches(api, exchange)); }});
  router.add({http::verb::post, "/api/v1/admin/municipalities/{municipality}/invitations",
              RateClass::write, [&api](const Exchange& exchange, Reply reply) {
                reply(create_batch(api, exchange));
              }});
  router.add(
      {http::verb::get, "/api/v1/admin/municipalities/{municipality}/invitations/{batch}/unused",
       RateClass::none,
       [&api](const Exchange& exchange, Reply reply) { reply(unused_letters(api, exchange)); }});
  router.add({http::verb::get, "/api/v1/admin/municipalities/{municipality}/open-link/{wave}",
              RateClass::none,
              [&api](const Exchange& exchange, Reply reply) { reply(open_link(api, exchange)); }});
}

}  // namespace parorende::server
