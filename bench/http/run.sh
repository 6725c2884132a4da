#!/usr/bin/env bash
# HTTP load test of `parorende serve` with wrk (docs/BENCHMARKS.md).
#
# Builds Release, serves a fresh database with parorendeundersokelse and an
# open wave "bench" on a loopback port, then runs wrk:
#   1. POST complete responses (post_response.lua) at 64 and 512 connections;
#   2. GET /healthz at 64 and 512 connections: the HTTP ceiling of the run.
# Every submission is durable when acknowledged (synchronous=full, group
# commit). Rate limits are off: all wrk connections come from 127.0.0.1.
#
# Environment: DURATION (default 20s), PORT (8090), SERVER_THREADS (cores),
# WRK_THREADS (2), BUILD_DIR (build-bench-http), SYNCHRONOUS (full),
# PARORENDE_BIN (use this binary instead of building one).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-$root/build-bench-http}
port=${PORT:-8090}
duration=${DURATION:-20s}
wrk_threads=${WRK_THREADS:-2}
synchronous=${SYNCHRONOUS:-full}
server_threads=${SERVER_THREADS:-$(nproc)}

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

if [[ -n ${PARORENDE_BIN:-} ]]; then
  binary=$PARORENDE_BIN  # an already built Release binary
else
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPARORENDE_BUILD_TESTS=OFF >/dev/null
  cmake --build "$build" -j2 --target parorende >/dev/null
  binary=$build/cli/parorende
fi

source "$root/bench/http/bench_server.sh"
start_bench_server "$binary" "$port" "$synchronous" "$server_threads"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "server: --threads $server_threads, synchronous=$synchronous; wrk -t$wrk_threads, $duration each"
echo

bad=0
for connections in 64 512; do
  echo "== POST /api/v1/waves/bench/responses, $connections connections"
  out=$(wrk -t"$wrk_threads" -c"$connections" -d"$duration" --timeout 10s \
    -s "$root/bench/http/post_response.lua" "http://127.0.0.1:$port")
  echo "$out" | grep -E 'submissions/s|latency p50|^status|Socket errors'
  if echo "$out" | grep -E '^status' | grep -vq '^status 201'; then bad=1; fi
  echo
done
for connections in 64 512; do
  echo "== GET /healthz, $connections connections"
  wrk -t"$wrk_threads" -c"$connections" -d"$duration" --timeout 10s \
    -s "$root/bench/http/healthz.lua" "http://127.0.0.1:$port/healthz" |
    grep -E 'requests/s|latency p50|non-2xx'
  echo
done

echo "== store batch sizes (from /metrics)"
curl -fs -H "$metrics_header" "http://127.0.0.1:$port/metrics" | grep -E '^parorende_store_(batch_size_(sum|count)|writes_total)'
"$binary" stats --db "$db" | sed 's/^/stats: /'
if [[ $bad != 0 ]]; then
  echo "FAILED: some submissions were not answered 201" >&2
  exit 1
fi
