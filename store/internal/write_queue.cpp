#include "store/internal/write_queue.h"

#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <exception>
#include <memory>
#include <utility>

namespace parorende {

struct WriteQueue::Pending {
  Job job;
  Done done;  // set for write_async: called instead of waking a caller
  Status status;
  Pending* next = nullptr;                 // in its batch's stack
  std::atomic<std::uint32_t> finished{0};  // set last: the caller may then return
};

namespace {

static_assert(sizeof(std::atomic<std::uint32_t>) == sizeof(std::uint32_t) &&
                  std::atomic<std::uint32_t>::is_always_lock_free,
              "futex words are plain 32-bit integers");

// Raw futexes rather than condition variables (one mutex and one wake-up
// per caller) or std::atomic::wait (which spins and calls sched_yield
// before sleeping: hundreds of waiting callers would take the writer's CPU).
void futex_wait(std::atomic<std::uint32_t>& word, std::uint32_t expected) {
  syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAIT_PRIVATE, expected, nullptr,
          nullptr, 0);
}

void futex_wake(std::atomic<std::uint32_t>& word, int count) {
  syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&word), FUTEX_WAKE_PRIVATE, count, nullptr,
          nullptr, 0);
}

// Marks a slot whose batch the writer has taken: callers then join the
// other slot. Never dereferenced.
template <typename Pending>
Pending* closed_slot() {
  return reinterpret_cast<Pending*>(std::uintptr_t{1});
}

}  // namespace

WriteQueue::WriteQueue(std::unique_ptr<Connection> connection, std::size_t max_batch)
    : connection_(std::move(connection)), max_batch_(std::max<std::size_t>(max_batch, 1)) {
  for (std::size_t slot = 1; slot < kSlots; ++slot) slots_[slot].head.store(closed_slot<Pending>());
  answerer_ = std::thread([this] { run_answerer(); });
  writer_ = std::thread([this] { run_writer(); });
}

WriteQueue::~WriteQueue() {
  stopping_.store(true);
  writer_sleeping_.store(0);
  futex_wake(writer_sleeping_, 1);
  writer_.join();
  {
    std::lock_guard lock(answer_mutex_);
    answerer_stopping_ = true;
  }
  answer_ready_.notify_one();
  answerer_.join();
}

WriteQueue::BatchSlot* WriteQueue::join_open_batch(Pending& pending) {
  while (true) {
    BatchSlot& slot = slots_[open_batch_.load() % kSlots];
    Pending* head = slot.head.load();
    while (head != closed_slot<Pending>()) {
      pending.next = head;
      if (slot.head.compare_exchange_weak(head, &pending)) {
        queued_.fetch_add(1, std::memory_order_relaxed);
        // Pairs with the writer's announcement in wait_for_writes: either
        // it sees this write, or this sees it sleeping.
        if (writer_sleeping_.load() != 0 && writer_sleeping_.exchange(0) != 0) {
          futex_wake(writer_sleeping_, 1);
        }
        return &slot;
      }
    }
    // Taken by the writer, which has opened the other slot already, or
    // closed for good.
    if (stopping_.load()) return nullptr;
  }
}

Status WriteQueue::write(Job job) {
  Pending pending;
  pending.job = std::move(job);
  BatchSlot* slot = join_open_batch(pending);
  if (slot == nullptr) return make_error("storage_failure", "the store is closing");
  while (true) {
    std::uint32_t generation = slot->generation.load(std::memory_order_acquire);
    if (pending.finished.load(std::memory_order_acquire) != 0) break;
    futex_wait(slot->generation, generation);
  }
  return std::move(pending.status);
}

void WriteQueue::write_async(Job job, Done done) {
  // Owned by the writer once queued: answer() deletes it.
  auto* pending = new Pending;
  pending->job = std::move(job);
  pending->done = std::move(done);
  if (join_open_batch(*pending) == nullptr) {
    std::unique_ptr<Pending> refused(pending);
    refused->done(make_error("storage_failure", "the store is closing"));
  }
}

