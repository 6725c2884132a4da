// Durability under SIGKILL: a child process submits responses through the
// store and prints each acknowledged one; the parent kills it at a random
// moment, reopens the database, and requires every acknowledged response
// to be there, complete and with its answers. Repeated on the same file,
// so recovery after recovery is exercised too.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <functional>
#include <map>
#include <random>
#include <sstream>

#include "../crash/crash_answers.h"
#include "questionnaire/response_validation.h"
#include "store/internal/connection.h"
#include "store/internal/stored_answers.h"
#include "store/response_store.h"
#include "store_test_support.h"

namespace parorende {
namespace {

using Clock = std::chrono::steady_clock;

struct ChildRun {
  std::map<std::int64_t, std::int64_t> acknowledged;  // id -> sequence
  std::string errors;
};

// Starts the submitter, kills it after `lifetime`, and returns every line
// it managed to print (lines already in the pipe count: they were
// acknowledged before the kill).
ChildRun run_and_kill(const std::string& database, std::chrono::milliseconds lifetime) {
  int out[2];
  int err[2];
  if (pipe(out) != 0 || pipe(err) != 0) throw std::runtime_error("pipe failed");
  pid_t child = fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child == 0) {
    dup2(out[1], STDOUT_FILENO);
    dup2(err[1], STDERR_FILENO);
    close(out[0]);
    close(err[0]);
    std::string definition = testing::small_survey_path();
    execl(PARORENDE_CRASH_SUBMITTER, PARORENDE_CRASH_SUBMITTER, database.c_str(),
          definition.c_str(), "8", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  close(err[1]);

  std::string output;
  std::string errors;
  auto read_some = [](int fd, std::string& into) {
    char buffer[4096];
    ssize_t got = read(fd, buffer, sizeof buffer);
    if (got > 0) into.append(buffer, static_cast<std::size_t>(got));
    return got;
  };
  auto deadline = Clock::now() + lifetime;
  bool killed = false;
  bool out_open = true;
  bool err_open = true;
  while (out_open || err_open) {
    if (!killed && Clock::now() >= deadline) {
      kill(child, SIGKILL);
      killed = true;
    }
    pollfd fds[2] = {{out_open ? out[0] : -1, POLLIN, 0}, {err_open ? err[0] : -1, POLLIN, 0}};
    int wait_ms =
        killed ? 1000
               : std::max<int>(
                     0, static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                             deadline - Clock::now())
                                             .count()));
    if (poll(fds, 2, wait_ms) < 0 && errno != EINTR) break;
    if (out_open && (fds[0].revents & (POLLIN | POLLHUP)) && read_some(out[0], output) <= 0) {
      out_open = false;
    }
    if (err_open && (fds[1].revents & (POLLIN | POLLHUP)) && read_some(err[0], errors) <= 0) {
      err_open = false;
    }
  }
  if (!killed) kill(child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  close(out[0]);
  close(err[0]);

  ChildRun run;
  run.errors = errors;
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    // A line cut by the kill has no newline; getline still returns it, but
    // write(2) of one short line is atomic, so this only guards the test.
    if (lines.eof()) break;
    std::int64_t id = 0;
    std::int64_t sequence = 0;
    std::istringstream fields(line);
    fields >> id >> sequence;
    run.acknowledged[id] = sequence;
  }
  return run;
}

bool same_row(const ResponseMatrix& matrix, std::size_t row, const std::vector<double>& expected) {
  for (std::size_t c = 0; c < expected.size(); ++c) {
    double actual = matrix.at(row, c);
    if (std::isnan(expected[c]) ? !std::isnan(actual) : actual != expected[c]) return false;
  }
  return true;
}

// `database` as StoreOptions::path takes it; `connect` opens it bypassing
// the store.
void expect_every_acknowledged_response_after_sigkills(
    const std::string& database,
    const std::function<Result<std::unique_ptr<Connection>>()>& connect, int repetitions) {
  std::mt19937 random(std::random_device{}());
  std::uniform_int_distribution<int> lifetime_ms(30, 600);
  std::map<std::int64_t, std::int64_t> acknowledged;
  const int kRepetitions = repetitions;

  for (int repetition = 0; repetition < kRepetitions; ++repetition) {
    SCOPED_TRACE("repetition " + std::to_string(repetition));
    ChildRun run = run_and_kill(database, std::chrono::milliseconds(lifetime_ms(random)));
    ASSERT_TRUE(run.errors.empty()) << run.errors;
    for (const auto& [id, sequence] : run.acknowledged) {
      ASSERT_TRUE(acknowledged.emplace(id, sequence).second)
          << "id " << id << " acknowledged twice";
    }

    // Reopening runs WAL recovery, as a restarted server would.
    auto store = testing::open_store_at(database);
    ASSERT_NE(store, nullptr);
    auto matrix = store->complete_responses(crash_test::kWave);
    if (acknowledged.empty()) continue;  // killed before anything was written
    ASSERT_TRUE(matrix.ok()) << testing::describe_result(matrix);
    std::map<std::int64_t, std::size_t> row_of;
    for (std::size_t row = 0; row < matrix->rows(); ++row) row_of[matrix->response_ids[row]] = row;

    auto questionnaire = matrix->questionnaire;
    auto connection = connect();
    ASSERT_TRUE(connection.ok()) << testing::describe_result(connection);
    // Every acknowledged response is present after every crash; the answers
    // of this run's are compared now, everyone's after the last crash (a
    // row is never written again, so what changed it would show then too).
    bool last = repetition == kRepetitions - 1;
    for (const auto& [id, sequence] : acknowledged) {
      auto found = row_of.find(id);
      ASSERT_TRUE(found != row_of.end()) << "acknowledged response " << id << " is lost";
      if (!last && !run.acknowledged.contains(id)) continue;
      auto response = validate_response(*questionnaire, crash_test::response_document(sequence));
      ASSERT_TRUE(response.ok());
      EXPECT_TRUE(same_row(*matrix, found->second,
                           pack_answers(*questionnaire, matrix->columns, response->answers)))
          << "response " << id;
      auto answers =
          connection.value()->statement("SELECT answers FROM response_answers WHERE response = ?");
      ASSERT_TRUE(answers.ok());
      answers->bind(1, id);
      ASSERT_TRUE(answers->step().value()) << "answers of " << id << " are lost";
      auto stored = decode_stored_answers(*questionnaire, answers->text(0));
      ASSERT_TRUE(stored.ok());
      EXPECT_EQ(stored.value(), answers_to_json(*questionnaire, response->answers))
          << "response " << id;
    }
    if (connection.value()->engine() == StoreEngine::sqlite) {
      EXPECT_EQ(connection.value()
                    ->query_int("SELECT count(*) FROM pragma_integrity_check"
                                " WHERE integrity_check <> 'ok'")
                    .value(),
                0);
    }
  }
  EXPECT_GT(acknowledged.size(), 0u) << "the child never got to submit";
  ::testing::Test::RecordProperty("acknowledged", static_cast<int>(acknowledged.size()));
}

TEST(StoreCrashTest, EveryAcknowledgedResponseSurvivesSigkill) {
  testing::TempDir directory;
  std::string database = (directory.path() / "crash.db").string();
  expect_every_acknowledged_response_after_sigkills(
      database, [&] { return Connection::open(database, SQLITE_OPEN_READONLY); }, 20);
}

// The same on PostgreSQL: what the server acknowledged is committed there,
// whatever happens to the process that asked.
TEST(StoreCrashTest, EveryAcknowledgedResponseSurvivesSigkillOnPostgresql) {
  POSTGRES_TEST_DATABASE(database);
  expect_every_acknowledged_response_after_sigkills(
      database.uri(), [&] { return Connection::open_postgres(database.conninfo()); }, 20);
}

}  // namespace
}  // namespace parorende
