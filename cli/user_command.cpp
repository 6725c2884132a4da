// parorende user add|list|disable|enable|reset --db FILE: staff accounts
// from the shell, for the first administrator and for repairs. Every
// change is in the audit log as the shell's user.
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>

#include "access/password.h"
#include "access/reset_code.h"
#include "cli/commands.h"
#include "cli/store_access.h"

namespace parorende::cli {
namespace {

std::string grants_text(const std::vector<Grant>& grants) {
  std::string text;
  for (const Grant& grant : grants) {
    if (!text.empty()) text += ", ";
    text += grant_text(grant);
  }
  return text.empty() ? "(no role)" : text;
}

// Prints a reset code issue_reset_code made: once, never stored.
void print_reset_code(const Account& account, const IssuedResetCode& issued) {
  std::cout << "one-time code to set the password of " << account.username
            << " on the staff page's \"set your password\" (/staff.html#reset), valid through "
            << issued.expires_on.iso() << " (hand it over in person or by a separate channel):\n"
            << issued.code << '\n';
}

// The store, opened for writing, and the account --username names; null
// after printing why.
struct OpenedAccount {
  std::unique_ptr<ResponseStore> store;
  Account account;
};

std::optional<OpenedAccount> open_account(const char* command, const UserOptions& options) {
  auto store = open_store(command, options.db, false);
  if (!store) return std::nullopt;
  auto secrets = store->account_secrets(options.username);
  if (!secrets) {
    report_error(command, secrets.error());
    return std::nullopt;
  }
  return OpenedAccount{std::move(store), std::move(secrets->account)};
}

}  // namespace

int user_add_command(const UserOptions& options) {
  const char* command = "user add";
  std::vector<Grant> grants;
  for (const std::string& text : options.grants) {
    auto grant = parse_grant(text);
    if (!grant) {
      report_error(command, make_error(grant.error().code, "--grant " + grant.error().message));
      return 1;
    }
    grants.push_back(grant.value());
  }
  std::string password_hash;
  if (!options.password_file.empty()) {
    std::ifstream file(options.password_file);
    std::string password;
    if (!file || !std::getline(file, password)) {
      std::cerr << "parorende user add: cannot read " << options.password_file << '\n';
      return 1;
    }
    if (auto checked = check_new_password(password, options.username); !checked) {
      report_error(command, checked.error());
      return 1;
    }
    auto hashed = hash_password(password);
    if (!hashed) {
      report_error(command, hashed.error());
      return 1;
    }
    password_hash = hashed.value();
  }
  auto store = open_store(command, options.db, false);
  if (!store) return 1;
  auto added = store->add_account({options.username, options.display_name, password_hash, grants},
                                  today_utc());
  if (!added) {
    report_error(command, added.error());
    return 1;
  }
  if (!record_shell_action(command, *store, "account.add", "account:" + added->username,
                           AuditOutcome::success, grants_text(added->grants))) {
    return 1;
  }
  std::cout << "added " << added->username << " (" << grants_text(added->grants) << ")\n";
  if (!password_hash.empty()) return 0;
  auto issued = issue_reset_code(*store, added.value(), today_utc());
  if (!issued) {
    report_error(command, issued.error());
    return 1;
  }
  print_reset_code(added.value(), issued.value());
  return 0;
}

int user_list_command(const DatabaseOptions& options) {
  auto store = open_store("user list", options.db, true);
  if (!store) return 1;
  auto accounts = store->accounts();
  if (!accounts) {
    report_error("user list", accounts.error());
    return 1;
  }
  for (const Account& account : accounts.value()) {
    std::cout << account.username << '\t' << account.display_name << '\t'
              << grants_text(account.grants) << '\t' << (account.disabled ? "disabled" : "enabled")
              << '\t' << (account.totp_enrolled ? "totp" : "no totp") << '\n';
  }
  return 0;
}

namespace {

int set_disabled(const char* command, const UserOptions& options, bool disabled) {
  auto opened = open_account(command, options);
  if (!opened) return 1;
  auto& [store, account] = *opened;
  if (auto set = store->set_account_disabled(account.id, disabled); !set) {
    report_error(command, set.error());
    return 1;
  }
  if (!record_shell_action(command, *store, disabled ? "account.disable" : "account.enable",
                           "account:" + account.username, AuditOutcome::success)) {
    return 1;
  }
  std::cout << (disabled ? "disabled " : "enabled ") << account.username
            << (disabled ? " (its sessions end at their next request)\n" : "\n");
  return 0;
}

}  // namespace

int user_disable_command(const UserOptions& options) {
  return set_disabled("user disable", options, true);
}

int user_enable_command(const UserOptions& options) {
  return set_disabled("user enable", options, false);
}

int user_reset_command(const UserOptions& options) {
  const char* command = "user reset";
  auto opened = open_account(command, options);
  if (!opened) return 1;
  auto& [store, account] = *opened;
  auto issued = issue_reset_code(*store, account, today_utc());
  if (!issued) {
    report_error(command, issued.error());
    return 1;
  }
  if (options.remove_totp) {
    if (auto removed = store->remove_totp(account.id); !removed) {
      report_error(command, removed.error());
      return 1;
    }
  }
  if (!record_shell_action(
          command, *store, "account.reset", "account:" + account.username, AuditOutcome::success,
          options.remove_totp ? "reset code; second factor removed" : "reset code")) {
    return 1;
  }
  print_reset_code(account, issued.value());
  return 0;
}

}  // namespace parorende::cli
