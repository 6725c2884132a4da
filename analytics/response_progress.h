// What municipality staff see of a round's progress (docs/privacy.md,
// "Monitoring"): how many responses are saved and complete, complete ones
// by ISO week, and the response rate against invitations issued. Every
// figure rests on at least k responses, and none can be subtracted from
// another to reach fewer: the weeks are grouped until each group holds k,
// and the groups add up to the complete count.
//
//   auto counts = store.response_progress("Pårørende 2026", "3407");
//   ProtectedProgress shown = protect_progress(*counts, 10);
//   if (shown.complete) ... else "fewer than 10"
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "common/calendar.h"
#include "store/response_store.h"

namespace parorende::analytics {

struct WeekGroup {
  IsoWeek first;
  IsoWeek last;  // the same as `first` for a single week
  std::int64_t complete = 0;
};

struct ProtectedProgress {
  int min_respondents = 0;
  std::optional<std::int64_t> partial;  // nullopt: fewer than k
  // nullopt: fewer than k, or (with invitations made) fewer than k
  // invitations left unanswered.
  std::optional<std::int64_t> complete;
  // In order; each holds at least k, and together they are `complete`.
  // Empty when `complete` is not shown.
  std::vector<WeekGroup> weeks;
  std::int64_t invitations_issued = 0;
  // complete / invitations issued, when both are shown (answers through
  // the open link count too: a response never says how it came).
  std::optional<double> response_rate;
};

ProtectedProgress protect_progress(const ResponseProgress& counts, int min_respondents);

}  // namespace parorende::analytics
