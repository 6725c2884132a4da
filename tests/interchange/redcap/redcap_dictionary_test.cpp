// The dictionary model: columns, choices and action tags
// (interchange/redcap/dictionary.h, interchange/redcap/annotation.h).
#include <gtest/gtest.h>

#include "common/csv.h"
#include "interchange/redcap/annotation.h"
#include "interchange/redcap/dictionary.h"
#include "test_support.h"

namespace parorende::redcap {
namespace {

using testing::contains;
using testing::kSourceDir;
using testing::read_file;

std::string header_line() {
  std::vector<std::string> header(dictionary_columns().begin(), dictionary_columns().end());
  return csv::write({header});
}

TEST(RedcapDictionary, ColumnsAreRedcapsEighteenInOrder) {
  const auto& columns = dictionary_columns();
  ASSERT_EQ(columns.size(), 18u);
  EXPECT_EQ(columns.front(), "Variable / Field Name");
  EXPECT_EQ(columns[5], "Choices, Calculations, OR Slider Labels");
  EXPECT_EQ(columns[11], "Branching Logic (Show field only if...)");
  EXPECT_EQ(columns.back(), "Field Annotation");
}

TEST(RedcapDictionary, ReadsEveryCellWithItsRow) {
  std::string csv =
      header_line() +
      "age,f,Head,text,Age,,note,integer,0,120,,[x] = '1',y,RH,3,grid,y,@CHARLIMIT=3\r\n";
  auto dictionary = read_dictionary(csv);
  ASSERT_TRUE(dictionary.ok()) << testing::describe_result(dictionary);
  ASSERT_EQ(dictionary->fields.size(), 1u);
  const Field& field = dictionary->fields[0];
  EXPECT_EQ(field.row, 2u);
  EXPECT_EQ(field.name, "age");
  EXPECT_EQ(field.form, "f");
  EXPECT_EQ(field.section_header, "Head");
  EXPECT_EQ(field.type, "text");
  EXPECT_EQ(field.label, "Age");
  EXPECT_EQ(field.note, "note");
  EXPECT_EQ(field.validation, "integer");
  EXPECT_EQ(field.validation_min, "0");
  EXPECT_EQ(field.validation_max, "120");
  EXPECT_EQ(field.branching_logic, "[x] = '1'");
  EXPECT_EQ(field.required, "y");
  EXPECT_EQ(field.alignment, "RH");
  EXPECT_EQ(field.question_number, "3");
  EXPECT_EQ(field.matrix_group, "grid");
  EXPECT_EQ(field.matrix_ranking, "y");
  EXPECT_EQ(field.annotation, "@CHARLIMIT=3");
  EXPECT_TRUE(dictionary->problems.empty());
}

TEST(RedcapDictionary, ColumnsAreFoundByHeadingInAnyOrderAndCase) {
  std::vector<std::string> header(dictionary_columns().rbegin(), dictionary_columns().rend());
  header[0] = "  field annotation ";
  std::vector<std::string> values(18);
  values[17] = "age";     // Variable / Field Name, now last
  values[14] = "text";    // Field Type
  values[0] = "@HIDDEN";  // Field Annotation, now first
  auto dictionary = read_dictionary(csv::write({header, values}));
  ASSERT_TRUE(dictionary.ok()) << testing::describe_result(dictionary);
  EXPECT_EQ(dictionary->fields[0].name, "age");
  EXPECT_EQ(dictionary->fields[0].type, "text");
  EXPECT_EQ(dictionary->fields[0].annotation, "@HIDDEN");
}

TEST(RedcapDictionary, MissingColumnsAreAllNamed) {
  auto dictionary =
      read_dictionary(read_file(kSourceDir + "/tests/data/redcap/missing_columns.csv"));
  ASSERT_FALSE(dictionary.ok());
  const Error& error = dictionary.error();
  EXPECT_EQ(error.code, "invalid_dictionary");
  EXPECT_EQ(error.message,
            "the header lacks 2 of the 18 REDCap dictionary columns (read with the separator "
            "','; found 'Variable / Field Name', 'Form Name', 'Section Header', 'Kind', "
            "'Field Label', 'Choices, Calculations, OR Slider Labels' and 12 more); a data "
            "dictionary is downloaded from REDCap's Dictionary page or its API "
            "(content=metadata)");
  ASSERT_EQ(error.problems.size(), 2u);
  EXPECT_EQ(error.problems[0].where, "row 1");
  EXPECT_EQ(error.problems[0].message, "the header has no column 'Field Type'");
  EXPECT_EQ(error.problems[1].message, "the header has no column 'Required Field?'");
}

// Excel in a Norwegian locale saves "CSV UTF-8" with semicolons, a byte
// order mark and CRLF; commas stay unquoted inside cells.
TEST(RedcapDictionary, SemicolonsFromNorwegianExcelAreRead) {
  auto dictionary =
      read_dictionary(read_file(kSourceDir + "/tests/data/redcap/norwegian_excel.csv"));
  ASSERT_TRUE(dictionary.ok()) << testing::describe_result(dictionary);
  ASSERT_EQ(dictionary->fields.size(), 4u);
  EXPECT_TRUE(dictionary->problems.empty());
  EXPECT_EQ(dictionary->fields[1].name, "relasjon");
  EXPECT_EQ(dictionary->fields[1].choices,
            "1, Ektefelle eller samboer | 2, Barn | 3, Forelder | 4, Annen");
  EXPECT_EQ(dictionary->fields[3].label, "Har du noe å legge til; stort eller smått?");
  EXPECT_EQ(dictionary->fields[3].branching_logic, "[timer] > 20");
  EXPECT_EQ(dictionary->fields[3].row, 5u);
}

TEST(RedcapDictionary, TabsAndTheApisColumnNamesAreRead) {
  std::string header =
      "field_name\tform_name\tsection_header\tfield_type\tfield_label\t"
      "select_choices_or_calculations\tfield_note\ttext_validation_type_or_show_slider_number\t"
      "text_validation_min\ttext_validation_max\tidentifier\tbranching_logic\trequired_field\t"
      "custom_alignment\tquestion_number\tmatrix_group_name\tmatrix_ranking\tfield_annotation\n";
  auto dictionary = read_dictionary(header +
                                    "age\tf\t\ttext\tAge, in years\t\t\tinteger\t0\t120"
                                    "\t\t\ty\t\t\t\t\t@HIDDEN\n");
  ASSERT_TRUE(dictionary.ok()) << testing::describe_result(dictionary);
  ASSERT_EQ(dictionary->fields.size(), 1u);
  EXPECT_TRUE(dictionary->problems.empty());
  EXPECT_EQ(dictionary->fields[0].label, "Age, in years");
  EXPECT_EQ(dictionary->fields[0].validation_max, "120");
  EXPECT_EQ(dictionary->fields[0].required, "y");
  EXPECT_EQ(dictionary->fields[0].annotation, "@HIDDEN");
}

// Before REDCap 6.5 a dictionary had 16 columns.
TEST(RedcapDictionary, TheSixteenColumnLayoutIsRead) {
  auto dictionary =
      read_dictionary(read_file(kSourceDir + "/tests/data/redcap/legacy_16_columns.csv"));
  ASSERT_TRUE(dictionary.ok()) << testing::describe_result(dictionary);
  ASSERT_EQ(dictionary->fields.size(), 3u);
  EXPECT_TRUE(dictionary->problems.empty());
  EXPECT_EQ(dictionary->fields[1].choices, "0, Poor | 1, Fair | 2, Good");
  EXPECT_EQ(dictionary->fields[1].alignment, "RH");
  EXPECT_EQ(dictionary->fields[1].matrix_ranking, "");
  EXPECT_EQ(dictionary->fields[1].annotation, "");
}

TEST(RedcapDictionary, EmptyFileIsAnError) {
  auto dictionary = read_dictionary("");
  ASSERT_FALSE(dictionary.ok());
  EXPECT_EQ(dictionary.error().code, "invalid_dictionary");
}

TEST(RedcapDictionary, MalformedCsvIsAnError) {
  auto dictionary = read_dictionary(header_line() + "a,\"b\n");
  ASSERT_FALSE(dictionary.ok());
  EXPECT_EQ(dictionary.error().code, "invalid_csv");
  EXPECT_EQ(dictionary.error().problems[0].where, "line 2");
}

TEST(RedcapDictionary, RowsWithTheWrongWidthAreReportedAndBlankRowsIgnored) {
  std::string csv = header_line() + "a,f,,text,A,,,,,,,,,,,,,\r\n" +
                    ",,,,,,,,,,,,,,,,,\r\n"  // what spreadsheets leave behind
                    "b,f,,text\r\n"
                    "\r\n"
                    "c,f,,text,C,,,,,,,,,,,,,\r\n"
                    "d,f,,text,D,,,,,,,,,,,,,,,\r\n"  // empty cells beyond the header
                    "e,f,,text,E,,,,,,,,,,,,,,x\r\n";
  auto dictionary = read_dictionary(csv);
  ASSERT_TRUE(dictionary.ok()) << testing::describe_result(dictionary);
  ASSERT_EQ(dictionary->fields.size(), 3u);
  EXPECT_EQ(dictionary->fields[1].name, "c");
  EXPECT_EQ(dictionary->fields[1].row, 6u);
  EXPECT_EQ(dictionary->fields[2].name, "d");
  ASSERT_EQ(dictionary->problems.size(), 2u);
  EXPECT_EQ(dictionary->problems[1].where, "row 8");
  EXPECT_EQ(dictionary->problems[0].where, "row 4");
  EXPECT_EQ(dictionary->problems[0].code, "malformed_row");
  EXPECT_TRUE(contains(dictionary->problems[0].message, "has 4 values but the header has 18"));
}

TEST(RedcapDictionary, ExtraColumnsAreReportedAndIgnored) {
  std::vector<std::string> header(dictionary_columns().begin(), dictionary_columns().end());
  header.push_back("Comments");
  std::vector<std::string> values(19);
  values[0] = "a";
  values[18] = "ignored";
  auto dictionary = read_dictionary(csv::write({header, values}));
  ASSERT_TRUE(dictionary.ok());
  ASSERT_EQ(dictionary->problems.size(), 1u);
  EXPECT_EQ(dictionary->problems[0].code, "unknown_column");
  EXPECT_EQ(dictionary->problems[0].where, "row 1");
}

TEST(RedcapDictionary, WrittenDictionaryReadsBack) {
  Field field;
  field.name = "comment";
  field.form = "survey";
  field.section_header = "Til slutt";
  field.type = "notes";
  field.label = "Hva kan \"kommunen\" gjøre bedre,\nfor deg?";
  field.annotation = "@CHARLIMIT=500\n@PARORENDE-SECTION=closing";
  std::string csv = write_dictionary({field});
  EXPECT_EQ(csv.substr(0, csv.find("\r\n")),
            "Variable / Field Name,Form Name,Section Header,Field Type,Field Label,"
            "\"Choices, Calculations, OR Slider Labels\",Field Note,"
            "Text Validation Type OR Show Slider Number,Text Validation Min,"
            "Text Validation Max,Identifier?,Branching Logic (Show field only if...),"
            "Required Field?,Custom Alignment,Question Number (surveys only),"
            "Matrix Group Name,Matrix Ranking?,Field Annotation");
  auto read = read_dictionary(csv);
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->fields.size(), 1u);
  EXPECT_EQ(read->fields[0].label, field.label);
  EXPECT_EQ(read->fields[0].annotation, field.annotation);
  EXPECT_EQ(read->fields[0].section_header, "Til slutt");
}

TEST(RedcapDictionary, YesCells) {
  EXPECT_TRUE(is_yes("y"));
  EXPECT_TRUE(is_yes(" Y "));
  EXPECT_TRUE(is_yes("1"));
  EXPECT_FALSE(is_yes(""));
  EXPECT_FALSE(is_yes("n"));
  EXPECT_FALSE(is_yes("yes please"));
}

TEST(RedcapChoices, CodesAndLabelsSplitAtTheFirstComma) {
  auto choices = parse_choices(" 1, Yes | 2 ,No, never|9,  Don't know ");
  ASSERT_TRUE(choices.ok()) << testing::describe_result(choices);
  ASSERT_EQ(choices->size(), 3u);
  EXPECT_EQ((*choices)[0].code, "1");
  EXPECT_EQ((*choices)[0].label, "Yes");
  EXPECT_EQ((*choices)[1].code, "2");
  EXPECT_EQ((*choices)[1].label, "No, never");
  EXPECT_EQ((*choices)[2].code, "9");
  EXPECT_EQ((*choices)[2].label, "Don't know");
  EXPECT_EQ(format_choices(choices.value()), "1, Yes | 2, No, never | 9, Don't know");
}

// A cell typed one choice per line, as older dictionaries and
// spreadsheets have them.
TEST(RedcapChoices, OneChoicePerLineIsRead) {
  auto choices = parse_choices("1, Yes\r\n2, No, never\n\n9, Don't know\n");
  ASSERT_TRUE(choices.ok()) << testing::describe_result(choices);
  ASSERT_EQ(choices->size(), 3u);
  EXPECT_EQ((*choices)[1].code, "2");
  EXPECT_EQ((*choices)[1].label, "No, never");
  EXPECT_EQ((*choices)[2].label, "Don't know");
  auto old_mac = parse_choices("1, Ja\r2, Nei");
  ASSERT_TRUE(old_mac.ok());
  EXPECT_EQ(old_mac->size(), 2u);
  // With a '|' anywhere, '|' alone separates: a line break is in a label.
  auto piped = parse_choices("1, Yes | 2, No\nnever");
  ASSERT_TRUE(piped.ok());
  EXPECT_EQ((*piped)[1].label, "No\nnever");
}

TEST(RedcapChoices, MalformedCellsSayWhatIsWrong) {
  struct Case {
    std::string cell;
    std::string message;
  };
  const Case cases[] = {
      {"", "has no choices"},
      {"1, Yes | | 2, No", "choice 2 is empty (two '|' in a row?)"},
      {"1, Yes |", "choice 2 is empty (two '|' in a row?)"},
      {"1 Yes | 2, No", "choice 1 '1 Yes' has no comma between code and label"},
      {", Yes | 2, No", "choice 1 ', Yes' has no code"},
      {"1, Yes | 1, Again", "code '1' is used twice"},
  };
  for (const Case& c : cases) {
    auto choices = parse_choices(c.cell);
    ASSERT_FALSE(choices.ok()) << c.cell;
    EXPECT_EQ(choices.error().code, "malformed_choices");
    EXPECT_EQ(choices.error().message, c.message) << c.cell;
  }
}

TEST(RedcapActionTags, NamesValuesAndSurroundingText) {
  auto tags = parse_action_tags(
      "Note @HIDDEN @charlimit=500 e-mail@example.com\n@DEFAULT='a b' @X=\"q\"\n"
      "@PARORENDE-SCALE-DEF={\"id\": \"s\", \"title\": \"a } b @NOT\"} @PARORENDE-MUNICIPALITY");
  ASSERT_EQ(tags.size(), 6u);
  EXPECT_EQ(tags[0].name, "HIDDEN");
  EXPECT_EQ(tags[0].value, "");
  EXPECT_EQ(tags[1].name, "CHARLIMIT");
  EXPECT_EQ(tags[1].value, "500");
  EXPECT_EQ(tags[2].name, "DEFAULT");
  EXPECT_EQ(tags[2].value, "a b");
  EXPECT_EQ(tags[3].name, "X");
  EXPECT_EQ(tags[3].value, "q");
  EXPECT_EQ(tags[4].name, "PARORENDE-SCALE-DEF");
  EXPECT_EQ(tags[4].value, "{\"id\": \"s\", \"title\": \"a } b @NOT\"}");
  EXPECT_EQ(tags[5].name, "PARORENDE-MUNICIPALITY");
}

TEST(RedcapActionTags, UnterminatedValuesDoNotCrash) {
  EXPECT_EQ(parse_action_tags("@A='open").front().value, "open");
  EXPECT_EQ(parse_action_tags("@A={\"x\": [").front().value, "{\"x\": [");
  EXPECT_EQ(parse_action_tags("@").size(), 0u);
  EXPECT_EQ(parse_action_tags("@=3").size(), 0u);
}

TEST(RedcapActionTags, FormatOneTagPerLine) {
  EXPECT_EQ(format_action_tags({{"PARORENDE-SECTION", "about"}, {"PARORENDE-MUNICIPALITY", ""}}),
            "@PARORENDE-SECTION=about\n@PARORENDE-MUNICIPALITY");
}

}  // namespace
}  // namespace parorende::redcap
