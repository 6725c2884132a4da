#!/usr/bin/env bash
# Durable submissions through HTTP on PostgreSQL, one and two servers, with
# SQLite beside them in the same run (docs/BENCHMARKS.md, "PostgreSQL").
#
# A throwaway PostgreSQL server (tests/support/postgres_server.sh: Unix
# socket, fsync on, synchronous_commit on) holds a fresh database with an
# open wave "bench" of parorendeundersokelse; wrk posts complete responses
# (post_response.lua) at 64 and 512 connections:
#   1. to one `parorende serve` on SQLite (the reference, as run.sh);
#   2. to one `parorende serve` on PostgreSQL;
#   3. to two `parorende serve` on the same PostgreSQL database, half of the
#      connections to each (two wrk processes at once; their rates add up).
# Every answer must be 201. Each server gets --threads SERVER_THREADS.
#
# Environment: DURATION (default 15s), PORT (8090; two servers use PORT and
# PORT+1), SERVER_THREADS (cores), WRK_THREADS (2 for one wrk, 1 each for
# two), PARORENDE_BIN (a Release binary; default build/release/cli/parorende).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
port=${PORT:-8090}
duration=${DURATION:-15s}
server_threads=${SERVER_THREADS:-$(nproc)}
binary=${PARORENDE_BIN:-$root/build/release/cli/parorende}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
[[ -x $binary ]] || { echo "no binary at $binary (build Release, or set PARORENDE_BIN)" >&2; exit 1; }

work=$(mktemp -d)
servers=()
postgres_dir=
cleanup() {
  for pid in "${servers[@]}"; do kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  [[ -n $postgres_dir ]] && "$root/tests/support/postgres_server.sh" stop "$postgres_dir"
  rm -rf "$work"
}
trap cleanup EXIT
ulimit -n "$(ulimit -Hn)"

prepare() {  # DB: a fresh store with the open wave "bench"
  "$binary" init-db --db "$1" >/dev/null
  "$binary" publish --db "$1" "$root/questionnaires/parorendeundersokelse.json" >/dev/null
  "$binary" wave create --db "$1" --questionnaire parorendeundersokelse --name bench \
    --opens "$(date -u -d '-1 day' +%F)" --closes "$(date -u -d '+1 year' +%F)" >/dev/null
}

serve() {  # DB PORT: starts a server, appends its pid to servers
  "$binary" serve --db "$1" --port "$2" --threads "$server_threads" --web /nonexistent \
    --access-log off --write-limit 0 --attempt-limit 0 --max-connections-per-client 10000 \
    --synchronous full 2>>"$work/serve.err" &
  servers+=($!)
  for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$2/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "the server did not answer on port $2:" >&2
  cat "$work/serve.err" >&2
  exit 1
}

stop_servers() {
  for pid in "${servers[@]}"; do kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  servers=()
}

bad=0
post() {  # PORT CONNECTIONS WRK_THREADS: wrk's summary lines
  wrk -t"$3" -c"$2" -d"$duration" --timeout 10s -s "$root/bench/http/post_response.lua" \
    "http://127.0.0.1:$1" >"$work/wrk.$1" 2>&1
  if grep -E '^status' "$work/wrk.$1" | grep -vq '^status 201'; then bad=1; fi
  grep -E 'submissions/s|latency p50|^status|Socket errors' "$work/wrk.$1" | sed "s/^/  [:$1] /"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "servers: --threads $server_threads, durable (SQLite synchronous=full; PostgreSQL"
echo "synchronous_commit=on, fsync on); wrk $duration each; $(git -C "$root" rev-parse --short HEAD)"

sqlite_db=$work/bench.db
prepare "$sqlite_db"
serve "$sqlite_db" "$port"
for connections in 64 512; do
  echo "== SQLite, one server, $connections connections"
  post "$port" "$connections" 2
done
stop_servers

eval "$("$root/tests/support/postgres_server.sh" start)"
postgres_dir=$PARORENDE_TEST_POSTGRESQL_DIR
psql -q "$PARORENDE_TEST_POSTGRESQL" -c "CREATE DATABASE bench"
postgres_db=${PARORENDE_TEST_POSTGRESQL/\/\/\/postgres/\/\/\/bench}
prepare "$postgres_db"
serve "$postgres_db" "$port"
for connections in 64 512; do
  echo "== PostgreSQL, one server, $connections connections"
  post "$port" "$connections" 2
done
serve "$postgres_db" $((port + 1))
for connections in 64 512; do
  echo "== PostgreSQL, two servers, $connections connections (half to each)"
  post "$port" $((connections / 2)) 1 &
  first=$!
  post $((port + 1)) $((connections / 2)) 1
  wait "$first"
done
stop_servers
"$binary" stats --db "$postgres_db" | sed 's/^/stats: /'
if [[ $bad != 0 ]]; then
  echo "FAILED: some submissions were not answered 201" >&2
  exit 1
fi
