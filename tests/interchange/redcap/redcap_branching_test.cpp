// Conditions translated between our language and REDCap branching logic,
// both ways, checked by text and by meaning (interchange/redcap/branching.h).
#include <gtest/gtest.h>

#include <map>

#include "interchange/redcap/branching.h"
#include "interchange/redcap/json_writer.h"
#include "questionnaire/expression.h"
#include "redcap_test_support.h"
#include "test_support.h"

namespace parorende::redcap {
namespace {

using redcap_testing::for_each_combination;
using redcap_testing::items_named;
using redcap_testing::raw_values;
using redcap_testing::redcap_evaluate;
using redcap_testing::RedcapValues;
using redcap_testing::scenario_items;
using testing::contains;

const FieldInfo* scenario_field(std::string_view id) {
  static const std::map<std::string, FieldInfo, std::less<>> fields = [] {
    std::map<std::string, FieldInfo, std::less<>> map;
    for (const auto& item : scenario_items()) map.emplace(item.id, item.info);
    return map;
  }();
  auto found = fields.find(id);
  return found == fields.end() ? nullptr : &found->second;
}

Result<FieldInfo> scenario_allowed(std::string_view id) {
  const FieldInfo* info = scenario_field(id);
  if (info == nullptr) {
    return make_error("branching_reference", "unknown field '" + std::string(id) + "'");
  }
  return *info;
}

Result<std::string> export_logic(std::string_view source) {
  auto expression = Expression::parse(source);
  if (!expression) return expression.take_error();
  return to_branching_logic({&expression.value()}, scenario_field);
}

Result<std::string> import_logic(std::string_view logic) {
  return from_branching_logic(logic, scenario_allowed);
}

// Our expression and the REDCap logic agree on every combination of
// answers to the items the expression reads.
void expect_same_meaning(const std::string& ours, const std::string& redcap) {
  auto expression = Expression::parse(ours);
  ASSERT_TRUE(expression.ok()) << ours;
  auto items = items_named(expression->referenced_items());
  int disagreements = 0;
  for_each_combination(items, [&](const Answers& answers) {
    bool expected = expression->evaluate(answers);
    bool actual = redcap_evaluate(redcap, raw_values(items, answers));
    if (expected != actual && ++disagreements <= 3) {
      std::string shown;
      for (const auto& [name, value] : raw_values(items, answers)) {
        shown += " " + name + "=" + value;
      }
      ADD_FAILURE() << ours << " is " << expected << " but " << redcap << " is " << actual << " for"
                    << shown;
    }
  });
}

// --- export ---------------------------------------------------------------

struct ExportCase {
  std::string ours;
  std::string redcap;
};

const ExportCase kExportCases[] = {
    {"sc = 1", "[sc] = '1'"},
    {"sc == 9", "[sc] = '9'"},
    {"sc != 1", "[sc] <> '1' and [sc] <> ''"},
    {"not (sc = 1)", "[sc] <> '1'"},
    {"not (sc != 1)", "[sc] = '1' or [sc] = ''"},
    {"sc < 3", "[sc] < 3"},
    {"not (sc < 3)", "[sc] >= 3 or [sc] = ''"},
    {"not (sc >= 2)", "[sc] < 2 or [sc] = ''"},
    {"not (sc > 2)", "[sc] <= 2 or [sc] = ''"},
    {"not (sc <= 2)", "[sc] > 2 or [sc] = ''"},
    {"sc in [1, 2]", "[sc] = '1' or [sc] = '2'"},
    {"not (sc in [1, 2])", "[sc] <> '1' and [sc] <> '2'"},
    {"answered(sc)", "[sc] <> ''"},
    {"not answered(sc)", "[sc] = ''"},
    {"selected(mc, 2)", "[mc(2)] = '1'"},
    {"not selected(mc, 2)", "[mc(2)] = '0'"},
    {"mc in [1, 3]", "[mc(1)] = '1' or [mc(3)] = '1'"},
    {"not (mc in [1, 3])", "[mc(1)] = '0' and [mc(3)] = '0'"},
    {"answered(mc)", "[mc(1)] = '1' or [mc(2)] = '1' or [mc(3)] = '1'"},
    {"not answered(mc)", "[mc(1)] = '0' and [mc(2)] = '0' and [mc(3)] = '0'"},
    {"yn", "[yn] = '1'"},
    {"not yn", "[yn] <> '1'"},
    {"yn = true", "[yn] = '1'"},
    {"yn = false", "[yn] = '0'"},
    {"yn != true", "[yn] = '0'"},
    {"not (yn != false)", "[yn] <> '1'"},
    {"yn in [true]", "[yn] = '1'"},
    {"n > 18", "[n] > 18"},
    {"18 < n", "[n] > 18"},
    {"not (n > 18)", "[n] <= 18 or [n] = ''"},
    {"n <= 18 and d > 2", "[n] <= 18 and [d] > 2"},
    {"not (n <= 18 and d > 2)", "[n] > 18 or [n] = '' or [d] <= 2 or [d] = ''"},
    {"not (n = 18 or t = 'a')", "[n] <> 18 and [t] <> 'a'"},
    {"d = 1.5", "[d] = 1.5"},
    {"t = 'a'", "[t] = 'a'"},
    {"t != \"it's\"", "[t] <> \"it's\" and [t] <> ''"},
    {"dt > '2024-03-01'", "[dt] > '2024-03-01'"},
    {"not (dt > '2024-03-01')", "[dt] <= '2024-03-01' or [dt] = ''"},
    {"sc = 1 and (yn or selected(mc, 1))", "[sc] = '1' and ([yn] = '1' or [mc(1)] = '1')"},
    {"not (sc = 1 and (yn or selected(mc, 1)))", "[sc] <> '1' or ([yn] <> '1' and [mc(1)] = '0')"},
    {"not (not (sc = 2))", "[sc] = '2'"},
    {"(sc = 1 or sc = 2) and (n > 1 or n < 0)",
     "([sc] = '1' or [sc] = '2') and ([n] > 1 or [n] < 0)"},
    {"number(age) > 18", "[age] > 18"},
    {"18 <= number(age)", "[age] >= 18"},
    {"not (number(age) > 18)", "[age] <= 18 or [age] = ''"},
    {"number(age) = 18", "[age] = 18"},
    {"number(age) != 18", "[age] <> 18 and [age] <> ''"},
    {"number(age) in [7, 9]", "[age] = 7 or [age] = 9"},
};

TEST(RedcapBranchingExport, WritesEachFormAsExpected) {
  for (const ExportCase& c : kExportCases) {
    auto logic = export_logic(c.ours);
    ASSERT_TRUE(logic.ok()) << c.ours << ": " << logic.error().message;
    EXPECT_EQ(logic.value(), c.redcap) << c.ours;
  }
}

TEST(RedcapBranchingExport, KeepsTheMeaningBlanksIncluded) {
  for (const ExportCase& c : kExportCases) expect_same_meaning(c.ours, c.redcap);
}

TEST(RedcapBranchingExport, ReportsWhatRedcapCannotSay) {
  struct Case {
    std::string ours;
    std::string reason;
  };
  const Case cases[] = {
      {"sc = n", "only comparisons of an item with a value"},
      {"true", "always true"},
      {"not false", "always true"},
      {"t = x", "only comparisons of an item with a value"},
      {"unknown = 1", "unknown item 'unknown'"},
      {"(sc = 1) = true", "only comparisons of an item with a value"},
      {"1 in [1, 2]", "only an item can be tested with 'in'"},
      {"3", "a number or text is not a condition"},
  };
  for (const Case& c : cases) {
    auto logic = export_logic(c.ours);
    ASSERT_FALSE(logic.ok()) << c.ours << " gave " << logic.value();
    EXPECT_EQ(logic.error().code, "unsupported_expression");
    EXPECT_TRUE(contains(logic.error().message, c.reason))
        << c.ours << ": " << logic.error().message;
  }
}

TEST(RedcapBranchingExport, JoinsConditionsWithAndAndNamesTheOneRedcapCannotSay) {
  auto section = Expression::parse("sc = 1 or sc = 2");
  auto item = Expression::parse("not (n > 18)");
  auto joined = to_branching_logic({&section.value(), &item.value()}, scenario_field);
  ASSERT_TRUE(joined.ok()) << joined.error().message;
  EXPECT_EQ(joined.value(), "([sc] = '1' or [sc] = '2') and ([n] <= 18 or [n] = '')");
  EXPECT_EQ(to_branching_logic({}, scenario_field).value(), "");

  auto untranslatable = Expression::parse("sc == n");
  auto failed = to_branching_logic({&section.value(), &untranslatable.value()}, scenario_field);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, "unsupported_expression");
  EXPECT_EQ(failed.error().message,
            "visible_if 'sc == n' cannot be written as REDCap branching logic (only comparisons "
            "of an item with a value can be translated (not of two items, or of a condition))");
}

// --- import ---------------------------------------------------------------

struct ImportCase {
  std::string redcap;
  std::string ours;
};

const ImportCase kImportCases[] = {
    {"[sc] = \"1\" and ([n] >= 18 or [mc(1)] = '1')", "sc = 1 and (n >= 18 or selected(mc, 1))"},
    {"[sc] = 9", "sc = 9"},
    {"[sc] <> '1'", "not (sc = 1)"},
    {"[sc] != \"1\"", "not (sc = 1)"},
    {"[sc] >= 2", "sc >= 2"},
    {"[n] < '18'", "n < 18"},
    {"18 <= [n]", "n >= 18"},
    {"[n] >= -5.5", "n >= -5.5"},
    {"[d] == 2.50", "d = 2.5"},
    {"[mc(2)] = '0'", "not selected(mc, 2)"},
    {"[mc(2)] <> '1'", "not selected(mc, 2)"},
    {"[mc(3)] <> \"0\"", "selected(mc, 3)"},
    {"[n] <> ''", "answered(n)"},
    {"[n] = \"\"", "not answered(n)"},
    {"[yn] = '1'", "yn = true"},
    {"[yn] = 0", "yn = false"},
    {"[yn] <> '1'", "not (yn = true)"},
    {"[t] = \"it's\"", "t = \"it's\""},
    {"[t] <> 'a'", "not (t = 'a')"},
    {"[dt] > '2024-01-01'", "dt > '2024-01-01'"},
    {"[sc] = '1' AND [n] > 17 Or [yn] = '1'", "(sc = 1 and n > 17) or yn = true"},
    {"(((([n] > 1))))", "n > 1"},
    {"[sc]='1'and[n]>1", "sc = 1 and n > 1"},
    // REDCap compares two values as numbers when both look like numbers.
    {"[age] > '18'", "number(age) > 18"},
    {"[age] <= 5", "number(age) <= 5"},
    {"18 > [age]", "number(age) < 18"},
    {"[age] = '18'", "number(age) = 18"},
    {"[age] <> 18", "not (number(age) = 18)"},
    {"[age] = 'ukjent'", "age = 'ukjent'"},
};

TEST(RedcapBranchingImport, ReadsEachFormAsExpected) {
  for (const ImportCase& c : kImportCases) {
    auto ours = import_logic(c.redcap);
    ASSERT_TRUE(ours.ok()) << c.redcap << ": " << ours.error().message;
    EXPECT_EQ(ours.value(), c.ours) << c.redcap;
    EXPECT_TRUE(Expression::parse(ours.value()).ok()) << ours.value();
  }
}

TEST(RedcapBranchingImport, KeepsTheMeaningBlanksIncluded) {
  for (const ImportCase& c : kImportCases) expect_same_meaning(c.ours, c.redcap);
}

TEST(RedcapBranchingImport, ReportsEachUnsupportedForm) {
  struct Case {
    std::string redcap;
    std::string reason;
  };
  const Case cases[] = {
      {"datediff([dt], 'today', 'y') > 1", "functions such as datediff() are not supported"},
      {"sum ([n], [d]) > 1", "functions such as sum() are not supported"},
      {"[event_1_arm_1][n] = '1'", "event-prefixed or instance references"},
      {"[record-name] = '1'", "smart variables and other references such as [record-name]"},
      {"[n:value] = 1", "smart-variable options such as [n:value]"},
      {"[n] + 1 > 2", "arithmetic ('+') is not supported"},
      {"[n] * 2 > 2", "arithmetic ('*') is not supported"},
      {"[n] - 1 > 2", "arithmetic ('-') is not supported"},
      {"[sc] = [n]", "comparing two fields ([sc] = [n]) is not supported"},
      {"'1' = '1'", "has no field"},
      {"[mc] = '1'", "checkbox field 'mc' is compared per choice"},
      {"[sc(1)] = '1'", "'sc' is not a checkbox field"},
      {"[mc(a)] = '1'", "'a' is not a choice code of 'mc'"},
      {"[mc(1)] = '2'", "compared with = or <> to '1' or '0'"},
      {"[mc(1)] > '0'", "compared with = or <> to '1' or '0'"},
      {"[sc] = 'x'", "'x' is not a choice code of 'sc'"},
      {"[sc] = '1.5'", "'1.5' is not a choice code of 'sc'"},
      {"[yn] = '2'", "yes/no field 'yn' is '1' or '0', not '2'"},
      {"[yn] > '0'", "a yes/no field cannot be ordered"},
      {"[n] = 'old'", "'old' is not a number, but 'n' is"},
      {"[dt] > 'today'", "'today' is not a date written YYYY-MM-DD"},
      // Found by redcap_import_fuzzer: the shape of a date, not a date.
      {"[dt] > 'age4-03-01'", "'age4-03-01' is not a date written YYYY-MM-DD"},
      {"[dt] = '2026-02-30'", "'2026-02-30' is not a date written YYYY-MM-DD"},
      {"[n] > ''", "a blank cannot be ordered"},
      {"[n]", "expected an operator such as = after [n], found the end"},
      {"[n] = '1' and", "expected a comparison, found the end"},
      {"([n] = '1'", "expected ')', found the end"},
      {"[n] = '1')", "expected 'and', 'or' or the end, found ')'"},
      {"[n] = 'open", "has no closing quote"},
      {"[n = 1", "a '[' has no closing ']'"},
      {"not [n] = 1", "unexpected word 'not'"},
      {"[n] = 1 && [sc] = 1", "unexpected character '&'"},
      {"[n] = true", "unexpected word 'true'"},
      {"[n] = 1 ≠ 2", "unexpected character '≠'"},
      {"[n] =", "expected a value after the operator, found the end"},
      {std::string(100, '(') + "[n] = 1" + std::string(100, ')'), "nested too deeply"},
      {"[gone] = '1'", "unknown field 'gone'"},
  };
  for (const Case& c : cases) {
    auto ours = import_logic(c.redcap);
    ASSERT_FALSE(ours.ok()) << c.redcap << " gave " << ours.value();
    EXPECT_TRUE(contains(ours.error().message, c.reason))
        << c.redcap << ": " << ours.error().message;
  }
}

// Where number(t) and REDCap part: a text answer that is not a number.
// REDCap then compares text ('tjue' > '18'); ours is false. Equality
// agrees: a number never equals a text that is not one. docs/redcap.md
// says so, and the import warns where an ordering is translated.
TEST(RedcapBranchingImport, NumberOfTextPartsFromRedcapOnlyOnTextThatIsNoNumber) {
  auto ordered = Expression::parse("number(age) > 18");
  auto equal = Expression::parse("not (number(age) = 18)");
  ASSERT_TRUE(ordered.ok() && equal.ok());
  Answers words{{"age", std::string("tjue")}};
  RedcapValues raw{{"age", "tjue"}};
  EXPECT_FALSE(ordered->evaluate(words));
  EXPECT_TRUE(redcap_evaluate("[age] > 18", raw));
  EXPECT_TRUE(equal->evaluate(words));
  EXPECT_TRUE(redcap_evaluate("[age] <> 18", raw));
  EXPECT_FALSE(redcap_evaluate("[age] = 18", raw));
  // '007' is the number 7 on both sides; an export writes it 7.
  auto agent = import_logic("[age] = '007'");
  ASSERT_TRUE(agent.ok()) << agent.error().message;
  EXPECT_EQ(agent.value(), "number(age) = 7");
  expect_same_meaning(agent.value(), "[age] = '007'");
}

TEST(RedcapBranchingImport, ReferenceErrorsComeFromTheLookup) {
  auto condition = from_branching_logic(
      "[sc] = '1' and [later] = '1'", [](std::string_view name) -> Result<FieldInfo> {
        if (name == "sc") return FieldInfo{FieldInfo::Kind::single_choice, {1, 2}};
        return make_error("branching_reference",
                          "it refers to '" + std::string(name) + "', which comes later");
      });
  ASSERT_FALSE(condition.ok());
  EXPECT_EQ(condition.error().code, "branching_reference");
  EXPECT_EQ(condition.error().message, "it refers to 'later', which comes later");
}

// --- round trips of conditions ----------------------------------------------

TEST(RedcapBranchingRoundTrip, ExportedLogicImportsToTheSameMeaningAndExportsTheSameText) {
  for (const ExportCase& c : kExportCases) {
    auto imported = import_logic(c.redcap);
    ASSERT_TRUE(imported.ok()) << c.redcap << ": " << imported.error().message;
    expect_same_meaning(imported.value(), c.redcap);
    auto again = export_logic(imported.value());
    ASSERT_TRUE(again.ok()) << imported.value();
    EXPECT_EQ(normalize_branching_logic(again.value()).value(),
              normalize_branching_logic(c.redcap).value())
        << c.ours << " -> " << c.redcap << " -> " << imported.value() << " -> " << again.value();
  }
}

TEST(RedcapBranchingRoundTrip, ImportedLogicExportsToTheSameNormalizedText) {
  for (const ImportCase& c : kImportCases) {
    auto exported = export_logic(c.ours);
    ASSERT_TRUE(exported.ok()) << c.ours;
    EXPECT_EQ(normalize_branching_logic(exported.value()).value(),
              normalize_branching_logic(c.redcap).value())
        << c.redcap << " -> " << c.ours << " -> " << exported.value();
  }
}

// --- normalization ----------------------------------------------------------

TEST(RedcapBranchingNormalize, CanonicalSpelling) {
  struct Case {
    std::string logic;
    std::string canonical;
  };
  const Case cases[] = {
      {"", ""},
      {"   ", ""},
      {"[Sex]=\"0\"  AND ([age]>=18 Or [consent(1)]='1')",
       "[sex] = '0' and ([age] >= '18' or [consent(1)] = '1')"},
      {"18 <= [age]", "[age] >= '18'"},
      {"[c(1)] <> '1'", "[c(1)] = '0'"},
      {"[c(1)] != \"0\"", "[c(1)] = '1'"},
      {"[a] != 5.0", "[a] <> '5'"},
      {"[a] = '007'", "[a] = '007'"},
      {"[t] = \"it's\"", "[t] = \"it's\""},
      {"(([a] = 1 and [b] = 2) and [c] = 3)", "[a] = '1' and [b] = '2' and [c] = '3'"},
      {"[a] = 1 or ([b] = 2 or [c] = 3)", "[a] = '1' or [b] = '2' or [c] = '3'"},
      {"[a] = 1 or [b] = 2 and [c] = 3", "[a] = '1' or ([b] = '2' and [c] = '3')"},
  };
  for (const Case& c : cases) {
    auto canonical = normalize_branching_logic(c.logic);
    ASSERT_TRUE(canonical.ok()) << c.logic << ": " << canonical.error().message;
    EXPECT_EQ(canonical.value(), c.canonical) << c.logic;
  }
}

TEST(RedcapBranchingNormalize, UnreadableLogicIsAnError) {
  auto canonical = normalize_branching_logic("datediff([a], 'today', 'y') > 1");
  ASSERT_FALSE(canonical.ok());
  EXPECT_EQ(canonical.error().code, "unsupported_branching");
}

// --- numbers ----------------------------------------------------------------

TEST(RedcapJsonWriter, NumbersArePlainDecimals) {
  EXPECT_EQ(format_number(18), "18");
  EXPECT_EQ(format_number(0.5), "0.5");
  EXPECT_EQ(format_number(-2.25), "-2.25");
  EXPECT_EQ(format_number(1e15), "1000000000000000");
  EXPECT_EQ(format_number(-0.0), "0");
}

}  // namespace
}  // namespace parorende::redcap
