// Text in several languages, keyed by BCP-47 tag ("nb", "nn", "en", "se").
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace parorende {

class LocalizedText {
 public:
  LocalizedText() = default;
  using Map = std::map<std::string, std::string, std::less<>>;
  explicit LocalizedText(Map by_language)
      : by_language_(std::move(by_language)) {}

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
std::vector<std::string> language_fallbacks(std::string_view language);

// True for a syntactically valid BCP-47 tag of the simple form
// language[-script][-region] (e.g. "nb", "nn", "en-GB", "se", "zh-Hant").
bool is_language_tag(std::string_view tag);

}  // namespace parorende
