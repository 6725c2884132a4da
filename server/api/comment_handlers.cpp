// GET /api/v1/admin/municipalities/{municipality}/waves/{wave}/comments[?lang=]
// A round's free-text comments for the municipality's own staff, as
// analytics/shared_comments.h allows them: only where the caregivers'
// consent said so, from k responses on, masked. Every read is in the audit
// log, refusals too; who may call it is in server/api/route_access.cpp.
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "analytics/shared_comments.h"
#include "reference/municipalities.h"
#include "server/api/api_routes.h"
#include "server/api/request_input.h"
#include "server/api/staff_caller.h"
#include "server/http/json_reply.h"

namespace parorende::server {
namespace {

namespace json = boost::json;

AuditEvent comments_read(const Exchange& exchange, AuditOutcome outcome, std::string detail) {
  return {audit_actor(caller_of(exchange).principal), "comments.read",
          "municipality:" + exchange.params[0] + "/wave:" + printable_detail(exchange.params[1]),
          outcome, std::move(detail)};
}

OutgoingResponse comments_page(ApiContext& api, const Exchange& exchange) {
  const std::string& code = exchange.params[0];
  if (builtin_municipalities().find(code) == nullptr) {
    return error_response("municipality_not_found", "no municipality has the code " + code);
  }
  auto language = requested_language(exchange.query);
  if (!language) return error_response(language.error());
  int k = api.results.min_respondents();
  auto shown = analytics::shared_comments(api.store, exchange.params[1], code, k, today_utc());
  if (!shown) {
    bool failed = shown.error().code == "storage_failure";
    record_audit(api, comments_read(exchange, failed ? AuditOutcome::failed : AuditOutcome::refused,
                                    shown.error().code));
    return error_response(shown.error());
  }
  std::string in_language = effective_language(*shown->questionnaire, *language);
  json::array items;
  for (const Item* item : shown->items) {
    items.push_back({{"id", item->id}, {"question", item->text.in(in_language)}});
  }
  json::array comments;
  for (const analytics::SharedComment& comment : shown->comments) {
    comments.push_back({{"item", comment.item}, {"text", comment.text}});
  }
  bool withheld = shown->withheld != analytics::CommentsWithheld::no;
  // What caregivers wrote leaves only with its trace in the log: no entry,
  // no comments.
  auto recorded = api.store.record_audit(
      comments_read(exchange, AuditOutcome::success,
                    withheld ? std::string(analytics::comments_withheld_name(shown->withheld))
                             : std::to_string(comments.size()) + " shown"));
  if (!recorded) return error_response(recorded.error());
  return json_response(
      http::status::ok,
      {{"wave", exchange.params[1]},
       {"municipality", code},
       {"language", in_language},
       {"shown_from", shown->min_respondents},
       {"withheld", withheld ? json::value(analytics::comments_withheld_name(shown->withheld))
                             : json::value(nullptr)},
       {"items", std::move(items)},
       {"comments", std::move(comments)}});
}

}  // namespace

void add_comment_routes(Router& router, ApiContext& api) {
  router.add({http::verb::get, "/api/v1/admin/municipalities/{municipality}/waves/{wave}/comments",
              RateClass::none, [&api](const Exchange& exchange, Reply reply) {
                reply(comments_page(api, exchange));
              }});
}

}  // namespace parorende::server
