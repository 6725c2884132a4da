// Two `parorende serve` processes over one PostgreSQL database, as behind a
// reverse proxy (docs/deploy.md): caregivers submit through both, one
// server is killed with SIGKILL under load, submissions go on through the
// other, and every acknowledged response is in the database exactly once.
// And staff: a session begun through one server works on the other, and
// both count the guesses at one account's password.
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "access/password.h"
#include "postgres_test_support.h"
#include "server_fixture.h"
#include "server_process.h"

namespace parorende::testing {
namespace {

using namespace std::chrono_literals;

// Submits complete responses to `port` until `stop` or the server is gone;
// the receipt of each one acknowledged (201) goes to `receipts`.
void submit_until(std::uint16_t port, const std::atomic<bool>& stop, std::mutex& mutex,
                  std::vector<std::string>& receipts, std::atomic<int>& failures) {
  while (!stop) {
    std::optional<TestClient> connection;
    try {
      connection.emplace(port, 5s);
    } catch (const std::exception&) {
      return;  // the server is gone
    }
    while (!stop) {
      auto reply = connection->request("POST", "/api/v1/waves/open/responses", complete_body());
      if (!reply) break;  // the connection died with the server: a client retries elsewhere
      if (reply->status != 201) {
        ++failures;
        ADD_FAILURE() << reply->status << " " << reply->body;
        return;
      }
      std::lock_guard lock(mutex);
      receipts.emplace_back(reply->json().at("receipt_code").as_string());
    }
  }
}

// The ports two started servers listen on.
void read_ports(const Child& first, const Child& second, std::uint16_t& first_port,
                std::uint16_t& second_port) {
  ASSERT_GT(first.pid, 0);
  ASSERT_GT(second.pid, 0);
  first_port = read_port(first.stderr_fd);
  second_port = read_port(second.stderr_fd);
  ASSERT_NE(first_port, 0);
  ASSERT_NE(second_port, 0);
}

TEST(TwoServers, OneKilledUnderLoadLosesNoAcknowledgedResponse) {
  POSTGRES_TEST_DATABASE(database);
  make_store_with_open_wave(database.uri());
  if (HasFatalFailure()) return;
  Child first = spawn_server(database.uri());
  Child second = spawn_server(database.uri());
  std::uint16_t first_port = 0;
  std::uint16_t second_port = 0;
  ASSERT_NO_FATAL_FAILURE(read_ports(first, second, first_port, second_port));

  std::mutex mutex;
  std::vector<std::string> through_first;
  std::vector<std::string> through_second;
  std::atomic<bool> stop_first{false};
  std::atomic<bool> stop_second{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> clients;
  for (int i = 0; i < 16; ++i) {
    clients.emplace_back(
        [&] { submit_until(first_port, stop_first, mutex, through_first, failures); });
    clients.emplace_back(
        [&] { submit_until(second_port, stop_second, mutex, through_second, failures); });
  }
  std::this_thread::sleep_for(1500ms);
  ASSERT_EQ(::kill(first.pid, SIGKILL), 0);
  EXPECT_EQ(wait_for_exit(first.pid, 10s), 128 + SIGKILL);
  std::size_t second_at_kill = 0;
  {
    std::lock_guard lock(mutex);
    second_at_kill = through_second.size();
  }
  std::this_thread::sleep_for(1500ms);
  stop_first = true;
  stop_second = true;
  for (std::thread& client : clients) client.join();
  ASSERT_EQ(::kill(second.pid, SIGTERM), 0);
  EXPECT_EQ(wait_for_exit(second.pid, 20s), 0);
  ::close(first.stderr_fd);
  ::close(second.stderr_fd);
  EXPECT_EQ(failures.load(), 0);
  ASSERT_GT(through_first.size(), 20u);
  ASSERT_GT(through_second.size(), second_at_kill + 20) << "the second server went on";

  // Every acknowledged response is there once: its receipt erases it, and
  // erasing it again finds nothing. Unacknowledged ones the killed server
  // had committed may be there too; none is counted twice.
  std::vector<std::string> receipts = through_first;
  receipts.insert(receipts.end(), through_second.begin(), through_second.end());
  EXPECT_EQ(std::set<std::string>(receipts.begin(), receipts.end()).size(), receipts.size());
  StoreOptions options;
  options.path = database.uri();
  auto store = ResponseStore::open(options);
  ASSERT_TRUE(store.ok()) << store.error().describe();
  auto before = store.value()->stats();
  ASSERT_TRUE(before.ok());
  ASSERT_EQ(before->waves.size(), 1u);
  const std::int64_t stored = before->waves[0].complete;
  EXPECT_GE(stored, static_cast<std::int64_t>(receipts.size()));
  EXPECT_LE(stored, static_cast<std::int64_t>(receipts.size()) + 16) << "at most one in flight "
                                                                        "per client of the first";
  std::atomic<std::size_t> missing{0};
  std::atomic<std::size_t> twice{0};
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> erasers;
  for (int i = 0; i < 16; ++i) {
    erasers.emplace_back([&] {
      for (std::size_t at = next++; at < receipts.size(); at = next++) {
        if (!store.value()->erase(receipts[at]).ok()) ++missing;
        if (store.value()->erase(receipts[at]).ok()) ++twice;
      }
    });
  }
  for (std::thread& eraser : erasers) eraser.join();
  EXPECT_EQ(missing.load(), 0u) << "of " << receipts.size() << " acknowledged";
  EXPECT_EQ(twice.load(), 0u);
  auto after = store.value()->stats();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->waves[0].complete, stored - static_cast<std::int64_t>(receipts.size()));
}

// One call to `port` from `source` (a loopback address).
HttpReply call(std::uint16_t port, std::uint32_t source, std::string_view method,
               std::string_view target, std::string_view body = {},
               std::vector<std::string> headers = {}) {
  TestClient connection(port, 10s, source);
  auto reply = connection.request(method, target, body, std::move(headers));
  if (!reply) {
    ADD_FAILURE() << method << " " << target << ": no answer";
    return {};
  }
  return *reply;
}

TEST(TwoServers, StaffSessionsAndTheSignInThrottleAreShared) {
  POSTGRES_TEST_DATABASE(database);
  make_store_with_open_wave(database.uri());
  if (HasFatalFailure()) return;
  {
    StoreOptions options;
    options.path = database.uri();
    auto store = ResponseStore::open(options);
    ASSERT_TRUE(store.ok()) << store.error().describe();
    auto hashed = hash_password("the password of kari");
    ASSERT_TRUE(hashed.ok());
    ASSERT_TRUE(store.value()
                    ->add_account({"kari",
                                   "Kari Nordmann",
                                   hashed.value(),
                                   {{Role::municipality_staff, "0301", std::nullopt}}},
                                  today_utc())
                    .ok());
  }
  Child first = spawn_server(database.uri());
  Child second = spawn_server(database.uri());
  std::uint16_t first_port = 0;
  std::uint16_t second_port = 0;
  ASSERT_NO_FATAL_FAILURE(read_ports(first, second, first_port, second_port));
  constexpr std::uint32_t kOneClient = 0x7F000001;      // 127.0.0.1
  constexpr std::uint32_t kAnotherClient = 0x7F000002;  // 127.0.0.2

  // Signed in through the first, known to the second.
  HttpReply signed_in = call(first_port, kOneClient, "POST", "/api/v1/session",
                             R"({"username": "kari", "password": "the password of kari"})");
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  std::string set_cookie = signed_in.header("set-cookie");
  std::string cookie = "Cookie: " + set_cookie.substr(0, set_cookie.find(';'));
  std::string csrf =
      "X-CSRF-Token: " + std::string(signed_in.json().at("csrf_token").as_string().c_str());
  HttpReply there = call(second_port, kOneClient, "GET", "/api/v1/session", {}, {cookie});
  ASSERT_EQ(there.status, 200) << there.body;
  EXPECT_EQ(there.json().at("account").at("username").as_string(), "kari");

  // Signed out through the second, gone on the first.
  EXPECT_EQ(call(second_port, kOneClient, "DELETE", "/api/v1/session", {}, {cookie, csrf}).status,
            204);
  EXPECT_EQ(call(first_port, kOneClient, "GET", "/api/v1/session", {}, {cookie}).status, 401);

  // 30 wrong passwords, from two clients through both servers: each
  // server's own count of each client stays under its 10, but the
  // account's 30 are spent on every server.
  std::string wrong = R"({"username": "kari", "password": "not the password"})";
  auto fail = [&](std::uint16_t port, std::uint32_t source) {
    for (int i = 0; i < 10; ++i) {
      HttpReply refused = call(port, source, "POST", "/api/v1/session", wrong);
      ASSERT_EQ(refused.status, 401) << i << " " << refused.body;
    }
  };
  fail(first_port, kOneClient);
  fail(second_port, kOneClient);
  fail(first_port, kAnotherClient);
  HttpReply throttled = call(second_port, kAnotherClient, "POST", "/api/v1/session",
                             R"({"username": "kari", "password": "the password of kari"})");
  EXPECT_EQ(throttled.status, 429) << throttled.body;
  EXPECT_FALSE(throttled.header("retry-after").empty());

  for (Child* child : {&first, &second}) {
    ASSERT_EQ(::kill(child->pid, SIGTERM), 0);
    EXPECT_EQ(wait_for_exit(child->pid, 20s), 0);
    ::close(child->stderr_fd);
  }
}

}  // namespace
}  // namespace parorende::testing
