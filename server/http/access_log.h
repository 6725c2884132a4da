// A structured access log: one JSON object a line, written off the request
// path. It names the route pattern, never the path (which may hold resume
// or receipt codes), and never the client's address.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace parorende::server {

struct AccessLogEntry {
  std::chrono::system_clock::time_point time;
  std::string_view method;
  std::string_view route;  // pattern, "static" or "unmatched"
  unsigned status = 0;
  std::chrono::nanoseconds duration{0};
  std::uint64_t request_bytes = 0;
  std::uint64_t response_bytes = 0;
};

class AccessLog {
 public:
  // Writes to `sink` (not owned; nullptr: the log is off).
  explicit AccessLog(std::FILE* sink);
  ~AccessLog();  // writes what is pending
  AccessLog(const AccessLog&) = delete;
  AccessLog& operator=(const AccessLog&) = delete;

  bool enabled() const { return sink_ != nullptr; }

  // Never blocks on the sink: lines past the pending limit are dropped and
  // counted (a stuck log must not stop the service).
  void write(const AccessLogEntry& entry);

  std::uint64_t dropped() const;

 private:
  void run();

  static constexpr std::size_t kMaxPending = 8 * 1024 * 1024;

  std::FILE* sink_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::string pending_;
  std::uint64_t dropped_ = 0;
  bool stopping_ = false;
  std::thread writer_;
};

// The line for `entry`, with its newline.
std::string format_access_log_line(const AccessLogEntry& entry);

}  // namespace parorende::server
