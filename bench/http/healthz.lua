-- wrk script for GET /healthz: the HTTP ceiling, reported like the
-- submission run.
function done(summary, latency, requests_done)
  local seconds = summary.duration / 1e6
  io.write(string.format("requests/s: %.0f\n", summary.requests / seconds))
  io.write(string.format("latency p50: %.2f ms  p90: %.2f ms  p99: %.2f ms  max: %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("non-2xx: %d  socket errors: %d\n", summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
