// A wave: one survey round of one questionnaire version, open between two
// dates, nationally or in a list of municipalities.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "questionnaire/answer.h"

namespace parorende {

struct WaveSpec {
  std::string name;
  std::string questionnaire_id;
  std::optional<std::string> questionnaire_version;  // latest when absent
  Date opens;                                        // first day responses are accepted
  Date closes;                                       // last day responses are accepted (inclusive)
  std::vector<std::string> municipalities;           // 4-digit codes; empty = national
  // Staff of each municipality read its caregivers' comments, masked. Only
  // when the questionnaire version's consent says so (Consent::shares_comments).
  bool comments_shared = false;
  // Anyone may read the round's figures (public), or only staff of its
  // municipalities, national administrators and researchers granted it.
  // Public only when the consent says so (Consent::publishes_results);
  // absent: as the consent says.
  std::optional<bool> results_public = std::nullopt;
  // Staff see which numbered letters of the round's invitation batches were
  // not answered, to remind only those. Only when the consent says so
  // (Consent::tracks_participation).
  bool participation_tracked = false;
};

struct Wave {
  std::int64_t id = 0;
  std::string name;
  std::string questionnaire_id;
  std::string questionnaire_version;
  Date opens;
  Date closes;
  std::vector<std::string> municipalities;  // sorted; empty = national
  bool comments_shared = false;             // see WaveSpec
  bool results_public = false;              // see WaveSpec
  bool participation_tracked = false;       // see WaveSpec

  bool is_national() const { return municipalities.empty(); }
  bool is_open(Date today) const { return opens <= today && today <= closes; }
  // A national wave covers every municipality (and responses without one).
  bool covers(std::string_view municipality) const;
};

// Checks a wave before it is created: a name of 1 to 100 characters without
// control characters, a closing day not before the opening day, known
// municipalities. Fails with "invalid_wave" listing every problem.
Status check_wave_spec(const WaveSpec& spec);

}  // namespace parorende
