// Checkpoints the WAL on a thread of its own, so the group-commit writer
// does not stop to copy pages into the database file and fsync it.
//
// Installed as the write connection's WAL hook (replacing SQLite's
// autocheckpoint). Every `soft_limit_pages` of new WAL it wakes its thread
// for a PASSIVE checkpoint. A writer that never pauses could keep the WAL from
// ever being reset, so past `hard_limit_pages` the writer checkpoints
// itself, which lets the next transaction start the WAL over.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "engine/result.h"
#include "engine/sqlite_connection.h"

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

 private:
  WalCheckpointer(std::unique_ptr<Connection> connection, int soft_limit_pages,
                  int hard_limit_pages);
  static int on_commit(void* self, sqlite3* database, const char* schema, int wal_pages);
  void run();

  std::unique_ptr<Connection> connection_;
  int soft_limit_pages_;
  int hard_limit_pages_;
  int pages_at_last_request_ = 0;  // the writer thread's alone
  std::mutex mutex_;
  std::condition_variable wake_;
  bool requested_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace parorende
