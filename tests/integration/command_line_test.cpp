// The command line of every subcommand (cli/command_line.cpp): --help
// answers 0 with the subcommand's options, and a mistake answers 2 with one
// line naming the option and a pointer to --help, never a crash.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "test_support.h"

namespace parorende {
namespace {

using testing::contains;
using testing::run_parorende;

struct Subcommand {
  std::vector<std::string> words;    // {"wave", "create"}
  std::vector<std::string> options;  // every option and positional its help names
};

const std::vector<Subcommand> kSubcommands = {
    {{"validate"}, {"FILE"}},
    {{"score"}, {"--questionnaire", "--response", "--partial"}},
    {{"export-redcap"}, {"--questionnaire", "--lang", "--out", "--questionnaires-dir"}},
    {{"import-redcap"}, {"FILE", ".zip", "--id", "--version", "--lang", "--no-record-id", "--out"}},
    {{"init-db"}, {"--db"}},
    {{"publish"}, {"--db", "QUESTIONNAIRE.json"}},
    {{"wave"}, {"create", "list"}},
    {{"wave", "create"},
     {"--db", "--questionnaire", "--version", "--name", "--opens", "--closes", "--municipalities"}},
    {{"wave", "list"}, {"--db"}},
    {{"import-responses"}, {"--db", "--wave", "--all-or-nothing", "FILE.jsonl"}},
    {{"stats"}, {"--db"}},
    {{"backup"}, {"--db", "OUT.db"}},
    {{"offers"}, {"import"}},
    {{"offers", "import"}, {"--db", "FILE.csv"}},
    {{"audit"}, {"verify", "export"}},
    {{"audit", "verify"}, {"--db"}},
    {{"audit", "export"}, {"--db", "--out", "--after", "--actor", "--action"}},
    {{"user"}, {"add", "list", "disable", "enable", "reset"}},
    {{"user", "add"}, {"--db", "--username", "--name", "--grant", "--password-file"}},
    {{"user", "list"}, {"--db"}},
    {{"user", "disable"}, {"--db", "--username"}},
    {{"user", "enable"}, {"--db", "--username"}},
    {{"user", "reset"}, {"--db", "--username", "--remove-totp"}},
    {{"analyze"},
     {"--db", "--wave", "--format", "--compare-to", "--min-respondents", "--unprotected"}},
    {{"demo-data"},
     {"--db", "--wave", "--responses", "--seed", "--questionnaire", "--truth", "--opens",
      "--closes"}},
    {{"export"}, {"--db", "--wave", "--format", "--out", "--min-respondents"}},
    {{"serve"},
     {"--db", "--port", "--address", "--threads", "--web", "--access-log", "--body-limit",
      "--max-connections", "--store-workers", "--write-limit", "--attempt-limit", "--synchronous",
      "--min-respondents", "--trusted-proxy", "--public-url", "--oidc-config",
      "--metrics-token-file"}},
};

std::string joined(const std::vector<std::string>& words) {
  std::string text = "parorende";
  for (const std::string& word : words) text += " " + word;
  return text;
}

std::vector<std::string> with(std::vector<std::string> words,
                              std::initializer_list<std::string> more) {
  words.insert(words.end(), more);
  return words;
}

TEST(CommandLine, HelpListsEverySubcommand) {
  auto help = run_parorende({"--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_EQ(help.err, "");
  for (const Subcommand& subcommand : kSubcommands) {
    EXPECT_TRUE(contains(help.out, "\n  " + subcommand.words.front() + " ")) << help.out;
  }
}

TEST(CommandLine, HelpOfEverySubcommandNamesItsOptions) {
  for (const Subcommand& subcommand : kSubcommands) {
    for (const char* flag : {"--help", "-h"}) {
      auto help = run_parorende(with(subcommand.words, {flag}));
      const std::string name = joined(subcommand.words) + " " + flag;
      EXPECT_EQ(help.exit_code, 0) << name << ": " << help.err;
      EXPECT_EQ(help.err, "") << name;
      EXPECT_TRUE(contains(help.out, "Usage: " + joined(subcommand.words) + " ")) << help.out;
      for (const std::string& option : subcommand.options) {
        EXPECT_TRUE(contains(help.out, option)) << name << " lacks " << option << ":\n" << help.out;
      }
    }
  }
}

// Named before any required option is missed: a typo is the mistake.
TEST(CommandLine, AnUnknownOptionIsNamed) {
  for (const Subcommand& subcommand : kSubcommands) {
    auto result = run_parorende(with(subcommand.words, {"--no-such-option", "1"}));
    const std::string name = joined(subcommand.words);
    EXPECT_EQ(result.exit_code, 2) << name << ": " << result.err;
    EXPECT_EQ(result.out, "") << name;
    EXPECT_EQ(result.err,
              name + ": unknown option --no-such-option\nRun '" + name + " --help' for usage.\n");
  }
}

// The first option of each subcommand that takes a value, given none.
TEST(CommandLine, AMissingValueIsNamed) {
  const std::set<std::string> switches = {"--partial", "--all-or-nothing", "--unprotected"};
  int checked = 0;
  for (const Subcommand& subcommand : kSubcommands) {
    for (const std::string& option : subcommand.options) {
      if (option.rfind("--", 0) != 0 || switches.count(option) != 0) continue;
      auto result = run_parorende(with(subcommand.words, {option}));
      const std::string name = joined(subcommand.words);
      EXPECT_EQ(result.exit_code, 2) << name << " " << option << ": " << result.err;
      EXPECT_TRUE(contains(result.err, name + ": " + option + ": 1 required ")) << result.err;
      EXPECT_TRUE(contains(result.err, "Run '" + name + " --help' for usage.")) << result.err;
      ++checked;
      break;
    }
  }
  EXPECT_EQ(checked, 22);
}

TEST(CommandLine, AMissingRequiredOptionIsNamed) {
  auto result = run_parorende({"wave", "create", "--db", "x.db", "--questionnaire", "q", "--name",
                               "n", "--opens", "2026-01-01"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err,
            "parorende wave create: --closes is required\n"
            "Run 'parorende wave create --help' for usage.\n");
}

TEST(CommandLine, BadValuesAreNamedWithWhatIsExpected) {
  struct Case {
    std::vector<std::string> words;
    std::string message;
  };
  const Case cases[] = {
      {{"serve", "--db", "x.db", "--port", "70000"},
       "parorende serve: --port: '70000' is not a whole number from 0 to 65535"},
      {{"serve", "--db", "x.db", "--threads", "two"},
       "parorende serve: --threads: 'two' is not a whole number from 0 to 256"},
      {{"serve", "--db", "x.db", "--trusted-proxy", "proxy.local"},
       "parorende serve: --trusted-proxy: 'proxy.local' is not an IP address"},
      {{"serve", "--db", "x.db", "--public-url", "parorende.kommune.no"},
       "parorende serve: --public-url: 'parorende.kommune.no' does not start with https:// or "
       "http://"},
      {{"serve", "--db", "x.db", "--write-limit", "fast"},
       "parorende serve: --write-limit: 'fast' is not PER_SECOND or PER_SECOND:BURST"},
      {{"serve", "--db", "x.db", "--attempt-limit", "1:0"},
       "parorende serve: --attempt-limit: the rate must be >= 0 and the burst >= 1"},
      {{"serve", "--db", "x.db", "--synchronous", "off"},
       "parorende serve: --synchronous: 'off' is not one of full, normal"},
      {{"demo-data", "--db", "x.db", "--wave", "w", "--responses", "0", "--seed", "1"},
       "parorende demo-data: --responses: '0' is not a whole number of at least 1"},
      {{"demo-data", "--db", "x.db", "--wave", "w", "--responses", "5", "--seed", "-1"},
       "parorende demo-data: --seed: '-1' is not a whole number"},
      // CLI11 alone would read "010" as octal.
      {{"demo-data", "--db", "x.db", "--wave", "w", "--responses", "0x10", "--seed", "1"},
       "parorende demo-data: --responses: '0x10' is not a whole number"},
      {{"wave", "create", "--db", "x.db", "--questionnaire", "q", "--name", "n", "--opens",
        "2026-13-01", "--closes", "2026-12-31"},
       "parorende wave create: --opens: '2026-13-01' is not a date written YYYY-MM-DD"},
      {{"analyze", "--db", "x.db", "--wave", "w", "--min-respondents", "4"},
       "parorende analyze: --min-respondents: min_respondents is 4; figures resting on fewer "
       "than 5 respondents are never published"},
      {{"export", "--db", "x.db", "--wave", "w", "--format", "xls", "--out", "d"},
       "parorende export: --format: 'xls' is not one of csv, json, sav, dta"},
      {{"import-redcap", "a.csv", "b.csv"}, "parorende import-redcap: unexpected argument 'b.csv'"},
      {{"wave", "delete"}, "parorende wave: unknown subcommand 'delete'"},
      {{"frobnicate"}, "parorende: unknown subcommand 'frobnicate'"},
      {{"score", "--questionnaire", "q", "--questionnaire", "r", "--response", "s"},
       "parorende score: --questionnaire: "},
  };
  for (const Case& c : cases) {
    auto result = run_parorende(c.words);
    EXPECT_EQ(result.exit_code, 2) << joined(c.words) << ": " << result.err;
    EXPECT_EQ(result.out, "") << joined(c.words);
    EXPECT_EQ(result.err.rfind(c.message, 0), 0u) << result.err;
    EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 2) << result.err;
  }
}

TEST(CommandLine, AGroupWithoutItsSubcommandShowsItsHelpAsAMistake) {
  auto wave = run_parorende({"wave"});
  EXPECT_EQ(wave.exit_code, 2);
  EXPECT_EQ(wave.out, "");
  EXPECT_TRUE(contains(wave.err, "Usage: parorende wave [OPTIONS] [SUBCOMMAND]")) << wave.err;
  EXPECT_TRUE(contains(wave.err, "create")) << wave.err;
}

}  // namespace
}  // namespace parorende
