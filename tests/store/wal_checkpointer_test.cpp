#include "store/internal/wal_checkpointer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>

#include "test_support.h"

namespace parorende {
namespace {

constexpr int kPageSize = 4096;

class WalCheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (directory_.path() / "wal.db").string();
    auto opened = Connection::open(path_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_TRUE(opened.ok());
    writer_ = std::move(opened).value();
    ASSERT_TRUE(writer_
                    ->execute("PRAGMA page_size = 4096; PRAGMA journal_mode = WAL;"
                              " PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 0;"
                              "CREATE TABLE rows (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)")
                    .ok());
  }

  std::uintmax_t wal_file_size() const {
    std::error_code missing;
    auto size = std::filesystem::file_size(path_ + "-wal", missing);
    return missing ? 0 : size;
  }

  testing::TempDir directory_;
  std::string path_;
  std::unique_ptr<Connection> writer_;
};

TEST_F(WalCheckpointerTest, TheWalStartsOverUnderWritesThatNeverPause) {
  constexpr int kSoftLimitPages = 64;
  // Out of reach: only the catch-up lets the WAL start over.
  constexpr int kHardLimitPages = 1000000;
  auto checkpointer = WalCheckpointer::start(path_, "FULL", kSoftLimitPages, kHardLimitPages);
  ASSERT_TRUE(checkpointer.ok()) << checkpointer.error().describe();
  checkpointer.value()->watch(*writer_);

  // 1,000 commits of ~8 pages each, back to back: ~32 MB of WAL in all.
  constexpr int kCommits = 1000;
  const std::string payload(7 * kPageSize, 'x');
  std::uintmax_t largest_wal = 0;
  for (int commit = 0; commit < kCommits; ++commit) {
    auto insert = writer_->statement("INSERT INTO rows (payload) VALUES (?)");
    ASSERT_TRUE(insert.ok());
    insert->bind_blob(
        1, std::span<const std::uint8_t>(reinterpret_cast<const std::uint8_t*>(payload.data()),
                                         payload.size()));
    ASSERT_TRUE(insert->run().ok());
    largest_wal = std::max(largest_wal, wal_file_size());
  }
  std::uintmax_t written = std::uintmax_t{kCommits} * payload.size();
  // Without starting over, the WAL file would hold everything written.
  EXPECT_LT(largest_wal, written / 8) << "largest WAL " << largest_wal << " of " << written;
  writer_.reset();
  checkpointer.value().reset();
}

}  // namespace
}  // namespace parorende
