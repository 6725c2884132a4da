// The real `parorende serve` as a child process on an ephemeral loopback
// port: started, its port read from its stderr, waited for.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>

#include "server_fixture.h"

namespace parorende::testing {

// A store at `db` (StoreOptions::path) with tests/data/http/survey.json and
// its always open wave "open", for a server started on it.
inline void make_store_with_open_wave(const std::string& db) {
  StoreOptions options;
  options.path = db;
  auto store = ResponseStore::open(options);
  ASSERT_TRUE(store.ok()) << store.error().describe();
  ASSERT_TRUE(store.value()
                  ->publish_questionnaire(read_text(kSourceDir + "/tests/data/http/survey.json"))
                  .ok());
  ASSERT_TRUE(
      store.value()
          ->create_wave({"open", "http_survey", std::nullopt, {2000, 1, 1}, {2999, 12, 31}, {}})
          .ok());
}

// A started server, its stderr readable.
struct Child {
  pid_t pid = -1;
  int stderr_fd = -1;
};

inline Child spawn_server(const std::string& db) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) return {};
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(pipe_fds[1], STDERR_FILENO);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    ::execl(kBinary.c_str(), kBinary.c_str(), "serve", "--db", db.c_str(), "--port", "0",
            "--threads", "2", "--web", "/nonexistent", "--access-log", "off", "--write-limit", "0",
            "--attempt-limit", "0", "--max-connections-per-client", "1000",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  return {pid, pipe_fds[0]};
}

// Reads the child's stderr until "listening on http://127.0.0.1:PORT/".
inline std::uint16_t read_port(int fd) {
  std::string text;
  char buffer[256];
  while (text.find("/\n") == std::string::npos) {
    ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got <= 0) return 0;
    text.append(buffer, static_cast<std::size_t>(got));
  }
  auto colon = text.rfind(':');
  return static_cast<std::uint16_t>(std::stoi(text.substr(colon + 1)));
}

inline int wait_for_exit(pid_t pid, std::chrono::seconds limit) {
  auto deadline = std::chrono::steady_clock::now() + limit;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) {
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
  return -1;
}

}  // namespace parorende::testing
