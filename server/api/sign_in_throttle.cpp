#include "server/api/sign_in_throttle.h"

#include <algorithm>
#include <cmath>

#include "common/crypto.h"
#include "common/text.h"

namespace parorende::server {
namespace {

std::chrono::seconds until_one_token(double tokens, const RateLimit& limit) {
  double seconds = (1 - tokens) / limit.per_second;
  return std::chrono::seconds(static_cast<long>(std::ceil(std::max(seconds, 1.0))));
}

}  // namespace

BucketCharge SignInThrottle::account_charge(std::string_view username) const {
  const RateLimit& limit = limits_.per_account;
  auto cost = static_cast<std::int64_t>(std::ceil(1 / limit.per_second));
  return {sha256("parorende-sign-in:" + ascii_lower(username)), cost,
          static_cast<std::int64_t>(std::ceil((limit.burst - 1) * cost))};
}

double SignInThrottle::client_tokens(ClientKey client, Clock::time_point now) {
  const RateLimit& limit = limits_.per_client;
  auto found = clients_.find(client);
  if (found == clients_.end()) return limit.burst;
  Bucket& bucket = found->second;
  // A clock set back refills nothing.
  double elapsed = std::max(0.0, std::chrono::duration<double>(now - bucket.updated).count());
  bucket.tokens = std::min(limit.burst, bucket.tokens + elapsed * limit.per_second);
  bucket.updated = std::max(now, bucket.updated);
  if (bucket.tokens >= limit.burst) {
    clients_.erase(found);  // behaves as a new one: nothing to keep
    return limit.burst;
  }
  return bucket.tokens;
}

void SignInThrottle::take_client_token(ClientKey client, Clock::time_point now) {
  const RateLimit& limit = limits_.per_client;
  double left = client_tokens(client, now);
  if (clients_.size() >= limits_.max_tracked && !clients_.contains(client)) {
    // Forget the buckets nearest to new first (counting what they have
    // refilled by now); when none is, the one longest untouched. A new key
    // is always tracked, so a full table never lets guesses through.
    auto refilled = [&](const Bucket& bucket) {
      double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
      return bucket.tokens + elapsed * limit.per_second;
    };
    std::erase_if(clients_,
                  [&](const auto& entry) { return refilled(entry.second) + 1 >= limit.burst; });
    if (clients_.size() >= limits_.max_tracked) {
      auto oldest = std::min_element(
          clients_.begin(), clients_.end(),
          [](const auto& a, const auto& b) { return a.second.updated < b.second.updated; });
      clients_.erase(oldest);
    }
  }
  clients_[client] = {std::max(0.0, left - 1), now};
}

void SignInThrottle::give_client_token(ClientKey client) {
  auto found = clients_.find(client);
  if (found != clients_.end()) {
    found->second.tokens = std::min(limits_.per_client.burst, found->second.tokens + 1);
  }
}

Admission SignInThrottle::client_may_try(ClientKey client, Clock::time_point now) {
  if (limits_.per_client.per_second <= 0) return {};
  std::lock_guard lock(mutex_);
  double tokens = client_tokens(client, now);
  if (tokens < 1) return {false, until_one_token(tokens, limits_.per_client)};
  return {};
}

Result<Admission> SignInThrottle::admit(std::string_view username, ClientKey client,
                                        Clock::time_point now) {
  if (limits_.per_client.per_second <= 0) return Admission{};
  {
    std::lock_guard lock(mutex_);
    double tokens = client_tokens(client, now);
    if (tokens < 1) return Admission{false, until_one_token(tokens, limits_.per_client)};
    take_client_token(client, now);
  }
  BucketCharge charge = account_charge(username);
  auto wait = store_.charge_buckets({&charge, 1}, unix_seconds(now));
  if (!wait || wait.value() > 0) {
    std::lock_guard lock(mutex_);
    give_client_token(client);
  }
  if (!wait) return wait.take_error();
  if (wait.value() > 0) return Admission{false, std::chrono::seconds(wait.value())};
  return Admission{};
}

Status SignInThrottle::succeeded(std::string_view username, ClientKey client,
                                 Clock::time_point now) {
  if (limits_.per_client.per_second <= 0) return {};
  {
    std::lock_guard lock(mutex_);
    give_client_token(client);
  }
  BucketCharge charge = account_charge(username);
  return store_.refund_buckets({&charge, 1}, unix_seconds(now));
}

std::size_t SignInThrottle::tracked_clients() const {
  std::lock_guard lock(mutex_);
  return clients_.size();
}

}  // namespace parorende::server
