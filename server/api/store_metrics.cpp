#include "server/api/store_metrics.h"

namespace parorende::server {
namespace {

void family(std::string& out, const char* name, const char* type, const char* help) {
  out += std::string("# HELP ") + name + ' ' + help + "\n# TYPE " + name + ' ' + type + '\n';
}

}  // namespace

std::string render_store_metrics(const StoreMetrics& metrics, std::size_t worker_queue_depth) {
  std::string out;
  family(out, "parorende_store_writer_queue_depth", "gauge",
         "Writes waiting for the store's writer thread.");
  out += "parorende_store_writer_queue_depth " + std::to_string(metrics.queue_depth) + '\n';
  family(out, "parorende_store_worker_queue_depth", "gauge",
         "Requests waiting for a free store worker thread.");
  out += "parorende_store_worker_queue_depth " + std::to_string(worker_queue_depth) + '\n';
  family(out, "parorende_store_batch_size", "histogram",
         "Writes committed together in one group commit.");
  for (const StoreMetrics::Bucket& bucket : metrics.batch_size_buckets) {
    out += "parorende_store_batch_size_bucket{le=\"" + std::to_string(bucket.le) + "\"} " +
           std::to_string(bucket.count) + '\n';
  }
  out += "parorende_store_batch_size_bucket{le=\"+Inf\"} " +
         std::to_string(metrics.batches_committed) + '\n';
  out += "parorende_store_batch_size_sum " + std::to_string(metrics.batch_size_sum) + '\n';
  out += "parorende_store_batch_size_count " + std::to_string(metrics.batches_committed) + '\n';
  family(out, "parorende_store_writes_total", "counter", "Writes by outcome.");
  out += "parorende_store_writes_total{result=\"succeeded\"} " +
         std::to_string(metrics.writes_succeeded) + '\n';
  out += "parorende_store_writes_total{result=\"failed\"} " +
         std::to_string(metrics.writes_failed) + '\n';
  return out;
}

}  // namespace parorende::server
