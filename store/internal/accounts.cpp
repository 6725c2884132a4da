// Staff accounts' rows (store/accounts.h).
#include "common/text.h"
#include "store/internal/store_impl.h"

namespace parorende {

using namespace store_detail;

namespace {

constexpr std::string_view kAccountColumns =
    "id, username, display_name, password_hash, totp_key, totp_pending_key, totp_last_step,"
    " disabled, created_on, session_epoch";

Error account_not_found() { return make_error("account_not_found", "no such account"); }

Status check_grants(std::span<const Grant> grants) {
  for (const Grant& grant : grants) {
    bool scoped = grant.role != Role::national_admin;
    if (scoped == grant.scope.empty()) {
      return make_error("invalid_grant", std::string(role_name(grant.role)) +
                                             (scoped ? " needs a scope" : " takes no scope"));
    }
    if (grant.role == Role::municipality_staff &&
        builtin_municipalities().find(grant.scope) == nullptr) {
      return make_error("invalid_grant", "no municipality has the code \"" + grant.scope + "\"");
    }
    if (grant.role == Role::researcher && !grant.expires_on) {
      return make_error("invalid_grant", "a researcher's grant needs an expiry date");
    }
    // Only a researcher's grant ends by itself: an administrator's or a
    // municipality's that quietly expired would lock people out unseen.
    if (grant.role != Role::researcher && grant.expires_on) {
      return make_error("invalid_grant",
                        std::string(role_name(grant.role)) + " takes no expiry date");
    }
  }
  return {};
}

Result<std::vector<Grant>> read_grants(Connection& connection, std::int64_t account_id) {
  auto select = connection.statement(
      "SELECT role, scope, expires_on FROM account_grants WHERE account_id = ?"
      " ORDER BY role, scope");
  if (!select) return select.take_error();
  select->bind(1, account_id);
  std::vector<Grant> grants;
  while (true) {
    auto row = select->step();
    if (!row) return row.take_error();
    if (!row.value()) break;
    auto role = parse_role(select->text(0));
    if (!role) return make_error("storage_failure", "an account grant names an unknown role");
    grants.push_back({*role, std::string(select->text(1)),
                      select->is_null(2) ? std::nullopt : column_date(*select, 2)});
  }
  return grants;
}

// The row the statement stands on, in kAccountColumns' order.
Result<AccountSecrets> read_secrets(Connection& connection, StatementUse& row) {
  AccountSecrets secrets;
  Account& account = secrets.account;
  account.id = row.int64(0);
  account.username = row.text(1);
  account.display_name = row.text(2);
  secrets.password_hash = row.text(3);
  auto key = row.blob(4);
  secrets.totp_key.assign(key.begin(), key.end());
  auto pending = row.blob(5);
  secrets.totp_pending_key.assign(pending.begin(), pending.end());
  account.totp_enrolled = !secrets.totp_key.empty();
  secrets.totp_last_step = row.int64(6);
  account.disabled = row.int64(7) != 0;
  account.created_on = column_date(row, 8).value_or(Date{});
  account.session_epoch = row.int64(9);
  account.has_password = !secrets.password_hash.empty();
  auto grants = read_grants(connection, account.id);
  if (!grants) return grants.take_error();
  account.grants = std::move(grants).value();
  auto linked = connection.statement("SELECT 1 FROM account_identities WHERE account_id = ?");
  if (!linked) return linked.take_error();
  linked->bind(1, account.id);
  auto found = linked->step();
  if (!found) return found.take_error();
  account.signs_in_with_provider = found.value();
  return secrets;
}

Result<AccountSecrets> find_secrets(Connection& connection, std::string_view where_sql,
                                    const std::function<void(StatementUse&)>& bind) {
  auto select = connection.statement("SELECT " + std::string(kAccountColumns) +
                                     " FROM accounts WHERE " + std::string(where_sql));
  if (!select) return select.take_error();
  bind(*select);
  auto row = select->step();
  if (!row) return row.take_error();
  if (!row.value()) return account_not_found();
  return read_secrets(connection, *select);
}

Status write_grants(Connection& connection, std::int64_t account_id,
                    std::span<const Grant> grants) {
  auto remove = connection.statement("DELETE FROM account_grants WHERE account_id = ?");
  if (!remove) return remove.take_error();
  remove->bind(1, account_id);
  if (auto removed = remove->run(); !removed) return removed;
  auto insert = connection.statement(
      "INSERT INTO account_grants (account_id, role, scope, expires_on) VALUES (?, ?, ?, ?)"
      " ON CONFLICT (account_id, role, scope) DO UPDATE SET expires_on = excluded.expires_on");
  if (!insert) return insert.take_error();
  for (const Grant& grant : grants) {
    insert->reset();
    std::string expires = grant.expires_on ? grant.expires_on->iso() : "";
    insert->bind(1, account_id).bind(2, role_name(grant.role)).bind(3, grant.scope);
    bind_optional_text(*insert, 4, expires);
    if (auto inserted = insert->run(); !inserted) return inserted;
  }
  return {};
}

// The stored username of a new account, once its display name and grants
// pass: "invalid_username", "invalid_argument", "invalid_grant".
Result<std::string> checked_account_fields(std::string_view username, std::string_view display_name,
                                           std::span<const Grant> grants) {
  auto normalized = normalize_username(username);
  if (!normalized) {
    return make_error("invalid_username",
                      "a username has 2 to 64 of the letters a-z, digits and . _ - @");
  }
  if (display_name.empty() || display_name.size() > 200 ||
      has_control_character(display_name, false)) {
    return make_error("invalid_argument",
                      "a display name has 1 to 200 bytes and no control characters");
  }
  if (auto checked = check_grants(grants); !checked) return checked.error();
  return std::move(normalized).value();
}

// One UPDATE of one account; "account_not_found" when no row changed.
// The binding ends with the account id, for the WHERE.
Status update_account(Connection& connection, std::string_view set_sql,
                      const std::function<void(StatementUse&)>& bind) {
  auto update =
      connection.statement("UPDATE accounts SET " + std::string(set_sql) + " WHERE id = ?");
  if (!update) return update.take_error();
  bind(*update);
  auto ran = update->run();
  if (!ran) return ran;
  return connection.changes() == 0 ? Status(account_not_found()) : Status();
}

}  // namespace

std::string_view role_name(Role role) {
  switch (role) {
    case Role::national_admin: return "national_admin";
    case Role::municipality_staff: return "municipality_staff";
    case Role::researcher: return "researcher";
  }
  return "";
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role role : {Role::national_admin, Role::municipality_staff, Role::researcher}) {
    if (role_name(role) == name) return role;
  }
  return std::nullopt;
}

