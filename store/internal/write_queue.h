// Group commit: one writer thread owns the write connection and commits
// every queued write in one transaction. A caller's write() returns only
// after that transaction is durable, or with the error of its own write:
// a failing write is rolled back alone (see commit_batch). An answering
// thread wakes the callers of a committed batch while the writer goes on
// with the next one.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "common/result.h"
#include "store/internal/connection.h"

namespace parorende {

struct WriteContext {
  Connection& connection;
  // Erasure asks for this, so deleted rows leave the WAL file soon.
  bool truncate_wal_after_commit = false;
};

struct WriteQueueMetrics {
  std::size_t queue_depth = 0;
  std::uint64_t batches_committed = 0;
  std::uint64_t writes_succeeded = 0;
  std::uint64_t writes_failed = 0;
  // batch_size_counts[i]: committed batches of size in
  // (kBatchSizeBounds[i-1], kBatchSizeBounds[i]]; the last is unbounded.
  std::vector<std::uint64_t> batch_size_counts;
  std::uint64_t batch_size_sum = 0;
};

inline constexpr std::size_t kBatchSizeBounds[] = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

class WriteQueue {
 public:
  // Runs inside the batch's transaction on the writer thread. Must not
  // block on other writes, and may run twice (a batch with a failing write
  // is run again), so it must set its results afresh each time.
  using Job = std::function<Status(WriteContext&)>;

  WriteQueue(std::unique_ptr<Connection> connection, std::size_t max_batch);
  // Commits everything still queued, then stops the writer.
  ~WriteQueue();
  WriteQueue(const WriteQueue&) = delete;
  WriteQueue& operator=(const WriteQueue&) = delete;

  // Blocks until the job's effects are committed (durable as the
  // connection's synchronous setting makes them) or have failed.
  Status write(Job job);

  // As write(), without blocking: `done` gets the status once the job's
  // batch has committed (or the job failed). It runs on the queue's
  // answering thread, so it must only hand the result on; when the queue is
  // closing it runs at once, on the calling thread.
  using Done = std::function<void(Status)>;
  void write_async(Job job, Done done);

  WriteQueueMetrics metrics() const;

 private:
  struct Pending;
  // Callers join the open batch without a lock (a stack of Pendings); the
  // writer opens the next slot and takes the whole stack with one
  // exchange. Callers sleep on their slot's generation, so one futex wake
  // answers a whole batch. A slot is reopened only after the batch it held
  // has been answered; with three, the writer commits one batch while the
  // previous one is answered and the next one fills.
  struct BatchSlot {
    std::atomic<Pending*> head{nullptr};
    std::atomic<std::uint32_t> generation{0};  // +1 once its writes are answered
    std::atomic<std::uint32_t> unanswered{0};  // committed parts not yet answered
  };
  static constexpr std::size_t kSlots = 3;
  struct CommittedBatch {
    std::vector<Pending*> writes;
    BatchSlot* slot;
  };
  void run_writer();
  void run_answerer();
  enum class Isolation { none, savepoint_per_write };
  enum class BatchOutcome { finished, retry_isolated };
  BatchSlot* join_open_batch(Pending& pending);
  Pending* wait_for_writes(BatchSlot& slot);
  static void wait_until_answered(BatchSlot& slot);
  void hand_to_answerer(std::vector<Pending*> batch, BatchSlot& slot);
  void answer(std::vector<Pending*>& batch, BatchSlot& slot);
  void commit_batch(std::vector<Pending*>& batch);
  BatchOutcome run_batch(std::vector<Pending*>& batch, Isolation isolation);
  static Status run_job(Pending& pending, WriteContext& context);
  static Status run_in_savepoint(Pending& pending, WriteContext& context);

  std::unique_ptr<Connection> connection_;
  std::size_t max_batch_;

  BatchSlot slots_[kSlots];
  std::atomic<std::uint64_t> open_batch_{0};       // slots_[open_batch_ % kSlots] is open
  std::atomic<std::uint32_t> writer_sleeping_{0};  // futex word of the idle writer
  std::atomic<bool> stopping_{false};
  std::atomic<std::int64_t> queued_{0};

  std::atomic<std::uint64_t> batches_committed_{0};
  std::atomic<std::uint64_t> writes_succeeded_{0};
  std::atomic<std::uint64_t> writes_failed_{0};
  std::atomic<std::uint64_t> batch_size_sum_{0};
  std::atomic<std::uint64_t> batch_size_counts_[std::size(kBatchSizeBounds) + 1] = {};

  std::mutex answer_mutex_;
  std::condition_variable answer_ready_;
  std::deque<CommittedBatch> to_answer_;
  bool answerer_stopping_ = false;

  std::thread answerer_;
  std::thread writer_;  // last: starts after everything it uses exists
};

}  // namespace parorende
