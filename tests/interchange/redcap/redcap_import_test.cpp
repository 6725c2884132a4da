// Importing hand-written REDCap dictionaries (tests/data/redcap/):
// what becomes of every field type, and every row that cannot be mapped,
// reported with its row number (interchange/redcap/import.h).
#include <gtest/gtest.h>

#include <boost/json/serialize.hpp>

#include "interchange/redcap/dictionary.h"
#include "interchange/redcap/import.h"
#include "interchange/redcap/json_writer.h"
#include "questionnaire/questionnaire_loader.h"
#include "test_support.h"

namespace parorende::redcap {
namespace {

using testing::contains;
using testing::json_of;
using testing::kSourceDir;
using testing::read_file;

std::string data(const std::string& name) {
  return read_file(kSourceDir + "/tests/data/redcap/" + name);
}

Import import_ok(const std::string& csv, ImportOptions options = {}) {
  auto imported = import_dictionary(csv, options);
  if (!imported) {
    ADD_FAILURE() << testing::describe_problems(imported.error());
    return Import{};
  }
  return std::move(imported).value();
}

struct Expected {
  std::string where;
  std::string code;
  std::string message_part;
};

void expect_warnings(const std::vector<Problem>& warnings, const std::vector<Expected>& expected) {
  std::string all;
  for (const Problem& warning : warnings) {
    all += "\n  " + warning.where + " " + warning.code + ": " + warning.message;
  }
  ASSERT_EQ(warnings.size(), expected.size()) << all;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(warnings[i].where, expected[i].where) << all;
    EXPECT_EQ(warnings[i].code, expected[i].code) << warnings[i].where << all;
    EXPECT_TRUE(contains(warnings[i].message, expected[i].message_part))
        << warnings[i].where << ": '" << warnings[i].message << "' lacks '"
        << expected[i].message_part << "'";
  }
}

void expect_json(const boost::json::value& actual, std::string_view expected) {
  boost::json::value wanted = json_of(expected);
  EXPECT_EQ(actual, wanted) << "got:\n"
                            << write_pretty_json(actual) << "expected:\n"
                            << write_pretty_json(wanted);
}

TEST(RedcapImport, EveryFieldTypeMapsAsDocumented) {
  Import imported = import_ok(data("every_field_type.csv"));
  expect_json(imported.definition, R"json({
    "format": "parorende-questionnaire/1", "id": "screening", "version": "1.0.0",
    "languages": ["nb"], "title": {"nb": "screening"},
    "sections": [
      {"id": "about_you", "title": {"nb": "About you"},
       "description": {"nb": "Please answer, if you can,\nevery question."},
       "items": [
         {"id": "sex", "type": "single_choice", "text": {"nb": "Sex"}, "required": true,
          "options": [{"code": 0, "label": {"nb": "Female"}}, {"code": 1, "label": {"nb": "Male"}}]},
         {"id": "age", "type": "integer", "text": {"nb": "Age in years"},
          "help": {"nb": "Whole years"}, "required": true, "min": 0, "max": 120},
         {"id": "weight", "type": "decimal", "text": {"nb": "Weight (kg)"},
          "visible_if": "age >= 18", "min": 20.0, "max": 300.5},
         {"id": "visit_date", "type": "date", "text": {"nb": "Date of visit"},
          "min": "2020-01-01", "max": "2030-12-31"},
         {"id": "email", "type": "text", "text": {"nb": "Your \"best\" e-mail, please"}}
       ]},
      {"id": "health_2", "title": {"nb": "Health"},
       "items": [
         {"id": "consent", "type": "multiple_choice", "text": {"nb": "I agree to:"},
          "options": [{"code": 1, "label": {"nb": "Being contacted"}},
                      {"code": 2, "label": {"nb": "Receiving results, by post"}},
                      {"code": 3, "label": {"nb": "Other"}}],
          "max_choices": 2},
         {"id": "consent_other", "type": "text", "text": {"nb": "Other, namely"},
          "visible_if": "selected(consent, 3)"},
         {"id": "comments", "type": "text", "text": {"nb": "Comments, if any"},
          "visible_if": "sex = 0 and (age >= 18 or selected(consent, 1))",
          "multiline": true, "max_length": 500},
         {"id": "smoker", "type": "yes_no", "text": {"nb": "Do you smoke?"},
          "visible_if": "age >= 18"},
         {"id": "smoke_daily", "type": "yes_no", "text": {"nb": "I smoke every day"},
          "visible_if": "smoker = true"},
         {"id": "cigarettes", "type": "integer", "text": {"nb": "Cigarettes per day"},
          "visible_if": "smoke_daily = true and not (smoker = false)", "min": 0, "max": 40},
         {"id": "health", "type": "single_choice", "text": {"nb": "General health"},
          "options": [{"code": 1, "label": {"nb": "Excellent"}}, {"code": 2, "label": {"nb": "Very good"}},
                      {"code": 3, "label": {"nb": "Good"}}, {"code": 4, "label": {"nb": "Fair"}},
                      {"code": 5, "label": {"nb": "Poor"}}],
          "dont_know": {"code": 9, "label": {"nb": "Don't know"}}},
         {"id": "pain", "type": "single_choice", "text": {"nb": "Pain today"},
          "visible_if": "answered(health) and not (health = 9)",
          "options": [{"code": 0, "label": {"nb": "None"}}, {"code": 1, "label": {"nb": "Mild"}},
                      {"code": 2, "label": {"nb": "Severe"}}]},
         {"id": "pain_where", "type": "text", "text": {"nb": "Where does it hurt?"},
          "required": true, "visible_if": "pain = 1 or pain = 2"},
         {"id": "no_pain_reason", "type": "text", "text": {"nb": "Why no pain?"},
          "visible_if": "not selected(consent, 2) and visit_date > '2024-01-01'", "multiline": true},
         {"id": "weight_unknown", "type": "yes_no", "text": {"nb": "Weight unknown?"},
          "visible_if": "not answered(weight)"}
       ]}
    ]})json");
  expect_warnings(
      imported.warnings,
      {{"row 2", "record_id_field", "field 'record_id' is the record ID"},
       {"row 8", "validation_ignored", "validation 'email' of 'email' has no parorende equivalent"},
       {"row 9", "identifier_field", "parorende never stores identifying data"},
       {"row 15", "slider_labels_dropped", "its labels 'None | Some | Many' are dropped"},
       {"row 17", "unsupported_field_type",
        "field 'bmi' (calc): calculated fields are not supported"},
       {"row 18", "unsupported_field_type",
        "field 'scan' (file): file upload fields are not supported"},
       {"row 20", "descriptive_not_mapped", "descriptive field 'thanks' comes after questions"}});
  EXPECT_EQ(imported.skipped_fields,
            (std::set<std::string>{"record_id", "full_name", "bmi", "scan", "thanks"}));
  EXPECT_TRUE(imported.fields_without_logic.empty());
}

