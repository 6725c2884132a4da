// Exporting definitions as REDCap dictionaries (interchange/redcap/export.h).
#include <gtest/gtest.h>

#include "interchange/redcap/annotation.h"
#include "interchange/redcap/branching.h"
#include "interchange/redcap/dictionary.h"
#include "interchange/redcap/export.h"
#include "questionnaire/questionnaire_loader.h"
#include "redcap_export_fixture.h"
#include "test_support.h"

namespace parorende::redcap {
namespace {

using testing::contains;
using testing::kSourceDir;
using testing::load_ok;

const Field& field_named(const std::vector<Field>& fields, const std::string& name) {
  for (const Field& field : fields) {
    if (field.name == name) return field;
  }
  ADD_FAILURE() << "no field " << name;
  static const Field none;
  return none;
}

Export export_ok(const Questionnaire& questionnaire, const std::string& language = "") {
  auto exported = export_dictionary(questionnaire, language);
  if (!exported) {
    ADD_FAILURE() << testing::describe_problems(exported.error());
    return Export{};
  }
  return std::move(exported).value();
}

TEST(RedcapExport, EveryItemTypeBecomesTheDocumentedField) {
  Questionnaire q = load_ok(testing::kEveryItemType);
  Export exported = export_ok(q);
  std::vector<std::string> names;
  for (const Field& field : exported.fields) names.push_back(field.name);
  EXPECT_EQ(names, (std::vector<std::string>{"record_id", "home", "relation", "agree", "help_used",
                                             "children", "hours", "distance_km", "started",
                                             "name_it", "family_intro", "comment"}));
  for (const Field& field : exported.fields) {
    EXPECT_EQ(field.form, "all_types") << field.name;
    EXPECT_EQ(field.identifier, "") << field.name;
  }

  const Field& record_id = exported.fields[0];
  EXPECT_EQ(record_id.type, "text");
  EXPECT_EQ(record_id.label, "Record ID");
  EXPECT_EQ(record_id.section_header, "");

  const Field& home = field_named(exported.fields, "home");
  EXPECT_EQ(home.section_header, "Om deg");
  EXPECT_EQ(home.type, "dropdown");
  EXPECT_EQ(home.required, "y");
  EXPECT_TRUE(contains(home.choices, "0301, Oslo"));
  auto municipalities = parse_choices(home.choices);
  ASSERT_TRUE(municipalities.ok());
  EXPECT_EQ(municipalities->size(), 357u);
  EXPECT_EQ(home.annotation, "@PARORENDE-SECTION=about\n@PARORENDE-MUNICIPALITY");

  const Field& relation = field_named(exported.fields, "relation");
  EXPECT_EQ(relation.type, "radio");
  EXPECT_EQ(relation.label, "Hvem gir du omsorg til?");
  EXPECT_EQ(relation.note, "Velg én.");
  EXPECT_EQ(relation.choices, "1, Ektefelle | 2, Forelder | 3, Barn | 9, Vet ikke");
  EXPECT_EQ(relation.annotation, "@PARORENDE-DONTKNOW=9");

  const Field& agree = field_named(exported.fields, "agree");
  EXPECT_EQ(agree.type, "dropdown");  // 11 choices: more than a radio list should hold
  EXPECT_EQ(agree.branching_logic, "[relation] = '2' or [relation] = '3'");
  EXPECT_EQ(
      agree.annotation,
      "@PARORENDE-SCALE=support\n"
      "@PARORENDE-SCALE-DEF={\"id\": \"support\", \"title\": \"Støtte\", \"min_answered\": 0.5}");

  const Field& help_used = field_named(exported.fields, "help_used");
  EXPECT_EQ(help_used.type, "checkbox");
  EXPECT_EQ(help_used.choices, "1, Samtale | 2, Kurs | 3, Avlastning");
  EXPECT_EQ(help_used.annotation, "@MAXCHECKED=2\n@PARORENDE-MINCHOICES=1");
  EXPECT_EQ(help_used.branching_logic, "");

  const Field& children = field_named(exported.fields, "children");
  EXPECT_EQ(children.type, "yesno");
  EXPECT_EQ(children.choices, "");
  EXPECT_EQ(children.branching_logic, "[help_used(3)] = '0'");

  const Field& hours = field_named(exported.fields, "hours");
  EXPECT_EQ(hours.type, "text");
  EXPECT_EQ(hours.validation, "integer");
  EXPECT_EQ(hours.validation_min, "0");
  EXPECT_EQ(hours.validation_max, "168");
  EXPECT_EQ(hours.branching_logic, "[children] = '1' and [relation] <> '1' and [relation] <> ''");

  const Field& distance = field_named(exported.fields, "distance_km");
  EXPECT_EQ(distance.validation, "number");
  EXPECT_EQ(distance.validation_min, "0.5");
  EXPECT_EQ(distance.validation_max, "2000");
  EXPECT_EQ(distance.branching_logic, "[hours] >= 10 or [hours] = ''");

  const Field& started = field_named(exported.fields, "started");
  EXPECT_EQ(started.validation, "date_ymd");
  EXPECT_EQ(started.validation_min, "1950-01-01");
  EXPECT_EQ(started.validation_max, "2030-12-31");

  const Field& name_it = field_named(exported.fields, "name_it");
  EXPECT_EQ(name_it.type, "text");
  EXPECT_EQ(name_it.annotation, "@CHARLIMIT=200");
  EXPECT_EQ(name_it.branching_logic, "[help_used(3)] = '1'");

  // A section's description is a descriptive field opening the section; its
  // condition is pushed down onto every row of the section.
  const Field& intro = field_named(exported.fields, "family_intro");
  EXPECT_EQ(intro.type, "descriptive");
  EXPECT_EQ(intro.section_header, "Familie");
  EXPECT_EQ(intro.label, "Om familien din.");
  EXPECT_EQ(intro.annotation, "@PARORENDE-SECTION=family");
  EXPECT_EQ(intro.branching_logic, "[children] = '1'");
  const Field& comment = field_named(exported.fields, "comment");
  EXPECT_EQ(comment.type, "notes");
  EXPECT_EQ(comment.section_header, "");
  EXPECT_EQ(comment.annotation, "");
  EXPECT_EQ(comment.branching_logic, "[children] = '1' and [started] > '2000-01-01'");
  EXPECT_EQ(comment.required, "");

  ASSERT_EQ(exported.warnings.size(), 1u);
  EXPECT_EQ(exported.warnings[0].where, "item 'hours'");
  EXPECT_EQ(exported.warnings[0].code, "constraints_not_exported");
}

TEST(RedcapExport, LanguageIsChosenAndChecked) {
  Questionnaire q = load_ok(testing::kEveryItemType);
  Export english = export_ok(q, "en");
  EXPECT_EQ(field_named(english.fields, "relation").label, "Whom do you care for?");
  EXPECT_EQ(field_named(english.fields, "home").section_header, "About you");
  auto german = export_dictionary(q, "de");
  ASSERT_FALSE(german.ok());
  EXPECT_EQ(german.error().code, "unknown_language");
  EXPECT_EQ(german.error().message,
            "questionnaire 'all_types' has no texts in 'de'; it has nb, en");
}

TEST(RedcapExport, UntranslatableConditionsAreReportedAndLeftOut) {
  Questionnaire q = load_ok(R"({
    "format": "parorende-questionnaire/1", "id": "odd", "version": "1", "languages": ["en"],
    "title": {"en": "Odd"},
    "sections": [{"id": "s", "title": {"en": "S"}, "items": [
      {"id": "a", "type": "integer", "text": {"en": "A"}},
      {"id": "b", "type": "integer", "text": {"en": "B"}},
      {"id": "c", "type": "yes_no", "text": {"en": "C"}, "visible_if": "a = b"},
      {"id": "d", "type": "text", "text": {"en": "D|E"}, "visible_if": "true"},
      {"id": "e", "type": "single_choice", "text": {"en": "E"},
       "options": [{"code": 1, "label": {"en": "one | uno"}}, {"code": 2, "label": {"en": "two"}}]}
    ]}]})");
  Export exported = export_ok(q);
  ASSERT_EQ(exported.warnings.size(), 3u);
  EXPECT_EQ(exported.warnings[0].where, "item 'c'");
  EXPECT_EQ(exported.warnings[0].code, "unsupported_expression");
  EXPECT_TRUE(contains(exported.warnings[0].message,
                       "visible_if 'a = b' cannot be written as REDCap branching logic"));
  EXPECT_EQ(exported.warnings[1].where, "item 'd'");
  EXPECT_TRUE(contains(exported.warnings[1].message, "always true"));
  EXPECT_EQ(exported.warnings[2].code, "choice_label_changed");
  EXPECT_EQ(field_named(exported.fields, "c").branching_logic, "");
  EXPECT_EQ(field_named(exported.fields, "d").label, "D|E");  // labels may hold '|'
  EXPECT_EQ(field_named(exported.fields, "e").choices, "1, one / uno | 2, two");
}

TEST(RedcapExport, RecordIdNameNeverClashesWithAnItem) {
  Questionnaire q = load_ok(R"({
    "format": "parorende-questionnaire/1", "id": "clash", "version": "1", "languages": ["en"],
    "title": {"en": "Clash"},
    "sections": [{"id": "s", "title": {"en": "S"}, "items": [
      {"id": "record_id", "type": "yes_no", "text": {"en": "A"}}]}]})");
  Export exported = export_ok(q);
  EXPECT_EQ(exported.fields[0].name, "record_id_2");
  EXPECT_EQ(exported.fields[1].name, "record_id");
}

