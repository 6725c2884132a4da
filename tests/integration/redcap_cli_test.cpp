// `parorende export-redcap` and `parorende import-redcap`, run as a process.
#include <gtest/gtest.h>

#include "interchange/redcap/dictionary.h"
#include "questionnaire/questionnaire_loader.h"
#include "test_support.h"

namespace parorende {
namespace {

using testing::contains;
using testing::kSourceDir;
using testing::read_file;
using testing::run_parorende;
using testing::TempDir;

const std::string kQuestionnaires = kSourceDir + "/questionnaires";
const std::string kDictionaries = kSourceDir + "/tests/data/redcap";

TEST(RedcapCli, ExportByIdWritesADictionaryToStandardOutput) {
  auto result = run_parorende({"export-redcap", "--questionnaire", "belastningskartlegging",
                               "--questionnaires-dir", kQuestionnaires});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  auto dictionary = redcap::read_dictionary(result.out);
  ASSERT_TRUE(dictionary.ok()) << testing::describe_result(dictionary);
  EXPECT_EQ(dictionary->fields.size(), 1u + 15u + 1u);  // record ID, items, one description
  EXPECT_EQ(dictionary->fields[1].label, "Hvilken kommune gjelder svarene dine?");
}

TEST(RedcapCli, ExportByPathInEnglishToAFile) {
  TempDir dir;
  std::string out = (dir.path() / "dictionary.csv").string();
  auto result = run_parorende({"export-redcap", "--questionnaire",
                               kQuestionnaires + "/parorendeundersokelse.json", "--lang", "en",
                               "--out", out});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "");
  auto dictionary = redcap::read_dictionary(read_file(out));
  ASSERT_TRUE(dictionary.ok());
  EXPECT_EQ(dictionary->fields[1].label, "Which municipality are your answers about?");
}

TEST(RedcapCli, ExportFailuresAreClear) {
  auto unknown = run_parorende(
      {"export-redcap", "--questionnaire", "nope", "--questionnaires-dir", kQuestionnaires});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_TRUE(contains(unknown.err,
                       "no questionnaire file 'nope' and no '" + kQuestionnaires + "/nope.json'"))
      << unknown.err;
  auto language = run_parorende({"export-redcap", "--questionnaire", "belastningskartlegging",
                                 "--questionnaires-dir", kQuestionnaires, "--lang", "de"});
  EXPECT_EQ(language.exit_code, 1);
  EXPECT_TRUE(contains(language.err, "has no texts in 'de'; it has nb, nn, en")) << language.err;
  TempDir dir;
  std::string broken = dir.write("broken.json", "{\"format\": 1}");
  auto invalid = run_parorende({"export-redcap", "--questionnaire", broken});
  EXPECT_EQ(invalid.exit_code, 1);
  EXPECT_TRUE(contains(invalid.err, broken + ": ")) << invalid.err;
  EXPECT_EQ(run_parorende({"export-redcap"}).exit_code, 2);
  EXPECT_EQ(run_parorende({"export-redcap", "--questionnaire", "x", "extra"}).exit_code, 2);
  EXPECT_EQ(run_parorende({"export-redcap", "--bogus", "x"}).exit_code, 2);
}

TEST(RedcapCli, ImportWritesTheDefinitionAndWarnsOnStandardError) {
  auto result = run_parorende({"import-redcap", kDictionaries + "/every_field_type.csv"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  auto loaded = load_questionnaire_text(result.out);
  ASSERT_TRUE(loaded.ok()) << testing::describe_result(loaded);
  EXPECT_EQ(loaded->id, "screening");
  std::string file = kDictionaries + "/every_field_type.csv";
  EXPECT_TRUE(contains(result.err, file + ": row 9: field 'full_name' is marked as an identifier"))
      << result.err;
  EXPECT_TRUE(contains(result.err, file + ": row 17: field 'bmi' (calc)")) << result.err;
  EXPECT_TRUE(contains(
      result.err, file + ": 5 field(s) skipped, 0 field(s) imported without their branching logic"))
      << result.err;
  // People read and edit the output: it is indented.
  EXPECT_TRUE(contains(result.out, "\n  \"sections\": [\n")) << result.out.substr(0, 400);
}

TEST(RedcapCli, ImportToAFileThatValidates) {
  TempDir dir;
  std::string out = (dir.path() / "imported.json").string();
  auto result = run_parorende({"import-redcap", kDictionaries + "/two_forms.csv", "--id", "study",
                               "--version", "3", "--lang", "nn", "--out", out});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "");
  auto validated = run_parorende({"validate", out});
  EXPECT_EQ(validated.exit_code, 0) << validated.out;
  EXPECT_TRUE(contains(validated.out, "ok (study 3, 8 items, 1 scales")) << validated.out;
}

TEST(RedcapCli, ImportFailuresAreClear) {
  auto missing = run_parorende({"import-redcap", kDictionaries + "/missing_columns.csv"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_TRUE(contains(missing.err,
                       "(content=metadata)\n"
                       "  row 1: the header has no column 'Field Type'\n"
                       "  row 1: the header has no column 'Required Field?'"))
      << missing.err;
  EXPECT_TRUE(contains(missing.err,
                       "the header lacks 2 of the 18 REDCap dictionary columns (read "
                       "with the separator ','; found 'Variable / Field Name'"))
      << missing.err;
  EXPECT_EQ(missing.out, "");
  auto absent = run_parorende({"import-redcap", kDictionaries + "/absent.csv"});
  EXPECT_EQ(absent.exit_code, 1);
  EXPECT_TRUE(contains(absent.err, "cannot open")) << absent.err;
  TempDir dir;
  std::string latin1 = dir.write("latin1.csv", "Variable / Field Name\nBod\xF8\n");
  auto encoding = run_parorende({"import-redcap", latin1});
  EXPECT_EQ(encoding.exit_code, 1);
  EXPECT_TRUE(contains(encoding.err, "line 2: the file is not UTF-8")) << encoding.err;
  EXPECT_EQ(run_parorende({"import-redcap"}).exit_code, 2);
  EXPECT_EQ(run_parorende({"import-redcap", "a.csv", "b.csv"}).exit_code, 2);
}

// The ZIP the Shared Library gives, as it is: its instrument.csv, with no
// record ID, so its first question (a text field here) is kept.
TEST(RedcapCli, AnInstrumentZipIsImportedWhole) {
  TempDir dir;
  std::string out = (dir.path() / "rest.json").string();
  auto result = run_parorende({"import-redcap", kDictionaries + "/instrument.zip", "--out", out});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_FALSE(contains(result.err, "record ID")) << result.err;
  EXPECT_TRUE(contains(result.err, "rest_total")) << result.err;  // the calc field, reported
  auto validated = run_parorende({"validate", out});
  EXPECT_EQ(validated.exit_code, 0) << validated.out;
  EXPECT_TRUE(contains(validated.out, "ok (rest_and_energy 1.0.0, 4 items")) << validated.out;
  auto bomb = run_parorende({"import-redcap", kDictionaries + "/too_large.zip"});
  EXPECT_EQ(bomb.exit_code, 1);
  EXPECT_TRUE(contains(bomb.err, "the limit is 16777216")) << bomb.err;
}

TEST(RedcapCli, ShippedQuestionnaireSurvivesExportAndImport) {
  TempDir dir;
  std::string csv = (dir.path() / "survey.csv").string();
  std::string json = (dir.path() / "survey.json").string();
  ASSERT_EQ(run_parorende({"export-redcap", "--questionnaire",
                           kQuestionnaires + "/parorendeundersokelse.json", "--out", csv})
                .exit_code,
            0);
  auto imported = run_parorende({"import-redcap", csv, "--out", json});
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_TRUE(contains(imported.err, "row 2: field 'record_id' is the record ID")) << imported.err;
  auto validated = run_parorende({"validate", json});
  EXPECT_EQ(validated.exit_code, 0) << validated.out;
  EXPECT_TRUE(contains(validated.out, "ok (parorendeundersokelse 1.0.0, 53 items, 9 scales"))
      << validated.out;
}

}  // namespace
}  // namespace parorende