TEST(RedcapImport, ImportedDefinitionLoadsAndValidates) {
  Import imported = import_ok(data("every_field_type.csv"));
  auto loaded = load_questionnaire(imported.definition);
  ASSERT_TRUE(loaded.ok()) << testing::describe_problems(loaded.error());
  EXPECT_EQ(loaded->items.size(), 16u);
  EXPECT_EQ(loaded->find_item("health")->dont_know->code, 9);
}

TEST(RedcapImport, EveryUnmappableRowIsReportedWithItsRowAndTheRestIsKept) {
  Import imported = import_ok(data("problems.csv"));
  expect_warnings(
      imported.warnings,
      {{"row 2", "record_id_field", "'record_id' is the record ID"},
       {"row 4", "unknown_field_type",
        "field 'q2' has unknown field type 'likert'; expected text, notes"},
       {"row 5", "malformed_choices", "the choices of 'q3' are malformed: choice 2 is empty"},
       {"row 6", "malformed_choices", "choice 1 '1 Yes' has no comma between code and label"},
       {"row 7", "malformed_choices", "choice code 'A' of 'q5' is not a whole number"},
       {"row 8", "malformed_choices", "code '1' is used twice"},
       {"row 9", "unsupported_branching", "functions such as datediff() are not supported"},
       {"row 10", "unsupported_branching", "event-prefixed or instance references"},
       {"row 11", "unsupported_branching",
        "smart variables and other references such as [record-name]"},
       {"row 12", "unsupported_branching", "arithmetic ('+') is not supported"},
       {"row 13", "branching_reference", "it refers to 'q12', which comes later (row 14)"},
       {"row 14", "branching_reference", "it refers to unknown field 'nope'"},
       {"row 15", "branching_reference", "it refers to the field itself"},
       {"row 16", "branching_reference", "it refers to 'q2' (row 4), which was not imported"},
       {"row 17", "unsupported_branching", "comparing two fields ([q1] = [q12]) is not supported"},
       {"row 18", "unsupported_field_type", "field 'q16' (calc)"},
       {"row 19", "unsupported_field_type", "field 'q17' (file)"},
       {"row 20", "identifier_field", "field 'q18' is marked as an identifier"},
       {"row 21", "invalid_field_name", "field name 'Q19' is not a-z first"},
       {"row 22", "duplicate_field_name", "field name 'q1' is already used in row 3"},
       {"row 23", "too_few_choices", "field 'q20' has fewer than two choices"},
       {"row 24", "malformed_row", "has 4 values but the header has 18"},
       {"row 25", "validation_ignored", "validation 'phone' of 'q21'"},
       {"row 26", "invalid_bound", "minimum 'abc' of 'q22' is not a whole number; dropped"},
       {"row 27", "action_tags_ignored", "action tags @HIDDEN-FORM have no parorende equivalent"},
       {"row 28", "unsupported_branching", "checkbox field 'q23' is compared per choice"},
       {"row 29", "unsupported_branching", "'maybe' is not a choice code of 'q1'"},
       {"row 30", "descriptive_not_mapped", "descriptive field 'q26'"},
       {"row 31", "unsupported_branching", "expected a comparison, found the end"}});
  // The logic itself and the consequence are in the message.
  EXPECT_EQ(imported.warnings[6].message,
            "branching logic 'datediff([visit], 'today', 'y') > 1' of 'q7' is not imported: "
            "functions such as datediff() are not supported; the field is always shown");
  EXPECT_EQ(imported.skipped_fields,
            (std::set<std::string>{"record_id", "q2", "q3", "q4", "q5", "q6", "q16", "q17", "q18",
                                   "Q19", "q20", "q26"}));
  EXPECT_EQ(imported.fields_without_logic,
            (std::set<std::string>{"q7", "q8", "q9", "q10", "q11", "q12", "q13", "q14", "q15",
                                   "q24", "q25", "q27"}));
  auto loaded = load_questionnaire(imported.definition);
  ASSERT_TRUE(loaded.ok()) << testing::describe_problems(loaded.error());
  std::vector<std::string> ids;
  for (const Item& item : loaded->items) ids.push_back(item.id);
  EXPECT_EQ(ids,
            (std::vector<std::string>{"q1", "q7", "q8", "q9", "q10", "q11", "q12", "q13", "q14",
                                      "q15", "q21", "q22", "q23", "q24", "q25", "q27"}));
  EXPECT_FALSE(loaded->find_item("q22")->min.has_value());
  EXPECT_EQ(loaded->find_item("q22")->max, 10.0);
  for (const Item& item : loaded->items) EXPECT_FALSE(item.visible_if.has_value()) << item.id;
}

