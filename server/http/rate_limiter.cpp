#include "server/http/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace parorende::server {

RateLimiter::RateLimiter(RateLimit limit, std::size_t max_clients)
    : limit_(limit), max_per_shard_(std::max<std::size_t>(1, max_clients / kShards)) {}

Admission RateLimiter::admit(ClientKey client, Clock::time_point now) {
  if (limit_.per_second <= 0) return {};
  Shard& shard = shards_[client % kShards];
  std::lock_guard lock(shard.mutex);
  auto found = shard.buckets.find(client);
  if (found == shard.buckets.end()) {
    if (shard.buckets.size() >= max_per_shard_) forget_refilled(shard, now);
    found = shard.buckets.emplace(client, Bucket{limit_.burst, now}).first;
  }
  Bucket& bucket = found->second;
  double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
  bucket.tokens = std::min(limit_.burst, bucket.tokens + elapsed * limit_.per_second);
  bucket.updated = now;
  if (bucket.tokens >= 1) {
    bucket.tokens -= 1;
    return {};
  }
  double wait = (1 - bucket.tokens) / limit_.per_second;
  return {false, std::chrono::seconds(std::max<long>(1, std::lround(std::ceil(wait))))};
}

void RateLimiter::forget_refilled(Shard& shard, Clock::time_point now) {
  std::erase_if(shard.buckets, [&](const auto& entry) {
    const Bucket& bucket = entry.second;
    double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
    return bucket.tokens + elapsed * limit_.per_second >= limit_.burst;
  });
  // Still full: every bucket is in use, which only a flood of addresses
  // does. Starting over beats growing without bound.
  if (shard.buckets.size() >= max_per_shard_) shard.buckets.clear();
}

std::size_t RateLimiter::tracked_clients() const {
  std::size_t total = 0;
  for (const Shard& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    total += shard.buckets.size();
  }
  return total;
}

}  // namespace parorende::server
