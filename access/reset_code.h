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

// A fresh code for the account, replacing any earlier one; the account's
// sessions end (docs/security.md). Errors of the store ("account_not_found").
Result<IssuedResetCode> issue_reset_code(ResponseStore& store, std::int64_t account_id, Date today);

}  // namespace parorende
