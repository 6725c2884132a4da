#include "engine/write_queue.h"

#include <algorithm>
#include <exception>
#include <utility>

namespace parorende {

// A condition variable per caller, not a semaphore: libstdc++'s semaphore
// spins and yields before sleeping, which with hundreds of waiting callers
// takes the CPU the writer needs.
struct WriteQueue::Pending {
  Job job;
  Status status;
  std::mutex mutex;
  std::condition_variable done;
  bool finished = false;
  // Callers of the same batch this one wakes in turn (see wake_batch).
  Pending* wakes[2] = {nullptr, nullptr};
};

namespace {

template <typename Pending>
void wake(Pending& pending) {
  // Notified under its lock: the caller cannot return (and destroy the
  // Pending) before the lock is released, and is not touched after.
  std::lock_guard lock(pending.mutex);
  pending.finished = true;
  pending.done.notify_one();
}

}  // namespace

// Waking a thread is costly (several microseconds in a VM), and waking
// hundreds one by one would stall the writer. So the writer wakes only the
// first caller; every woken caller wakes two more, a binary tree over the
// batch, and the writer is free for the next batch at once.
void WriteQueue::wake_batch(std::vector<Pending*>& batch) {
  for (std::size_t i = 0; i < batch.size(); ++i) {
    for (std::size_t child = 0; child < 2; ++child) {
      std::size_t next = 2 * i + 1 + child;
      batch[i]->wakes[child] = next < batch.size() ? batch[next] : nullptr;
    }
  }
  if (!batch.empty()) wake(*batch.front());
}

WriteQueue::WriteQueue(std::unique_ptr<Connection> connection, std::size_t max_batch)
    : connection_(std::move(connection)),
      max_batch_(std::max<std::size_t>(max_batch, 1)),
      writer_([this] { run_writer(); }) {}

WriteQueue::~WriteQueue() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_writer_.notify_one();
  writer_.join();
}

Status WriteQueue::write(Job job) {
  Pending pending;
  pending.job = std::move(job);
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return make_error("storage_failure", "the store is closing");
    queue_.push_back(&pending);
  }
  wake_writer_.notify_one();
  {
    std::unique_lock lock(pending.mutex);
    pending.done.wait(lock, [&pending] { return pending.finished; });
  }
  for (Pending* next : pending.wakes) {
    if (next != nullptr) wake(*next);
  }
  return std::move(pending.status);
}

WriteQueueMetrics WriteQueue::metrics() const {
  WriteQueueMetrics metrics;
  {
    std::lock_guard lock(mutex_);
    metrics.queue_depth = queue_.size();
  }
  metrics.batches_committed = batches_committed_.load();
  metrics.writes_succeeded = writes_succeeded_.load();
  metrics.writes_failed = writes_failed_.load();
  metrics.batch_size_sum = batch_size_sum_.load();
  for (const auto& count : batch_size_counts_) metrics.batch_size_counts.push_back(count.load());
  return metrics;
}

void WriteQueue::run_writer() {
  std::vector<Pending*> batch;
  while (true) {
    {
      std::unique_lock lock(mutex_);
      wake_writer_.wait(lock, [this] { return !queue_.empty() || stopping_; });
      if (queue_.empty()) return;  // stopping, and everything is written
      std::size_t taken = std::min(queue_.size(), max_batch_);
      batch.assign(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(taken));
      queue_.erase(queue_.begin(), queue_.begin() + static_cast<std::ptrdiff_t>(taken));
    }
    commit_batch(batch);
    for (Pending* pending : batch) {
      if (pending->status) {
        writes_succeeded_.fetch_add(1, std::memory_order_relaxed);
      } else {
        writes_failed_.fetch_add(1, std::memory_order_relaxed);
      }
    }
    wake_batch(batch);
    batch.clear();
  }
}

Status WriteQueue::run_job(Pending& pending, WriteContext& context) {
  try {
    return pending.job(context);
  } catch (const std::exception& bug) {
    // A bug in one write must not take the others down with it.
    return make_error("internal_error", bug.what());
  }
}

Status WriteQueue::run_in_savepoint(Pending& pending, WriteContext& context) {
  Connection& connection = context.connection;
  auto savepoint = connection.statement("SAVEPOINT one_write");
  if (!savepoint) return savepoint.take_error();
  if (auto opened = savepoint->run(); !opened) return opened;
  Status status = run_job(pending, context);
  if (!status) {
    auto rollback = connection.statement("ROLLBACK TO one_write");
    if (!rollback) return rollback.take_error();
    if (auto rolled_back = rollback->run(); !rolled_back) return rolled_back;
  }
  auto release = connection.statement("RELEASE one_write");
  if (!release) return release.take_error();
  if (auto released = release->run(); !released) return released;
  return status;
}

void WriteQueue::commit_batch(std::vector<Pending*>& batch) {
  // Nearly every write succeeds, so a batch first runs without a savepoint
  // per write (they add ~25% to the writer's CPU per write). If one fails,
  // the batch is rolled back and run again with savepoints, so that the
  // failing write fails alone.
  if (run_batch(batch, Isolation::none) == BatchOutcome::retry_isolated) {
    run_batch(batch, Isolation::savepoint_per_write);
  }
}

WriteQueue::BatchOutcome WriteQueue::run_batch(std::vector<Pending*>& batch, Isolation isolation) {
  Connection& connection = *connection_;
  auto fail_all = [&batch](const Error& error) {
    for (Pending* pending : batch) pending->status = error;
    return BatchOutcome::finished;
  };
  auto begin = connection.statement("BEGIN IMMEDIATE");
  if (!begin) return fail_all(begin.error());
  if (auto begun = begin->run(); !begun) return fail_all(begun.error());

  WriteContext context{connection};
  for (Pending* pending : batch) {
    pending->status = isolation == Isolation::none ? run_job(*pending, context)
                                                   : run_in_savepoint(*pending, context);
    if (pending->status) continue;
    // A failure SQLite answered by rolling back the whole transaction
    // (disk full, I/O error) leaves nothing to commit for anyone.
    if (sqlite3_get_autocommit(connection.handle()) != 0) {
      return fail_all(make_error("storage_failure", "transaction aborted: " +
                                                        pending->status.error().message));
    }
    if (isolation == Isolation::none) {
      (void)connection.execute("ROLLBACK");
      return BatchOutcome::retry_isolated;
    }
  }

  auto commit = connection.statement("COMMIT");
  Status committed = commit ? commit->run() : Status(commit.error());
  if (!committed) {
    (void)connection.execute("ROLLBACK");
    for (Pending* pending : batch) {
      if (pending->status) pending->status = committed.error();
    }
    return BatchOutcome::finished;
  }

  batches_committed_.fetch_add(1, std::memory_order_relaxed);
  batch_size_sum_.fetch_add(batch.size(), std::memory_order_relaxed);
  std::size_t bucket = static_cast<std::size_t>(
      std::lower_bound(std::begin(kBatchSizeBounds), std::end(kBatchSizeBounds), batch.size()) -
      std::begin(kBatchSizeBounds));
  batch_size_counts_[bucket].fetch_add(1, std::memory_order_relaxed);

  if (context.truncate_wal_after_commit) {
    // Busy readers may prevent it; the frames are then overwritten later.
    (void)connection.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  return BatchOutcome::finished;
}

}  // namespace parorende
