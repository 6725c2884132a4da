// Staff accounts as stored: who an account is, what it is granted (a role,
// scoped to a municipality or a wave), and the secrets that prove it (an
// argon2id password hash, a TOTP key, a one-time reset code's hash). What
// the roles allow is decided above the store (access/); hashing too: the
// store only keeps what it is given (docs/security.md, "Staff accounts").
//
//   auto added = store.add_account({"kari", "Kari Nordmann", hash,
//                                   {{Role::municipality_staff, "3407"}}}, today);
//   auto stored = store.account_secrets("kari");
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/calendar.h"
#include "common/crypto.h"
#include "common/result.h"

namespace parorende {

enum class Role { national_admin, municipality_staff, researcher };

std::string_view role_name(Role role);
std::optional<Role> parse_role(std::string_view name);

// One thing an account may do. The scope is empty for national_admin, a
// municipality code for municipality_staff and a wave name for researcher;
// a grant past its expiry date counts for nothing.
struct Grant {
  Role role = Role::municipality_staff;
  std::string scope;
  std::optional<Date> expires_on;

  friend bool operator==(const Grant&, const Grant&) = default;
};

// An account as it may be shown: never a secret.
struct Account {
  std::int64_t id = 0;
  std::string username;  // lower case, unique
  std::string display_name;
  std::vector<Grant> grants;
  bool disabled = false;
  bool has_password = false;
  bool totp_enrolled = false;  // a confirmed second factor (a TOTP key)
  // Linked to an OpenID Provider's subject: it signs in there, and its
  // grants follow the provider's claims at every sign-in.
  bool signs_in_with_provider = false;
  Date created_on;
  // Raised when the account is disabled or given a reset code: a session
  // started under an older epoch is over, in every process.
  std::int64_t session_epoch = 0;
};

// An account with what proves it, for signing in.
struct AccountSecrets {
  Account account;
  std::string password_hash;                   // libsodium's argon2id string; empty: none
  std::vector<std::uint8_t> totp_key;          // enrolled; empty: none
  std::vector<std::uint8_t> totp_pending_key;  // being enrolled; empty: none
  std::int64_t totp_last_step = 0;             // the newest TOTP time step accepted
};

// A grant as written in configuration and on the command line (only a
// researcher's has, and needs, an expiry date):
// "national_admin", "municipality_staff:CODE", "researcher:WAVE:YYYY-MM-DD".
// "invalid_grant" saying what is wrong (whether the municipality or wave
// exists is the store's check).
Result<Grant> parse_grant(std::string_view text);
std::string grant_text(const Grant& grant);

// The stored form of a typed username (lower case), or nullopt when it
// cannot be one: 2 to 64 of a-z, 0-9 and . _ - @.
std::optional<std::string> normalize_username(std::string_view typed);

struct NewAccount {
  std::string username;
  std::string display_name;
  std::string password_hash;  // empty: the account signs in after a reset
  std::vector<Grant> grants;
};

// Who an OpenID Provider says signed in, and the grants its claims give.
struct ExternalAccount {
  std::string issuer;
  std::string subject;
  std::string username;  // for a new account; a linked one keeps its own
  std::string display_name;
  std::vector<Grant> grants;
};

}  // namespace parorende
