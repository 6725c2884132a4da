// SIGTERM with submissions in flight: the real binary stops gracefully,
// exits 0, every acknowledged submission is in the database, and every
// request sent before the signal is answered, none reset.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "server_fixture.h"
#include "server_process.h"

namespace parorende::testing {
namespace {

using namespace std::chrono_literals;

TEST(ShutdownTest, SigtermLosesNoAcknowledgedSubmission) {
  TemporaryFolder folder;
  std::string db = (folder.path() / "responses.db").string();
  make_store_with_open_wave(db);
  if (HasFatalFailure()) return;
  Child child = spawn_server(db);
  ASSERT_GT(child.pid, 0);
  std::uint16_t port = read_port(child.stderr_fd);
  ASSERT_NE(port, 0);

  std::mutex mutex;
  std::vector<std::string> receipts;
  std::atomic<int> acknowledged_after_signal{0};
  std::atomic<bool> signalled{false};
  std::vector<std::thread> clients;
  for (int i = 0; i < 32; ++i) {
    clients.emplace_back([&] {
      while (true) {
        std::optional<TestClient> connection;
        try {
          connection.emplace(port, 5s);
        } catch (const std::exception&) {
          return;  // no longer accepting
        }
        while (true) {
          auto reply = connection->request("POST", "/api/v1/waves/open/responses", complete_body());
          if (!reply) break;
          if (reply->status != 201) {
            ADD_FAILURE() << reply->status << " " << reply->body;
            return;
          }
          {
            std::lock_guard lock(mutex);
            receipts.emplace_back(reply->json().at("receipt_code").as_string());
          }
          if (signalled) ++acknowledged_after_signal;
          if (reply->header("connection") == "close") break;
        }
      }
    });
  }
  std::this_thread::sleep_for(1500ms);
  signalled = true;
  ASSERT_EQ(::kill(child.pid, SIGTERM), 0);
  for (std::thread& client : clients) client.join();
  EXPECT_EQ(wait_for_exit(child.pid, 20s), 0);
  std::string output;
  char buffer[1024];
  ssize_t got;
  while ((got = ::read(child.stderr_fd, buffer, sizeof buffer)) > 0)
    output.append(buffer, static_cast<std::size_t>(got));
  ::close(child.stderr_fd);
  EXPECT_NE(output.find("stopped"), std::string::npos) << output;

  ASSERT_GT(receipts.size(), 50u);
  StoreOptions options;
  options.path = db;
  auto store = ResponseStore::open(options);
  ASSERT_TRUE(store.ok());
  auto stats = store.value()->stats();
  ASSERT_TRUE(stats.ok());
  ASSERT_EQ(stats->waves.size(), 1u);
  EXPECT_GE(stats->waves[0].complete, static_cast<std::int64_t>(receipts.size()));
  // Each acknowledged response is there: its receipt erases it. Erasing
  // from many threads lets the store commit the erasures in groups.
  std::atomic<std::size_t> missing{0};
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> erasers;
  for (int i = 0; i < 32; ++i) {
    erasers.emplace_back([&] {
      for (std::size_t at = next++; at < receipts.size(); at = next++) {
        if (!store.value()->erase(receipts[at]).ok()) ++missing;
      }
    });
  }
  for (std::thread& eraser : erasers) eraser.join();
  EXPECT_EQ(missing.load(), 0u) << "of " << receipts.size() << " acknowledged";
}

TEST(ShutdownTest, EveryRequestSentBeforeSigtermIsAnswered) {
  raise_descriptor_limit();
  TemporaryFolder folder;
  std::string db = (folder.path() / "responses.db").string();
  Child child = spawn_server(db);
  ASSERT_GT(child.pid, 0);
  std::uint16_t port = read_port(child.stderr_fd);
  ASSERT_NE(port, 0);
  // 640 connections, each with one whole request sent; half of them also
  // answered once before, so they are idle keep-alive connections when
  // their second request comes.
  constexpr int kConnections = 640;
  std::vector<TestClient> connections;
  connections.reserve(kConnections);
  for (int i = 0; i < kConnections; ++i) {
    connections.emplace_back(port, 20s);
    if (i % 2 == 1) {
      ASSERT_TRUE(connections.back().request("GET", "/api/v1/waves"));
    }
  }
  const std::string request = "GET /api/v1/waves HTTP/1.1\r\nHost: localhost\r\n\r\n";
  for (TestClient& connection : connections) ASSERT_TRUE(connection.send_raw(request));
  ASSERT_EQ(::kill(child.pid, SIGTERM), 0);
  int answered = 0;
  int refused = 0;
  int unanswered = 0;
  for (TestClient& connection : connections) {
    auto reply = connection.read_reply();
    if (!reply) {
      ++unanswered;
    } else if (reply->status == 200) {
      ++answered;
    } else {
      EXPECT_EQ(reply->status, 503) << reply->body;
      EXPECT_EQ(reply->header("connection"), "close");
      ++refused;
    }
  }
  EXPECT_EQ(unanswered, 0) << answered << " answered, " << refused << " refused with 503";
  EXPECT_EQ(wait_for_exit(child.pid, 20s), 0);
  ::close(child.stderr_fd);
}

}  // namespace
}  // namespace parorende::testing
