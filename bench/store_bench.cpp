// Acknowledged durable submissions per second through ResponseStore, with
// 1, 16 and 256 concurrent submitters, beside the raw SQLite ceiling: the
// same rows inserted by one thread in big transactions, with no queue.
//
// Responses are complete parorendeundersokelse responses with random
// answers. The database lives in $PARORENDE_BENCH_DIR (default: the system
// temporary directory), so point it at the disk you want to measure.
// Results: docs/BENCHMARKS.md.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/json_input.h"
#include "questionnaire/questionnaire_loader.h"
#include "questionnaire/response_validation.h"
#include "reference/municipalities.h"
#include "store/internal/connection.h"
#include "store/internal/secret_code.h"
#include "store/internal/stored_answers.h"
#include "store/response_matrix.h"
#include "store/response_store.h"

namespace {

using namespace parorende;
namespace json = boost::json;

constexpr const char* kWave = "bench";
constexpr Date kToday{2026, 3, 10};
constexpr std::size_t kCorpusSize = 4096;
constexpr int kRawRowsPerTransaction = 10000;

[[noreturn]] void fail(const std::string& what) { throw std::runtime_error(what); }

json::value random_answer(const Item& item, std::mt19937& random) {
  auto pick = [&random](std::size_t count) {
    return std::uniform_int_distribution<std::size_t>(0, count - 1)(random);
  };
  switch (item.type) {
    case ItemType::single_choice:
      if (item.dont_know && pick(10) == 0) return item.dont_know->code;
      return item.options[pick(item.options.size())].code;
    case ItemType::multiple_choice:
      return json::array{item.options[pick(item.options.size())].code};
    case ItemType::yes_no: return pick(2) == 0;
    case ItemType::integer:
      return static_cast<std::int64_t>(item.min.value_or(0)) + static_cast<std::int64_t>(pick(10));
    case ItemType::decimal: return item.min.value_or(0) + 0.5;
    case ItemType::date: return "2024-06-01";
    case ItemType::municipality: {
      const auto& all = builtin_municipalities().all();
      return json::string(all[pick(all.size())].code);
    }
    case ItemType::text:
      return "Takk for at dere spør. Avlastningen kom for sent, men kurset var godt.";
  }
  return nullptr;
}

struct Corpus {
  std::string definition;
  std::shared_ptr<const Questionnaire> questionnaire;
  std::vector<Response> responses;
};

// kCorpusSize valid complete responses, the same in every run.
const Corpus& corpus() {
  static const Corpus built = [] {
    Corpus corpus;
    auto definition = read_text_file(std::string(PARORENDE_SOURCE_DIR) +
                                     "/questionnaires/parorendeundersokelse.json");
    if (!definition) fail(definition.error().describe());
    corpus.definition = definition.value();
    auto questionnaire = load_questionnaire_text(corpus.definition);
    if (!questionnaire) fail(questionnaire.error().describe());
    corpus.questionnaire = std::make_shared<const Questionnaire>(std::move(questionnaire).value());
    std::mt19937 random(2026);
    while (corpus.responses.size() < kCorpusSize) {
      json::object answers;
      std::string municipality;
      for (const Item& item : corpus.questionnaire->items) {
        answers[item.id] = random_answer(item, random);
        if (item.type == ItemType::municipality) municipality = answers[item.id].as_string();
      }
      json::object document{{"language", "nb"}, {"answers", answers}};
      if (!municipality.empty()) document["municipality"] = municipality;
      auto response = validate_response(*corpus.questionnaire, document);
      if (response) corpus.responses.push_back(std::move(response).value());
    }
    return corpus;
  }();
  return built;
}

std::string consent_version() {
  const auto& consent = corpus().questionnaire->consent;
  return consent ? consent->version : "2026-1";
}

std::string database_path(const std::string& name) {
  const char* directory = std::getenv("PARORENDE_BENCH_DIR");
  std::filesystem::path base = directory != nullptr ? std::filesystem::path(directory)
                                                    : std::filesystem::temp_directory_path();
  return (base / ("parorende-bench-" + name + ".db")).string();
}

void remove_database(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

std::unique_ptr<ResponseStore> fresh_store(const std::string& path,
                                           StoreOptions::Synchronous synchronous) {
  remove_database(path);
  StoreOptions options;
  options.path = path;
  options.synchronous = synchronous;
  auto store = ResponseStore::open(options);
  if (!store) fail(store.error().describe());
  if (auto published = store.value()->publish_questionnaire(corpus().definition); !published) {
    fail(published.error().describe());
  }
  auto wave = store.value()->create_wave(
      {kWave, corpus().questionnaire->id, std::nullopt, Date{2026, 1, 1}, Date{2026, 12, 31}, {}});
  if (!wave) fail(wave.error().describe());
  return std::move(store).value();
}

// ---- through the store ----------------------------------------------------

std::unique_ptr<ResponseStore> shared_store;  // set up and torn down by thread 0

// CPU time of the whole process (every thread, user and system), so a
// change can be judged by its cost per write even when the machine is
// shared and throughput moves with the neighbours.
double process_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& time) { return time.tv_sec + time.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

void BM_StoreSubmit(benchmark::State& state) {
  auto synchronous = static_cast<StoreOptions::Synchronous>(state.range(0));
  const std::string path = database_path("store");
  const Corpus& responses = corpus();
  const std::string consent = consent_version();
  if (state.thread_index() == 0) shared_store = fresh_store(path, synchronous);
  double cpu_before = 0;
  std::uint64_t writes_before = 0;
  if (state.thread_index() == 0) {
    cpu_before = process_cpu_seconds();
    writes_before = shared_store->metrics().writes_succeeded;
  }

  std::size_t next = static_cast<std::size_t>(state.thread_index()) * 7919;
  for (auto _ : state) {
    auto receipt =
        shared_store->submit(kWave, responses.responses[next++ % kCorpusSize], consent, kToday);
    if (!receipt) {
      state.SkipWithError(receipt.error().message.c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());

  if (state.thread_index() == 0) {
    StoreMetrics metrics = shared_store->metrics();
    double cpu = process_cpu_seconds() - cpu_before;
    if (metrics.writes_succeeded > writes_before) {
      state.counters["cpu_us_per_write"] =
          1e6 * cpu / static_cast<double>(metrics.writes_succeeded - writes_before);
    }
    if (metrics.batches_committed != 0) {
      state.counters["mean_batch"] = static_cast<double>(metrics.batch_size_sum) /
                                     static_cast<double>(metrics.batches_committed);
    }
    shared_store.reset();
    remove_database(path);
  }
}

constexpr auto kFull = static_cast<std::int64_t>(StoreOptions::Synchronous::full);
constexpr auto kNormal = static_cast<std::int64_t>(StoreOptions::Synchronous::normal);

BENCHMARK(BM_StoreSubmit)
    ->ArgName("sync_full")
    ->Arg(kFull)
    ->Threads(1)
    ->Threads(16)
    ->Threads(256)
    ->UseRealTime()
    ->MinTime(3.0);
BENCHMARK(BM_StoreSubmit)
    ->ArgName("sync_normal")
    ->Arg(kNormal)
    ->Threads(256)
    ->UseRealTime()
    ->MinTime(3.0);

// ---- the raw SQLite ceiling -----------------------------------------------

// The columns the store writes for a complete response, computed up front
// so only SQLite is timed.
struct RawRow {
  std::string municipality;
  std::string answers;
  std::vector<std::uint8_t> item_values;
  CodeHash receipt;
};

std::vector<RawRow> raw_rows() {
  const Corpus& responses = corpus();
  auto columns = matrix_columns(*responses.questionnaire);
  std::vector<RawRow> rows;
  for (const Response& response : responses.responses) {
    RawRow row;
    row.municipality = response.municipality;
    row.answers = encode_stored_answers(*responses.questionnaire, response.answers);
    auto values = pack_answers(*responses.questionnaire, columns, response.answers);
    row.item_values.resize(values.size() * sizeof(double));
    std::memcpy(row.item_values.data(), values.data(), row.item_values.size());
    row.receipt =
        hash_secret_code(CodeKind::receipt, *normalize_secret_code(generate_secret_code().value()));
    rows.push_back(std::move(row));
  }
  return rows;
}

void run_or_fail(Status status) {
  if (!status) fail(status.error().describe());
}

void BM_RawSqliteCeiling(benchmark::State& state) {
  const std::string path = database_path("raw");
  fresh_store(path, StoreOptions::Synchronous::full).reset();  // the same schema
  const std::vector<RawRow> rows = raw_rows();
  auto opened = Connection::open(path, SQLITE_OPEN_READWRITE);
  if (!opened) fail(opened.error().describe());
  Connection& connection = *opened.value();
  run_or_fail(connection.execute(
      "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;"
      " PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -65536;"
      // The store's checkpoint interval, so the ceiling has the same tuning.
      " PRAGMA wal_autocheckpoint = 1000"));
  const std::string today = kToday.iso();
  const std::string consent = consent_version();

  std::size_t next = 0;
  double cpu_before = process_cpu_seconds();
  for (auto _ : state) {
    run_or_fail(connection.execute("BEGIN IMMEDIATE"));
    for (int i = 0; i < kRawRowsPerTransaction; ++i) {
      const RawRow& row = rows[next++ % rows.size()];
      auto insert = connection.statement(
          "INSERT INTO responses (wave, municipality, status, language, consent_version, "
          "started_on,"
          " saved_on, completed_on, resume_prefix, resume_hash, receipt_prefix, receipt_hash,"
          " item_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      if (!insert) fail(insert.error().describe());
      insert->bind(1, std::int64_t{1})
          .bind(2, row.municipality)
          .bind(3, std::string_view("complete"))
          .bind(4, std::string_view("nb"))
          .bind(5, consent)
          .bind(6, today)
          .bind(7, today)
          .bind(8, today)
          .bind_null(9)
          .bind_null(10)
          .bind(11, row.receipt.lookup_prefix)
          .bind_blob(12, row.receipt.digest)
          .bind_blob(13, row.item_values);
      run_or_fail(insert->run());
      auto answers =
          connection.statement("INSERT INTO response_answers (response, answers) VALUES (?, ?)");
      if (!answers) fail(answers.error().describe());
      answers->bind(1, connection.sqlite()->last_insert_rowid()).bind(2, row.answers);
      run_or_fail(answers->run());
    }
    run_or_fail(connection.execute("COMMIT"));
  }
  state.SetItemsProcessed(state.iterations() * kRawRowsPerTransaction);
  state.counters["cpu_us_per_write"] =
      1e6 * (process_cpu_seconds() - cpu_before) /
      static_cast<double>(state.iterations() * kRawRowsPerTransaction);
  opened.value().reset();
  remove_database(path);
}

BENCHMARK(BM_RawSqliteCeiling)->UseRealTime()->MinTime(3.0)->Unit(benchmark::kMillisecond);

// ---- the analytics read path ----------------------------------------------

constexpr std::size_t kMatrixRows = 1000000;

// A wave of kMatrixRows complete responses, imported once per process and
// removed at exit.
ResponseStore& matrix_store() {
  struct RemovedAtExit {
    ~RemovedAtExit() { remove_database(database_path("matrix")); }
  };
  static RemovedAtExit cleanup;
  static std::unique_ptr<ResponseStore> store = [] {
    auto opened = fresh_store(database_path("matrix"), StoreOptions::Synchronous::normal);
    std::vector<ImportedResponse> chunk;
    for (std::size_t i = 0; i < kMatrixRows; ++i) {
      chunk.push_back({corpus().responses[i % kCorpusSize], consent_version()});
      if (chunk.size() == 100000 || i + 1 == kMatrixRows) {
        auto imported = opened->import_responses(kWave, chunk, kToday);
        if (!imported) fail(imported.error().describe());
        chunk.clear();
      }
    }
    return opened;
  }();
  return *store;
}

void BM_LoadCompleteResponses(benchmark::State& state) {
  ResponseStore& store = matrix_store();
  for (auto _ : state) {
    auto matrix = store.complete_responses(kWave);
    if (!matrix || matrix->rows() != kMatrixRows) {
      state.SkipWithError("the wave did not load");
      break;
    }
    benchmark::DoNotOptimize(matrix->values.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kMatrixRows));
}

BENCHMARK(BM_LoadCompleteResponses)->Unit(benchmark::kMillisecond)->UseRealTime()->MinTime(3.0);

// ---- what a caller does before enqueueing ----------------------------------

void BM_PrepareRow(benchmark::State& state) {
  const Corpus& responses = corpus();
  auto columns = matrix_columns(*responses.questionnaire);
  std::size_t next = 0;
  for (auto _ : state) {
    const Response& response = responses.responses[next++ % kCorpusSize];
    std::string answers = encode_stored_answers(*responses.questionnaire, response.answers);
    auto values = pack_answers(*responses.questionnaire, columns, response.answers);
    auto code = generate_secret_code();
    auto hash = hash_secret_code(CodeKind::receipt, *normalize_secret_code(code.value()));
    benchmark::DoNotOptimize(answers);
    benchmark::DoNotOptimize(values);
    benchmark::DoNotOptimize(hash);
  }
  state.SetItemsProcessed(state.iterations());
}

BENCHMARK(BM_PrepareRow);

}  // namespace

BENCHMARK_MAIN();
