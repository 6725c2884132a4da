// What the store keeps of a wave's published results: which block each
// complete response is published in, in which tables, and in which it ever
// was. Published figures are computed from these rows only, and they change
// only in steps that analytics/publication_step.h plans and the store
// applies all at once (docs/privacy.md, "Results that change only in safe
// steps").
//
//   auto record = store.publication("2026");          // k the wave is published with
//   store.publish_step("2026", 10, planned_changes);  // "publication_conflict": plan again
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace parorende {

// A table is a scale (bit s, in the questionnaire's order) or a burden
// instrument (bit scales + b). More tables than this are never published.
inline constexpr int kMaxPublishedTables = 62;

// The block a response is published in: its municipality's code as a
// number ("0301" -> 301), the national pool, or none.
inline constexpr int kNationalPool = 0;
inline constexpr int kNotPublished = -1;

struct RowPublication {
  std::int64_t response_id = 0;
  int block = kNotPublished;
  std::uint64_t tables = 0;       // published in now: bit t
  std::uint64_t ever_tables = 0;  // ever published in
};

// Publish response `response_id` in `add_tables` (none of which it is in
// now), in `block` (its current block, or any when it is in none).
struct PublicationChange {
  std::int64_t response_id = 0;
  int block = kNotPublished;
  std::uint64_t add_tables = 0;
};

struct PublicationRecord {
  // The k the wave's published state is built with; 0 before its first step.
  int min_respondents = 0;
  // The tables frozen at the first step after closing (JSON): the
  // background table and the answers per question (published_results.cpp).
  std::optional<std::string> background;
};

}  // namespace parorende
