#!/usr/bin/env bash
# Server CPU per durable submission (docs/BENCHMARKS.md, "HTTP server"):
# CPU time is steadier than throughput on a shared machine. Serves a fresh database as run.sh does, warms up for 3 s, then
# runs post_response.lua and divides the server's user + system time
# (/proc/PID/stat) by the writes the store acknowledged (/metrics).
#
#   bench/http/cpu_per_submission.sh BINARY [CONNECTIONS=512] [DURATION=15s] [PORT=8098]
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
binary=$1
connections=${2:-512}
duration=${3:-15s}
port=${4:-8098}

source "$root/bench/http/bench_server.sh"
start_bench_server "$binary" "$port" full "$(nproc)"

post() {
  wrk -t2 -c"$connections" -d"$1" --timeout 10s -s "$root/bench/http/post_response.lua" \
    "http://127.0.0.1:$port"
}
ticks() { awk '{print $14 + $15}' "/proc/$server_pid/stat"; }
writes() {
  curl -fs -H "$metrics_header" "http://127.0.0.1:$port/metrics" |
    awk '/^parorende_store_writes_total\{result="succeeded"\}/ {print $2}'
}

post 3s >/dev/null
ticks_before=$(ticks)
writes_before=$(writes)
post "$duration" | grep -E 'submissions/s|latency|^status'
ticks_after=$(ticks)
writes_after=$(writes)
awk -v ticks=$((ticks_after - ticks_before)) -v writes=$((writes_after - writes_before)) \
  -v hz="$(getconf CLK_TCK)" \
  'BEGIN { printf "server CPU per submission: %.1f us (%d writes)\n", ticks / hz * 1e6 / writes, writes }'
