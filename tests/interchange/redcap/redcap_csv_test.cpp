// RFC 4180 reading and writing (interchange/redcap/csv.h).
#include <gtest/gtest.h>

#include "interchange/redcap/csv.h"
#include "test_support.h"

namespace parorende::redcap {
namespace {

using Rows = std::vector<std::vector<std::string>>;

Rows fields_of(std::string_view text) {
  auto records = parse_csv(text);
  if (!records) {
    ADD_FAILURE() << testing::describe_problems(records.error());
    return {};
  }
  Rows rows;
  for (const CsvRecord& record : records.value()) rows.push_back(record.fields);
  return rows;
}

TEST(RedcapCsv, PlainFieldsAndRecords) {
  EXPECT_EQ(fields_of("a,b,c\n1,2,3\n"), (Rows{{"a", "b", "c"}, {"1", "2", "3"}}));
}

TEST(RedcapCsv, LastRecordWithoutLineBreak) {
  EXPECT_EQ(fields_of("a,b\n1,2"), (Rows{{"a", "b"}, {"1", "2"}}));
}

TEST(RedcapCsv, EmptyInputHasNoRecords) {
  EXPECT_EQ(fields_of(""), Rows{});
}

TEST(RedcapCsv, EmptyFieldsAreKept) {
  EXPECT_EQ(fields_of(",,\na,,\n"), (Rows{{"", "", ""}, {"a", "", ""}}));
}

TEST(RedcapCsv, TrailingCommaAtEndOfFileIsAnEmptyField) {
  EXPECT_EQ(fields_of("a,"), (Rows{{"a", ""}}));
}

TEST(RedcapCsv, QuotedFieldHoldsCommasAndDoubledQuotes) {
  EXPECT_EQ(fields_of("\"1, Yes | 2, No\",\"He said \"\"hi\"\"\"\n"),
            (Rows{{"1, Yes | 2, No", "He said \"hi\""}}));
}

TEST(RedcapCsv, QuotedEmptyFieldAndQuotedQuote) {
  EXPECT_EQ(fields_of("\"\",\"\"\"\"\n"), (Rows{{"", "\""}}));
}

TEST(RedcapCsv, CrLfLfAndCrAllEndRecords) {
  EXPECT_EQ(fields_of("a,b\r\nc,d\ne,f\rg,h\r\n"),
            (Rows{{"a", "b"}, {"c", "d"}, {"e", "f"}, {"g", "h"}}));
}

TEST(RedcapCsv, QuotedFieldHoldsLineBreaksVerbatim) {
  EXPECT_EQ(fields_of("x,\"line 1\r\nline 2\nline 3\"\r\ny,z\r\n"),
            (Rows{{"x", "line 1\r\nline 2\nline 3"}, {"y", "z"}}));
}

TEST(RedcapCsv, RowAndLineNumbersDifferAfterAnEmbeddedLineBreak) {
  auto records = parse_csv("h1,h2\r\n\"a\r\nb\",c\r\nd,e\r\n");
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 3u);
  EXPECT_EQ((*records)[1].row, 2u);
  EXPECT_EQ((*records)[1].line, 2u);
  EXPECT_EQ((*records)[2].row, 3u);
  EXPECT_EQ((*records)[2].line, 4u);
}

TEST(RedcapCsv, ByteOrderMarkIsSkipped) {
  EXPECT_EQ(fields_of("\xEF\xBB\xBF" "Variable,b\n"), (Rows{{"Variable", "b"}}));
}

TEST(RedcapCsv, QuoteInsideAnUnquotedFieldIsText) {
  EXPECT_EQ(fields_of("5\" screen,b\n"), (Rows{{"5\" screen", "b"}}));
}

TEST(RedcapCsv, BlankLineIsOneEmptyField) {
  EXPECT_EQ(fields_of("a\n\nb\n"), (Rows{{"a"}, {""}, {"b"}}));
}

TEST(RedcapCsv, UnclosedQuoteNamesTheLineWhereTheFieldStarts) {
  auto records = parse_csv("a,b\nc,\"open\nstill open\n");
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.error().code, "invalid_csv");
  ASSERT_EQ(records.error().problems.size(), 1u);
  EXPECT_EQ(records.error().problems[0].where, "line 2");
  EXPECT_TRUE(testing::contains(records.error().message, "never closed"));
}

TEST(RedcapCsv, TextAfterAClosingQuoteIsAnError) {
  auto records = parse_csv("a,b\n\"x\"y,z\n");
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.error().problems[0].where, "line 2");
  EXPECT_TRUE(testing::contains(records.error().message, "after the closing quote"));
}

TEST(RedcapCsv, LatinOneTextIsRejectedWithItsLine) {
  auto records = parse_csv("a,b\nok,ok\nBod\xF8,x\n");
  ASSERT_FALSE(records.ok());
  EXPECT_EQ(records.error().problems[0].where, "line 3");
  EXPECT_TRUE(testing::contains(records.error().message, "UTF-8"));
}

TEST(RedcapCsv, WriterQuotesOnlyWhenNeededAndEndsLinesWithCrLf) {
  EXPECT_EQ(write_csv({{"plain", "a,b", "say \"x\"", "two\nlines", ""}, {"æøå"}}),
            "plain,\"a,b\",\"say \"\"x\"\"\",\"two\nlines\",\r\næøå\r\n");
}

TEST(RedcapCsv, WrittenTextReadsBackTheSame) {
  Rows rows = {{"", ",", "\"", "\r\n", "a\rb", " spaced "}, {"x"}};
  EXPECT_EQ(fields_of(write_csv(rows)), rows);
}

}  // namespace
}  // namespace parorende::redcap
