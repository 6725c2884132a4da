#include "server/http/metrics.h"

#include <cstdio>

namespace parorende::server {
namespace {

constexpr auto kRelaxed = std::memory_order_relaxed;

std::string number(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.9g", value);
  return text;
}

void append_family(std::string& out, const char* name, const char* type, const char* help) {
  out += "# HELP ";
  out += name;
  out += ' ';
  out += help;
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

}  // namespace

std::string prometheus_label_value(const std::string& text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    if (c == '\\' || c == '"') {
      escaped += '\\';
      escaped += c;
    } else if (c == '\n') {
      escaped += "\\n";
    } else {
      escaped += c;
    }
  }
  return escaped;
}

Metrics::Metrics(std::vector<MetricsLabel> labels)
    : labels_(std::move(labels)), per_label_(std::make_unique<PerLabel[]>(labels_.size())) {}

Metrics::~Metrics() = default;

void Metrics::record_request(std::size_t label, unsigned status, std::chrono::nanoseconds latency) {
  if (label >= labels_.size()) return;
  PerLabel& counters = per_label_[label];
  if (status >= kFirstStatus && status < kFirstStatus + kStatusCount) {
    counters.by_status[status - kFirstStatus].fetch_add(1, kRelaxed);
  }
  double seconds = std::chrono::duration<double>(latency).count();
  std::size_t bucket = 0;
  while (bucket < kLatencyBuckets.size() && seconds > kLatencyBuckets[bucket]) ++bucket;
  counters.buckets[bucket].fetch_add(1, kRelaxed);
  counters.latency_sum_ns.fetch_add(static_cast<std::uint64_t>(latency.count()), kRelaxed);
}

void Metrics::connection_opened() {
  open_connections_.fetch_add(1, kRelaxed);
  accepted_connections_.fetch_add(1, kRelaxed);
}

void Metrics::connection_closed() { open_connections_.fetch_sub(1, kRelaxed); }

void Metrics::connection_refused() { refused_connections_.fetch_add(1, kRelaxed); }

void Metrics::rate_limited() { rate_limited_.fetch_add(1, kRelaxed); }

std::string Metrics::render() const {
  std::string out;
  out.reserve(4096);
  append_family(out, "parorende_http_requests_total", "counter",
                "HTTP requests answered, by route and status.");
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    std::string label = "method=\"" + prometheus_label_value(labels_[i].method) + "\",route=\"" +
                        prometheus_label_value(labels_[i].route) + '"';
    for (unsigned s = 0; s < kStatusCount; ++s) {
      std::uint64_t count = per_label_[i].by_status[s].load(kRelaxed);
      if (count == 0) continue;
      out += "parorende_http_requests_total{" + label + ",status=\"" +
             std::to_string(kFirstStatus + s) + "\"} " + std::to_string(count) + '\n';
    }
  }
  append_family(out, "parorende_http_request_duration_seconds", "histogram",
                "Time from a complete request to its answer being written.");
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    const PerLabel& counters = per_label_[i];
    std::uint64_t cumulative = 0;
    for (std::size_t b = 0; b < counters.buckets.size(); ++b) {
      cumulative += counters.buckets[b].load(kRelaxed);
    }
    if (cumulative == 0) continue;
    std::string label = "method=\"" + prometheus_label_value(labels_[i].method) + "\",route=\"" +
                        prometheus_label_value(labels_[i].route) + '"';
    cumulative = 0;
    for (std::size_t b = 0; b < counters.buckets.size(); ++b) {
      cumulative += counters.buckets[b].load(kRelaxed);
      std::string le = b < kLatencyBuckets.size() ? number(kLatencyBuckets[b]) : "+Inf";
      out += "parorende_http_request_duration_seconds_bucket{" + label + ",le=\"" + le + "\"} " +
             std::to_string(cumulative) + '\n';
    }
    out += "parorende_http_request_duration_seconds_sum{" + label + "} " +
           number(static_cast<double>(counters.latency_sum_ns.load(kRelaxed)) / 1e9) + '\n';
    out += "parorende_http_request_duration_seconds_count{" + label + "} " +
           std::to_string(cumulative) + '\n';
  }
  append_family(out, "parorende_http_open_connections", "gauge", "Connections open now.");
  out +=
      "parorende_http_open_connections " + std::to_string(open_connections_.load(kRelaxed)) + '\n';
  append_family(out, "parorende_http_connections_total", "counter",
                "Connections accepted and served.");
  out += "parorende_http_connections_total " +
         std::to_string(accepted_connections_.load(kRelaxed)) + '\n';
  append_family(out, "parorende_http_connections_refused_total", "counter",
                "Connections refused because the connection cap was reached.");
  out += "parorende_http_connections_refused_total " +
         std::to_string(refused_connections_.load(kRelaxed)) + '\n';
  append_family(out, "parorende_http_rate_limited_total", "counter",
                "Requests refused with 429 by a per-client limit.");
  out += "parorende_http_rate_limited_total " + std::to_string(rate_limited_.load(kRelaxed)) + '\n';
  return out;
}

}  // namespace parorende::server
