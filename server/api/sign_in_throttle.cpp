#include "server/api/sign_in_throttle.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <tuple>

#include "common/crypto.h"
#include "common/text.h"

namespace parorende::server {
namespace {

std::uint64_t account_key(std::string_view username) {
  Sha256Digest digest = sha256("parorende-sign-in:" + ascii_lower(username));
  std::uint64_t key = 0;
  std::memcpy(&key, digest.data(), sizeof key);
  return key;
}

std::chrono::seconds until_one_token(double tokens, const RateLimit& limit) {
  double seconds = (1 - tokens) / limit.per_second;
  return std::chrono::seconds(static_cast<long>(std::ceil(std::max(seconds, 1.0))));
}

}  // namespace

double SignInThrottle::tokens(Buckets& buckets, std::uint64_t key, const RateLimit& limit,
                              Clock::time_point now) {
  auto found = buckets.find(key);
  if (found == buckets.end()) return limit.burst;
  Bucket& bucket = found->second;
  double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
  bucket.tokens = std::min(limit.burst, bucket.tokens + elapsed * limit.per_second);
  bucket.updated = now;
  if (bucket.tokens >= limit.burst) {
    buckets.erase(found);  // behaves as a new one: nothing to keep
    return limit.burst;
  }
  return bucket.tokens;
}

void SignInThrottle::take(Buckets& buckets, std::uint64_t key, const RateLimit& limit,
                          Clock::time_point now) {
  double left = tokens(buckets, key, limit, now);
  if (buckets.size() >= limits_.max_tracked && !buckets.contains(key)) {
    // Forget the buckets nearest to new first (counting what they have
    // refilled by now); when none is, the one longest untouched. A new key
    // is always tracked, so a full table never lets guesses through.
    auto refilled = [&](const Bucket& bucket) {
      double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
      return bucket.tokens + elapsed * limit.per_second;
    };
    std::erase_if(buckets,
                  [&](const auto& entry) { return refilled(entry.second) + 1 >= limit.burst; });
    if (buckets.size() >= limits_.max_tracked) {
      auto oldest = std::min_element(
          buckets.begin(), buckets.end(),
          [](const auto& a, const auto& b) { return a.second.updated < b.second.updated; });
      buckets.erase(oldest);
    }
  }
  buckets[key] = {std::max(0.0, left - 1), now};
}

Admission SignInThrottle::admit(std::string_view username, ClientKey client,
                                Clock::time_point now) {
  if (limits_.per_client.per_second <= 0) return {};
  std::uint64_t account = account_key(username);
  std::lock_guard lock(mutex_);
  double client_tokens = tokens(clients_, client, limits_.per_client, now);
  if (client_tokens < 1) return {false, until_one_token(client_tokens, limits_.per_client)};
  double account_tokens = tokens(accounts_, account, limits_.per_account, now);
  if (account_tokens < 1) return {false, until_one_token(account_tokens, limits_.per_account)};
  take(clients_, client, limits_.per_client, now);
  take(accounts_, account, limits_.per_account, now);
  return {};
}

void SignInThrottle::succeeded(std::string_view username, ClientKey client) {
  if (limits_.per_client.per_second <= 0) return;
  std::uint64_t account = account_key(username);
  std::lock_guard lock(mutex_);
  for (auto [buckets, key, limit] : {std::tuple{&clients_, client, &limits_.per_client},
                                     std::tuple{&accounts_, account, &limits_.per_account}}) {
    auto found = buckets->find(key);
    if (found != buckets->end()) {
      found->second.tokens = std::min(limit->burst, found->second.tokens + 1);
    }
  }
}

std::size_t SignInThrottle::tracked() const {
  std::lock_guard lock(mutex_);
  return clients_.size() + accounts_.size();
}

}  // namespace parorende::server
