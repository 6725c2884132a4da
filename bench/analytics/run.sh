#!/usr/bin/env bash
# Analytics on 1,000,000 complete parorendeundersokelse responses across
# all 357 municipalities, timed from the database file, beside the pandas
# reference (docs/BENCHMARKS.md, "Analytics").
#
#   1. builds Release (parorende, parorende_analytics_bench);
#   2. generates the database once with `parorende demo-data` (kept in the
#      build directory; remove it to regenerate);
#   3. runs parorende_analytics_bench RUNS times under /usr/bin/time -v
#      (every statistic of docs/analytics.md plus the CSV report);
#   4. runs bench/analytics/reference.py (pandas + numpy) under
#      /usr/bin/time -v, which checks that its per-municipality n, means,
#      CIs and per-scale alphas equal the report's (1e-9 relative);
#   5. prints wall time and peak memory of both and the speed-up.
#
# Environment: RESPONSES (1000000), SEED (2026), RUNS (3),
# BUILD_DIR (build-bench-analytics), PYTHON (/usr/bin/python3, Debian's,
# which has python3-pandas).
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
build=${BUILD_DIR:-$root/build-bench-analytics}
responses=${RESPONSES:-1000000}
seed=${SEED:-2026}
runs=${RUNS:-3}
python=${PYTHON:-/usr/bin/python3}

[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is missing: apt-get install time" >&2; exit 1; }
"$python" -c "import pandas, numpy" 2>/dev/null ||
  { echo "$python lacks pandas: apt-get install python3-pandas" >&2; exit 1; }

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DPARORENDE_BUILD_TESTS=OFF \
  -DPARORENDE_BUILD_BENCH=ON >/dev/null
cmake --build "$build" -j2 --target parorende parorende_analytics_bench >/dev/null

db=$build/analytics-$responses-$seed.db
if [[ ! -f $db ]]; then
  echo "== generating $responses responses (seed $seed) into $db"
  start=$(date +%s.%N)
  (cd "$root" && "$build/cli/parorende" demo-data --db "$db.tmp" --wave bench \
     --responses "$responses" --seed "$seed" --truth "$db.truth.csv")
  mv "$db.tmp" "$db"
  echo "generated in $(echo "$(date +%s.%N) - $start" | bc) s"
fi
# A database from an older build may need its schema migrated first (the
# bench opens it read-only).
"$build/cli/parorende" init-db --db "$db" >/dev/null
ls -l "$db"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cpu_seconds() {
  awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$1"
}
# "Elapsed (wall clock) time (h:mm:ss or m:ss): 0:01.23" -> seconds
wall_seconds() {
  awk -F': ' '/Elapsed \(wall clock\)/ {
    n = split($2, part, ":"); s = 0
    for (i = 1; i <= n; i++) s = s * 60 + part[i]
    print s }' "$1"
}
peak_mib() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }

echo "== parorende_analytics_bench ($runs runs)"
best=
for run in $(seq "$runs"); do
  /usr/bin/time -v "$build/bench/parorende_analytics_bench" --db "$db" --wave bench \
    --out "$work/report.csv" >"$work/cpp.out" 2>"$work/cpp.time"
  cat "$work/cpp.out"
  seconds=$(wall_seconds "$work/cpp.time")
  echo "run $run: wall $seconds s, cpu $(cpu_seconds "$work/cpp.time") s, peak $(peak_mib "$work/cpp.time") MiB"
  if [[ -z $best ]] || (( $(echo "$seconds < $best" | bc) )); then
    best=$seconds
    cpp_cpu=$(cpu_seconds "$work/cpp.time")
    cpp_peak=$(peak_mib "$work/cpp.time")
  fi
done

echo "== reference.py (pandas $("$python" -c 'import pandas; print(pandas.__version__)'))"
/usr/bin/time -v "$python" "$root/bench/analytics/reference.py" --db "$db" --wave bench \
  --check "$work/report.csv" >"$work/py.out" 2>"$work/py.time" || {
  cat "$work/py.out" "$work/py.time"; echo "reference check FAILED" >&2; exit 1; }
cat "$work/py.out"
py_seconds=$(wall_seconds "$work/py.time")
py_cpu=$(cpu_seconds "$work/py.time")
py_peak=$(peak_mib "$work/py.time")

# Other work on the machine slows both; the load average says how much.
echo "== summary ($(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo), load $(cut -d' ' -f1-3 /proc/loadavg))"
printf "                  wall      cpu      peak\n"
printf "C++ analytics   %6.2f s  %6.2f s  %5s MiB   (best of %s)\n" "$best" "$cpp_cpu" "$cpp_peak" "$runs"
printf "pandas          %6.2f s  %6.2f s  %5s MiB\n" "$py_seconds" "$py_cpu" "$py_peak"
printf "speed-up        %6.1fx   %6.1fx\n" "$(echo "$py_seconds / $best" | bc -l)" "$(echo "$py_cpu / $cpp_cpu" | bc -l)"
