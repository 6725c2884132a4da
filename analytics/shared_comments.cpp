#include "analytics/shared_comments.h"

#include <algorithm>

namespace parorende::analytics {
namespace {

constexpr std::string_view kMaskedDigit = "#";
constexpr std::string_view kMaskedAddress = "…@…";

// The code point of the UTF-8 sequence at `at` and its length; a byte
// that starts no well-formed sequence is itself (length 1).
std::pair<char32_t, std::size_t> code_point_at(std::string_view text, std::size_t at) {
  auto byte = [&](std::size_t offset) -> unsigned {
    return at + offset < text.size() ? static_cast<unsigned char>(text[at + offset]) : 0u;
  };
  unsigned first = byte(0);
  std::size_t length = first < 0x80    ? 1
                       : first >= 0xF0 ? 4
                       : first >= 0xE0 ? 3
                       : first >= 0xC0 ? 2
                                       : 1;
  char32_t point = length == 1 ? first : first & (0x3F >> (length - 1));
  for (std::size_t i = 1; i < length; ++i) {
    if ((byte(i) & 0xC0) != 0x80) return {first, 1};
    point = (point << 6) | (byte(i) & 0x3F);
  }
  return {point, length};
}

// Digits as people type or paste them: ASCII, superscript and subscript,
// circled, full-width, mathematical, and those of the scripts most used in
// Norway beside the Latin one (Arabic, Persian and Urdu, Devanagari).
bool is_masked_digit(char32_t point) {
  auto in = [point](char32_t first, char32_t last) { return point >= first && point <= last; };
  return in(U'0', U'9') || point == U'\u00B2' || point == U'\u00B3' || point == U'\u00B9' ||
         in(U'\u2070', U'\u2079') || in(U'\u2080', U'\u2089') || in(U'\u2460', U'\u249B') ||
         in(U'\u24EA', U'\u24FF') || in(U'\u2776', U'\u2793') || in(U'\uFF10', U'\uFF19') ||
         in(U'\U0001D7CE', U'\U0001D7FF') || in(U'\u0660', U'\u0669') || in(U'\u06F0', U'\u06F9') ||
         in(U'\u0966', U'\u096F');
}

// The UTF-8 length of a digit at `at`, or 0.
std::size_t digit_length(std::string_view text, std::size_t at) {
  auto [point, length] = code_point_at(text, at);
  return is_masked_digit(point) ? length : 0;
}

// The UTF-8 length of an at sign at `at`, or 0: '@' and the full-width
// U+FF20.
std::size_t at_sign_length(std::string_view text, std::size_t at) {
  if (text[at] == '@') return 1;
  return text.substr(at, 3) == "\xEF\xBC\xA0" ? 3 : 0;
}

// What may stand in an e-mail address beside its at sign (RFC 5322's
// atoms, loosely): anything but white space, an at sign, brackets, quotes
// and punctuation that ends a sentence's word.
bool in_address(std::string_view text, std::size_t at) {
  char c = text[at];
  if (static_cast<unsigned char>(c) <= ' ' || at_sign_length(text, at) > 0) return false;
  return std::string_view("<>()[]{},;:\"'").find(c) == std::string_view::npos;
}

// [from, to) of each e-mail address: a word, an at sign (a space on either
// side allowed), and a word with a dot in it. One pass: no address
// character is looked at more than twice, whatever the text.
std::vector<std::pair<std::size_t, std::size_t>> addresses_in(std::string_view text) {
  std::vector<std::pair<std::size_t, std::size_t>> found;
  std::size_t after_last = 0;  // nothing before this is looked at again
  for (std::size_t at = 0; at < text.size(); ++at) {
    std::size_t sign = at_sign_length(text, at);
    if (sign == 0) continue;
    std::size_t left_end = at;
    if (left_end > after_last && text[left_end - 1] == ' ') --left_end;
    std::size_t from = left_end;
    while (from > after_last && in_address(text, from - 1)) --from;
    std::size_t right = at + sign;
    if (right < text.size() && text[right] == ' ') ++right;
    std::size_t to = right;
    while (to < text.size() && in_address(text, to)) ++to;
    while (to > right && std::string_view(".!?").find(text[to - 1]) != std::string_view::npos)
      --to;  // a sentence's end is not part of the address
    std::string_view domain = text.substr(right, to - right);
    if (from < left_end && domain.find('.') != std::string_view::npos) {
      found.emplace_back(from, to);
      after_last = to;
      at = to - 1;
      continue;
    }
    after_last = at + sign;
    at = after_last - 1;
  }
  return found;
}

}  // namespace

std::string_view comments_withheld_name(CommentsWithheld withheld) {
  switch (withheld) {
    case CommentsWithheld::no: return "no";
    case CommentsWithheld::round_open: return "round_open";
    case CommentsWithheld::fewer_than_k: return "fewer_than_k";
  }
  return "no";
}

std::string mask_comment(std::string_view text) {
  std::string masked;
  masked.reserve(text.size());
  auto addresses = addresses_in(text);
  auto address = addresses.begin();
  for (std::size_t at = 0; at < text.size();) {
    if (address != addresses.end() && at == address->first) {
      masked += kMaskedAddress;
      at = address->second;
      ++address;
      continue;
    }
    if (std::size_t length = digit_length(text, at); length > 0) {
      masked += kMaskedDigit;
      at += length;
      continue;
    }
    masked += text[at++];
  }
  return masked;
}

Result<SharedComments> shared_comments(ResponseStore& store, std::string_view wave_name,
                                       std::string_view municipality, int min_respondents,
                                       Date today) {
  auto wave = store.wave(wave_name);
  if (!wave) return wave.take_error();
  if (!wave->covers(municipality)) {
    return make_error(
        "municipality_not_in_wave",
        "round " + wave->name + " does not cover municipality " + std::string(municipality));
  }
  auto questionnaire = store.questionnaire(wave->questionnaire_id, wave->questionnaire_version);
  if (!questionnaire) return questionnaire.take_error();
  const std::optional<Consent>& consent = questionnaire.value()->consent;
  if (!wave->comments_shared || !consent || !consent->shares_comments) {
    return make_error("comments_not_shared",
                      "round " + wave->name +
                          " does not share comments: its caregivers were not told that the "
                          "municipality reads them");
  }
  // The questionnaire's floor under k holds here too.
  min_respondents = std::max(min_respondents, questionnaire.value()->min_respondents);
  SharedComments shown;
  shown.min_respondents = min_respondents;
  shown.questionnaire = questionnaire.value();
  std::vector<std::string> item_ids;
  for (const Item& item : shown.questionnaire->items) {
    if (item.type != ItemType::text) continue;
    shown.items.push_back(&item);
    item_ids.push_back(item.id);
  }
  // From the second day after closing: a response sent in the last second
  // of the closing day may be committed after midnight.
  if (days_since_epoch(today) <= days_since_epoch(wave->closes) + 1) {
    shown.withheld = CommentsWithheld::round_open;
    return shown;
  }
  auto found = store.free_text_answers(wave->name, municipality, consent->version, item_ids);
  if (!found) return found.take_error();
  if (found->responses < min_respondents) {
    shown.withheld = CommentsWithheld::fewer_than_k;
    return shown;
  }
  for (const std::string& item : item_ids) {
    std::vector<SharedComment> of_item;
    for (const FreeTextAnswer& answer : found->answers) {
      if (answer.item == item) of_item.push_back({item, mask_comment(answer.text)});
    }
    // Sorted again after masking, so that masked digits do not keep the
    // order the original numbers gave.
    std::sort(of_item.begin(), of_item.end(),
              [](const SharedComment& a, const SharedComment& b) { return a.text < b.text; });
    for (SharedComment& comment : of_item) shown.comments.push_back(std::move(comment));
  }
  return shown;
}

}  // namespace parorende::analytics