TEST(RedcapImport, FormsSectionsScalesAndSharedConditions) {
  Import imported = import_ok(data("two_forms.csv"));
  expect_warnings(imported.warnings, {{"row 2", "record_id_field", "'study_id' is the record ID"}});
  auto loaded = load_questionnaire(imported.definition);
  ASSERT_TRUE(loaded.ok()) << testing::describe_problems(loaded.error());
  const Questionnaire& q = loaded.value();
  EXPECT_EQ(q.id, "baseline");
  ASSERT_EQ(q.sections.size(), 4u);
  EXPECT_EQ(q.sections[0].id, "baseline");
  EXPECT_EQ(q.sections[1].id, "stress");
  EXPECT_EQ(q.sections[1].title.in("nb"), "Stress");
  EXPECT_EQ(q.sections[2].id, "follow_up");
  EXPECT_EQ(q.sections[2].title.in("nb"), "follow_up");
  EXPECT_EQ(q.sections[3].id, "now");
  // Both items of "Now" had the same logic: it moved to the section.
  ASSERT_TRUE(q.sections[3].visible_if.has_value());
  EXPECT_EQ(q.sections[3].visible_if->source(), "followed = true");
  EXPECT_FALSE(q.find_item("stress_now")->visible_if.has_value());
  EXPECT_EQ(q.find_item("follow_when")->visible_if->source(),
            "selected(follow_how, 1) or selected(follow_how, 2)");
  EXPECT_EQ(q.find_item("region")->options.size(), 12u);
  EXPECT_EQ(q.find_item("follow_how")->min_choices, 1);
  ASSERT_EQ(q.scales.size(), 1u);
  const Scale& scale = q.scales[0];
  EXPECT_EQ(scale.id, "stress");
  EXPECT_EQ(scale.title.in("nb"), "Stress");
  EXPECT_EQ(scale.description.in("nb"), "How stressed you are");
  EXPECT_EQ(scale.items, (std::vector<std::string>{"stress_1", "stress_2"}));
  EXPECT_EQ(scale.reverse_items, (std::vector<std::string>{"stress_2"}));
  EXPECT_DOUBLE_EQ(scale.min_answered_share, 0.5);
}

