// The `parorende` binary: validate and score on files, exit codes 0 (ok),
// 1 (invalid input) and 2 (usage), and output that names the problems.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <filesystem>

#include "postgres_test_support.h"
#include "test_support.h"

namespace parorende {
namespace {

using testing::contains;
using testing::run_parorende;
using testing::TempDir;

const std::string kGood = R"({
  "format": "parorende-questionnaire/1", "id": "cli_good", "version": "1.2.3",
  "languages": ["nb", "en"], "title": {"nb": "T", "en": "T"},
  "option_sets": {"often": {"options": [
    {"code": 0, "label": {"nb": "Aldri", "en": "Never"}},
    {"code": 1, "label": {"nb": "Av og til", "en": "Sometimes"}},
    {"code": 2, "label": {"nb": "Ofte", "en": "Often"}}]}},
  "sections": [{"id": "s", "title": {"nb": "S", "en": "S"}, "items": [
    {"id": "a", "type": "single_choice", "option_set": "often", "required": true,
     "text": {"nb": "A", "en": "A"}},
    {"id": "b", "type": "single_choice", "option_set": "often", "required": true,
     "text": {"nb": "B", "en": "B"}},
    {"id": "c", "type": "yes_no", "text": {"nb": "C", "en": "C"}}]}],
  "scales": [{"id": "sc", "title": {"nb": "Skala", "en": "Scale"}, "items": ["a", "b"],
              "reverse": ["b"]}],
  "burden_instruments": [{"id": "load", "title": {"nb": "Belastning", "en": "Load"},
    "items": ["a", "b"],
    "categories": [
      {"id": "low", "min": 0, "max": 1, "label": {"nb": "Lav", "en": "Low"},
       "follow_up": {"nb": "Info", "en": "Information"}},
      {"id": "high", "min": 2, "max": 4, "label": {"nb": "Høy", "en": "High"},
       "meaning": {"nb": "Mye", "en": "A lot"}, "follow_up": {"nb": "Samtale", "en": "A talk"}}]}]
})";

const std::string kBad = R"({
  "format": "parorende-questionnaire/1", "id": "cli_bad", "version": "1",
  "languages": ["nb", "en"], "title": {"nb": "T"},
  "sections": [{"id": "s", "title": {"nb": "S", "en": "S"}, "items": [
    {"id": "a", "type": "yes_no", "text": {"nb": "A", "en": "A"}, "visible_if": "b = 1"},
    {"id": "b", "type": "integer", "text": {"nb": "B", "en": "B"}, "colour": "red"}]}]
})";

TEST(CliValidate, AGoodFileIsOk) {
  TempDir dir;
  std::string path = dir.write("good.json", kGood);
  auto result = run_parorende({"validate", path});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(result.out, path + ": ok (cli_good 1.2.3, 3 items, 1 scales, 1 burden instruments)\n");
  EXPECT_EQ(result.err, "");
}

TEST(CliValidate, ABadFileListsEveryProblemWithItsPath) {
  TempDir dir;
  std::string path = dir.write("bad.json", kBad);
  auto result = run_parorende({"validate", path});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_EQ(result.out, path +
                            ": the definition has 3 problems\n"
                            "  $.title: has no text in 'en'\n"
                            "  $.sections[0].items[1].colour: field 'colour' is not allowed "
                            "on a integer item\n"
                            "  $.sections[0].items[0].visible_if: item 'a': visible_if refers "
                            "to 'b', which does not come before it\n");
}

TEST(CliValidate, GoodAndBadTogetherFailButReportBoth) {
  TempDir dir;
  std::string good = dir.write("good.json", kGood);
  std::string bad = dir.write("bad.json", kBad);
  auto result = run_parorende({"validate", good, bad, good});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.out, good + ": ok (cli_good")) << result.out;
  EXPECT_TRUE(contains(result.out, bad + ": the definition has 3 problems")) << result.out;
  EXPECT_EQ(std::count(result.out.begin(), result.out.end(), '\n'), 2 + 4);
}

