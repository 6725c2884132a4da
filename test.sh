#!/usr/bin/env bash
# Installs what is missing, builds and runs every test:
#   0. the layout of every C++ file is .clang-format's;
#   1. one clang build under AddressSanitizer and UndefinedBehaviorSanitizer
#      with libFuzzer's coverage: the unit and integration tests (ctest),
#      the store's on PostgreSQL against a throwaway server started here;
#   2. browser tests of the pages against that build's server (tests/e2e);
#   3. every fuzz target (tests/fuzz) for 30 s, from the same build;
#   4. a GCC build under ThreadSanitizer: the unit tests of code that runs
#      threads (the write queue, the store, the checkpointer, the audit log
#      and accounts, the results cache, the parallel analysis) and every
#      integration test (the server with real clients), halting at the
#      first race.
# docs/testing.md says why the stages are these and what each costs.
set -euo pipefail
cd "$(dirname "$0")"

./scripts/install-dependencies.sh --with-test-tools

jobs=$(nproc)

# Each stage's heading says when it began, so a slow run shows where.
stage() {
  echo "== $1 (at $((SECONDS / 60)) min $((SECONDS % 60)) s)"
}

stage "check: clang-format"
git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run --Werror

configure() {
  local name=$1
  shift
  stage "build: $name"
  # Shards: a test program runs as 8 processes, not one per test (see
  # tests/CMakeLists.txt); per-test processes took most of the suite's time.
  # -g1: line tables for the sanitizers' stack traces, without the full
  # debug information that cost a fifth of the compile time. Unity builds:
  # a target's files compiled eight to a translation unit, which halves
  # the compile time of the server and the tests (docs/testing.md).
  cmake -S . -B "build/$name" -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
    -DCMAKE_UNITY_BUILD=ON -DPARORENDE_BUILD_TESTS=ON -DPARORENDE_TEST_SHARDS=8 "$@" >/dev/null
}

# The store's tests on PostgreSQL use a throwaway server of their own,
# stopped however this script ends; they fail, not skip, without it.
stage "start: a throwaway PostgreSQL server"
eval "$(tests/support/postgres_server.sh start)"
trap 'tests/support/postgres_server.sh stop "$PARORENDE_TEST_POSTGRESQL_DIR"' EXIT
export PARORENDE_REQUIRE_POSTGRESQL=1

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
# One clang build serves the tests, the browser tests and the fuzz targets:
# the libraries carry libFuzzer's coverage besides ASan and UBSan, the test
# programs and the binary link without libFuzzer.
configure sanitize-clang -DCMAKE_CXX_COMPILER=clang++ -DPARORENDE_BUILD_FUZZ=ON
cmake --build build/sanitize-clang -j"$jobs"
stage "test: unit and integration (ASan, UBSan)"
ctest --test-dir build/sanitize-clang --output-on-failure -j"$jobs" --timeout 300

stage "test: browser (tests/e2e)"
PARORENDE_BINARY="$PWD/build/sanitize-clang/cli/parorende" tests/e2e/run.sh

stage "test: fuzz (30 s per target)"
tests/fuzz/run.sh build/sanitize-clang -max_total_time=30

# No suppressions: a report is a race of ours until shown otherwise.
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
# Only the unit tests of code that runs threads are built here (the others
# would take two minutes to compile for nothing this stage runs).
configure tsan -DPARORENDE_SANITIZE=thread -DPARORENDE_THREAD_TESTS_ONLY=ON
cmake --build build/tsan -j"$jobs"
stage "test: thread sanitizer (unit and integration tests)"
# The unit tests of code that runs threads: the store, its writer and
# checkpointer, the audit log, the results cache, and the parallel wave
# analysis and publication. The single-threaded parsers and statistics are
# the other stages' (they took half of this stage's time).
# Without address randomization: GCC 12's ThreadSanitizer cannot map its
# shadow memory on kernels that randomize with more than 28 bits.
tsan_unit_tests='AuditLog*:ResponseStore*:SchemaMigration*:SecretCode*:StoreCrash*:StoredAnswers*'
tsan_unit_tests+=':StoredCodes*:WalCheckpointer*:WriteQueue*:ResultsCache*:AnalyticsWave*'
tsan_unit_tests+=':PublicationStep*:PublicationStore*:PublishedExport*:AccountsTest*:InvitationsTest*'
GTEST_FILTER=$tsan_unit_tests setarch "$(uname -m)" -R \
  ctest --test-dir build/tsan --output-on-failure -j"$jobs" --timeout 600 -R '^unit\.' -E postgresql
setarch "$(uname -m)" -R \
  ctest --test-dir build/tsan --output-on-failure -j"$jobs" --timeout 600 -R '^integration\.' \
  -E postgresql
stage "done"