TEST(RedcapImport, OptionsSetIdVersionAndLanguage) {
  ImportOptions options;
  options.id = "screening_v2";
  options.version = "2.0.0";
  options.language = "en";
  Import imported = import_ok(data("every_field_type.csv"), options);
  auto loaded = load_questionnaire(imported.definition);
  ASSERT_TRUE(loaded.ok());
  EXPECT_EQ(loaded->id, "screening_v2");
  EXPECT_EQ(loaded->version, "2.0.0");
  EXPECT_EQ(loaded->languages, (std::vector<std::string>{"en"}));
  EXPECT_EQ(loaded->find_item("sex")->text.in("en"), "Sex");
}

TEST(RedcapImport, BadOptionsAreErrors) {
  ImportOptions options;
  options.language = "not a tag";
  auto imported = import_dictionary(data("every_field_type.csv"), options);
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(imported.error().code, "bad_option");
  options = {};
  options.id = "Bad Id";
  imported = import_dictionary(data("every_field_type.csv"), options);
  ASSERT_FALSE(imported.ok());
  EXPECT_TRUE(contains(imported.error().message, "give one with --id"));
}

std::string dictionary_text(const std::vector<std::vector<std::string>>& rows) {
  std::vector<Field> fields;
  for (const auto& row : rows) {
    Field field;
    field.name = row.at(0);
    field.form = row.at(1);
    field.type = row.at(2);
    field.label = row.at(3);
    if (row.size() > 4) field.choices = row[4];
    if (row.size() > 5) field.annotation = row[5];
    if (row.size() > 6) field.branching_logic = row[6];
    fields.push_back(field);
  }
  return write_dictionary(fields);
}

