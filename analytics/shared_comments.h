// What a municipality's staff may read of its caregivers' free-text answers
// (docs/privacy.md, "Comments"): only in a round that shares comments,
// whose questionnaire version's consent told caregivers so, and only the
// responses given under that consent; nothing until the round has closed,
// so that two reads never tell which comment came between them; nothing
// while fewer than k such complete responses exist in the municipality;
// every digit and e-mail address masked; sorted so that the order says
// nothing of when a comment came.
//
//   auto shown = shared_comments(store, "Pårørende 2026", "3407", 10, today_utc());
//   if (!shown) ... "comments_not_shared", "municipality_not_in_wave"
//   else if (shown->withheld != CommentsWithheld::no) ... "after it closes", "fewer than 10"
//   else for (const SharedComment& comment : shown->comments) ...
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/calendar.h"
#include "common/result.h"
#include "store/response_store.h"

namespace parorende::analytics {

struct SharedComment {
  std::string item;  // the free-text item's id
  std::string text;  // masked (mask_comment)
};

enum class CommentsWithheld {
  no,
  round_open,    // until the second day after the round closes
  fewer_than_k,  // complete responses under the sharing consent
};
std::string_view comments_withheld_name(CommentsWithheld withheld);  // "round_open", ...

struct SharedComments {
  int min_respondents = 0;
  // When withheld, no comment is given, not even how many there are.
  CommentsWithheld withheld = CommentsWithheld::no;
  // By the items' order in the questionnaire, then by text.
  std::vector<SharedComment> comments;
  // The free-text items, in order, with their questions.
  std::vector<const Item*> items;
  std::shared_ptr<const Questionnaire> questionnaire;  // owns `items`
};

// `text` with every digit replaced by '#' (ASCII, superscript, subscript,
// circled, full-width, mathematical, Arabic, Persian and Devanagari), and
// every e-mail address by "…@…" (a word, '@' or '＠' with a space on either
// side allowed, a word with a dot). Names, numbers written as words or with
// letters for digits, web addresses and handles are not found: the
// question's help text asks for none.
std::string mask_comment(std::string_view text);

// Fails with "wave_not_found", "municipality_not_in_wave" (the round does
// not cover the municipality) or "comments_not_shared" (the round does not
// share comments, or its consent does not say they are shared).
Result<SharedComments> shared_comments(ResponseStore& store, std::string_view wave_name,
                                       std::string_view municipality, int min_respondents,
                                       Date today);

}  // namespace parorende::analytics
