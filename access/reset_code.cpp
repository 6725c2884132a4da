#include "access/reset_code.h"

#include <chrono>

#include "access/password.h"
#include "common/crypto.h"

namespace parorende {

Result<IssuedResetCode> issue_reset_code(ResponseStore& store, const Account& account, Date today) {
  if (account.signs_in_with_provider) {
    return make_error("provider_account",
                      "this account signs in through its organisation's identity provider and has "
                      "no password here; disable it, or change it at the provider");
  }
  auto code = random_token();
  if (!code) return code.error();
  namespace chrono = std::chrono;
  chrono::year_month_day later{
      chrono::sys_days{chrono::year{today.year} / chrono::month(unsigned(today.month)) /
                       chrono::day(unsigned(today.day))} +
      chrono::days{kResetCodeDays}};
  Date expires{int(later.year()), int(unsigned(later.month())), int(unsigned(later.day()))};
  if (auto set = store.set_reset_code(account.id, password_reset_code_hash(code.value()), expires);
      !set) {
    return set.error();
  }
  return IssuedResetCode{std::move(code).value(), expires};
}

}  // namespace parorende