TEST(RedcapImport, NothingUsableIsAnErrorListingWhy) {
  auto imported = import_dictionary(
      dictionary_text({{"record_id", "f", "text", "ID"}, {"bmi", "f", "calc", "BMI", "[a]*2"}}),
      {});
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(imported.error().code, "nothing_imported");
  ASSERT_EQ(imported.error().problems.size(), 2u);
  EXPECT_EQ(imported.error().problems[1].where, "row 3");
  EXPECT_EQ(imported.error().problems[1].code, "unsupported_field_type");
}

TEST(RedcapImport, HeaderOnlyIsNothingImported) {
  auto imported = import_dictionary(dictionary_text({}), {});
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(imported.error().code, "nothing_imported");
}

TEST(RedcapImport, SectionIdTagsAreUsedWhenFree) {
  Import imported = import_ok(dictionary_text({
      {"record_id", "f", "text", "ID"},
      {"a", "f", "yesno", "A", "", "@PARORENDE-SECTION=first"},
      {"b", "f", "yesno", "B", "", "@PARORENDE-SECTION=ignored_not_first_row"},
  }));
  EXPECT_EQ(imported.definition.at("sections").at(0).at("id"), "first");
}

// A form named "consent" or "check" would shadow the survey's own pages.
TEST(RedcapImport, SectionIdsAvoidTheSurveysOwnPages) {
  Import imported = import_ok(dictionary_text({
      {"record_id", "consent", "text", "ID"},
      {"a", "consent", "yesno", "A"},
      {"b", "check", "yesno", "B", "", "@PARORENDE-SECTION=check"},
  }));
  const auto& sections = imported.definition.at("sections").as_array();
  ASSERT_EQ(sections.size(), 2u);
  for (const auto& section : sections) {
    EXPECT_NE(section.at("id"), "consent");
    EXPECT_NE(section.at("id"), "check");
  }
}

TEST(RedcapImport, SectionIdsAvoidFieldNamesAndEachOther) {
  std::vector<Field> fields(4);
  fields[0] = Field{};
  fields[0].name = "record_id";
  fields[0].form = "f";
  fields[0].type = "text";
  for (int i = 1; i < 4; ++i) {
    fields[i].name = i == 1 ? "om_deg" : "q" + std::to_string(i);
    fields[i].form = "f";
    fields[i].type = "yesno";
    fields[i].label = "x";
    fields[i].section_header = "Om deg";
  }
  fields[3].section_header = "Ærlig talt, økonomi & håp";
  Import imported = import_ok(write_dictionary(fields));
  const auto& sections = imported.definition.at("sections").as_array();
  ASSERT_EQ(sections.size(), 3u);
  EXPECT_EQ(sections[0].at("id"), "om_deg_2");  // "om_deg" is a field
  EXPECT_EQ(sections[1].at("id"), "om_deg_3");
  EXPECT_EQ(sections[2].at("id"), "aerlig_talt_okonomi_hap");
}

TEST(RedcapImport, MunicipalityTagRestoresTheType) {
  Import imported = import_ok(dictionary_text({
      {"record_id", "f", "text", "ID"},
      {"home", "f", "dropdown", "Kommune", "0301, Oslo | 4601, Bergen", "@PARORENDE-MUNICIPALITY"},
      {"oslo", "f", "yesno", "Oslo?", "", "", "[home] = '0301'"},
  }));
  auto loaded = load_questionnaire(imported.definition);
  ASSERT_TRUE(loaded.ok()) << testing::describe_problems(loaded.error());
  EXPECT_EQ(loaded->find_item("home")->type, ItemType::municipality);
  EXPECT_EQ(loaded->find_item("oslo")->visible_if->source(), "home = '0301'");
}

