#!/usr/bin/env bash
# Staff sign-in against the real server (#16, docs/BENCHMARKS.md): the cost
# of one argon2id hash (the parameters stored with it, and the time of a
# sign-in alone), and the p99 of GET /healthz at rest and while 20 clients
# sign in at once, over and over; one run, one table. The I/O threads must
# never wait for a hash: hashing has threads of its own.
#
#   bench/sign_in/run.sh                     # Release build in build/release
#   PARORENDE_BIN=path/to/parorende bench/sign_in/run.sh
#
# Needs wrk, curl and python3.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
binary=${PARORENDE_BIN:-$root/build/release/cli/parorende}
port=${PORT:-8094}
clients=20
[[ -x $binary ]] || { echo "no binary at $binary (build Release first)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

work=$(mktemp -d)
server=
load=
cleanup() {
  [[ -n $load ]] && kill "$load" 2>/dev/null || true
  [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$binary" init-db --db "$work/bench.db" >/dev/null
for i in $(seq 1 $clients); do
  echo "the password of staff $i" >"$work/password"
  "$binary" user add --db "$work/bench.db" --username "staff$i" --name "Staff $i" \
    --grant municipality_staff:3407 --password-file "$work/password" >/dev/null
done
parameters=$(sqlite3 "$work/bench.db" "SELECT password_hash FROM accounts LIMIT 1" |
  cut -d'$' -f2-4)

"$binary" serve --db "$work/bench.db" --port "$port" --threads "$(nproc)" --web /nonexistent \
  --access-log off 2>"$work/serve.err" &
server=$!
for _ in $(seq 100); do
  grep -q "listening" "$work/serve.err" 2>/dev/null && break
  sleep 0.1
done
base=http://127.0.0.1:$port

p99_ms() {
  wrk -t2 -c64 -d10s --latency "$base/healthz" |
    awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 }
                       else if (v ~ /ms$/) { sub(/ms/, "", v) }
                       else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }
                       printf "%.2f", v }'
}

# One sign-in at a time: the hash, and little else.
single_ms=$(python3 - "$port" <<'PY'
import http.client, json, statistics, sys, time
port = int(sys.argv[1])
times = []
for i in range(20):
    body = json.dumps({"username": "staff1", "password": "the password of staff 1"})
    connection = http.client.HTTPConnection("127.0.0.1", port)
    start = time.perf_counter()
    connection.request("POST", "/api/v1/session", body, {"Content-Type": "application/json"})
    response = connection.getresponse()
    response.read()
    times.append((time.perf_counter() - start) * 1000)
    assert response.status == 200, response.status
print(f"{statistics.median(times):.1f}")
PY
)

rest_p99=$(p99_ms)

# 20 clients, each signing in again as soon as its last sign-in answered.
python3 - "$port" "$clients" "$work/signins" <<'PY' &
import http.client, json, os, sys, threading, time
port, clients, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
done = [0] * clients
def client(i):
    body = json.dumps({"username": f"staff{i + 1}", "password": f"the password of staff {i + 1}"})
    while True:
        connection = http.client.HTTPConnection("127.0.0.1", port)
        connection.request("POST", "/api/v1/session", body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        response.read()
        if response.status == 200:
            done[i] += 1
        with open(f"{out}.{i}", "w") as file:
            file.write(str(sum(done)))
        os.replace(f"{out}.{i}", out)
for i in range(clients):
    threading.Thread(target=client, args=(i,), daemon=True).start()
time.sleep(3600)
PY
load=$!
sleep 2
before=$(cat "$work/signins" 2>/dev/null || echo 0)
started=$(date +%s.%N)
load_p99=$(p99_ms)
after=$(cat "$work/signins")
elapsed=$(python3 -c "import time; print(time.time() - $started)")
rate=$(python3 -c "print(f'{($after - $before) / $elapsed:.1f}')")
kill "$load"; wait "$load" 2>/dev/null || true
load=

cat <<TABLE
machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
argon2id: $parameters (memory KiB, iterations, lanes); one sign-in alone: $single_ms ms (median of 20)

| state | GET /healthz p99 (64 connections) | sign-ins per second |
| --- | --- | --- |
| no sign-ins | $rest_p99 ms | |
| $clients clients signing in at once | $load_p99 ms | $rate |
TABLE
python3 - "$rest_p99" "$load_p99" <<'PY'
import sys
rest, load = map(float, sys.argv[1:])
print(f"p99 during sign-ins within 3x of rest: {'yes' if load <= 3 * rest else 'NO'}"
      f" ({load:.2f} ms against {rest:.2f} ms)")
PY
