// Request counters and latency histograms in Prometheus text format.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace parorende::server {

// What a request is counted under: the route's method and pattern
// ("/api/v1/waves/{wave}/responses"), never the path with its codes.
struct MetricsLabel {
  std::string method;
  std::string route;
};

class Metrics {
 public:
  explicit Metrics(std::vector<MetricsLabel> labels);
  ~Metrics();

  // `label` indexes the vector given to the constructor.
  void record_request(std::size_t label, unsigned status, std::chrono::nanoseconds latency);

  void connection_opened();
  void connection_closed();
  void connection_refused();  // over the connection cap
  void rate_limited();

  // The HTTP layer's metrics in the Prometheus text exposition format.
  std::string render() const;

 private:
  static constexpr std::array<double, 13> kLatencyBuckets{
      0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
  static constexpr unsigned kFirstStatus = 100;
  static constexpr unsigned kStatusCount = 500;  // 100-599

  struct PerLabel {
    std::array<std::atomic<std::uint64_t>, kStatusCount> by_status{};
    std::array<std::atomic<std::uint64_t>, kLatencyBuckets.size() + 1> buckets{};
    std::atomic<std::uint64_t> latency_sum_ns{0};
  };

  std::vector<MetricsLabel> labels_;
  std::unique_ptr<PerLabel[]> per_label_;
  std::atomic<std::int64_t> open_connections_{0};
  std::atomic<std::uint64_t> accepted_connections_{0};
  std::atomic<std::uint64_t> refused_connections_{0};
  std::atomic<std::uint64_t> rate_limited_{0};
};

// A label value with \, " and newlines escaped as the format asks.
std::string prometheus_label_value(const std::string& text);

}  // namespace parorende::server
