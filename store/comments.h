// The free-text answers of a round's complete responses in one
// municipality, as the store hands them to analytics/shared_comments.h,
// which decides whether staff may read them and masks them.
//
//   auto found = store.free_text_answers("2026", "3407", "2026-1", {"comment"});
//   for (const FreeTextAnswer& answer : found->answers) ...
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace parorende {

struct FreeTextAnswer {
  std::string item;
  std::string text;
};

struct FreeTextAnswers {
  // Complete responses of the municipality in the round given under the
  // asked consent version, with or without a text.
  std::int64_t responses = 0;
  // Non-empty texts, sorted by item and then text: the order says nothing
  // of when a response came.
  std::vector<FreeTextAnswer> answers;
};

}  // namespace parorende