WriteQueueMetrics WriteQueue::metrics() const {
  WriteQueueMetrics metrics;
  metrics.queue_depth = static_cast<std::size_t>(std::max<std::int64_t>(queued_.load(), 0));
  metrics.batches_committed = batches_committed_.load();
  metrics.writes_succeeded = writes_succeeded_.load();
  metrics.writes_failed = writes_failed_.load();
  metrics.batch_size_sum = batch_size_sum_.load();
  for (const auto& count : batch_size_counts_) metrics.batch_size_counts.push_back(count.load());
  return metrics;
}

// The writes of the open slot in arrival order, once there are some; null
// when stopping with nothing left. Opens the next slot first, so callers
// never wait for the writer to take a batch.
WriteQueue::Pending* WriteQueue::wait_for_writes(BatchSlot& slot) {
  while (slot.head.load() == nullptr) {
    if (stopping_.load()) break;
    writer_sleeping_.store(1);
    if (slot.head.load() != nullptr || stopping_.load()) {
      writer_sleeping_.store(0);
      continue;
    }
    futex_wait(writer_sleeping_, 1);
    writer_sleeping_.store(0);
  }
  if (!stopping_.load()) {
    std::uint64_t taken = open_batch_.load();
    BatchSlot& next = slots_[(taken + 1) % kSlots];
    // Its callers sleep on its generation; new ones must not join them
    // before they are woken.
    wait_until_answered(next);
    next.head.store(nullptr);
    open_batch_.store(taken + 1);
  }
  // When stopping, no slot opens again: later callers find every slot closed.
  Pending* stack = slot.head.exchange(closed_slot<Pending>());
  if (stack == closed_slot<Pending>()) return nullptr;  // stopped and drained before
  Pending* in_order = nullptr;
  std::int64_t taken = 0;
  while (stack != nullptr) {
    Pending* next = stack->next;
    stack->next = in_order;
    in_order = stack;
    stack = next;
    ++taken;
  }
  queued_.fetch_sub(taken, std::memory_order_relaxed);
  return in_order;
}

void WriteQueue::wait_until_answered(BatchSlot& slot) {
  while (true) {
    std::uint32_t unanswered = slot.unanswered.load(std::memory_order_acquire);
    if (unanswered == 0) return;
    futex_wait(slot.unanswered, unanswered);
  }
}

void WriteQueue::hand_to_answerer(std::vector<Pending*> batch, BatchSlot& slot) {
  slot.unanswered.fetch_add(1, std::memory_order_relaxed);
  {
    std::lock_guard lock(answer_mutex_);
    to_answer_.push_back({std::move(batch), &slot});
  }
  answer_ready_.notify_one();
}

// Waking a batch's callers costs ~7 µs each in this VM (one futex wake of
// hundreds of sleepers); done here, it no longer delays the next commit.
void WriteQueue::run_answerer() {
  std::deque<CommittedBatch> taken;
  while (true) {
    {
      std::unique_lock lock(answer_mutex_);
      answer_ready_.wait(lock, [this] { return !to_answer_.empty() || answerer_stopping_; });
      if (to_answer_.empty()) return;  // stopping, and everything is answered
      taken.swap(to_answer_);
    }
    for (CommittedBatch& committed : taken) {
      BatchSlot& slot = *committed.slot;
      answer(committed.writes, slot);
      if (slot.unanswered.fetch_sub(1, std::memory_order_release) == 1) {
        futex_wake(slot.unanswered, 1);
      }
    }
    taken.clear();
  }
}

