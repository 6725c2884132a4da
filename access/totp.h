// The second factor of local accounts: time-based one-time codes (RFC 6238:
// HMAC-SHA1, 30-second steps, 6 digits, what every authenticator app
// reads), computed by liboath. A key is enrolled by showing its otpauth://
// URI as a QR code (access/qr_code.h); a code is accepted for the current
// step or the one before or after (clock drift), and each step once
// (ResponseStore::accept_totp_step).
//
//   auto key = generate_totp_key();
//   auto step = match_totp_code(key.value(), "492039", std::time(nullptr));
//   if (step) store.accept_totp_step(account.id, *step);
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace parorende {

inline constexpr unsigned kTotpStepSeconds = 30;
inline constexpr unsigned kTotpDigits = 6;

// 160 random bits (RFC 4226's recommended key length).
Result<std::vector<std::uint8_t>> generate_totp_key();

// The key in base32 without padding, as people type it into an app.
std::string totp_key_base32(std::span<const std::uint8_t> key);

// otpauth://totp/Issuer:username?secret=...&issuer=Issuer&... for the QR code.
std::string totp_uri(std::span<const std::uint8_t> key, std::string_view username,
                     std::string_view issuer);

// The time step whose code `typed` is (spaces ignored), within one step of
// `now`; nullopt when it is none of them.
std::optional<std::int64_t> match_totp_code(std::span<const std::uint8_t> key,
                                            std::string_view typed, std::time_t now);

// The code of `now`'s step, for tests and the demo.
std::string totp_code(std::span<const std::uint8_t> key, std::time_t now);

}  // namespace parorende
