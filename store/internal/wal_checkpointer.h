// Checkpoints the WAL on a thread of its own, so the group-commit writer
// does not stop to copy pages into the database file and fsync it.
//
// Installed as the write connection's WAL hook (replacing SQLite's
// autocheckpoint). Once the WAL holds `soft_limit_pages`, its thread runs
// PASSIVE checkpoints, each copying what was committed since the last.
// Only a checkpoint that copies the whole WAL while no commit can come in
// lets the next transaction start the WAL over; the thread cannot promise
// that, so when its passes have come within `kCatchUpPages` of the end, the
// writer copies that little rest itself (a few milliseconds). Past
// `hard_limit_pages` (passes that cannot keep up) the writer checkpoints
// whatever is left.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "common/result.h"
#include "store/internal/connection.h"

namespace parorende {

class WalCheckpointer {
 public:
  // `synchronous_pragma` is the writer's ("FULL" or "NORMAL"): a checkpoint
  // syncs as its connection's setting says.
  static Result<std::unique_ptr<WalCheckpointer>> start(const std::string& path,
                                                        const std::string& synchronous_pragma,
                                                        int soft_limit_pages, int hard_limit_pages);
  ~WalCheckpointer();
  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Makes this the WAL hook of `writer`; call before the writer's first
  // commit, and destroy the writer first.
  void watch(Connection& writer);

  // The most the writer copies when it finishes what the passes began.
  static constexpr int kCatchUpPages = 128;

 private:
  WalCheckpointer(std::unique_ptr<Connection> connection, int soft_limit_pages,
                  int hard_limit_pages);
  static int on_commit(void* self, sqlite3* database, const char* schema, int wal_pages);
  void on_commit(sqlite3* database, const char* schema, int wal_pages);
  void request_pass();
  void run();

  std::unique_ptr<Connection> connection_;
  int soft_limit_pages_;
  int hard_limit_pages_;

  // The writer thread's alone.
  int last_wal_pages_ = 0;
  int pages_at_last_request_ = 0;
  std::uint32_t wal_generation_ = 0;  // +1 each time the WAL starts over

  // The last pass's result: wal_generation_ << 32 | frames copied.
  std::atomic<std::uint64_t> copied_{0};
  std::atomic<bool> pass_running_{false};

  std::mutex mutex_;
  std::condition_variable wake_;
  bool requested_ = false;
  std::uint32_t requested_generation_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace parorende