TEST(RedcapImport, BadTagsAreReportedAndIgnored) {
  Import imported = import_ok(dictionary_text({
      {"record_id", "f", "text", "ID"},
      {"a", "f", "radio", "A", "1, x | 2, y", "@PARORENDE-DONTKNOW=9 @PARORENDE-SCALE=s"},
      {"b", "f", "checkbox", "B", "1, x | 2, y", "@MAXCHECKED=5"},
      {"c", "f", "notes", "C", "", "@CHARLIMIT=none"},
      {"d", "f", "yesno", "D", "", "@PARORENDE-SCALE=s"},
      {"e", "f", "radio", "E", "1, x | 2, y", "@PARORENDE-BURDEN=b @PARORENDE-BURDEN-DEF={oops"},
  }));
  expect_warnings(
      imported.warnings,
      {{"row 2", "record_id_field", ""},
       {"row 3", "bad_action_tag", "@PARORENDE-DONTKNOW=9 of 'a' is not one of its choice codes"},
       {"row 4", "bad_action_tag", "@MAXCHECKED=5 of 'b' is not from 1 to the number of choices"},
       {"row 5", "bad_action_tag", "@CHARLIMIT=none is not a length"},
       {"row 6", "bad_action_tag", "@PARORENDE-SCALE on 'd', which is not a single-choice field"},
       {"row 7", "bad_action_tag", "@PARORENDE-BURDEN-DEF is not a JSON object"},
       {"row 7", "burden_instrument_dropped", "burden instrument 'b' needs"}});
  auto loaded = load_questionnaire(imported.definition);
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded->scales.size(), 1u);
  EXPECT_EQ(loaded->scales[0].title.in("nb"), "s");  // no definition: the id
  EXPECT_TRUE(loaded->burden_instruments.empty());
}

TEST(RedcapImport, ScoringThatDoesNotLoadIsDroppedNotTheImport) {
  Import imported = import_ok(dictionary_text({
      {"record_id", "f", "text", "ID"},
      {"a", "f", "radio", "A", "0, x | 1, y",
       "@PARORENDE-BURDEN=b\n@PARORENDE-BURDEN-DEF={\"id\": \"b\", \"title\": \"B\", "
       "\"categories\": [{\"id\": \"low\", \"min\": 0, \"max\": 0, \"label\": \"Low\", "
       "\"follow_up\": \"None\"}]}"},
  }));
  ASSERT_EQ(imported.warnings.size(), 2u);
  EXPECT_EQ(imported.warnings[1].where, "row 3");
  EXPECT_EQ(imported.warnings[1].code, "scoring_dropped");
  EXPECT_TRUE(contains(imported.warnings[1].message, "burden instrument 'b' does not load"));
  EXPECT_FALSE(imported.definition.as_object().contains("burden_instruments"));
}

TEST(RedcapImport, CrLfBomAndExcelLeftoversAreRead) {
  std::string csv = "\xEF\xBB\xBF" +
                    dictionary_text({
                        {"record_id", "f", "text", "ID"},
                        {"a", "f", "notes", "Line 1\r\nLine 2"},
                    }) +
                    ",,,,,,,,,,,,,,,,,\r\n";
  Import imported = import_ok(csv);
  EXPECT_EQ(imported.definition.at("sections").at(0).at("items").at(0).at("text").at("nb"),
            "Line 1\nLine 2");
}