TEST(CliValidate, BrokenFilesAreInvalidInputNotCrashes) {
  TempDir dir;
  struct Case {
    std::string name;
    std::string contents;
    std::string expected;
  };
  const Case cases[] = {
      {"truncated.json", kGood.substr(0, 100),
       ": invalid JSON at line 3, column 20: the document ends too early (truncated?)"},
      {"nested.json", std::string(10000, '[') + std::string(10000, ']'),
       ": invalid JSON at line 1, column 65: nested more than 64 levels deep"},
      {"utf8.json", "{\"id\": \"\xff\"}",
       ": invalid JSON at line 1, column 9: syntax error (or invalid UTF-8)"},
      {"empty.json", "",
       ": invalid JSON at line 1, column 1: the document ends too early (truncated?)"},
      {"array.json", "[]", ": the definition has 1 problem"},
  };
  for (const Case& c : cases) {
    std::string path = dir.write(c.name, c.contents);
    auto result = run_parorende({"validate", path});
    EXPECT_EQ(result.exit_code, 1) << c.name << result.out << result.err;
    EXPECT_TRUE(contains(result.out, path + c.expected)) << c.name << ": " << result.out;
  }
  std::string big = dir.write("big.json", "{\"title\": \"" + std::string(17u << 20, 'x') + "\"}");
  auto result = run_parorende({"validate", big});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(contains(result.out, "the limit is 16777216 bytes")) << result.out.substr(0, 300);
}

TEST(CliValidate, AMissingFileIsInvalidInput) {
  TempDir dir;
  std::string path = (dir.path() / "nope.json").string();
  auto result = run_parorende({"validate", path});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, path + ": cannot open '" + path + "'\n");
}

TEST(CliValidate, ADirectoryIsInvalidInput) {
  TempDir dir;
  std::string path = dir.path().string();
  auto result = run_parorende({"validate", path});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out, path + ": '" + path + "' is a directory, not a file\n");
}

TEST(CliValidate, NoFilesIsAUsageError) {
  auto result = run_parorende({"validate"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "parorende validate: FILE is required\nRun 'parorende validate --help' for usage.\n");
  EXPECT_EQ(result.out, "");
}

TEST(CliValidate, TheShippedQuestionnairesAreValid) {
  for (const char* name : {"parorendeundersokelse.json", "belastningskartlegging.json"}) {
    std::string path = testing::kSourceDir + "/questionnaires/" + name;
    auto result = run_parorende({"validate", path});
    EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_TRUE(contains(result.out, path + ": ok (")) << result.out;
  }
}

TEST(CliScore, ScoresAValidResponse) {
  TempDir dir;
  std::string questionnaire = dir.write("q.json", kGood);
  // a = 2 -> 100; b = 1 reversed -> 100 - 50 = 50: scale = 75.
  // Burden: 2 + 1 = 3 -> high (2-4).
  std::string response =
      dir.write("r.json", R"({"language": "en", "answers": {"a": 2, "b": 1, "c": true}})");
  auto result = run_parorende({"score", "--questionnaire", questionnaire, "--response", response});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_EQ(result.err, "");
  auto report = boost::json::parse(result.out);
  EXPECT_EQ(report, boost::json::parse(R"({
    "questionnaire": "cli_good", "version": "1.2.3", "language": "en",
    "scales": [{"id": "sc", "title": "Scale", "score": 75.0, "items_answered": 2, "items_total": 2}],
    "burden": [{"id": "load", "title": "Load", "max_sum": 4, "offer_target_group": "adults", "sum": 3,
                "category": {"id": "high", "label": "High", "meaning": "A lot", "follow_up": "A talk",
                             "offer_types": []},
                "items_answered": 2, "items_total": 2}]})"))
      << result.out;
}

TEST(CliScore, OptionsMayBeWrittenWithEquals) {
  TempDir dir;
  std::string questionnaire = dir.write("q.json", kGood);
  std::string response = dir.write("r.json", R"({"language": "nb", "answers": {"a": 0, "b": 0}})");
  auto result =
      run_parorende({"score", "--response=" + response, "--questionnaire=" + questionnaire});
  ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
  auto report = boost::json::parse(result.out).as_object();
  EXPECT_EQ(report.at("language"), "nb");
  const auto& burden = report.at("burden").as_array().at(0).as_object();
  EXPECT_EQ(burden.at("sum"), 0);
  EXPECT_EQ(burden.at("category").at("label"), "Lav");
  EXPECT_EQ(report.at("scales").as_array().at(0).at("score").to_number<double>(), 50.0)
      << "a = 0 -> 0, b = 0 reversed -> 100";
}

TEST(CliScore, AnInvalidResponseIsReportedAsJson) {
  TempDir dir;
  std::string questionnaire = dir.write("q.json", kGood);
  std::string response =
      dir.write("r.json", R"({"language": "en", "answers": {"a": 7, "zzz": 1}})");
  auto result = run_parorende({"score", "--questionnaire", questionnaire, "--response", response});
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  auto report = boost::json::parse(result.out);
  EXPECT_EQ(report, boost::json::parse(R"({"error": {"code": "invalid_response",
      "message": "3 problems in the response", "details": [
        {"where": "zzz", "code": "unknown_item", "message": "There is no question with id 'zzz'."},
        {"where": "a", "code": "not_an_option", "message": "7 is not one of the answer options."},
        {"where": "b", "code": "required", "message": "Please answer this question."}]}})"))
      << result.out;
}