TEST(RedcapExport, ShippedQuestionnairesExportWithoutWarnings) {
  for (const char* name : {"parorendeundersokelse", "belastningskartlegging"}) {
    auto q = load_questionnaire_file(kSourceDir + "/questionnaires/" + name + ".json");
    ASSERT_TRUE(q.ok()) << name;
    Export exported = export_ok(q.value());
    EXPECT_TRUE(exported.warnings.empty()) << name;
    // Every item, the record ID and one descriptive field per described section.
    std::size_t described = 0;
    for (const Section& section : q->sections) described += section.description.empty() ? 0 : 1;
    EXPECT_EQ(exported.fields.size(), q->items.size() + 1 + described) << name;
    for (const Field& field : exported.fields) {
      auto logic = normalize_branching_logic(field.branching_logic);
      EXPECT_TRUE(logic.ok()) << name << " " << field.name;
    }
  }
}

TEST(RedcapExport, SectionConditionsArePushedDownToEachField) {
  auto q = load_questionnaire_file(kSourceDir + "/questionnaires/parorendeundersokelse.json");
  ASSERT_TRUE(q.ok());
  Export exported = export_ok(q.value());
  for (const char* name : {"children_intro", "children_asked", "children_school"}) {
    EXPECT_EQ(field_named(exported.fields, name).branching_logic, "[children_in_family] = '1'")
        << name;
  }
  const Field& first = field_named(exported.fields, "identified_known");
  EXPECT_EQ(first.annotation,
            "@PARORENDE-DONTKNOW=9\n"
            "@PARORENDE-SCALE=identified\n"
            "@PARORENDE-SCALE-DEF={\"id\": \"identified\", \"title\": \"Å bli identifisert som "
            "pårørende\", \"description\": \"Om tjenestene vet hvem de pårørende er og hvilken "
            "rolle de har.\", \"min_answered\": 0.5}");
  EXPECT_EQ(field_named(exported.fields, "identified_overlooked").annotation,
            "@PARORENDE-DONTKNOW=9\n@PARORENDE-SCALE-REVERSE=identified");
}

}  // namespace
}  // namespace parorende::redcap
