#include "common/localized_text.h"

#include <algorithm>
#include <cctype>

namespace parorende {

bool LocalizedText::has(std::string_view language) const {
  return by_language_.find(language) != by_language_.end();
}

void LocalizedText::set(std::string language, std::string text) {
  by_language_[std::move(language)] = std::move(text);
}

const std::string& LocalizedText::in(std::string_view language) const {
  static const std::string kEmpty;
  for (std::string_view candidate : language_fallbacks(language)) {
    auto found = by_language_.find(candidate);
    if (found != by_language_.end()) return found->second;
  }
  return by_language_.empty() ? kEmpty : by_language_.begin()->second;
}

void LanguageFallbacks::add(std::string_view tag) {
  if (tag.empty() || size_ == tags_.size() || std::find(begin(), end(), tag) != end()) return;
  tags_[size_++] = tag;
}

LanguageFallbacks language_fallbacks(std::string_view language) {
  LanguageFallbacks chain;
  chain.add(language);
  chain.add(language.substr(0, language.find('-')));
  // Nynorsk readers read bokmål better than English, and vice versa.
  if (chain.back() == "nn") chain.add("nb");
  if (chain.back() == "nb") chain.add("nn");
  chain.add("nb");
  chain.add("en");
  return chain;
}

bool is_language_tag(std::string_view tag) {
  // language (2-3 letters), then optional subtags of 2-8 letters or digits.
  std::size_t start = 0;
  bool first = true;
  while (start <= tag.size()) {
    std::size_t end = tag.find('-', start);
    if (end == std::string_view::npos) end = tag.size();
    std::string_view part = tag.substr(start, end - start);
    if (first) {
      if (part.size() < 2 || part.size() > 3) return false;
      for (char c : part) {
        if (c < 'a' || c > 'z') return false;
      }
      first = false;
    } else {
      if (part.size() < 2 || part.size() > 8) return false;
      for (char c : part) {
        if (!std::isalnum(static_cast<unsigned char>(c))) return false;
      }
    }
    if (end == tag.size()) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace parorende