TEST(CliScore, InvalidFilesAreInvalidInput) {
  TempDir dir;
  std::string good = dir.write("q.json", kGood);
  std::string bad = dir.write("bad.json", kBad);
  std::string response = dir.write("r.json", R"({"answers": {"a": 1, "b": 1}})");
  std::string broken = dir.write("broken.json", R"({"answers": {"a": 1,)");
  std::string nested = dir.write("nested.json", std::string(10000, '['));

  auto bad_questionnaire = run_parorende({"score", "--questionnaire", bad, "--response", response});
  EXPECT_EQ(bad_questionnaire.exit_code, 1);
  EXPECT_TRUE(contains(bad_questionnaire.err, bad + ": the definition has 3 problems"))
      << bad_questionnaire.err;
  EXPECT_TRUE(contains(bad_questionnaire.err, "$.title: has no text in 'en'"))
      << bad_questionnaire.err;

  auto broken_response = run_parorende({"score", "--questionnaire", good, "--response", broken});
  EXPECT_EQ(broken_response.exit_code, 1);
  EXPECT_EQ(broken_response.err,
            broken +
                ": invalid JSON at line 1, column 21: the document ends too early "
                "(truncated?)\n");

  auto nested_response = run_parorende({"score", "--questionnaire", good, "--response", nested});
  EXPECT_EQ(nested_response.exit_code, 1);
  EXPECT_TRUE(contains(nested_response.err, "nested more than 64 levels deep"))
      << nested_response.err;

  std::string missing = (dir.path() / "missing.json").string();
  auto missing_response = run_parorende({"score", "--questionnaire", good, "--response", missing});
  EXPECT_EQ(missing_response.exit_code, 1);
  EXPECT_EQ(missing_response.err, "cannot open '" + missing + "'\n");
}

