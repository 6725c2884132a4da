// Every dictionary under tests/data/redcap (REDCap's own layouts, Norwegian
// Excel, an instrument from the Shared Library, rich text, broken ones)
// imported as a respondent should meet it: no label, note, choice or
// section title shows an HTML tag; every field becomes an item, a section's
// text, or is named in a warning; and what was mapped survives an export
// and a second import unchanged.
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <filesystem>
#include <regex>
#include <set>

#include "interchange/redcap/dictionary.h"
#include "interchange/redcap/export.h"
#include "interchange/redcap/import.h"
#include "interchange/redcap/rich_text.h"
#include "questionnaire/questionnaire_loader.h"
#include "test_support.h"

namespace parorende::redcap {
namespace {

namespace json = boost::json;
using testing::kSourceDir;
using testing::read_file;

// Every text of a definition a respondent reads, with where it is.
void texts_of(const json::value& value, const std::string& where,
              std::vector<std::pair<std::string, std::string>>& texts) {
  if (const json::object* object = value.if_object()) {
    for (const auto& [key, child] : *object) {
      bool text = key == "title" || key == "description" || key == "text" || key == "help" ||
                  key == "label";
      if (text && child.is_object()) {
        for (const auto& [language, words] : child.as_object()) {
          if (words.is_string())
            texts.emplace_back(where + "." + std::string(key), std::string(words.get_string()));
        }
      } else {
        texts_of(child, where + "." + std::string(key), texts);
      }
    }
  } else if (const json::array* array = value.if_array()) {
    for (std::size_t i = 0; i < array->size(); ++i)
      texts_of((*array)[i], where + "[" + std::to_string(i) + "]", texts);
  }
}

TEST(RedcapRealDictionaries, ImportedAsARespondentShouldMeetThem) {
  const std::regex tag(R"(<[A-Za-z/!][^>]*>)");
  int imported_files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(kSourceDir + "/tests/data/redcap")) {
    if (entry.path().extension() != ".csv") continue;
    const std::string file = entry.path().filename().string();
    const std::string csv = read_file(entry.path().string());
    auto imported = import_dictionary(csv, {});
    if (!imported) {
      // A file that is no usable dictionary says why, as a whole.
      EXPECT_TRUE(imported.error().code == "invalid_dictionary" ||
                  imported.error().code == "nothing_imported")
          << file << ": " << imported.error().code;
      continue;
    }
    ++imported_files;
    const json::value& definition = imported->definition;

    std::vector<std::pair<std::string, std::string>> texts;
    texts_of(definition, "$", texts);
    for (const auto& [where, words] : texts) {
      EXPECT_FALSE(std::regex_search(words, tag)) << file << " " << where << ": " << words;
    }

    std::set<std::string> items;
    std::string descriptions;
    for (const json::value& section : definition.at("sections").as_array()) {
      if (const json::value* description = section.as_object().if_contains("description"))
        descriptions += std::string(description->at("nb").as_string()) + "\n";
      for (const json::value& item : section.at("items").as_array())
        items.insert(std::string(item.at("id").as_string()));
    }
    auto dictionary = read_dictionary(csv);
    ASSERT_TRUE(dictionary.ok()) << file;
    for (const Field& field : dictionary->fields) {
      std::string name(trim(field.name));
      if (name.empty()) continue;
      bool named = imported->skipped_fields.contains(name) ||
                   std::any_of(imported->warnings.begin(), imported->warnings.end(),
                               [&](const Problem& warning) {
                                 return warning.message.find("'" + name + "'") != std::string::npos;
                               });
      bool described =
          trim(field.type) == "descriptive" &&
          descriptions.find(plain_text_of(trim(field.label)).text) != std::string::npos;
      EXPECT_TRUE(items.contains(name) || named || described)
          << file << " row " << field.row << ": field '" << name
          << "' is neither imported nor named in a warning";
    }

    auto questionnaire = load_questionnaire(definition);
    ASSERT_TRUE(questionnaire.ok())
        << file << ": " << testing::describe_problems(questionnaire.error());
    auto exported = export_dictionary(questionnaire.value(), "nb");
    ASSERT_TRUE(exported.ok()) << file;
    auto again = import_dictionary(write_dictionary(exported->fields), {});
    ASSERT_TRUE(again.ok()) << file;
    EXPECT_EQ(again->definition, definition) << file << ": export then import changed\n"
                                             << json::serialize(definition) << "\ninto\n"
                                             << json::serialize(again->definition);
  }
  EXPECT_GE(imported_files, 7);
}

}  // namespace
}  // namespace parorende::redcap
