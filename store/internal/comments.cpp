// Reading a round's free-text answers for analytics/shared_comments.h.
#include <algorithm>
#include <tuple>

#include "store/internal/store_impl.h"
#include "store/internal/stored_answers.h"

namespace parorende {

using namespace store_detail;

Result<FreeTextAnswers> ResponseStore::Impl::free_text_answers(std::string_view wave_name,
                                                               std::string_view municipality,
                                                               std::string_view consent_version,
                                                               std::span<const std::string> items) {
  auto wave = this->wave(wave_name);
  if (!wave) return wave.take_error();
  auto loaded = load(wave->questionnaire_id, wave->questionnaire_version);
  if (!loaded) return loaded.take_error();
  const Questionnaire& questionnaire = *loaded.value()->questionnaire;
  auto reader = readers_.acquire();
  if (!reader) return reader.take_error();
  auto select = (*reader)->statement(
      "SELECT a.answers FROM responses r JOIN response_answers a ON a.response = r.id"
      " WHERE r.wave = ? AND r.municipality = ? AND r.status = ? AND r.consent_version = ?");
  if (!select) return select.take_error();
  select->bind(1, wave->id).bind(2, municipality).bind(3, kStatusComplete).bind(4, consent_version);
  FreeTextAnswers found;
  while (true) {
    auto row = select->step();
    if (!row) return row.take_error();
    if (!row.value()) break;
    ++found.responses;
    auto answers = decode_stored_answers(questionnaire, select->text(0));
    if (!answers) return answers.take_error();
    for (const std::string& item : items) {
      const boost::json::value* text = answers->if_contains(item);
      if (text == nullptr || !text->is_string() || text->as_string().empty()) continue;
      found.answers.push_back({item, std::string(text->as_string())});
    }
  }
  std::sort(found.answers.begin(), found.answers.end(),
            [](const FreeTextAnswer& a, const FreeTextAnswer& b) {
              return std::tie(a.item, a.text) < std::tie(b.item, b.text);
            });
  return found;
}

}  // namespace parorende
