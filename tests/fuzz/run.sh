#!/usr/bin/env bash
# Runs every fuzz target of a PARORENDE_BUILD_FUZZ build, two at a time,
# each from a copy of its committed seeds (tests/fuzz/corpus/<target>), so
# the repository is never changed. Fails on any crash, leak, timeout or
# sanitizer report; the input that caused it is kept in
# BUILD_DIR/fuzz-artifacts/<target>/.
#   tests/fuzz/run.sh BUILD_DIR [LIBFUZZER_OPTION...]
#   tests/fuzz/run.sh build/sanitize-clang -max_total_time=30     (./test.sh)
#   tests/fuzz/run.sh build/sanitize-clang -runs=10000000         (docs/testing.md)
# FUZZ_TARGETS="expression_fuzzer ..." runs only those; FUZZ_JOBS=1 one at a time.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$(cd "$1" && pwd)
shift

targets=(${FUZZ_TARGETS:-questionnaire_loader_fuzzer server_request_fuzzer expression_fuzzer
  response_validation_fuzzer offers_csv_fuzzer redcap_import_fuzzer})
jobs=${FUZZ_JOBS:-2}

# The longest input each target is given: room for the seeds, and for a
# request to pass the server target's header (1 KiB) and body (4 KiB) limits.
max_len() {
  case $1 in
    questionnaire_loader_fuzzer) echo 16384 ;;
    server_request_fuzzer) echo 8192 ;;
    *) echo 4096 ;;
  esac
}

dict() {
  case $1 in
    questionnaire_loader_fuzzer | response_validation_fuzzer) echo json ;;
    server_request_fuzzer) echo http ;;
    expression_fuzzer) echo expression ;;
    *) echo csv ;;
  esac
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

run_one() {
  local target=$1
  shift
  local corpus="$work/corpus/$target" artifacts="$build/fuzz-artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  cp "$here/corpus/$target/"* "$corpus/"
  # One input may take at most 10 s and 2 GiB; -error_exitcode makes any
  # finding a failure of this script.
  "$build/tests/fuzz/$target" "$corpus" -max_len="$(max_len "$target")" \
    -dict="$here/dict/$(dict "$target").dict" -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 "$@" >"$work/$target.log" 2>&1
}

failed=()
for ((i = 0; i < ${#targets[@]}; i += jobs)); do
  pids=()
  for target in "${targets[@]:i:jobs}"; do
    run_one "$target" "$@" &
    pids+=("$!:$target")
  done
  for entry in "${pids[@]}"; do
    target=${entry#*:}
    if wait "${entry%%:*}"; then
      executions=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$work/$target.log" | grep -o '[0-9]*$')
      seconds=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$work/$target.log" | grep -o 'in [0-9]*' | grep -o '[0-9]*')
      echo "fuzz: $target: ${executions:-?} runs in ${seconds:-?} s, $(ls "$work/corpus/$target" | wc -l) inputs in its corpus, no finding"
    else
      echo "fuzz: $target: FAILED (inputs in $build/fuzz-artifacts/$target/)"
      tail -n 60 "$work/$target.log"
      failed+=("$target")
    fi
  done
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]}" >&2
  exit 1
fi
