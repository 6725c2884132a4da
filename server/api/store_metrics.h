// The store's writer metrics (queue depth, batch sizes) for /metrics.
#pragma once

#include <cstddef>
#include <string>

#include "store/response_store.h"

namespace parorende::server {

std::string render_store_metrics(const StoreMetrics& metrics, std::size_t worker_queue_depth);

}  // namespace parorende::server