// Labels from REDCap's editor are HTML: respondents must see words, not
// tags, and a section's id must not be made from its markup.
TEST(RedcapImport, RichTextBecomesTheTextARespondentReads) {
  std::vector<Field> fields(3);
  fields[0].name = "record_id";
  fields[0].form = "f";
  fields[0].type = "text";
  fields[1].name = "age";
  fields[1].form = "f";
  fields[1].type = "text";
  fields[1].validation = "integer";
  fields[1].section_header =
      "<div class=\"rich-text-field-label\"><p style=\"text-align: center;\">Om deg</p></div>";
  fields[1].label =
      "<div class=\"rich-text-field-label\"><p>Hvor <strong>gammel</strong> er du?</p></div>";
  fields[1].note = "Skriv &aring;rene, for eksempel 54";
  fields[2].name = "helps";
  fields[2].form = "f";
  fields[2].type = "radio";
  fields[2].label = "Hjelper du [age:value]-åringen, eller en annen {age}?";
  fields[2].choices = "1, <b>Ja</b> | 2, Nei";
  Import imported = import_ok(write_dictionary(fields));
  const auto& section = imported.definition.at("sections").at(0);
  EXPECT_EQ(section.at("id"), "om_deg");
  EXPECT_EQ(section.at("title").at("nb"), "Om deg");
  const auto& items = section.at("items").as_array();
  EXPECT_EQ(items[0].at("text").at("nb"), "Hvor gammel er du?");
  EXPECT_EQ(items[0].at("help").at("nb"), "Skriv årene, for eksempel 54");
  EXPECT_EQ(items[1].at("options").at(0).at("label").at("nb"), "Ja");
  expect_warnings(
      imported.warnings,
      {{"row 2", "record_id_field", "record_id"},
       {"row 3", "rich_text_reduced",
        "the section header on the row of 'age' is REDCap rich text: its words and line breaks "
        "are kept, its formatting (bold, italics, colour, a link's address, an image) is not"},
       {"row 3", "rich_text_reduced", "the label of 'age' is REDCap rich text"},
       {"row 4", "piping_not_supported",
        "the label of 'helps' shows [age:value], {age}, where REDCap puts an earlier answer; "
        "parorende shows the text as written"},
       {"row 4", "rich_text_reduced", "the choices of 'helps' are REDCap rich text"}});
}

// A field REDCap never puts to a survey respondent is not made a question.
TEST(RedcapImport, FieldsRespondentsNeverAnswerAreNotAsked) {
  Import imported = import_ok(dictionary_text({
      {"record_id", "f", "text", "ID"},
      {"a", "f", "yesno", "A"},
      {"staff_note", "f", "text", "For staff", "", "@HIDDEN-SURVEY"},
      {"shown", "f", "text", "Shown", "", "@READONLY @DEFAULT='x'"},
      {"stamp", "f", "text", "When", "", "@NOW-SERVER"},
      {"label", "f", "text", "Sum", "", "@CALCTEXT(if([a]=1,'yes','no'))"},
      {"b", "f", "yesno", "B", "", "@HIDDEN-FORM"},
      {"c", "f", "yesno", "C", "", "@IF([a]='1', @HIDDEN, '')"},
  }));
  const auto& items = imported.definition.at("sections").at(0).at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[1].at("id"), "b");  // hidden on data entry forms only: a survey shows it
  EXPECT_EQ(items[2].at("id"), "c");  // hidden for some respondents only: asked, and reported
  expect_warnings(
      imported.warnings,
      {{"row 2", "record_id_field", "record_id"},
       {"row 4", "hidden_field",
        "field 'staff_note' has @HIDDEN-SURVEY: REDCap hides it in surveys, so a respondent "
        "never sees it; not imported as a question"},
       {"row 5", "readonly_field",
        "field 'shown' has @READONLY: a respondent sees it but cannot answer it"},
       {"row 6", "automatic_field", "field 'stamp' has @NOW-SERVER: REDCap fills in the time"},
       {"row 7", "automatic_field", "field 'label' has @CALCTEXT: REDCap computes it"},
       {"row 8", "action_tags_ignored", "@HIDDEN-FORM"},
       {"row 9", "action_tags_ignored", "action tags @IF, @HIDDEN have no parorende equivalent"}});
  for (const char* name : {"staff_note", "shown", "stamp", "label"}) {
    EXPECT_TRUE(imported.skipped_fields.contains(name)) << name;
  }
}

