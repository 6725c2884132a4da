#include "store/internal/write_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

#include "test_support.h"

namespace parorende {
namespace {

class WriteQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (directory_.path() / "queue.db").string();
    auto connection = Connection::open(path_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    ASSERT_TRUE(connection.ok());
    ASSERT_TRUE(connection.value()
                    ->execute("PRAGMA journal_mode = WAL;"
                              "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
                    .ok());
    queue_ = std::make_unique<WriteQueue>(std::move(connection).value(), 1024);
  }

  static WriteQueue::Job insert(std::string text, bool null_text = false) {
    return [text, null_text](WriteContext& context) -> Status {
      auto statement = context.connection.statement("INSERT INTO notes (text) VALUES (?)");
      if (!statement) return statement.take_error();
      if (null_text) {
        statement->bind_null(1);
      } else {
        statement->bind(1, text);
      }
      return statement->run();
    };
  }

  std::int64_t count(const std::string& where = "1") {
    auto reader = Connection::open(path_, SQLITE_OPEN_READONLY);
    EXPECT_TRUE(reader.ok());
    return reader.value()->query_int("SELECT count(*) FROM notes WHERE " + where).value();
  }

  // Runs `jobs` from one thread each, all in one batch: a first write holds
  // the writer until every other one is queued.
  std::vector<Status> run_in_one_batch(std::vector<WriteQueue::Job> jobs) {
    std::atomic<bool> holding{false};
    std::atomic<bool> release{false};
    std::thread gate([&] {
      EXPECT_TRUE(queue_
                      ->write([&](WriteContext&) -> Status {
                        holding = true;
                        while (!release) std::this_thread::yield();
                        return {};
                      })
                      .ok());
    });
    while (!holding) std::this_thread::yield();
    std::vector<Status> results(jobs.size());
    std::vector<std::thread> writers;
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      writers.emplace_back([&, i] { results[i] = queue_->write(jobs[i]); });
    }
    while (queue_->metrics().queue_depth != jobs.size()) std::this_thread::yield();
    release = true;
    gate.join();
    for (auto& writer : writers) writer.join();
    return results;
  }

