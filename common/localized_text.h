// Text in several languages, keyed by BCP-47 tag ("nb", "nn", "en", "se").
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>

namespace parorende {

class LocalizedText {
 public:
  LocalizedText() = default;
  using Map = std::map<std::string, std::string, std::less<>>;
  explicit LocalizedText(Map by_language) : by_language_(std::move(by_language)) {}

  bool empty() const { return by_language_.empty(); }
  bool has(std::string_view language) const;
  const Map& all() const { return by_language_; }
  void set(std::string language, std::string text);

  // The text in `language`, falling back to the language's primary subtag
  // ("nb-NO" -> "nb"), then nn -> nb -> en, then any language present.
  const std::string& in(std::string_view language) const;

 private:
  Map by_language_;
};

// The languages tried, in order, for a requested language.
// "nn" -> nn, nb, en; "en-GB" -> en-GB, en, nb; "se" -> se, nb, en.
// The tags view the requested one or static text: valid as long as the
// requested tag is. No allocation: validation asks for every answer.
class LanguageFallbacks {
 public:
  const std::string_view* begin() const { return tags_.data(); }
  const std::string_view* end() const { return tags_.data() + size_; }
  std::size_t size() const { return size_; }
  std::string_view back() const { return size_ == 0 ? std::string_view() : tags_[size_ - 1]; }
  // Skips empty and repeated tags.
  void add(std::string_view tag);

 private:
  std::array<std::string_view, 5> tags_{};  // the longest chain: nb-NO, nb, nn, en
  std::size_t size_ = 0;
};
LanguageFallbacks language_fallbacks(std::string_view language);

// True for a syntactically valid BCP-47 tag of the simple form
// language[-script][-region] (e.g. "nb", "nn", "en-GB", "se", "zh-Hant").
bool is_language_tag(std::string_view tag);

}  // namespace parorende