Result<Grant> parse_grant(std::string_view text) {
  Grant grant;
  std::size_t first = text.find(':');
  auto role = parse_role(text.substr(0, first));
  if (!role) {
    return make_error("invalid_grant", "\"" + std::string(text) +
                                           "\": the role is national_admin, municipality_staff "
                                           "or researcher");
  }
  grant.role = *role;
  if (first != std::string_view::npos) {
    std::string_view rest = text.substr(first + 1);
    std::size_t second = rest.find(':');
    grant.scope = rest.substr(0, second);
    if (second != std::string_view::npos) {
      grant.expires_on = parse_iso_date(rest.substr(second + 1));
      if (!grant.expires_on) {
        return make_error("invalid_grant",
                          "\"" + std::string(text) + "\": the expiry date is YYYY-MM-DD");
      }
    }
  }
  return grant;
}

std::string grant_text(const Grant& grant) {
  std::string text(role_name(grant.role));
  if (!grant.scope.empty()) text += ":" + grant.scope;
  if (grant.expires_on) text += ":" + grant.expires_on->iso();
  return text;
}

std::optional<std::string> normalize_username(std::string_view typed) {
  std::string username = ascii_lower(typed);
  if (username.size() < 2 || username.size() > 64) return std::nullopt;
  for (char c : username) {
    bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
                   c == '-' || c == '@';
    if (!allowed) return std::nullopt;
  }
  return username;
}

Result<Account> ResponseStore::Impl::add_account(const NewAccount& spec, Date today) {
  if (!writer_) return read_only_error();
  auto username = checked_account_fields(spec.username, spec.display_name, spec.grants);
  if (!username) return username.error();
  std::int64_t id = 0;
  auto written = write([&](WriteContext& context) -> Status {
    auto exists = context.connection.statement("SELECT 1 FROM accounts WHERE username = ?");
    if (!exists) return exists.take_error();
    exists->bind(1, *username);
    auto row = exists->step();
    if (!row) return row.take_error();
    if (row.value()) {
      return make_error("account_exists", "an account named \"" + *username + "\" exists");
    }
    auto insert = context.connection.statement(
        "INSERT INTO accounts (username, display_name, password_hash, created_on)"
        " VALUES (?, ?, ?, ?) RETURNING id");
    if (!insert) return insert.take_error();
    std::string created = today.iso();
    insert->bind(1, *username)
        .bind(2, spec.display_name)
        .bind(3, std::string_view(spec.password_hash))
        .bind(4, created);
    auto inserted = run_returning_id(*insert);
    if (!inserted) return inserted.take_error();
    id = inserted.value();
    return write_grants(context.connection, id, spec.grants);
  });
  if (!written) return written.error();
  return account_by_id(id);
}

