#!/usr/bin/env bash
# Hostile clients against the real server (#15, docs/BENCHMARKS.md): its
# resident memory and the p99 of GET /healthz at rest, during 300 clients
# that ask for an export and never read the answer, and during one client
# sending a 256 MiB chunked trailer; one run, one table, so the figures
# under attack compare with rest on the same machine at the same time.
#
#   bench/hardening/run.sh                     # Release build in build/release
#   PARORENDE_BIN=path/to/parorende bench/hardening/run.sh
#
# Needs wrk, curl and python3.
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
binary=${PARORENDE_BIN:-$root/build/release/cli/parorende}
port=${PORT:-8093}
responses=${RESPONSES:-20000}
[[ -x $binary ]] || { echo "no binary at $binary (build Release first)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

work=$(mktemp -d)
server=
attacker=
cleanup() {
  [[ -n $attacker ]] && kill "$attacker" 2>/dev/null || true
  [[ -n $server ]] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

"$binary" demo-data --db "$work/bench.db" --wave bench --responses "$responses" --seed 1 \
  --truth "$work/truth.csv" >/dev/null
# The per-client limits are lifted: every client here is 127.0.0.1.
"$binary" serve --db "$work/bench.db" --port "$port" --threads "$(nproc)" --web /nonexistent \
  --access-log off --compute-limit 0 --max-connections-per-client 10000 2>"$work/serve.err" &
server=$!
for _ in $(seq 100); do
  grep -q "listening" "$work/serve.err" 2>/dev/null && break
  sleep 0.1
done
base=http://127.0.0.1:$port
export_url="$base/api/v1/waves/bench/export?table=municipality_scale&format=json"
# The first request computes the published results and the export file.
curl -s -o "$work/export.json" "$export_url"
export_bytes=$(stat -c %s "$work/export.json")

rss_mib() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$server/status"; }
p99_ms() {
  wrk -t2 -c64 -d10s --latency "$base/healthz" |
    awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us/, "", v); v /= 1000 }
                       else if (v ~ /ms$/) { sub(/ms/, "", v) }
                       else if (v ~ /s$/) { sub(/s/, "", v); v *= 1000 }
                       printf "%.2f", v }'
}

rest_rss=$(rss_mib)
rest_p99=$(p99_ms)

# 300 connections, each asks for the export and never reads.
python3 - "$port" <<'PY' &
import socket, sys, time
port = int(sys.argv[1])
held = []
for _ in range(300):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    s.connect(("127.0.0.1", port))
    s.sendall(b"GET /api/v1/waves/bench/export?table=municipality_scale&format=json HTTP/1.1\r\n"
              b"Host: bench\r\n\r\n")
    held.append(s)
time.sleep(600)
PY
attacker=$!
sleep 5
export_rss=$(rss_mib)
export_p99=$(p99_ms)
export_rss_end=$(rss_mib)
kill "$attacker"; wait "$attacker" 2>/dev/null || true
attacker=
sleep 3
after_export_rss=$(rss_mib)

# One connection sends a chunked body and then 256 MiB of trailer lines.
python3 - "$port" <<'PY' &
import socket, sys
port = int(sys.argv[1])
s = socket.socket()
s.connect(("127.0.0.1", port))
s.sendall(b"POST /api/v1/waves/bench/responses HTTP/1.1\r\nHost: bench\r\n"
          b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n")
line = b"X-Trailer: " + b"t" * 100 + b"\r\n"
block = line * (1024 * 1024 // len(line))
sent = 0
try:
    while sent < 256 * 1024 * 1024:
        s.sendall(block)
        sent += len(block)
except OSError:
    pass  # the server answered and closed
PY
attacker=$!
sleep 1
trailer_rss=$(rss_mib)
trailer_p99=$(p99_ms)
trailer_rss_end=$(rss_mib)
wait "$attacker" 2>/dev/null || true
attacker=

cat <<TABLE
machine: $(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
export file: $export_bytes bytes (municipality_scale, JSON, $responses responses)

| state | server RSS | GET /healthz p99 (64 connections) |
| --- | --- | --- |
| at rest | $rest_rss MiB | $rest_p99 ms |
| 300 export clients that never read | $export_rss / $export_rss_end MiB | $export_p99 ms |
| after they closed | $after_export_rss MiB | |
| 256 MiB trailer | $trailer_rss / $trailer_rss_end MiB | $trailer_p99 ms |
TABLE

# The targets of #15: RSS under 300 MB and p99 within 3x of rest while
# under attack.
verdict() {
  python3 - "$@" <<'PY'
import sys
rest_p99, *figures = sys.argv[1:]
rss = [float(v) for v in figures[:4]]
p99 = [float(v) for v in figures[4:]]
rss_ok = max(rss) * 1.048576 < 300
p99_ok = max(p99) <= 3 * float(rest_p99)
print(f"RSS under 300 MB under attack: {'yes' if rss_ok else 'NO'} (largest {max(rss):.0f} MiB)")
print(f"p99 within 3x of rest under attack: {'yes' if p99_ok else 'NO'}"
      f" (largest {max(p99):.2f} ms, rest {float(rest_p99):.2f} ms)")
PY
}
verdict "$rest_p99" "$export_rss" "$export_rss_end" "$trailer_rss" "$trailer_rss_end" \
  "$export_p99" "$trailer_p99"
