#!/usr/bin/env bash
# Installs what is missing, builds and runs every test:
#   1. Debug build with the unit and integration tests;
#   2. the same tests again under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")"

./scripts/install-dependencies.sh --with-test-tools

jobs=$(nproc)

run_suite() {
  local name=$1
  shift
  echo "== build: $name"
  cmake -S . -B "build/$name" -DCMAKE_BUILD_TYPE=Debug -DPARORENDE_BUILD_TESTS=ON "$@" >/dev/null
  cmake --build "build/$name" -j"$jobs"
  echo "== test: $name"
  ctest --test-dir "build/$name" --output-on-failure -j"$jobs" --timeout 300
}

run_suite debug
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  run_suite sanitize -DPARORENDE_SANITIZE=address,undefined