Result<Account> ResponseStore::Impl::link_external_account(const ExternalAccount& identity,
                                                           Date today) {
  if (!writer_) return read_only_error();
  if (identity.issuer.empty() || identity.subject.empty() || identity.subject.size() > 255) {
    return make_error("invalid_argument", "an external account needs an issuer and a subject");
  }
  auto username = checked_account_fields(identity.username, identity.display_name, identity.grants);
  if (!username) return username.error();
  std::int64_t id = 0;
  auto written = write([&](WriteContext& context) -> Status {
    Connection& connection = context.connection;
    auto linked = connection.statement(
        "SELECT account_id FROM account_identities WHERE issuer = ? AND subject = ?");
    if (!linked) return linked.take_error();
    linked->bind(1, identity.issuer).bind(2, identity.subject);
    auto row = linked->step();
    if (!row) return row.take_error();
    if (row.value()) {
      id = linked->int64(0);
      auto renamed = update_account(connection, "display_name = ?", [&](StatementUse& update) {
        update.bind(1, identity.display_name).bind(2, id);
      });
      if (!renamed) return renamed;
      return write_grants(connection, id, identity.grants);
    }
    if (identity.grants.empty()) {
      return make_error("no_role", "the provider's claims give no role here");
    }
    auto exists = connection.statement("SELECT 1 FROM accounts WHERE username = ?");
    if (!exists) return exists.take_error();
    exists->bind(1, *username);
    auto taken = exists->step();
    if (!taken) return taken.take_error();
    if (taken.value()) {
      return make_error("account_exists", "an account named \"" + *username +
                                              "\" exists and is not linked to this provider");
    }
    auto insert = connection.statement(
        "INSERT INTO accounts (username, display_name, created_on) VALUES (?, ?, ?) RETURNING id");
    if (!insert) return insert.take_error();
    std::string created = today.iso();
    insert->bind(1, *username).bind(2, identity.display_name).bind(3, created);
    auto inserted = run_returning_id(*insert);
    if (!inserted) return inserted.take_error();
    id = inserted.value();
    auto link = connection.statement(
        "INSERT INTO account_identities (issuer, subject, account_id) VALUES (?, ?, ?)");
    if (!link) return link.take_error();
    link->bind(1, identity.issuer).bind(2, identity.subject).bind(3, id);
    if (auto inserted = link->run(); !inserted) return inserted;
    return write_grants(connection, id, identity.grants);
  });
  if (!written) return written.error();
  return account_by_id(id);
}

Result<std::vector<Account>> ResponseStore::Impl::accounts() {
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  Connection& connection = **reader;
  auto select = connection.statement("SELECT " + std::string(kAccountColumns) +
                                     " FROM accounts ORDER BY username");
  if (!select) return select.take_error();
  std::vector<Account> accounts;
  while (true) {
    auto row = select->step();
    if (!row) return row.take_error();
    if (!row.value()) break;
    auto secrets = read_secrets(connection, *select);
    if (!secrets) return secrets.take_error();
    accounts.push_back(std::move(secrets->account));
  }
  return accounts;
}

Result<AccountSecrets> ResponseStore::Impl::account_secrets(std::string_view username) {
  auto normalized = normalize_username(username);
  if (!normalized) return account_not_found();
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  return find_secrets(**reader, "username = ?",
                      [&](StatementUse& select) { select.bind(1, *normalized); });
}

Result<Account> ResponseStore::Impl::account_by_id(std::int64_t id) {
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  auto secrets =
      find_secrets(**reader, "id = ?", [&](StatementUse& select) { select.bind(1, id); });
  if (!secrets) return secrets.take_error();
  return std::move(secrets->account);
}

Status ResponseStore::Impl::set_account_disabled(std::int64_t id, bool disabled) {
  if (!writer_) return read_only_error();
  return write([&](WriteContext& context) {
    return update_account(context.connection, "disabled = ?, session_epoch = session_epoch + ?",
                          [&](StatementUse& update) {
                            std::int64_t flag = disabled ? 1 : 0;
                            update.bind(1, flag).bind(2, flag).bind(3, id);
                          });
  });
}