// A descriptive field before a section's first question becomes its
// description, which has no condition: the logic is reported, not lost silently.
TEST(RedcapImport, ADescriptionsBranchingLogicIsReported) {
  Import imported = import_ok(dictionary_text({
      {"record_id", "f", "text", "ID"},
      {"a", "f", "yesno", "A"},
      {"intro", "g", "descriptive", "About your children", "", "", "[a] = '1'"},
      {"b", "g", "yesno", "B"},
  }));
  EXPECT_EQ(imported.definition.at("sections").at(1).at("description").at("nb"),
            "About your children");
  expect_warnings(imported.warnings,
                  {{"row 2", "record_id_field", "record_id"},
                   {"row 4", "descriptive_logic_dropped",
                    "the text of 'intro' becomes the description of its section, which is shown "
                    "with the section; its branching logic '[a] = '1'' is not imported"}});
}

// REDCap compares a text field with a number as numbers when the answer
// looks like one; so does number(). Only an ordering can part from REDCap
// (on an answer that is not a number), and only it is reported.
TEST(RedcapImport, ATextFieldComparedWithANumberIsComparedAsANumber) {
  Import imported = import_ok(dictionary_text({
      {"record_id", "f", "text", "ID"},
      {"age", "f", "text", "How old are you?"},
      {"adult", "f", "yesno", "Do you live alone?", "", "", "[age] >= '18'"},
      {"agent", "f", "yesno", "Are you agent 007?", "", "", "[age] = '007' or [age] = 'ukjent'"},
  }));
  const auto& items = imported.definition.at("sections").at(0).at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[1].at("visible_if"), "number(age) >= 18");
  EXPECT_EQ(items[2].at("visible_if"), "number(age) = 7 or age = 'ukjent'");
  expect_warnings(
      imported.warnings,
      {{"row 2", "record_id_field", "record_id"},
       {"row 4", "text_compared_as_number",
        "branching logic '[age] >= '18'' of 'adult' orders text field 'age' as a number, as "
        "REDCap does when the answer looks like one (number(age)); an answer that is not a "
        "number, such as 'tjue' or '2,5', makes that comparison false here, where REDCap "
        "compares it as text"}});
  EXPECT_TRUE(imported.fields_without_logic.empty());
}

// An instrument from REDCap's Shared Library (instrument.csv) has no record
// ID: its first field is a question, and keeps its place.
TEST(RedcapImport, AnInstrumentKeepsItsFirstQuestion) {
  Import imported = import_ok(data("instrument.csv"));
  const auto& items = imported.definition.at("sections").at(0).at("items").as_array();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].at("id"), "rest_sleep");
  EXPECT_EQ(items[0].at("text").at("nb"), "...slept badly?");
  expect_warnings(imported.warnings,
                  {{"row 2", "first_field_kept",
                    "field 'rest_sleep' comes first but is a radio field, not a record ID (always "
                    "text): an instrument without one, so it is imported like the fields after it"},
                   {"row 5", "unsupported_field_type", "rest_total"}});
  EXPECT_FALSE(imported.skipped_fields.contains("rest_sleep"));

  // A text field first is the record ID, unless told it is not.
  std::string with_text_first = dictionary_text({
      {"household", "f", "text", "Who lives with you?"},
      {"a", "f", "yesno", "A"},
  });
  expect_warnings(import_ok(with_text_first).warnings,
                  {{"row 2", "record_id_field", "(--no-record-id keeps it)"}});
  ImportOptions keep;
  keep.no_record_id = true;
  Import kept = import_ok(with_text_first, keep);
  EXPECT_TRUE(kept.warnings.empty());
  EXPECT_EQ(kept.definition.at("sections").at(0).at("items").at(0).at("id"), "household");
}

TEST(RedcapImport, MissingColumnsFailWithEveryColumnNamed) {
  auto imported = import_dictionary(data("missing_columns.csv"), {});
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(imported.error().code, "invalid_dictionary");
  EXPECT_EQ(imported.error().problems.size(), 2u);
}

}  // namespace
}  // namespace parorende::redcap
