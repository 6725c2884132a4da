# Sourced by the HTTP benchmarks: a fresh database with an open wave
# "bench" of parorendeundersokelse, served on 127.0.0.1 with the per-client
# limits off (every wrk connection comes from the same address) and the
# access log on, stopped again when the sourcing script exits.
#
#   start_bench_server BINARY PORT SYNCHRONOUS THREADS
# Sets: work (a temporary folder, removed on exit), db, server_pid, and
# metrics_header (curl -H "$metrics_header" .../metrics).

work=$(mktemp -d)
server_pid=
stop_bench_server() {
  if [[ -n $server_pid ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" || true
  fi
  rm -rf "$work"
}
trap stop_bench_server EXIT

start_bench_server() {
  local binary=$1 port=$2 synchronous=$3 threads=$4
  local root
  root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
  db=$work/bench.db
  "$binary" init-db --db "$db" >/dev/null
  "$binary" publish --db "$db" "$root/questionnaires/parorendeundersokelse.json" >/dev/null
  "$binary" wave create --db "$db" --questionnaire parorendeundersokelse --name bench \
    --opens "$(date -u -d '-1 day' +%F)" --closes "$(date -u -d '+1 year' +%F)" >/dev/null
  ulimit -n "$(ulimit -Hn)"
  head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$work/metrics.token"
  metrics_header="Authorization: Bearer $(cat "$work/metrics.token")"
  "$binary" serve --db "$db" --port "$port" --threads "$threads" --web /nonexistent \
    --access-log "$work/access.log" --write-limit 0 --attempt-limit 0 --max-connections-per-client 10000 \
    --synchronous "$synchronous" --metrics-token-file "$work/metrics.token" 2>"$work/serve.err" &
  server_pid=$!
  for _ in $(seq 100); do
    curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
    sleep 0.1
  done
  echo "the server did not answer on port $port:" >&2
  cat "$work/serve.err" >&2
  return 1
}
