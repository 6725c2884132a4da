// One-time codes that set an account's password: what `parorende user add`
// and `user reset` print, and what a national administrator is shown on the
// accounts page. 256 random bits, valid for 7 days, stored only as their
// SHA-256 (password_reset_code_hash); handed over in person or by another
// channel, redeemed once at POST /api/v1/password-reset.
//
//   auto issued = issue_reset_code(store, account.id, today_utc());
//   show issued->code once; issued->expires_on
#pragma once

#include <cstdint>
#include <string>

#include "common/calendar.h"
#include "common/result.h"
#include "store/response_store.h"

namespace parorende {

inline constexpr int kResetCodeDays = 7;

struct IssuedResetCode {
  std::string code;  // shown once, never stored
  Date expires_on;   // the last day it works
};

// A fresh code for the account, replacing any earlier one; the old
// password stops working and the account's sessions end
// (docs/security.md). "provider_account" for an account that signs in
// through an OpenID Provider: a password here would let it in around the
// provider's second factor and its leaving the organisation. Errors of the
// store ("account_not_found").
Result<IssuedResetCode> issue_reset_code(ResponseStore& store, const Account& account, Date today);

}  // namespace parorende