TEST(CliScore, UsageErrors) {
  TempDir dir;
  std::string good = dir.write("q.json", kGood);
  auto no_options = run_parorende({"score"});
  EXPECT_EQ(no_options.exit_code, 2);
  EXPECT_TRUE(contains(no_options.err, "parorende score: --questionnaire is required"))
      << no_options.err;
  auto missing_response = run_parorende({"score", "--questionnaire", good});
  EXPECT_EQ(missing_response.exit_code, 2);
  EXPECT_TRUE(contains(missing_response.err, "--response is required")) << missing_response.err;
  auto unknown = run_parorende({"score", "--questionnaire", good, "--colour", "red"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_TRUE(contains(unknown.err, "unknown option --colour")) << unknown.err;
  auto no_value = run_parorende({"score", "--response"});
  EXPECT_EQ(no_value.exit_code, 2);
  EXPECT_TRUE(contains(no_value.err, "--response: 1 required FILE missing")) << no_value.err;
}

// An unfinished response scores with --partial and is refused without it.
TEST(CliScore, PartialSwitchAllowsMissingRequiredItems) {
  TempDir dir;
  std::string good = dir.write("q.json", kGood);
  std::string response = dir.write("r.json", R"({"answers": {"a": 2}})");
  auto result =
      run_parorende({"score", "--partial", "--questionnaire", good, "--response", response});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  auto complete = run_parorende({"score", "--questionnaire", good, "--response", response});
  EXPECT_EQ(complete.exit_code, 1) << complete.out << complete.err;
}

TEST(CliMain, SubcommandsAndHelp) {
  auto none = run_parorende({});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_TRUE(contains(none.err, "Usage: parorende [OPTIONS] [SUBCOMMAND]")) << none.err;
  auto help = run_parorende({"help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_TRUE(contains(help.out, "validate")) << help.out;
  EXPECT_TRUE(contains(help.out, "score one response")) << help.out;
  auto dashes = run_parorende({"--help"});
  EXPECT_EQ(dashes.exit_code, 0);
  EXPECT_EQ(dashes.out, help.out);
  auto unknown = run_parorende({"frobnicate"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_TRUE(contains(unknown.err, "parorende: unknown subcommand 'frobnicate'"));
}

// --db names an SQLite file, as a path or sqlite:PATH, or a PostgreSQL
// database by its URI; anything else is refused in words, and no file is
// made of it.
TEST(CliDatabase, SqliteFilesByPathOrSchemeAndPostgresqlByUri) {
  TempDir dir;
  std::string path = (dir.path() / "named.db").string();
  auto made = run_parorende({"init-db", "--db", "sqlite:" + path});
  ASSERT_EQ(made.exit_code, 0) << made.out << made.err;
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_TRUE(contains(made.out, path + ": schema version ")) << made.out;
  auto stats = run_parorende({"stats", "--db", path});
  EXPECT_EQ(stats.exit_code, 0) << stats.out << stats.err;

  auto other = run_parorende({"init-db", "--db", "mysql://db/parorende"});
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_TRUE(contains(other.err, "'mysql://db/parorende' names no database")) << other.err;
  auto empty = run_parorende({"init-db", "--db", "sqlite:"});
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_TRUE(contains(empty.err, "sqlite: needs a file after it")) << empty.err;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().filename().string().rfind("named.db", 0), 0u) << entry.path();
  }
  EXPECT_FALSE(std::filesystem::exists("mysql:")) << "a refused value makes no file";
  auto unreachable = run_parorende(
      {"stats", "--db", "postgresql:///parorende?host=/nonexistent&connect_timeout=2"});
  EXPECT_EQ(unreachable.exit_code, 1);
  EXPECT_TRUE(contains(unreachable.err, "cannot connect to PostgreSQL")) << unreachable.err;
}

TEST(CliDatabase, APostgresqlDatabaseIsMadeReadAndBackedUpByPostgresql) {
  POSTGRES_TEST_DATABASE(database);
  auto made = run_parorende({"init-db", "--db", database.uri()});
  ASSERT_EQ(made.exit_code, 0) << made.out << made.err;
  EXPECT_TRUE(contains(made.out, ": schema version ")) << made.out;
  auto stats = run_parorende({"stats", "--db", database.uri()});
  EXPECT_EQ(stats.exit_code, 0) << stats.out << stats.err;
  EXPECT_TRUE(contains(stats.out, "357")) << stats.out;
  TempDir dir;
  auto backup = run_parorende({"backup", "--db", database.uri(), (dir.path() / "x.db").string()});
  EXPECT_NE(backup.exit_code, 0);
  EXPECT_TRUE(contains(backup.err, "pg_dump")) << backup.err;
}

}  // namespace
}  // namespace parorende
