// `parorende audit verify` and `parorende audit export` as an operator runs
// them, on a log written by the shell commands, after the file was changed
// with the sqlite3 tool as an intruder would.
#include <gtest/gtest.h>

#include <boost/json/parse.hpp>
#include <sstream>

#include "test_support.h"

namespace parorende {
namespace {

using testing::contains;
using testing::run_command;
using testing::run_parorende;

class AuditCli : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (directory_.path() / "audit.db").string();
    ASSERT_EQ(run_parorende({"publish", "--db", db_,
                             testing::kSourceDir + "/questionnaires/parorendeundersokelse.json"})
                  .exit_code,
              0);
    for (std::string name : {"2026", "2026"}) {  // the second is refused: recorded too
      run_parorende({"wave", "create", "--db", db_, "--questionnaire", "parorendeundersokelse",
                     "--name", name, "--opens", "2026-01-01", "--closes", "2026-12-31"});
    }
    ASSERT_EQ(run_parorende(
                  {"offers", "import", "--db", db_, testing::kSourceDir + "/data/demo-offers.csv"})
                  .exit_code,
              0);
  }

  // sqlite3 with the triggers dropped first, as someone with the file can.
  void tamper(const std::string& sql) {
    auto changed = run_command({"/usr/bin/sqlite3", db_,
                                "DROP TRIGGER IF EXISTS audit_log_no_update;"
                                "DROP TRIGGER IF EXISTS audit_log_no_delete;" +
                                    sql});
    ASSERT_EQ(changed.exit_code, 0) << changed.err;
  }

  // After `sql`, verification fails and says `message`.
  void expect_named(const std::string& sql, const std::string& message) {
    tamper(sql);
    auto verified = run_parorende({"audit", "verify", "--db", db_});
    EXPECT_EQ(verified.exit_code, 1);
    EXPECT_TRUE(contains(verified.err, message)) << verified.err;
  }

  testing::TempDir directory_;
  std::string db_;
};

TEST_F(AuditCli, TheShellCommandsAreRecordedAndTheLogVerifies) {
  auto verified = run_parorende({"audit", "verify", "--db", db_});
  ASSERT_EQ(verified.exit_code, 0) << verified.err;
  EXPECT_TRUE(contains(verified.out, "the audit log verifies: 4 entries")) << verified.out;

  auto exported = run_parorende({"audit", "export", "--db", db_});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  std::istringstream lines(exported.out);
  std::vector<std::string> actions;
  std::vector<std::string> outcomes;
  for (std::string line; std::getline(lines, line);) {
    auto entry = boost::json::parse(line).as_object();
    EXPECT_TRUE(entry.at("actor").as_string().starts_with("shell:")) << line;
    actions.emplace_back(entry.at("action").as_string());
    outcomes.emplace_back(entry.at("outcome").as_string());
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"questionnaire.publish", "wave.create",
                                               "wave.create", "offers.import"}));
  EXPECT_EQ(outcomes, (std::vector<std::string>{"success", "success", "refused", "success"}));

  auto filtered =
      run_parorende({"audit", "export", "--db", db_, "--action", "wave.create", "--after", "2"});
  ASSERT_EQ(filtered.exit_code, 0) << filtered.err;
  EXPECT_EQ(std::count(filtered.out.begin(), filtered.out.end(), '\n'), 1) << filtered.out;
}

TEST_F(AuditCli, AChangedRowIsNamed) {
  expect_named("UPDATE audit_log SET outcome = 'success' WHERE number = 3",
               "entry 3 does not verify: entry 3 was changed after it was written");
}

TEST_F(AuditCli, ADeletedRowIsNamed) {
  expect_named("DELETE FROM audit_log WHERE number = 2",
               "entry 2 does not verify: entry 2 is missing");
}

TEST_F(AuditCli, ReorderedRowsAreNamed) {
  // Entries 1 and 2 trade numbers: the order of events is rewritten.
  expect_named(
      "UPDATE audit_log SET number = -1 WHERE number = 1;"
      "UPDATE audit_log SET number = 1 WHERE number = 2;"
      "UPDATE audit_log SET number = 2 WHERE number = -1;",
      "entry 1 does not verify");
}

TEST_F(AuditCli, TheNewestRowDeletedIsNamed) {
  expect_named("DELETE FROM audit_log WHERE number = 4",
               "entry 4 does not verify: entry 4 was written and is missing");
}

TEST_F(AuditCli, UsageMistakesExitWith2) {
  EXPECT_EQ(run_parorende({"audit", "verify"}).exit_code, 2);
  EXPECT_EQ(run_parorende({"audit", "export", "--db", db_, "--after", "-1"}).exit_code, 2);
  EXPECT_EQ(run_parorende({"audit", "erase", "--db", db_}).exit_code, 2);
}

}  // namespace
}  // namespace parorende
