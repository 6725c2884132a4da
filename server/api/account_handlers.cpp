// National administrators manage staff accounts (docs/api.md,
// "Administration"), with the library calls `parorende user ...` makes:
// POST /api/v1/admin/accounts                          {username, display_name, grants}
//     -> the account and a one-time code that sets its password
// PUT  /api/v1/admin/accounts/{username}/grants        {grants}
// PUT  /api/v1/admin/accounts/{username}/disabled      {disabled}
// POST /api/v1/admin/accounts/{username}/reset-code    {remove_totp?}
// A grant is written as in --grant: "municipality_staff:3407". Every change
// is in the audit log; an administrator cannot disable, reset or demote
// their own account (someone must be left who can undo it).
#include <algorithm>
#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "access/reset_code.h"
#include "server/api/api_routes.h"
#include "server/api/request_input.h"
#include "server/api/staff_caller.h"
#include "server/http/json_reply.h"

namespace parorende::server {
namespace {

namespace json = boost::json;

constexpr std::size_t kMaxGrants = 50;

Error bad_field(const std::string& field, const std::string& message) {
  return make_error("invalid_field", message, {{field, "invalid_value", message}});
}

Result<std::vector<Grant>> body_grants(const json::value& body) {
  const json::object* object = body.if_object();
  const json::value* list = object ? object->if_contains("grants") : nullptr;
  if (list == nullptr || !list->is_array() || list->as_array().size() > kMaxGrants) {
    return bad_field("grants",
                     "grants is an array of up to 50 grants such as "
                     "\"municipality_staff:3407\"");
  }
  std::vector<Grant> grants;
  for (const json::value& item : list->as_array()) {
    if (!item.is_string() || item.as_string().size() > 100) {
      return bad_field("grants", "each grant is a string such as \"municipality_staff:3407\"");
    }
    auto grant = parse_grant(item.as_string());
    if (!grant) return grant.error();
    grants.push_back(std::move(grant).value());
  }
  return grants;
}

Result<bool> body_flag(const json::value& body, std::string_view name, bool required) {
  const json::object* object = body.if_object();
  const json::value* flag = object ? object->if_contains(name) : nullptr;
  if (flag == nullptr && !required) return false;
  if (flag == nullptr || !flag->is_bool()) {
    return bad_field(std::string(name), std::string(name) + " is true or false");
  }
  return flag->as_bool();
}

void record(ApiContext& api, const StaffCaller& caller, std::string action, const Account& account,
            std::string detail = {}) {
  record_audit(api, {audit_actor(caller.principal), std::move(action),
                     "account:" + account.username, AuditOutcome::success, std::move(detail)});
}

std::string grants_detail(const std::vector<Grant>& grants) {
  std::string text;
  for (const Grant& grant : grants) text += (text.empty() ? "" : ", ") + grant_text(grant);
  return text.empty() ? "(no role)" : printable_detail(text);
}

bool is_national_admin(const std::vector<Grant>& grants) {
  return std::any_of(grants.begin(), grants.end(),
                     [](const Grant& grant) { return grant.role == Role::national_admin; });
}

HttpResponse own_account_refused(const std::string& what) {
  return error_response("own_account", "an administrator cannot " + what +
                                           " their own account; ask another administrator");
}

json::object reset_code_json(const IssuedResetCode& issued) {
  return {{"reset_code", issued.code}, {"reset_code_expires_on", issued.expires_on.iso()}};
}

OutgoingResponse add_account(ApiContext& api, const Exchange& exchange) {
  auto body = json_body(exchange.request);
  if (!body) return error_response(body.error());
  auto username = body_string(*body, "username", true, 64);
  if (!username) return error_response(username.error());
  auto display_name = body_string(*body, "display_name", true, 200);
  if (!display_name) return error_response(display_name.error());
  auto grants = body_grants(*body);
  if (!grants) return error_response(grants.error());
  auto added = api.store.add_account({*username, *display_name, "", *grants}, today_utc());
  if (!added) return error_response(added.error());
  auto issued = issue_reset_code(api.store, added.value(), today_utc());
  if (!issued) return error_response(issued.error());
  record(api, caller_of(exchange), "account.add", *added, grants_detail(added->grants));
  json::object answer = reset_code_json(*issued);
  answer["account"] = account_json(added.value());
  return json_response(http::status::created, answer);
}

// The account the path names, for a change by the caller.
Result<Account> named_account(ApiContext& api, const Exchange& exchange) {
  auto secrets = api.store.account_secrets(exchange.params[0]);
  if (!secrets) return secrets.error();
  return std::move(secrets->account);
}

OutgoingResponse set_grants(ApiContext& api, const Exchange& exchange) {
  auto body = json_body(exchange.request);
  if (!body) return error_response(body.error());
  auto grants = body_grants(*body);
  if (!grants) return error_response(grants.error());
  auto account = named_account(api, exchange);
  if (!account) return error_response(account.error());
  const StaffCaller& caller = caller_of(exchange);
  if (account->id == caller.principal.account_id && !is_national_admin(*grants)) {
    return own_account_refused("remove national_admin from");
  }
  if (auto set = api.store.set_grants(account->id, *grants); !set) {
    return error_response(set.error());
  }
  auto changed = api.store.account_by_id(account->id);
  if (!changed) return error_response(changed.error());
  record(api, caller, "account.grants", *changed, grants_detail(changed->grants));
  return json_response(http::status::ok, {{"account", account_json(changed.value())}});
}

OutgoingResponse set_disabled(ApiContext& api, const Exchange& exchange) {
  auto body = json_body(exchange.request);
  if (!body) return error_response(body.error());
  auto disabled = body_flag(*body, "disabled", true);
  if (!disabled) return error_response(disabled.error());
  auto account = named_account(api, exchange);
  if (!account) return error_response(account.error());
  const StaffCaller& caller = caller_of(exchange);
  if (account->id == caller.principal.account_id && *disabled) {
    return own_account_refused("disable");
  }
  if (auto set = api.store.set_account_disabled(account->id, *disabled); !set) {
    return error_response(set.error());
  }
  // The sessions of a disabled account end by its raised epoch; their rows
  // go too.
  if (*disabled) forget_sessions(api, account->id);
  auto changed = api.store.account_by_id(account->id);
  if (!changed) return error_response(changed.error());
  record(api, caller, *disabled ? "account.disable" : "account.enable", *changed);
  return json_response(http::status::ok, {{"account", account_json(changed.value())}});
}

OutgoingResponse new_reset_code(ApiContext& api, const Exchange& exchange) {
  bool remove_totp = false;
  if (!exchange.request.body().empty()) {
    auto body = json_body(exchange.request);
    if (!body) return error_response(body.error());
    auto flag = body_flag(*body, "remove_totp", false);
    if (!flag) return error_response(flag.error());
    remove_totp = *flag;
  }
  auto account = named_account(api, exchange);
  if (!account) return error_response(account.error());
  const StaffCaller& caller = caller_of(exchange);
  if (account->id == caller.principal.account_id) {
    return own_account_refused("reset");
  }
  auto issued = issue_reset_code(api.store, *account, today_utc());
  if (!issued) return error_response(issued.error());
  if (remove_totp) {
    if (auto removed = api.store.remove_totp(account->id); !removed) {
      return error_response(removed.error());
    }
  }
  forget_sessions(api, account->id);
  record(api, caller, "account.reset", *account,
         remove_totp ? "reset code; second factor removed" : "reset code");
  return json_response(http::status::ok, reset_code_json(*issued));
}

}  // namespace

void add_account_routes(Router& router, ApiContext& api) {
  router.add(
      {http::verb::post, "/api/v1/admin/accounts", RateClass::none,
       [&api](const Exchange& exchange, Reply reply) { reply(add_account(api, exchange)); }});
  router.add({http::verb::put, "/api/v1/admin/accounts/{username}/grants", RateClass::none,
              [&api](const Exchange& exchange, Reply reply) { reply(set_grants(api, exchange)); }});
  router.add(
      {http::verb::put, "/api/v1/admin/accounts/{username}/disabled", RateClass::none,
       [&api](const Exchange& exchange, Reply reply) { reply(set_disabled(api, exchange)); }});
  router.add(
      {http::verb::post, "/api/v1/admin/accounts/{username}/reset-code", RateClass::none,
       [&api](const Exchange& exchange, Reply reply) { reply(new_reset_code(api, exchange)); }});
}

}  // namespace parorende::server