void WriteQueue::answer(std::vector<Pending*>& batch, BatchSlot& slot) {
  for (Pending* pending : batch) {
    if (pending->status) {
      writes_succeeded_.fetch_add(1, std::memory_order_relaxed);
    } else {
      writes_failed_.fetch_add(1, std::memory_order_relaxed);
    }
  }
  // Waiting callers first: they have a thread each, blocked on this.
  bool waiters = false;
  for (Pending*& pending : batch) {
    if (pending->done) continue;
    waiters = true;
    // After this store the caller may return and destroy its Pending.
    pending->finished.store(1, std::memory_order_release);
    pending = nullptr;
  }
  if (waiters) {
    slot.generation.fetch_add(1, std::memory_order_release);
    futex_wake(slot.generation, INT_MAX);
  }
  for (Pending* pending : batch) {
    if (pending == nullptr) continue;
    std::unique_ptr<Pending> owned(pending);
    try {
      owned->done(std::move(owned->status));
    } catch (const std::exception&) {
      // A bug in one caller's hand-off must not stop the writer.
    }
  }
  batch.clear();
}

void WriteQueue::run_writer() {
  while (true) {
    BatchSlot& slot = slots_[open_batch_.load() % kSlots];
    Pending* writes = wait_for_writes(slot);
    if (writes == nullptr) return;  // stopping, and everything is written
    while (writes != nullptr) {
      // Past max_batch the rest commits in a transaction of its own; its
      // callers sleep on through the earlier wake-up.
      std::vector<Pending*> batch;
      while (writes != nullptr && batch.size() < max_batch_) {
        batch.push_back(writes);
        writes = writes->next;
      }
      commit_batch(batch);
      hand_to_answerer(std::move(batch), slot);
    }
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
  // One writer at a time, whatever the engine: SQLite's IMMEDIATE takes the
  // write lock at once; on PostgreSQL the servers' writers take turns by an
  // advisory lock held to the commit. The store's writes check and then
  // change (an erasure withdraws the block a publication step may be
  // changing, an update checks the code it replaces), which is right only
  // when no other writer commits in between (docs/storage.md).
  const bool postgres = connection.engine() == StoreEngine::postgresql;
  if (postgres && !connection.reconnect()) {
    return fail_all(make_error("storage_failure", "the database connection is lost"));
  }
  auto begin = connection.statement(postgres ? "BEGIN" : "BEGIN IMMEDIATE");
  if (!begin) return fail_all(begin.error());
  Status begun = begin->run();
  if (!begun && postgres && connection.reconnect()) {
    // A connection the database dropped shows only when used: nothing of
    // the batch has run yet, so it starts again on the new one.
    auto again = connection.statement("BEGIN");
    begun = again ? again->run() : Status(again.error());
  }
  if (!begun) return fail_all(begun.error());
  if (postgres) {
    if (auto locked = connection.execute(kPostgresWriterLock); !locked) {
      (void)connection.execute("ROLLBACK");
      return fail_all(locked.error());
    }
  }

  WriteContext context{connection};
  for (Pending* pending : batch) {
    pending->status = isolation == Isolation::none ? run_job(*pending, context)
                                                   : run_in_savepoint(*pending, context);
    if (pending->status) continue;
    // A failure the engine answered by ending the whole transaction (disk
    // full, I/O error, a lost connection) leaves nothing to commit for
    // anyone. PostgreSQL keeps a failed transaction open until it is
    // rolled back: the retry with savepoints isolates that write.
    if (!connection.in_transaction()) {
      return fail_all(
          make_error("storage_failure", "transaction aborted: " + pending->status.error().message));
    }
    if (isolation == Isolation::none) {
      (void)connection.execute("ROLLBACK");
      return BatchOutcome::retry_isolated;
    }
  }

  // PostgreSQL answers COMMIT of a failed transaction by rolling it back:
  // then nothing of the batch is stored, whatever its writes said.
  if (connection.transaction_failed()) {
    (void)connection.execute("ROLLBACK");
    return fail_all(make_error("storage_failure", "the transaction failed and was rolled back"));
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

  if (context.truncate_wal_after_commit && connection.engine() == StoreEngine::sqlite) {
    // Busy readers may prevent it; the frames are then overwritten later.
    (void)connection.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  return BatchOutcome::finished;
}

}  // namespace parorende
