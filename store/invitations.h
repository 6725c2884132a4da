// One-time invitation codes: a municipality hands caregivers letters or
// text messages, each with a code that opens one response in one wave.
//
// A batch is N codes for one wave and one municipality, made at once; the
// codes exist only in the answer to the staff member who asked (only their
// hashes are stored). A code is used by the first submission that carries
// it, in the same transaction as the response, and works once. Nothing
// links a response to its code (docs/privacy.md, "Invitations").
//
//   auto issued = store.create_invitations({"Pårørende 2026", "3407", "Letters", 20}, today);
//   for (const std::string& code : issued->codes) print_letter(code);
//   store.submit(wave, response, consent, today, issued->codes[0]);  // used
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/calendar.h"

namespace parorende {

// At most this many codes in one batch: a municipality's letters for one
// round fit, and one request cannot make the writer busy for long.
inline constexpr int kMaxInvitationsPerBatch = 2000;

struct NewInvitationBatch {
  std::string wave_name;
  std::string municipality;  // 4 digits; the wave must cover it
  std::string label;         // staff's own name for the batch, 1 to 100 characters
  int count = 0;             // 1 to kMaxInvitationsPerBatch
};

struct InvitationBatch {
  std::int64_t id = 0;
  std::string wave_name;
  std::string municipality;
  std::string label;
  Date created_on;
  std::int64_t issued = 0;
  std::int64_t used = 0;
  // The round tracks participation: the codes are numbered 1 to `issued`
  // (the order of IssuedInvitations::codes) and the unused numbers can be
  // listed.
  bool participation_tracked = false;
};

struct IssuedInvitations {
  InvitationBatch batch;
  std::vector<std::string> codes;  // grouped for display; shown once; letter i + 1 is codes[i]
};

// What a code opens, for the caregiver's start page.
struct InvitationTarget {
  std::string wave_name;
  std::string municipality;
};

}  // namespace parorende
