// Per-client token buckets: a burst, then a steady rate.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <unordered_map>

#include "server/http/client_key.h"

namespace parorende::server {

struct RateLimit {
  double per_second = 1;  // tokens added per second; <= 0 turns the limit off
  double burst = 10;      // bucket size
};

struct Admission {
  bool allowed = true;
  std::chrono::seconds retry_after{0};  // when refused: until a token is back
};

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  // At most `max_clients` buckets are kept; past that, buckets that have
  // refilled (and so behave like a new client) are forgotten first.
  RateLimiter(RateLimit limit, std::size_t max_clients);

  // Takes one token from `client`'s bucket if there is one.
  Admission admit(ClientKey client, Clock::time_point now = Clock::now());

  std::size_t tracked_clients() const;

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point updated;
  };
  struct Shard {
    mutable std::mutex mutex;
    std::unordered_map<ClientKey, Bucket> buckets;
  };
  static constexpr std::size_t kShards = 16;

  void forget_refilled(Shard& shard, Clock::time_point now);

  RateLimit limit_;
  std::size_t max_per_shard_;
  std::array<Shard, kShards> shards_;
};

}  // namespace parorende::server
