#include "analytics/response_progress.h"

namespace parorende::analytics {

ProtectedProgress protect_progress(const ResponseProgress& counts, int min_respondents) {
  ProtectedProgress shown;
  shown.min_respondents = min_respondents;
  shown.invitations_issued = counts.invitations_issued;
  if (counts.partial >= min_respondents) shown.partial = counts.partial;
  // With invitations made, the complete count also tells how many were
  // not answered: fewer than k of those would say as much of who had not
  // answered as a count under k says of who had.
  std::int64_t unanswered = counts.invitations_issued - counts.complete;
  bool few_unanswered =
      counts.invitations_issued > 0 && unanswered >= 0 && unanswered < min_respondents;
  if (counts.complete < min_respondents || few_unanswered) return shown;
  shown.complete = counts.complete;
  if (counts.invitations_issued > 0) {
    shown.response_rate =
        static_cast<double>(counts.complete) / static_cast<double>(counts.invitations_issued);
  }

  // Weeks join the open group until it holds k; what is left at the end
  // (fewer than k) joins the last group, so no group is under k and the
  // complete count minus the others gives no group under k either.
  std::optional<WeekGroup> open;
  for (const ResponseProgress::Day& day : counts.completed_per_day) {
    IsoWeek week = iso_week(day.day);
    if (open && open->complete >= min_respondents && week != open->last) {
      shown.weeks.push_back(*open);
      open.reset();
    }
    if (!open) open = WeekGroup{week, week, 0};
    open->last = week;
    open->complete += day.complete;
  }
  if (open) {
    if (open->complete >= min_respondents || shown.weeks.empty()) {
      shown.weeks.push_back(*open);
    } else {
      shown.weeks.back().last = open->last;
      shown.weeks.back().complete += open->complete;
    }
  }
  return shown;
}

}  // namespace parorende::analytics
