// Validating single answers, one item type after the other
// (questionnaire/response_validation.h).
#include "questionnaire/response_validation.h"

#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>
#include <set>

#include "test_support.h"
#include "validation_survey.h"

namespace parorende {
namespace {

using namespace testing::validation;
using testing::describe_problems;
using testing::json_of;
using testing::problem_at;

// --------------------------------------------------------------- item types

TEST(ValidateSingleChoice, AcceptsOptionsAndDontKnow) {
  EXPECT_EQ(std::get<std::int64_t>(accepted("choice", "1")), 1);
  EXPECT_EQ(std::get<std::int64_t>(accepted("choice", "3")), 3);
  EXPECT_EQ(std::get<std::int64_t>(accepted("choice", "9")), 9) << "don't know";
  EXPECT_EQ(std::get<std::int64_t>(accepted("choice", "2.0")), 2);
}

TEST(ValidateSingleChoice, RejectsOtherCodesAndTypes) {
  EXPECT_EQ(single_problem("choice", "4", "not_an_option").message,
            "4 is not one of the answer options.");
  EXPECT_EQ(single_problem("choice", "0", "not_an_option").message,
            "0 is not one of the answer options.");
  EXPECT_EQ(single_problem("choice", "8", "not_an_option").message,
            "8 is not one of the answer options.");
  EXPECT_EQ(single_problem("choice", "\"1\"", "wrong_type").message,
            "The answer must be one of the answer options.");
  EXPECT_EQ(single_problem("choice", "1.5", "wrong_type").message,
            "The answer must be one of the answer options.");
  EXPECT_EQ(single_problem("choice", "[1]", "wrong_type").message,
            "The answer must be one of the answer options.");
  single_problem("choice", "true", "wrong_type");
  single_problem("choice", "18446744073709551615", "wrong_type");
}

TEST(ValidateMultipleChoice, AcceptsSortedDistinctCodes) {
  EXPECT_EQ(std::get<std::vector<std::int64_t>>(accepted("many", "[3, 1]")),
            (std::vector<std::int64_t>{1, 3}));
  EXPECT_EQ(std::get<std::vector<std::int64_t>>(accepted("many", "[4, 2, 4, 2, 1]")),
            (std::vector<std::int64_t>{1, 2, 4}))
      << "duplicates are removed before max_choices (3) is checked";
  EXPECT_EQ(std::get<std::vector<std::int64_t>>(accepted("many", "[1, 2, 3]")),
            (std::vector<std::int64_t>{1, 2, 3}))
      << "exactly max_choices";
}

TEST(ValidateMultipleChoice, MinAndMaxChoices) {
  EXPECT_EQ(single_problem("many", "[1]", "too_few_choices").message, "Choose at least 2.");
  EXPECT_EQ(single_problem("many", "[2, 2]", "too_few_choices").message, "Choose at least 2.")
      << "duplicates count once";
  EXPECT_EQ(single_problem("many", "[1, 2, 3, 4]", "too_many_choices").message,
            "Choose at most 3.");
}

TEST(ValidateMultipleChoice, RejectsOtherCodesAndTypes) {
  EXPECT_EQ(single_problem("many", "[1, 5]", "not_an_option").message,
            "5 is not one of the answer options.");
  EXPECT_EQ(single_problem("many", "1", "wrong_type").message,
            "The answer must be a list of answer options.");
  EXPECT_EQ(single_problem("many", "[1, \"2\"]", "wrong_type").message,
            "The answer must be a list of answer options.");
  single_problem("many", "[1, 2.5]", "wrong_type");
  single_problem("many", "{}", "wrong_type");
}

TEST(ValidateMultipleChoice, AnEmptyListIsNoAnswer) { dropped_as_unanswered("many", "[]"); }

TEST(ValidateYesNo, OnlyTrueAndFalse) {
  EXPECT_EQ(std::get<bool>(accepted("ok", "true")), true);
  EXPECT_EQ(std::get<bool>(accepted("ok", "false")), false);
  EXPECT_EQ(single_problem("ok", "1", "wrong_type").message, "The answer must be yes or no.");
  single_problem("ok", "\"true\"", "wrong_type");
  single_problem("ok", "0", "wrong_type");
}

TEST(ValidateInteger, AcceptsWholeNumbersIncludingThreePointZero) {
  EXPECT_EQ(std::get<std::int64_t>(accepted("hours", "3")), 3);
  EXPECT_EQ(std::get<std::int64_t>(accepted("hours", "3.0")), 3);
  EXPECT_EQ(std::get<std::int64_t>(accepted("hours", "0")), 0) << "min is inclusive";
  EXPECT_EQ(std::get<std::int64_t>(accepted("hours", "168")), 168) << "max is inclusive";
  EXPECT_EQ(std::get<std::int64_t>(accepted("hours", "1.68e2")), 168);
}

TEST(ValidateInteger, RejectsFractionsTextAndOutOfRange) {
  EXPECT_EQ(single_problem("hours", "3.5", "wrong_type").message,
            "The answer must be a whole number.");
  EXPECT_EQ(single_problem("hours", "\"3\"", "wrong_type").message,
            "The answer must be a whole number.");
  single_problem("hours", "true", "wrong_type");
  EXPECT_EQ(single_problem("hours", "-1", "out_of_range").message,
            "The answer must be between 0 and 168.");
  EXPECT_EQ(single_problem("hours", "169", "out_of_range").message,
            "The answer must be between 0 and 168.");
  EXPECT_EQ(single_problem("at_least", "9", "out_of_range").message,
            "The answer must be at least 10.");
  EXPECT_EQ(std::get<std::int64_t>(accepted("at_least", "10")), 10);
  EXPECT_EQ(single_problem("at_most", "6", "out_of_range").message,
            "The answer must be at most 5.");
  EXPECT_EQ(std::get<std::int64_t>(accepted("at_most", "-1000")), -1000);
}

TEST(ValidateDecimal, AcceptsNumbersInRange) {
  EXPECT_DOUBLE_EQ(std::get<double>(accepted("km", "2.5")), 2.5);
  EXPECT_DOUBLE_EQ(std::get<double>(accepted("km", "1")), 1.0) << "an integer is a number";
  EXPECT_DOUBLE_EQ(std::get<double>(accepted("km", "0")), 0.0);
  EXPECT_DOUBLE_EQ(std::get<double>(accepted("km", "0.125")), 0.125);
}

TEST(ValidateDecimal, RejectsOutOfRangeAndText) {
  EXPECT_EQ(single_problem("km", "2.51", "out_of_range").message,
            "The answer must be between 0 and 2.5.");
  EXPECT_EQ(single_problem("km", "-0.1", "out_of_range").message,
            "The answer must be between 0 and 2.5.");
  EXPECT_EQ(single_problem("km", "\"1.5\"", "wrong_type").message, "The answer must be a number.");
  // Norwegian writes a decimal comma.
  EXPECT_EQ(single_problem("km", "2.51", "out_of_range", "nb").message,
            "Svaret må være mellom 0 og 2,5.");
  EXPECT_EQ(single_problem("km", "2.51", "out_of_range", "nn").message,
            "Svaret må vere mellom 0 og 2,5.");
  single_problem("km", "false", "wrong_type");
}

TEST(ValidateText, MaxLengthCountsCodePointsNotBytes) {
  EXPECT_EQ(std::get<std::string>(accepted("note", "\"hello\"")), "hello");
  // Five letters of two bytes each (ten bytes) fit in max_length 5.
  EXPECT_EQ(std::get<std::string>(accepted("note", "\"æøåÆØ\"")), "æøåÆØ");
  // Five emoji of four bytes each (twenty bytes) fit too.
  EXPECT_EQ(std::get<std::string>(accepted("note", "\"😀😀😀😀😀\"")), "😀😀😀😀😀");
  // The same written as JSON escapes (surrogate pairs) is the same text.
  EXPECT_EQ(std::get<std::string>(accepted("note", R"("\u00e6\ud83d\ude00")")), "æ😀");
  EXPECT_EQ(single_problem("note", "\"æøåÆØÅ\"", "too_long").message,
            "The answer can be at most 5 characters long.");
  single_problem("note", "\"hello!\"", "too_long");
  EXPECT_EQ(single_problem("note", "5", "wrong_type").message, "The answer must be text.");
}

TEST(ValidateText, AnEmptyTextIsNoAnswer) { dropped_as_unanswered("note", "\"\""); }

TEST(ValidateText, ControlCharactersAreRefusedButLineBreaksAndTabsAreText) {
  for (const char* bad :
       {R"("a\u0000")", R"("\u0007")", R"("a\rb")", R"("\u007f")", R"("\u0085")"}) {
    EXPECT_EQ(single_problem("note", bad, "control_character").message,
              "The answer cannot contain control characters (invisible characters that are not "
              "text).")
        << bad;
  }
  EXPECT_EQ(single_problem("note", R"("\u0000")", "control_character", "nb").message,
            "Svaret kan ikke inneholde kontrolltegn (usynlige tegn som ikke er tekst).");
  EXPECT_EQ(std::get<std::string>(accepted("note", R"("a\tb\nc")")), "a\tb\nc");
  EXPECT_EQ(std::get<std::string>(accepted("note", R"("a\r\nb")")), "a\r\nb");
}

TEST(ValidateDate, LeapYears) {
  EXPECT_EQ(std::get<Date>(accepted("any_date", "\"2024-02-29\"")), (Date{2024, 2, 29}));
  EXPECT_EQ(std::get<Date>(accepted("any_date", "\"2000-02-29\"")), (Date{2000, 2, 29}))
      << "divisible by 400: leap";
  EXPECT_EQ(std::get<Date>(accepted("any_date", "\"2100-02-28\"")), (Date{2100, 2, 28}));
  EXPECT_EQ(single_problem("any_date", "\"2023-02-29\"", "invalid_date").message,
            "'2023-02-29' is not a valid date. Write it as YYYY-MM-DD.");
  single_problem("any_date", "\"2100-02-29\"", "invalid_date");  // divisible by 100
  single_problem("any_date", "\"1900-02-29\"", "invalid_date");
  single_problem("any_date", "\"2024-02-30\"", "invalid_date");
}

TEST(ValidateDate, CalendarAndFormat) {
  EXPECT_EQ(std::get<Date>(accepted("any_date", "\"2024-12-31\"")), (Date{2024, 12, 31}));
  EXPECT_EQ(std::get<Date>(accepted("any_date", "\"1000-01-01\"")), (Date{1000, 1, 1}));
  for (std::string_view bad :
       {"\"2024-04-31\"", "\"2024-13-01\"", "\"2024-00-10\"", "\"2024-01-00\"", "\"2024-01-32\"",
        "\"2024-1-5\"", "\"24-01-05\"", "\"2024/01/05\"", "\"2024-01-05T00:00\"", "\"0999-12-31\"",
        "\"+024-01-05\"", "\"2024-0a-05\"", "\"\"", "\"2024-01--5\""}) {
    single_problem("any_date", bad, "invalid_date");
  }
  EXPECT_EQ(single_problem("any_date", "20240105", "wrong_type").message,
            "The answer must be a date (YYYY-MM-DD).");
}

TEST(ValidateDate, MinAndMax) {
  EXPECT_EQ(std::get<Date>(accepted("when", "\"2000-01-01\"")), (Date{2000, 1, 1}));
  EXPECT_EQ(std::get<Date>(accepted("when", "\"2024-12-31\"")), (Date{2024, 12, 31}));
  EXPECT_EQ(single_problem("when", "\"1999-12-31\"", "out_of_range").message,
            "The answer must be between 2000-01-01 and 2024-12-31.");
  EXPECT_EQ(single_problem("when", "\"2025-01-01\"", "out_of_range").message,
            "The answer must be between 2000-01-01 and 2024-12-31.");
}

TEST(ValidateMunicipality, AcceptsEveryCodeOfTheShippedCsv) {
  std::string csv = testing::read_file(testing::kSourceDir + "/data/municipalities.csv");
  std::size_t checked = 0;
  std::size_t start = csv.find('\n') + 1;  // skip the header
  while (start < csv.size()) {
    std::string code = csv.substr(start, 4);
    EXPECT_EQ(std::get<std::string>(accepted("home", "\"" + code + "\"")), code);
    ++checked;
    start = csv.find('\n', start);
    if (start == std::string::npos) break;
    ++start;
  }
  EXPECT_EQ(checked, 357u);
}

TEST(ValidateMunicipality, RejectsOtherCodes) {
  EXPECT_EQ(single_problem("home", "\"0300\"", "unknown_municipality").message,
            "'0300' is not a Norwegian municipality number.");
  single_problem("home", "\"301\"", "unknown_municipality");
  single_problem("home", "\"03010\"", "unknown_municipality");
  single_problem("home", "\"Oslo\"", "unknown_municipality");
  single_problem("home", "\"0101\"", "unknown_municipality");  // Halden before 2020
  EXPECT_EQ(single_problem("home", "301", "wrong_type").message,
            "The answer must be a four-digit municipality number.");
}

TEST(ValidateMunicipality, UsesTheRegistryGivenInTheOptions) {
  auto registry = MunicipalityRegistry::parse_csv(
      "code,name,county_code,county_name,population,area_km2,written_standard\n"
      "9999,Testby,99,Test,10,1.5,nb\n");
  ASSERT_TRUE(registry.ok());
  ValidationOptions options{Completeness::partial, true, &registry.value()};
  EXPECT_TRUE(validate(R"({"answers": {"home": "9999"}})", options).ok());
  auto oslo = validate(R"({"answers": {"home": "0301"}})", options);
  ASSERT_FALSE(oslo.ok());
  problem_at(oslo.error(), "home", "unknown_municipality");
}

}  // namespace
}  // namespace parorende
