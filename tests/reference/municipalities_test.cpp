// The municipality registry and the language fallbacks of texts.
#include <gtest/gtest.h>

#include <set>

#include "common/localized_text.h"
#include "reference/municipalities.h"
#include "test_support.h"

namespace parorende {
namespace {

using testing::describe_problems;
using testing::kSourceDir;
using testing::problem_at;

constexpr std::string_view kRegistryHeader =
    "code,name,county_code,county_name,population,area_km2,written_standard\n";

TEST(BuiltinMunicipalities, HoldsThe357MunicipalitiesOfNorway) {
  const MunicipalityRegistry& registry = builtin_municipalities();
  EXPECT_EQ(registry.size(), 357u);
  EXPECT_EQ(registry.all().size(), 357u);
  std::set<std::string> codes;
  for (const Municipality& municipality : registry.all()) {
    EXPECT_EQ(municipality.code.size(), 4u) << municipality.code;
    codes.insert(municipality.code);
  }
  EXPECT_EQ(codes.size(), 357u) << "codes must be distinct";
}

TEST(BuiltinMunicipalities, FindsOsloAndOthersByCode) {
  const MunicipalityRegistry& registry = builtin_municipalities();
  const Municipality* oslo = registry.find("0301");
  ASSERT_NE(oslo, nullptr);
  EXPECT_EQ(oslo->code, "0301");
  EXPECT_NE(oslo->name.find("Oslo"), std::string::npos) << oslo->name;
  EXPECT_EQ(oslo->county_code, "03");
  EXPECT_EQ(oslo->county_name, "Oslo");
  EXPECT_GT(oslo->population, 600000);
  EXPECT_EQ(oslo->written_standard, "neutral");

  const Municipality* bergen = registry.find("4601");
  ASSERT_NE(bergen, nullptr);
  EXPECT_EQ(bergen->name, "Bergen");
  EXPECT_EQ(bergen->county_code, "46");
  EXPECT_EQ(bergen->county_name, "Vestland");

  const Municipality* verdal = registry.find("5038");
  ASSERT_NE(verdal, nullptr);
  EXPECT_EQ(verdal->name, "Verdal");

  EXPECT_EQ(registry.find("0300"), nullptr);
  EXPECT_EQ(registry.find("301"), nullptr);
  EXPECT_EQ(registry.find("0301 "), nullptr);
  EXPECT_EQ(registry.find(""), nullptr);
  EXPECT_EQ(registry.find("9999"), nullptr);
}

TEST(BuiltinMunicipalities, MatchesTheShippedCsv) {
  auto text = testing::read_file(kSourceDir + "/data/municipalities.csv");
  ASSERT_FALSE(text.empty());
  auto parsed = MunicipalityRegistry::parse_csv(text);
  ASSERT_TRUE(parsed.ok()) << describe_problems(parsed.error());
  ASSERT_EQ(parsed->size(), builtin_municipalities().size());
  for (const Municipality& municipality : parsed->all()) {
    const Municipality* builtin = builtin_municipalities().find(municipality.code);
    ASSERT_NE(builtin, nullptr) << municipality.code;
    EXPECT_EQ(builtin->name, municipality.name);
    EXPECT_EQ(builtin->population, municipality.population);
  }
}

TEST(MunicipalityCsv, ParsesEveryField) {
  std::string csv = std::string(kRegistryHeader) +
                    "0301,Oslo,03,Oslo,717710,454.12,neutral\r\n"
                    "\n"
                    "4601,Bergen,46,Vestland,291940,464.77,nn\n";
  auto parsed = MunicipalityRegistry::parse_csv(csv);
  ASSERT_TRUE(parsed.ok()) << describe_problems(parsed.error());
  ASSERT_EQ(parsed->size(), 2u);
  const Municipality* oslo = parsed->find("0301");
  ASSERT_NE(oslo, nullptr);
  EXPECT_EQ(oslo->name, "Oslo");
  EXPECT_EQ(oslo->county_code, "03");
  EXPECT_EQ(oslo->county_name, "Oslo");
  EXPECT_EQ(oslo->population, 717710);
  EXPECT_DOUBLE_EQ(oslo->area_km2, 454.12);
  EXPECT_EQ(oslo->written_standard, "neutral") << "the \\r of a CRLF line is dropped";
  EXPECT_EQ(parsed->find("4601")->written_standard, "nn");
}

TEST(MunicipalityCsv, ReportsABadHeaderOnLine1) {
  auto parsed =
      MunicipalityRegistry::parse_csv("code,name\n0301,Oslo,03,Oslo,717710,454.12,neutral\n");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error().code, "invalid_municipalities");
  ASSERT_EQ(parsed.error().problems.size(), 1u) << describe_problems(parsed.error());
  EXPECT_EQ(parsed.error().problems[0].where, "line 1");
  EXPECT_EQ(parsed.error().problems[0].code, "bad_header");
}

TEST(MunicipalityCsv, ReportsEveryBadLineWithItsLineNumber) {
  std::string csv = std::string(kRegistryHeader) +
                    "0301,Oslo,03,Oslo,717710,454.12,neutral\n"  // line 2: fine
                    "1101,Eigersund,11,Rogaland,15221,432.49\n"  // line 3: 6 fields
                    "\n"                                         // line 4: blank
                    "301,Short,03,Oslo,1,1,nb\n"                 // line 5: code
                    "1103,Stavanger,1,Rogaland,1,1,nb\n"         // line 6: county
                    "1106,Haugesund,11,Rogaland,many,1,nb\n"     // line 7: population
                    "1108,Sandnes,11,Rogaland,-5,1,nb\n"         // line 8: negative
                    "1111,Sokndal,11,Rogaland,1,0,nb\n"          // line 9: area 0
                    "1112,Lund,11,Rogaland,1,big,nb\n"           // line 10: area text
                    "1114,Bjerkreim,11,Rogaland,1,1,se\n"        // line 11: standard
                    "0301,Oslo again,03,Oslo,1,1,nb\n"           // line 12: duplicate
                    "12ab,Both,x,Y,1.5,1,nb\n";                  // line 13: three
  auto parsed = MunicipalityRegistry::parse_csv(csv);
  ASSERT_FALSE(parsed.ok());
  const Error& error = parsed.error();
  EXPECT_EQ(error.code, "invalid_municipalities");
  EXPECT_EQ(problem_at(error, "line 3", "bad_line").message, "expected 7 fields, found 6");
  problem_at(error, "line 5", "bad_code");
  problem_at(error, "line 6", "bad_county");
  problem_at(error, "line 7", "bad_population");
  problem_at(error, "line 8", "bad_population");
  problem_at(error, "line 9", "bad_area");
  problem_at(error, "line 10", "bad_area");
  problem_at(error, "line 11", "bad_written_standard");
  EXPECT_EQ(problem_at(error, "line 12", "duplicate_code").message, "code 0301 appears twice");
  problem_at(error, "line 13", "bad_code");
  problem_at(error, "line 13", "bad_county");
  problem_at(error, "line 13", "bad_population");
  EXPECT_EQ(error.problems.size(), 12u) << describe_problems(error);
  for (const Problem& problem : error.problems) {
    EXPECT_NE(problem.where, "line 2");
    EXPECT_NE(problem.where, "line 4");
  }
}

TEST(MunicipalityCsv, EmptyInputIsAnEmptyRegistry) {
  auto parsed = MunicipalityRegistry::parse_csv(kRegistryHeader);
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ(parsed->size(), 0u);
}

using List = std::vector<std::string>;

List fallbacks(std::string_view language) {
  LanguageFallbacks chain = language_fallbacks(language);
  return List(chain.begin(), chain.end());
}

TEST(LanguageFallbacks, FollowTheDocumentedOrder) {
  EXPECT_EQ(fallbacks("nn"), (List{"nn", "nb", "en"}));
  EXPECT_EQ(fallbacks("nb"), (List{"nb", "nn", "en"}));
  EXPECT_EQ(fallbacks("en"), (List{"en", "nb"}));
  EXPECT_EQ(fallbacks("en-GB"), (List{"en-GB", "en", "nb"}));
  EXPECT_EQ(fallbacks("nb-NO"), (List{"nb-NO", "nb", "nn", "en"}));
  EXPECT_EQ(fallbacks("nn-NO"), (List{"nn-NO", "nn", "nb", "en"}));
  EXPECT_EQ(fallbacks("se"), (List{"se", "nb", "en"}));
}

TEST(LanguageFallbacks, EmptyLanguageFallsBackToNbThenEn) {
  // An empty tag must not break the chain (it used to call back() on an
  // empty vector).
  EXPECT_EQ(fallbacks(""), (List{"nb", "en"}));
  LocalizedText text(LocalizedText::Map{{"en", "Title"}, {"nb", "Tittel"}});
  EXPECT_EQ(text.in(""), "Tittel");
}

TEST(LocalizedTextIn, UsesTheRequestedLanguageFirst) {
  LocalizedText text(LocalizedText::Map{{"nb", "Tittel"}, {"nn", "Tittel nn"}, {"en", "Title"}});
  EXPECT_EQ(text.in("nb"), "Tittel");
  EXPECT_EQ(text.in("nn"), "Tittel nn");
  EXPECT_EQ(text.in("en"), "Title");
  EXPECT_TRUE(text.has("nn"));
  EXPECT_FALSE(text.has("se"));
  EXPECT_FALSE(text.empty());
}

TEST(LocalizedTextIn, NynorskFallsBackToBokmalThenEnglish) {
  LocalizedText both(LocalizedText::Map{{"en", "Title"}, {"nb", "Tittel"}});
  EXPECT_EQ(both.in("nn"), "Tittel");
  LocalizedText english(LocalizedText::Map{{"en", "Title"}, {"se", "Namma"}});
  EXPECT_EQ(english.in("nn"), "Title");
}

TEST(LocalizedTextIn, BokmalFallsBackToNynorskBeforeEnglish) {
  LocalizedText text(LocalizedText::Map{{"en", "Title"}, {"nn", "Tittel nn"}});
  EXPECT_EQ(text.in("nb"), "Tittel nn");
}

TEST(LocalizedTextIn, RegionTagFallsBackToThePrimarySubtag) {
  LocalizedText text(LocalizedText::Map{{"en", "Title"}, {"nb", "Tittel"}});
  EXPECT_EQ(text.in("nb-NO"), "Tittel");
  EXPECT_EQ(text.in("en-GB"), "Title");
  LocalizedText regional(LocalizedText::Map{{"en", "Title"}, {"en-GB", "Title (GB)"}});
  EXPECT_EQ(regional.in("en-GB"), "Title (GB)");
  EXPECT_EQ(regional.in("en"), "Title");
}

TEST(LocalizedTextIn, OtherLanguagesFallBackToNbThenEnThenAny) {
  LocalizedText nb_en(LocalizedText::Map{{"en", "Title"}, {"nb", "Tittel"}});
  EXPECT_EQ(nb_en.in("se"), "Tittel");
  LocalizedText en_only(LocalizedText::Map{{"de", "Titel"}, {"en", "Title"}});
  EXPECT_EQ(en_only.in("se"), "Title");
  LocalizedText other(LocalizedText::Map{{"fr", "Titre"}});
  EXPECT_EQ(other.in("nb"), "Titre");
  EXPECT_EQ(LocalizedText().in("nb"), "");
}

TEST(LocalizedTextSet, ReplacesAText) {
  LocalizedText text;
  EXPECT_TRUE(text.empty());
  text.set("nb", "a");
  text.set("nb", "b");
  EXPECT_EQ(text.in("nb"), "b");
  EXPECT_EQ(text.all().size(), 1u);
}

TEST(LanguageTag, AcceptsSimpleBcp47Tags) {
  for (std::string_view tag :
       {"nb", "nn", "en", "se", "smj", "en-GB", "zh-Hant", "zh-Hant-TW", "nb-NO"}) {
    EXPECT_TRUE(is_language_tag(tag)) << tag;
  }
  for (std::string_view tag : {"", "n", "norsk", "NB", "En", "nb-", "-nb", "nb--NO", "nb_NO",
                               "nb-N", "en-toolongsubtag", "nb NO", "n1"}) {
    EXPECT_FALSE(is_language_tag(tag)) << tag;
  }
}

}  // namespace
}  // namespace parorende
