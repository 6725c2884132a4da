// Test definitions written tersely: '@' stands for a text in every
// language of the definition, and definition() wraps items in a whole
// questionnaire.
#pragma once

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>
#include <utility>

#include "common/result.h"
#include "questionnaire/questionnaire_loader.h"

namespace parorende::testing {

inline constexpr std::string_view kTextInNbAndEn = R"({"nb": "Tekst", "en": "Text"})";

// `text` with every '@' replaced by `localized_text`.
inline std::string expand(std::string_view text, std::string_view localized_text = kTextInNbAndEn) {
  std::string out;
  for (char c : text) {
    if (c == '@') {
      out += localized_text;
    } else {
      out += c;
    }
  }
  return out;
}

// A definition in nb and en with one section holding `items`; `more` is
// appended to the top-level object (e.g. `, "scales": [...]`).
inline std::string definition(std::string_view items, std::string_view more = "") {
  return expand(R"({"format": "parorende-questionnaire/1", "id": "test", "version": "1.0.0",
 "languages": ["nb", "en"], "title": @,
 "sections": [{"id": "main", "title": @, "items": [)") +
         expand(items) + "]}]" + expand(more) + "}";
}

// The error of a definition that must not load.
inline Error load_error(const std::string& text) {
  auto loaded = load_questionnaire_text(text);
  if (loaded.ok()) {
    ADD_FAILURE() << "definition loaded but should not:\n" << text;
    return Error{};
  }
  EXPECT_EQ(loaded.error().code, "invalid_definition");
  return loaded.error();
}

using Where = std::pair<std::string, std::string>;  // (where, code)

inline std::multiset<Where> where_and_code(const Error& error) {
  std::multiset<Where> all;
  for (const Problem& problem : error.problems) all.insert({problem.where, problem.code});
  return all;
}

}  // namespace parorende::testing
