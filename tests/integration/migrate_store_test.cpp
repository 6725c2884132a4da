// parorende migrate-store: the demo database (two national rounds and the
// offer catalogue) copied into PostgreSQL, after which a server on either
// serves the same figures; a target with data is refused, and a copy that
// does not compare equal is rolled back.
#include <boost/json/serialize.hpp>

#include "postgres_test_support.h"
#include "server_fixture.h"
#include "server_process.h"
#include "store/store_copy.h"

namespace parorende::testing {
namespace {

using namespace std::chrono_literals;

// The demo database as ./run.sh makes it, with fewer caregivers.
std::string make_demo_database(const TemporaryFolder& folder) {
  std::string db = (folder.path() / "demo.db").string();
  Date today = today_utc();
  std::string last_year = std::to_string(today.year - 1);
  for (std::vector<std::string> arguments : std::vector<std::vector<std::string>>{
           {"init-db", "--db", db},
           {"demo-data", "--db", db, "--wave", "demo-national-2025", "--responses", "1500",
            "--seed", "2025", "--opens", last_year + "-01-01", "--closes", last_year + "-12-31"},
           {"demo-data", "--db", db, "--wave", "demo-national-2026", "--responses", "2500",
            "--seed", "2026"},
           {"offers", "import", "--db", db, kSourceDir + "/data/demo-offers.csv"}}) {
    auto result = run_parorende(arguments, folder.path());
    EXPECT_EQ(result.exit_code, 0) << arguments[0] << ": " << result.out << result.err;
  }
  return db;
}

// What a server on `db` answers to each of `targets`, one body after another.
std::vector<std::string> served(const std::string& db, const std::vector<std::string>& targets) {
  Child child = spawn_server(db);
  EXPECT_GT(child.pid, 0);
  std::uint16_t port = read_port(child.stderr_fd);
  EXPECT_NE(port, 0);
  std::vector<std::string> bodies;
  if (port != 0) {
    TestClient client(port, 60s);
    for (const std::string& target : targets) {
      auto reply = client.request("GET", target);
      EXPECT_TRUE(reply && reply->status == 200) << target;
      bodies.push_back(reply ? reply->body : "");
    }
  }
  ::kill(child.pid, SIGTERM);
  EXPECT_EQ(wait_for_exit(child.pid, 20s), 0);
  ::close(child.stderr_fd);
  return bodies;
}

TEST(MigrateStore, TheDemoDatabaseServesTheSameFiguresFromPostgresql) {
  POSTGRES_TEST_DATABASE(database);
  TemporaryFolder folder;
  std::string db = make_demo_database(folder);
  auto copied = run_parorende({"migrate-store", "--from", db, "--to", database.uri()});
  ASSERT_EQ(copied.exit_code, 0) << copied.out << copied.err;
  EXPECT_TRUE(contains(copied.out, "responses: 4000 rows\n")) << copied.out;
  EXPECT_TRUE(contains(copied.out, "every table compared equal")) << copied.out;

  std::vector<std::string> targets = {"/api/v1/waves?with=results"};
  for (std::string wave : {"demo-national-2025", "demo-national-2026"}) {
    targets.push_back("/api/v1/waves/" + wave + "/results");
    for (std::string municipality : {"0301", "4601", "3407", "5001"}) {
      targets.push_back("/api/v1/waves/" + wave + "/results/" + municipality);
    }
  }
  targets.push_back("/api/v1/municipalities/3407/offers");
  std::vector<std::string> from_file = served(db, targets);
  std::vector<std::string> from_postgresql = served(database.uri(), targets);
  ASSERT_EQ(from_file.size(), targets.size());
  ASSERT_EQ(from_postgresql.size(), targets.size());
  for (std::size_t i = 0; i < targets.size(); ++i) {
    EXPECT_EQ(from_postgresql[i], from_file[i]) << targets[i];
  }
  EXPECT_TRUE(contains(from_file[1], "\"respondents\"")) << from_file[1].substr(0, 300);

  auto again = run_parorende({"migrate-store", "--from", db, "--to", database.uri()});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_TRUE(contains(again.err, "copies into an empty database only")) << again.err;
}

// A target that changes what it is given: the comparison finds it, names
// the table, row and column, and nothing is kept.
TEST(MigrateStore, ACopyThatDiffersIsRolledBack) {
  POSTGRES_TEST_DATABASE(database);
  TemporaryFolder folder;
  std::string db = (folder.path() / "small.db").string();
  auto made = run_parorende(
      {"demo-data", "--db", db, "--wave", "w", "--responses", "30", "--seed", "3"}, folder.path());
  ASSERT_EQ(made.exit_code, 0) << made.err;
  auto prepared = run_parorende({"init-db", "--db", database.uri()});
  ASSERT_EQ(prepared.exit_code, 0) << prepared.err;
  auto connection = connect_postgres(database);
  ASSERT_TRUE(connection);
  ASSERT_TRUE(connection->execute(
      "CREATE FUNCTION lose_a_language() RETURNS trigger LANGUAGE plpgsql AS $$"
      " BEGIN IF NEW.id = 7 THEN NEW.language := 'xx'; END IF; RETURN NEW; END $$;"
      "CREATE TRIGGER lose_a_language BEFORE INSERT ON responses"
      " FOR EACH ROW EXECUTE FUNCTION lose_a_language()"));
  auto copied = copy_sqlite_to_postgres(db, database.uri());
  ASSERT_FALSE(copied.ok());
  EXPECT_EQ(copied.error().message, "after the copy, row 7 of responses differs in language");
  EXPECT_EQ(connection->query_int("SELECT count(*) FROM responses").value(), 0);
  EXPECT_EQ(connection->query_int("SELECT count(*) FROM questionnaires").value(), 0);

  auto not_postgres = copy_sqlite_to_postgres(db, db);
  ASSERT_FALSE(not_postgres.ok());
  EXPECT_EQ(not_postgres.error().code, "invalid_store_location");
}

}  // namespace
}  // namespace parorende::testing
