// The OpenID client's outbound HTTP (libcurl): GET a document, POST a form.
// Only https:// URLs, and http:// to a loopback host (a provider on the same
// machine, as in the tests); no redirects followed; answers over
// `max_bytes` and requests slower than `timeout` fail. Blocking: call it
// from a worker thread, never from an I/O thread.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "common/result.h"

namespace parorende::internal {

struct FetchLimits {
  std::chrono::milliseconds timeout{10'000};
  std::size_t max_bytes = 1 << 20;
};

struct Fetched {
  long status = 0;
  std::string body;
};

// "provider_unavailable" when the URL is not one parorende fetches, or the
// connection, TLS or transfer fails (the message says which).
Status check_fetchable_url(std::string_view url);
Result<Fetched> http_get(const std::string& url, const FetchLimits& limits);
// `form` is application/x-www-form-urlencoded already.
Result<Fetched> http_post_form(const std::string& url, const std::string& form,
                               const FetchLimits& limits);

}  // namespace parorende::internal
