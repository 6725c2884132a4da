// Bad input never crashes the REDCap import, and the JSON it writes reads
// back (interchange/redcap/import.h, interchange/redcap/json_writer.h).
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <random>

#include "interchange/redcap/branching.h"
#include "interchange/redcap/import.h"
#include "interchange/redcap/json_writer.h"
#include "test_support.h"

namespace parorende::redcap {
namespace {

using testing::kSourceDir;
using testing::read_file;

TEST(RedcapRobustness, MutatedDictionariesGiveResultsNotCrashes) {
  const std::string original = read_file(kSourceDir + "/tests/data/redcap/problems.csv") +
                               read_file(kSourceDir + "/tests/data/redcap/every_field_type.csv");
  const std::string alphabet = ",\"\r\n|[]()'=<>@{}-0123456789azAZ \xC3\xA5\xFF";
  std::mt19937 random(20260401);
  int imported = 0;
  for (int round = 0; round < 300; ++round) {
    std::string mutated = original;
    int edits = 1 + static_cast<int>(random() % 8);
    for (int edit = 0; edit < edits; ++edit) {
      std::size_t at = random() % mutated.size();
      char c = alphabet[random() % alphabet.size()];
      switch (random() % 3) {
        case 0: mutated[at] = c; break;
        case 1: mutated.insert(mutated.begin() + static_cast<std::ptrdiff_t>(at), c); break;
        default: mutated.erase(at, 1 + random() % 40); break;
      }
    }
    auto result = import_dictionary(mutated, {});
    if (result) ++imported;
  }
  EXPECT_GT(imported, 0);
}

TEST(RedcapRobustness, HostileBranchingLogicIsRefused) {
  std::string deep(5000, '(');
  EXPECT_FALSE(normalize_branching_logic(deep).ok());
  std::string long_chain = "[a] = '1'";
  for (int i = 0; i < 2000; ++i) long_chain += " or [a] = '1'";
  EXPECT_TRUE(normalize_branching_logic(long_chain).ok());
  for (std::string_view logic : {"[", "]", "'", "\"", "[]", "[()]", "[a(]", "[a(1)", "=", "and",
                                 "()", "[a] = '1' or", "\xFF"}) {
    EXPECT_FALSE(normalize_branching_logic(logic).ok()) << logic;
  }
}

// A dictionary of a radio field `a` and a yes/no field `b` shown if `logic`.
std::string dictionary_with_logic_on_b(const std::string& logic) {
  return "Variable / Field Name,Form Name,Section Header,Field Type,Field Label,"
         "\"Choices, Calculations, OR Slider Labels\",Field Note,"
         "Text Validation Type OR Show Slider Number,Text Validation Min,Text Validation Max,"
         "Identifier?,Branching Logic (Show field only if...),Required Field?,Custom Alignment,"
         "Question Number (surveys only),Matrix Group Name,Matrix Ranking?,Field Annotation\n"
         "record_id,f,,text,ID,,,,,,,,,,,,,\n"
         "a,f,,radio,A,\"1, x | 2, y\",,,,,,,,,,,,\n"
         "b,f,,yesno,B,,,,,,," +
         logic + ",,,,,,\n";
}

TEST(RedcapRobustness, TooLongTranslatedConditionsAreReported) {
  std::string logic = "[a] = '1'";
  for (int i = 0; i < 600; ++i) logic += " or [a] = '2'";
  auto imported = import_dictionary(dictionary_with_logic_on_b(logic), {});
  ASSERT_TRUE(imported.ok()) << testing::describe_result(imported);
  ASSERT_EQ(imported->warnings.size(), 2u);
  EXPECT_EQ(imported->warnings[1].where, "row 4");
  EXPECT_TRUE(testing::contains(imported->warnings[1].message, "longer than 4000 bytes"));
}

TEST(RedcapRobustness, LogicNestedDeeperThanOurParserTakesIsReportedNotFatal) {
  // REDCap's parser takes this; the condition it becomes is nested too deeply
  // for ours, so the field is imported without it.
  std::string logic = "[a] = '1'";
  for (int level = 0; level < 15; ++level) {
    logic = "[a] = '" + std::to_string(level % 2 + 1) + "' " + (level % 2 ? "and" : "or") + " (" +
            logic + ")";
  }
  auto imported = import_dictionary(dictionary_with_logic_on_b(logic), {});
  ASSERT_TRUE(imported.ok()) << testing::describe_result(imported);
  ASSERT_EQ(imported->warnings.size(), 2u);
  EXPECT_EQ(imported->warnings[1].where, "row 4");
  EXPECT_EQ(imported->warnings[1].code, "unsupported_branching");
  EXPECT_TRUE(testing::contains(imported->warnings[1].message, "nested too deeply"))
      << imported->warnings[1].message;
}

TEST(RedcapRobustness, ChoiceCodesThatAreTheSameNumberAreReported) {
  // Found by redcap_import_fuzzer: "5" and "05" differ as text, and were both
  // option code 5, a definition that did not load.
  std::string dictionary = dictionary_with_logic_on_b("");
  dictionary.replace(dictionary.find("\"1, x | 2, y\""), 13, "\"1, x | 5, y | 05, z\"");
  auto imported = import_dictionary(dictionary, {});
  ASSERT_TRUE(imported.ok()) << testing::describe_result(imported);
  ASSERT_EQ(imported->warnings.size(), 2u);
  EXPECT_EQ(imported->warnings[1].where, "row 3");
  EXPECT_EQ(imported->warnings[1].code, "malformed_choices");
  EXPECT_TRUE(testing::contains(imported->warnings[1].message,
                                "choice codes '5' and '05' of 'a' are the same number"))
      << imported->warnings[1].message;
}

TEST(RedcapRobustness, ChoiceCodesWrittenWithLeadingZerosAreReportedPerField) {
  std::string dictionary = dictionary_with_logic_on_b("");
  dictionary.replace(dictionary.find("\"1, x | 2, y\""), 13,
                     "\"01, x | 02, y | 03, z | 04, v | 05, w | 06, u | 07, t\"");
  auto imported = import_dictionary(dictionary, {});
  ASSERT_TRUE(imported.ok()) << testing::describe_result(imported);
  ASSERT_EQ(imported->warnings.size(), 2u);
  EXPECT_EQ(imported->warnings[1].where, "row 3");
  EXPECT_EQ(imported->warnings[1].code, "choice_codes_rewritten");
  EXPECT_EQ(imported->warnings[1].message,
            "choice codes of 'a' are kept as whole numbers: '01' as 1, '02' as 2, '03' as 3, "
            "'04' as 4, '05' as 5 and 2 more; an export writes them so, and REDCap data coded "
            "as before must be recoded");
  const auto& options =
      imported->definition.at("sections").at(0).at("items").at(0).at("options").as_array();
  ASSERT_EQ(options.size(), 7u);
  EXPECT_EQ(options[0].at("code"), 1);
  EXPECT_EQ(options[6].at("code"), 7);
}

TEST(RedcapJsonWriter, PlainNumbersEscapesAndShortContainersOnOneLine) {
  boost::json::value value = boost::json::parse(
      R"json({"a": 0.5, "b": 20.0, "c": -3, "t": "line\nbreak \"q\" \u0001 æ",
              "short": {"nb": "Ja"}, "list": [1, 2], "empty": {}, "none": null, "yes": true})json");
  EXPECT_EQ(write_compact_json(value),
            "{\"a\": 0.5, \"b\": 20, \"c\": -3, \"t\": \"line\\nbreak \\\"q\\\" \\u0001 æ\", "
            "\"short\": {\"nb\": \"Ja\"}, \"list\": [1, 2], \"empty\": {}, \"none\": null, "
            "\"yes\": true}");
  std::string pretty = write_pretty_json(value);
  // Reads back as the same JSON (20.0 reads back as the integer 20).
  EXPECT_EQ(write_compact_json(boost::json::parse(pretty)), write_compact_json(value));
  EXPECT_EQ(pretty.back(), '\n');
}

}  // namespace
}  // namespace parorende::redcap
