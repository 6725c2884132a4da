// RFC 4180 reading and writing (common/csv.h).
#include <gtest/gtest.h>

#include "common/csv.h"
#include "test_support.h"

namespace parorende::csv {
namespace {

using Records = std::vector<std::vector<std::string>>;

Records fields_of(std::string_view text) {
  auto records = parse(text);
  if (!records) {
    ADD_FAILURE() << testing::describe_problems(records.error());
    return {};
  }
  Records rows;
  for (const Record& record : records.value()) rows.push_back(record.fields);
  return rows;
}

TEST(Csv, PlainFieldsAndRecords) {
  EXPECT_EQ(fields_of("a,b,c\n1,2,3\n"), (Records{{"a", "b", "c"}, {"1", "2", "3"}}));
}

TEST(Csv, LastRecordWithoutLineBreak) {
  EXPECT_EQ(fields_of("a,b\n1,2"), (Records{{"a", "b"}, {"1", "2"}}));
}

TEST(Csv, EmptyInputHasNoRecords) { EXPECT_EQ(fields_of(""), Records{}); }

TEST(Csv, EmptyFieldsAreKept) {
  EXPECT_EQ(fields_of(",,\na,,\n"), (Records{{"", "", ""}, {"a", "", ""}}));
}

TEST(Csv, TrailingCommaAtEndOfFileIsAnEmptyField) {
  EXPECT_EQ(fields_of("a,"), (Records{{"a", ""}}));
}

TEST(Csv, QuotedFieldHoldsCommasAndDoubledQuotes) {
  EXPECT_EQ(fields_of("\"1, Yes | 2, No\",\"He said \"\"hi\"\"\"\n"),
            (Records{{"1, Yes | 2, No", "He said \"hi\""}}));
}

TEST(Csv, QuotedEmptyFieldAndQuotedQuote) {
  EXPECT_EQ(fields_of("\"\",\"\"\"\"\n"), (Records{{"", "\""}}));
}

TEST(Csv, CrLfLfAndCrAllEndRecords) {
  EXPECT_EQ(fields_of("a,b\r\nc,d\ne,f\rg,h\r\n"),
            (Records{{"a", "b"}, {"c", "d"}, {"e", "f"}, {"g", "h"}}));
}

TEST(Csv, QuotedFieldHoldsLineBreaksVerbatim) {
  EXPECT_EQ(fields_of("x,\"line 1\r\nline 2\nline 3\"\r\ny,z\r\n"),
            (Records{{"x", "line 1\r\nline 2\nline 3"}, {"y", "z"}}));
}

TEST(Csv, RowAndLineNumbersDifferAfterAnEmbeddedLineBreak) {
  auto records = parse("h1,h2\r\n\"a\r\nb\",c\r\nd,e\r\n");
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[1].row, 2u);
  EXPECT_EQ((*records)[1].line, 2u);
  EXPECT_EQ((*records)[2].row, 3u);
  EXPECT_EQ((*records)[2].line, 4u);
}

TEST(Csv, ByteOrderMarkIsSkipped) {
  EXPECT_EQ(fields_of("\xEF\xBB\xBF"
                      "Variable,b\n"),
            (Records{{"Variable", "b"}}));
}

TEST(Csv, QuoteInsideAnUnquotedFieldIsText) {
  EXPECT_EQ(fields_of("5\" screen,b\n"), (Records{{"5\" screen", "b"}}));
}

TEST(Csv, BlankLineIsOneEmptyField) {
  EXPECT_EQ(fields_of("a\n\nb\n"), (Records{{"a"}, {""}, {"b"}}));
}

TEST(Csv, UnclosedQuoteNamesTheLineWhereTheFieldStarts) {
  auto records = parse("a,b\nc,\"open\nstill open\n");
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.error().code, "invalid_csv");
  ASSERT_EQ(records.error().problems.size(), 1u);
  EXPECT_EQ(records.error().problems[0].where, "line 2");
  EXPECT_TRUE(testing::contains(records.error().message, "never closed"));
}

TEST(Csv, TextAfterAClosingQuoteIsAnError) {
  auto records = parse("a,b\n\"x\"y,z\n");
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.error().problems[0].where, "line 2");
  EXPECT_TRUE(testing::contains(records.error().message, "after the closing quote"));
}

TEST(Csv, LatinOneTextIsRejectedWithItsLine) {
  auto records = parse("a,b\nok,ok\nBod\xF8,x\n");
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.error().problems[0].where, "line 3");
  EXPECT_TRUE(testing::contains(records.error().message, "UTF-8"));
}

// Old Mac files end lines with CR alone, and CRLF is one line break.
TEST(Csv, LatinOneTextIsFoundOnItsLineWhateverTheLineEnds) {
  for (const char* text : {"a,b\rok,ok\rBod\xF8,x\r", "a,b\r\nok,ok\r\nBod\xF8,x\r\n"}) {
    auto records = parse(text);
    ASSERT_FALSE(records.ok());
    EXPECT_EQ(records.error().problems[0].where, "line 3") << text;
  }
}

TEST(Csv, SemicolonsAndTabsSeparateWhenAsked) {
  auto semicolons = parse("a;\"b;c\";d,e\r\n", ';');
  ASSERT_TRUE(semicolons.ok());
  EXPECT_EQ(semicolons->front().fields, (std::vector<std::string>{"a", "b;c", "d,e"}));
  auto tabs = parse("a\tb c\t\n", '\t');
  ASSERT_TRUE(tabs.ok());
  EXPECT_EQ(tabs->front().fields, (std::vector<std::string>{"a", "b c", ""}));
}

TEST(Csv, WriterQuotesOnlyWhenNeededAndEndsLinesWithCrLf) {
  EXPECT_EQ(write({{"plain", "a,b", "say \"x\"", "two\nlines", ""}, {"æøå"}}),
            "plain,\"a,b\",\"say \"\"x\"\"\",\"two\nlines\",\r\næøå\r\n");
}

TEST(Csv, AnEmptyFieldIsQuotedOnlyWhenAskedSoALoneOneIsNoBlankLine) {
  std::string out;
  csv::append_field(out, "");
  EXPECT_EQ(out, "");
  csv::append_field(out, "", true);
  EXPECT_EQ(out, "\"\"");
  EXPECT_EQ(csv::field("plain"), "plain");
  EXPECT_EQ(csv::field("cr\ronly"), "\"cr\ronly\"");
  EXPECT_EQ(fields_of("\"\"\r\n"), (Records{{""}}));
}

TEST(Csv, WrittenTextReadsBackTheSame) {
  Records rows = {{"", ",", "\"", "\r\n", "a\rb", " spaced "}, {"x"}};
  EXPECT_EQ(fields_of(write(rows)), rows);
}

}  // namespace
}  // namespace parorende::csv
