// Round trips: a REDCap dictionary imported and exported again is
// equivalent (interchange/redcap/equivalence.h), and a definition exported and
// imported again is equivalent to the original, conditions compared by what
// they mean.
#include <gtest/gtest.h>

#include <set>

#include "interchange/redcap/dictionary.h"
#include "interchange/redcap/equivalence.h"
#include "interchange/redcap/export.h"
#include "interchange/redcap/import.h"
#include "questionnaire/questionnaire_loader.h"
#include "redcap_export_fixture.h"
#include "redcap_test_support.h"
#include "test_support.h"

namespace parorende::redcap {
namespace {

using testing::contains;
using testing::kSourceDir;
using testing::read_file;

std::string join(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += "\n  " + line;
  return text;
}

// --- dictionary -> definition -> dictionary ---------------------------------

struct DictionaryRoundTrip {
  std::vector<Field> original;
  std::vector<Field> again;
  Import imported;
};

DictionaryRoundTrip round_trip_dictionary(const std::string& file) {
  DictionaryRoundTrip trip;
  std::string csv = read_file(kSourceDir + "/tests/data/redcap/" + file);
  auto dictionary = read_dictionary(csv);
  if (!dictionary) {
    ADD_FAILURE() << testing::describe_problems(dictionary.error());
    return trip;
  }
  trip.original = dictionary->fields;
  auto imported = import_dictionary(dictionary.value(), {});
  if (!imported) {
    ADD_FAILURE() << testing::describe_problems(imported.error());
    return trip;
  }
  trip.imported = std::move(imported).value();
  auto questionnaire = load_questionnaire(trip.imported.definition);
  if (!questionnaire) {
    ADD_FAILURE() << testing::describe_problems(questionnaire.error());
    return trip;
  }
  auto exported = export_dictionary(questionnaire.value(), "nb");
  if (!exported) {
    ADD_FAILURE() << testing::describe_problems(exported.error());
    return trip;
  }
  EXPECT_TRUE(exported->warnings.empty()) << file;
  // Through CSV text, as the commands do.
  auto again = read_dictionary(write_dictionary(exported->fields));
  EXPECT_TRUE(again.ok());
  if (again) trip.again = again->fields;
  return trip;
}

RoundTripLosses losses_of(const Import& imported) {
  return {imported.skipped_fields, imported.fields_without_logic};
}

TEST(RedcapDictionaryRoundTrip, EveryFieldTypeIsEquivalent) {
  auto trip = round_trip_dictionary("every_field_type.csv");
  auto differences = dictionary_differences(trip.original, trip.again, losses_of(trip.imported));
  EXPECT_TRUE(differences.empty()) << join(differences);
}

TEST(RedcapDictionaryRoundTrip, FormsScalesAndSharedConditionsAreEquivalent) {
  auto trip = round_trip_dictionary("two_forms.csv");
  auto differences = dictionary_differences(trip.original, trip.again, losses_of(trip.imported));
  EXPECT_TRUE(differences.empty()) << join(differences);
}

TEST(RedcapDictionaryRoundTrip, ProblemsLoseOnlyWhatWasReported) {
  auto trip = round_trip_dictionary("problems.csv");
  auto differences = dictionary_differences(trip.original, trip.again, losses_of(trip.imported));
  // The one loss the losses do not name: the unreadable minimum of q22, which
  // the import reported as dropped.
  ASSERT_EQ(differences.size(), 1u) << join(differences);
  EXPECT_EQ(differences[0], "field 'q22' (row 26) vs (row 14): validation min 'abc' vs ''");
}

TEST(RedcapDictionaryRoundTrip, ComparisonSeesRealDifferences) {
  auto trip = round_trip_dictionary("every_field_type.csv");
  auto changed = trip.again;
  for (Field& field : changed) {
    if (field.name == "age") field.validation_max = "130";
    if (field.name == "sex") field.choices = "0, Female | 1, Male | 2, Other";
    if (field.name == "weight") field.branching_logic = "[age] > 18";
    if (field.name == "pain_where") field.required = "";
    if (field.name == "health") field.annotation = "";
  }
  auto differences = dictionary_differences(trip.original, changed, losses_of(trip.imported));
  EXPECT_EQ(differences.size(), 5u) << join(differences);
  std::string all = join(differences);
  EXPECT_TRUE(contains(all, "field 'age' (row 5) vs (row 5): validation max '120' vs '130'"));
  EXPECT_TRUE(contains(all,
                       "field 'weight' (row 6) vs (row 6): branching logic "
                       "'[age] >= '18'' vs '[age] > '18''"));
  EXPECT_TRUE(contains(all, "field 'health'"));

  std::vector<Field> fewer = trip.again;
  fewer.pop_back();
  EXPECT_FALSE(dictionary_differences(trip.original, fewer, losses_of(trip.imported)).empty());
}

TEST(RedcapDictionaryRoundTrip, NormalizationIgnoresSpellingOnly) {
  auto trip = round_trip_dictionary("every_field_type.csv");
  auto respelt = trip.again;
  for (Field& field : respelt) {
    if (field.name == "sex") field.type = "dropdown";
    if (field.name == "smoker") field.type = "truefalse";
    if (field.name == "comments") {
      field.branching_logic = "([SEX]=\"0\") AND (18 <= [age] OR [consent(1)] <> '0')";
    }
    if (field.name == "age") field.validation_max = "120.0";
    if (field.name == "consent")
      field.choices = "1,Being contacted|2,Receiving results, by post|3,Other";
  }
  auto differences = dictionary_differences(trip.original, respelt, losses_of(trip.imported));
  EXPECT_TRUE(differences.empty()) << join(differences);
}

// --- definition -> dictionary -> definition ---------------------------------

// Answers worth trying for an item in a condition.
std::vector<AnswerValue> sample_answers(const Item& item) {
  std::vector<AnswerValue> answers;
  switch (item.type) {
    case ItemType::single_choice:
      for (const ChoiceOption& option : item.options) answers.emplace_back(option.code);
      if (item.dont_know) answers.emplace_back(item.dont_know->code);
      break;
    case ItemType::multiple_choice: {
      std::vector<std::int64_t> all;
      for (const ChoiceOption& option : item.options) {
        answers.emplace_back(std::vector<std::int64_t>{option.code});
        all.push_back(option.code);
      }
      answers.emplace_back(all);
      break;
    }
    case ItemType::yes_no: answers = {true, false}; break;
    case ItemType::integer:
    case ItemType::decimal:
      for (double value : {0.0, 9.0, 10.0, 11.0, 17.0, 18.0, 19.0, 168.0}) {
        if (item.type == ItemType::integer) {
          answers.emplace_back(static_cast<std::int64_t>(value));
        } else {
          answers.emplace_back(value);
        }
      }
      break;
    case ItemType::text: answers.emplace_back(std::string("a")); break;
    case ItemType::municipality: answers.emplace_back(std::string("0301")); break;
    case ItemType::date:
      for (Date date : {Date{1999, 12, 31}, Date{2000, 1, 1}, Date{2000, 1, 2}})
        answers.emplace_back(date);
      break;
  }
  return answers;
}

bool visible(const Questionnaire& q, const Item& item, const Answers& answers) {
  const Section& section = q.sections[item.section_index];
  bool shown = !section.visible_if || section.visible_if->evaluate(answers);
  return shown && (!item.visible_if || item.visible_if->evaluate(answers));
}

std::vector<std::string> condition_items(const Questionnaire& q, const Item& item) {
  std::vector<std::string> ids;
  const Section& section = q.sections[item.section_index];
  for (const std::optional<Expression>* expression : {&section.visible_if, &item.visible_if}) {
    if (!expression->has_value()) continue;
    for (const std::string& id : (*expression)->referenced_items()) ids.push_back(id);
  }
  return ids;
}

// Every item is shown for exactly the same answers in both.
void expect_same_visibility(const Questionnaire& original, const Questionnaire& imported) {
  for (const Item& item : original.items) {
    const Item* other = imported.find_item(item.id);
    if (other == nullptr) continue;
    std::vector<std::string> ids = condition_items(original, item);
    for (const std::string& id : condition_items(imported, *other)) ids.push_back(id);
    std::vector<redcap_testing::ScenarioItem> scenario;
    std::set<std::string> seen;
    for (const std::string& id : ids) {
      if (!seen.insert(id).second) continue;
      scenario.push_back({id, {}, sample_answers(*original.find_item(id))});
    }
    int disagreements = 0;
    redcap_testing::for_each_combination(scenario, [&](const Answers& answers) {
      if (visible(original, item, answers) != visible(imported, *other, answers) &&
          ++disagreements == 1) {
        ADD_FAILURE() << "item '" << item.id << "' is shown differently after the round trip";
      }
    });
  }
}

void expect_same_text(const LocalizedText& a, const LocalizedText& b, const std::string& language,
                      const std::string& what) {
  EXPECT_EQ(a.empty() ? "" : a.in(language), b.empty() ? "" : b.in(language)) << what;
}

void expect_same_options(const Item& a, const Item& b, const std::string& language) {
  ASSERT_EQ(a.options.size(), b.options.size()) << a.id;
  for (std::size_t i = 0; i < a.options.size(); ++i) {
    EXPECT_EQ(a.options[i].code, b.options[i].code) << a.id;
    expect_same_text(a.options[i].label, b.options[i].label, language, a.id + " option");
  }
  ASSERT_EQ(a.dont_know.has_value(), b.dont_know.has_value()) << a.id;
  if (a.dont_know) {
    EXPECT_EQ(a.dont_know->code, b.dont_know->code) << a.id;
    expect_same_text(a.dont_know->label, b.dont_know->label, language, a.id + " dont_know");
  }
}

// Items, types, texts, options, bounds, sections and scoring agree (in
// `language`); constraints, the title and other languages are not compared
// (docs/redcap.md lists them as lost).
void expect_equivalent(const Questionnaire& a, const Questionnaire& b,
                       const std::string& language) {
  ASSERT_EQ(a.items.size(), b.items.size());
  for (std::size_t i = 0; i < a.items.size(); ++i) {
    const Item& x = a.items[i];
    const Item& y = b.items[i];
    ASSERT_EQ(x.id, y.id);
    EXPECT_EQ(x.type, y.type) << x.id;
    expect_same_text(x.text, y.text, language, x.id + " text");
    expect_same_text(x.help, y.help, language, x.id + " help");
    EXPECT_EQ(x.required, y.required) << x.id;
    expect_same_options(x, y, language);
    EXPECT_EQ(x.min_choices, y.min_choices) << x.id;
    EXPECT_EQ(x.max_choices, y.max_choices) << x.id;
    EXPECT_EQ(x.min, y.min) << x.id;
    EXPECT_EQ(x.max, y.max) << x.id;
    EXPECT_EQ(x.min_date, y.min_date) << x.id;
    EXPECT_EQ(x.max_date, y.max_date) << x.id;
    EXPECT_EQ(x.max_length, y.max_length) << x.id;
    EXPECT_EQ(x.multiline, y.multiline) << x.id;
  }
  ASSERT_EQ(a.sections.size(), b.sections.size());
  for (std::size_t s = 0; s < a.sections.size(); ++s) {
    EXPECT_EQ(a.sections[s].id, b.sections[s].id);
    expect_same_text(a.sections[s].title, b.sections[s].title, language, "section title");
    expect_same_text(a.sections[s].description, b.sections[s].description, language,
                     "section description");
    EXPECT_EQ(a.sections[s].item_indexes, b.sections[s].item_indexes);
  }
  expect_same_visibility(a, b);
  ASSERT_EQ(a.scales.size(), b.scales.size());
  for (std::size_t s = 0; s < a.scales.size(); ++s) {
    const Scale& x = a.scales[s];
    const Scale& y = b.scales[s];
    EXPECT_EQ(x.id, y.id);
    expect_same_text(x.title, y.title, language, x.id + " title");
    expect_same_text(x.description, y.description, language, x.id + " description");
    EXPECT_EQ(std::set<std::string>(x.items.begin(), x.items.end()),
              std::set<std::string>(y.items.begin(), y.items.end()));
    EXPECT_EQ(std::set<std::string>(x.reverse_items.begin(), x.reverse_items.end()),
              std::set<std::string>(y.reverse_items.begin(), y.reverse_items.end()));
    EXPECT_DOUBLE_EQ(x.min_answered_share, y.min_answered_share);
  }
  ASSERT_EQ(a.burden_instruments.size(), b.burden_instruments.size());
  for (std::size_t s = 0; s < a.burden_instruments.size(); ++s) {
    const BurdenInstrument& x = a.burden_instruments[s];
    const BurdenInstrument& y = b.burden_instruments[s];
    EXPECT_EQ(x.id, y.id);
    expect_same_text(x.title, y.title, language, x.id + " title");
    EXPECT_EQ(x.items, y.items);
    EXPECT_EQ(x.reverse_items, y.reverse_items);
    EXPECT_DOUBLE_EQ(x.min_answered_share, y.min_answered_share);
    ASSERT_EQ(x.categories.size(), y.categories.size());
    for (std::size_t c = 0; c < x.categories.size(); ++c) {
      const BurdenCategory& p = x.categories[c];
      const BurdenCategory& r = y.categories[c];
      EXPECT_EQ(p.id, r.id);
      EXPECT_EQ(p.min, r.min);
      EXPECT_EQ(p.max, r.max);
      expect_same_text(p.label, r.label, language, p.id + " label");
      expect_same_text(p.meaning, r.meaning, language, p.id + " meaning");
      expect_same_text(p.follow_up, r.follow_up, language, p.id + " follow_up");
      EXPECT_EQ(p.offer_types, r.offer_types);
    }
  }
}

struct DefinitionRoundTrip {
  Questionnaire original;
  Questionnaire again;
  std::string csv;
  Import imported;
};

DefinitionRoundTrip round_trip_definition(const Questionnaire& original,
                                          const std::string& language) {
  DefinitionRoundTrip trip;
  trip.original = original;
  auto exported = export_dictionary(original, language);
  if (!exported) {
    ADD_FAILURE() << testing::describe_problems(exported.error());
    return trip;
  }
  trip.csv = write_dictionary(exported->fields);
  ImportOptions options;
  options.language = language;
  options.version = original.version;
  auto imported = import_dictionary(trip.csv, options);
  if (!imported) {
    ADD_FAILURE() << testing::describe_problems(imported.error());
    return trip;
  }
  trip.imported = std::move(imported).value();
  auto loaded = load_questionnaire(trip.imported.definition);
  if (!loaded) {
    ADD_FAILURE() << testing::describe_problems(loaded.error());
    return trip;
  }
  trip.again = std::move(loaded).value();
  return trip;
}

void expect_only_the_record_id_skipped(const Import& imported) {
  ASSERT_EQ(imported.warnings.size(), 1u) << imported.warnings.back().message;
  EXPECT_EQ(imported.warnings[0].where, "row 2");
  EXPECT_EQ(imported.warnings[0].code, "record_id_field");
}

Questionnaire shipped(const std::string& name) {
  auto loaded = load_questionnaire_file(kSourceDir + "/questionnaires/" + name + ".json");
  if (!loaded) {
    ADD_FAILURE() << testing::describe_problems(loaded.error());
    return Questionnaire{};
  }
  return std::move(loaded).value();
}

TEST(RedcapDefinitionRoundTrip, Parorendeundersokelse) {
  auto trip = round_trip_definition(shipped("parorendeundersokelse"), "nb");
  expect_only_the_record_id_skipped(trip.imported);
  EXPECT_EQ(trip.again.id, "parorendeundersokelse");
  expect_equivalent(trip.original, trip.again, "nb");
  // The section's condition was pushed down onto its items and came back.
  const Section& children =
      trip.again.sections[trip.again.find_item("children_asked")->section_index];
  EXPECT_EQ(children.id, "children");
  ASSERT_TRUE(children.visible_if.has_value());
  EXPECT_EQ(children.visible_if->source(), "children_in_family = true");
}

TEST(RedcapDefinitionRoundTrip, Belastningskartlegging) {
  auto trip = round_trip_definition(shipped("belastningskartlegging"), "nb");
  expect_only_the_record_id_skipped(trip.imported);
  expect_equivalent(trip.original, trip.again, "nb");
}

TEST(RedcapDefinitionRoundTrip, ShippedQuestionnairesInEnglish) {
  for (const char* name : {"parorendeundersokelse", "belastningskartlegging"}) {
    auto trip = round_trip_definition(shipped(name), "en");
    expect_only_the_record_id_skipped(trip.imported);
    expect_equivalent(trip.original, trip.again, "en");
  }
}

TEST(RedcapDefinitionRoundTrip, EveryItemTypeAndConditionForm) {
  Questionnaire original = testing::load_ok(testing::kEveryItemType);
  for (const char* language : {"nb", "en"}) {
    auto trip = round_trip_definition(original, language);
    expect_only_the_record_id_skipped(trip.imported);
    expect_equivalent(trip.original, trip.again, language);
    EXPECT_TRUE(trip.again.find_item("hours")->constraints.empty());  // lost, as documented
  }
}

TEST(RedcapDefinitionRoundTrip, SecondExportIsByteForByteTheFirst) {
  for (const char* name : {"parorendeundersokelse", "belastningskartlegging"}) {
    auto trip = round_trip_definition(shipped(name), "nb");
    auto again = export_dictionary(trip.again, "nb");
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(write_dictionary(again->fields), trip.csv) << name;
  }
}

}  // namespace
}  // namespace parorende::redcap