  testing::TempDir directory_;
  std::string path_;
  std::unique_ptr<WriteQueue> queue_;
};

TEST_F(WriteQueueTest, AWriteIsVisibleToOtherConnectionsWhenItReturns) {
  ASSERT_TRUE(queue_->write(insert("first")).ok());
  EXPECT_EQ(count(), 1);
}

TEST_F(WriteQueueTest, OneBadWriteInABatchFailsAlone) {
  std::vector<WriteQueue::Job> jobs;
  for (int i = 0; i < 16; ++i) jobs.push_back(insert("note " + std::to_string(i), i == 7));
  auto results = run_in_one_batch(std::move(jobs));
  for (int i = 0; i < 16; ++i) {
    if (i == 7) {
      ASSERT_FALSE(results[i].ok());
      EXPECT_EQ(results[i].error().code, "storage_failure");
      EXPECT_TRUE(testing::contains(results[i].error().message, "NOT NULL"));
    } else {
      EXPECT_TRUE(results[i].ok()) << i << ": " << results[i].error().message;
    }
  }
  EXPECT_EQ(count(), 15);
  auto metrics = queue_->metrics();
  EXPECT_EQ(metrics.writes_failed, 1u);
  EXPECT_EQ(metrics.writes_succeeded, 16u);  // 15 notes and the gate
  // The gate's batch of 1, then all 16 together (bucket "<= 16").
  EXPECT_EQ(metrics.batches_committed, 2u);
  EXPECT_EQ(metrics.batch_size_counts[0], 1u);
  EXPECT_EQ(metrics.batch_size_counts[4], 1u);
  EXPECT_EQ(metrics.batch_size_sum, 17u);
}

TEST_F(WriteQueueTest, AFailedWriteLeavesNoHalfDoneChanges) {
  auto half_done = [](WriteContext& context) -> Status {
    if (auto first = insert("half")(context); !first) return first;
    return make_error("rejected", "the second half failed");
  };
  auto results = run_in_one_batch({insert("before"), half_done, insert("after")});
  EXPECT_TRUE(results[0].ok());
  EXPECT_EQ(results[1].error().code, "rejected");
  EXPECT_TRUE(results[2].ok());
  EXPECT_EQ(count(), 2);
  EXPECT_EQ(count("text = 'half'"), 0);
}

TEST_F(WriteQueueTest, AThrowingWriteFailsAlone) {
  auto throwing = [](WriteContext&) -> Status { throw std::logic_error("bug"); };
  auto results = run_in_one_batch({insert("before"), throwing, insert("after")});
  EXPECT_TRUE(results[0].ok());
  EXPECT_EQ(results[1].error().code, "internal_error");
  EXPECT_TRUE(results[2].ok());
  EXPECT_EQ(count(), 2);
}

TEST_F(WriteQueueTest, ManyThreadsShareCommits) {
  constexpr int kThreads = 64;
  constexpr int kEach = 20;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        if (!queue_->write(insert("x"))) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(count(), kThreads * kEach);
  auto metrics = queue_->metrics();
  EXPECT_EQ(metrics.batch_size_sum, std::uint64_t{kThreads * kEach});
  EXPECT_LT(metrics.batches_committed, std::uint64_t{kThreads * kEach}) << "no group commit";
}

TEST_F(WriteQueueTest, AnAsyncWriteIsAnsweredAfterItsCommit) {
  std::promise<std::pair<Status, std::int64_t>> answered;
  queue_->write_async(insert("async"), [&](Status status) {
    // Runs on the answering thread, after the commit: another connection sees it.
    answered.set_value({std::move(status), count()});
  });
  auto [status, visible] = answered.get_future().get();
  EXPECT_TRUE(status.ok());
  EXPECT_EQ(visible, 1);
}

TEST_F(WriteQueueTest, AnsweringABatchDoesNotHoldUpTheNextCommit) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> answering{false};
  queue_->write_async(insert("first"), [&](Status) {
    answering = true;
    released.wait();  // a slow hand-off of the first answer
  });
  while (!answering) std::this_thread::yield();
  std::thread second([&] { EXPECT_TRUE(queue_->write(insert("second")).ok()); });
  // The writer commits the second write while the first is still being
  // answered; the second caller is answered after it.
  bool committed = false;
  for (int wait = 0; wait < 1000 && !committed; ++wait) {
    committed = count("text = 'second'") == 1;
    if (!committed) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(committed);
  release.set_value();
  second.join();
  EXPECT_EQ(count(), 2);
}

TEST_F(WriteQueueTest, ABadAsyncWriteFailsAloneBesideBlockingOnes) {
  std::atomic<bool> holding{false};
  std::atomic<bool> release{false};
  std::thread gate([&] {
    EXPECT_TRUE(queue_
                    ->write([&](WriteContext&) -> Status {
                      holding = true;
                      while (!release) std::this_thread::yield();
                      return {};
                    })
                    .ok());
  });
  while (!holding) std::this_thread::yield();
  std::promise<Status> good;
  std::promise<Status> bad;
  queue_->write_async(insert("good"), [&](Status status) { good.set_value(std::move(status)); });
  queue_->write_async(insert("", true), [&](Status status) { bad.set_value(std::move(status)); });
  Status blocking;
  std::thread waiting([&] { blocking = queue_->write(insert("blocking")); });
  while (queue_->metrics().queue_depth != 3) std::this_thread::yield();
  release = true;
  gate.join();
  waiting.join();
  EXPECT_TRUE(good.get_future().get().ok());
  EXPECT_EQ(bad.get_future().get().error().code, "storage_failure");
  EXPECT_TRUE(blocking.ok());
  EXPECT_EQ(count(), 2);
  EXPECT_EQ(queue_->metrics().batches_committed, 2u);  // the gate, then the three together
}

TEST_F(WriteQueueTest, ClosingAnswersEveryQueuedAsyncWrite) {
  std::atomic<int> succeeded{0};
  for (int i = 0; i < 100; ++i) {
    queue_->write_async(insert("queued"), [&](Status status) {
      if (status) ++succeeded;
    });
  }
  queue_.reset();
  EXPECT_EQ(succeeded.load(), 100);
  EXPECT_EQ(count(), 100);
}

}  // namespace
}  // namespace parorende