Status ResponseStore::Impl::set_grants(std::int64_t id, std::span<const Grant> grants) {
  if (!writer_) return read_only_error();
  if (auto checked = check_grants(grants); !checked) return checked;
  return write([&](WriteContext& context) -> Status {
    auto touched = update_account(context.connection, "id = id",
                                  [&](StatementUse& update) { update.bind(1, id); });
    if (!touched) return touched;
    return write_grants(context.connection, id, grants);
  });
}

Status ResponseStore::Impl::set_reset_code(std::int64_t id, const Sha256Digest& code_hash,
                                           Date expires_on) {
  if (!writer_) return read_only_error();
  std::string expires = expires_on.iso();
  return write([&](WriteContext& context) {
    return update_account(
        context.connection,
        "reset_hash = ?, reset_expires_on = ?, password_hash = '',"
        " session_epoch = session_epoch + 1",
        [&](StatementUse& update) { update.bind_blob(1, code_hash).bind(2, expires).bind(3, id); });
  });
}

Result<Account> ResponseStore::Impl::account_by_reset_code(const Sha256Digest& code_hash,
                                                           Date today) {
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  std::string today_text = today.iso();
  auto secrets = find_secrets(
      **reader, "reset_hash = ? AND reset_expires_on >= ? AND disabled = 0",
      [&](StatementUse& select) { select.bind_blob(1, code_hash).bind(2, today_text); });
  if (!secrets) {
    if (secrets.error().code == "account_not_found") {
      return make_error("reset_code_invalid", "the reset link is wrong, used or expired");
    }
    return secrets.take_error();
  }
  return std::move(secrets->account);
}

Result<Account> ResponseStore::Impl::redeem_reset_code(const Sha256Digest& code_hash, Date today,
                                                       std::string_view password_hash) {
  if (!writer_) return read_only_error();
  std::string today_text = today.iso();
  std::int64_t id = 0;
  auto written = write([&](WriteContext& context) -> Status {
    auto select = context.connection.statement(
        "SELECT id FROM accounts WHERE reset_hash = ? AND reset_expires_on >= ? AND disabled = 0");
    if (!select) return select.take_error();
    select->bind_blob(1, code_hash).bind(2, today_text);
    auto row = select->step();
    if (!row) return row.take_error();
    if (!row.value()) {
      return make_error("reset_code_invalid", "the reset link is wrong, used or expired");
    }
    id = select->int64(0);
    return end_sessions(context.connection, id, std::nullopt,
                        ", password_hash = ?3, reset_hash = NULL, reset_expires_on = NULL",
                        [&](StatementUse& update) { update.bind(3, password_hash); });
  });
  if (!written) return written.error();
  return account_by_id(id);
}

Status ResponseStore::Impl::set_totp_pending_key(std::int64_t id,
                                                 std::span<const std::uint8_t> key) {
  if (!writer_) return read_only_error();
  return write([&](WriteContext& context) {
    return update_account(context.connection, "totp_pending_key = ?",
                          [&](StatementUse& update) { update.bind_blob(1, key).bind(2, id); });
  });
}

Status ResponseStore::Impl::remove_totp(std::int64_t id) {
  if (!writer_) return read_only_error();
  return write([&](WriteContext& context) {
    return update_account(context.connection, "totp_key = NULL, totp_pending_key = NULL",
                          [&](StatementUse& update) { update.bind(1, id); });
  });
}

Status ResponseStore::Impl::accept_totp_step(std::int64_t id, std::int64_t step,
                                             std::span<const std::uint8_t> key, bool pending) {
  if (!writer_) return read_only_error();
  if (key.empty()) return make_error("totp_replayed", "no one-time code key");
  return write([&](WriteContext& context) -> Status {
    // Confirming moves the pending key in; signing in uses the key. Either
    // way the key must be the one the code was checked against (not one
    // that replaced it meanwhile), and the step newer than every step
    // taken before.
    auto update = context.connection.statement(
        pending ? "UPDATE accounts SET totp_last_step = ?, totp_key = totp_pending_key,"
                  " totp_pending_key = NULL"
                  " WHERE id = ? AND totp_pending_key = ? AND totp_last_step < ?"
                : "UPDATE accounts SET totp_last_step = ?"
                  " WHERE id = ? AND totp_key = ? AND totp_last_step < ?");
    if (!update) return update.take_error();
    update->bind(1, step).bind(2, id).bind_blob(3, key).bind(4, step);
    if (auto ran = update->run(); !ran) return ran;
    if (context.connection.changes() == 0) {
      return make_error("totp_replayed", "this one-time code was used already");
    }
    return {};
  });
}

}  // namespace parorende
