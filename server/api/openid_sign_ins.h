// Sign-ins through OpenID Providers (access/openid_connect.h) as the server
// runs them: one client per configured provider, and the sign-ins on their
// way through a provider, kept in the store for 10 minutes under the hash
// of their state (store/sign_in_state.h), so that the provider may send
// the browser back to any server over the same database. Each is bound to the browser that began it
// by a random value in a __Host- cookie (so a state sent to another browser is worthless: RFC
// 9700, 4.7) and is taken once (a replayed state finds nothing).
//
//   auto started = sign_ins.client("gjovik")->begin();
//   sign_ins.remember("gjovik", started->pending, language, binding, now);
//   ... the callback: auto taken = sign_ins.take(state, cookie_binding, now);
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/openid_connect.h"
#include "common/result.h"
#include "server/http/http_types.h"
#include "store/response_store.h"

namespace parorende::server {

inline constexpr std::string_view kSignInCookie = "__Host-parorende-sign-in";

// The binding cookie's value in the request ("" if none), and Set-Cookie
// values that set and remove it. SameSite=Lax: the provider's redirect back
// is a cross-site navigation, which a Strict cookie would not follow.
std::string sign_in_cookie_value(const HttpRequest& request);
std::string sign_in_cookie(std::string_view binding);
std::string removed_sign_in_cookie();

class OpenIdSignIns {
 public:
  // Wall-clock time: every server must read the same times.
  using Clock = std::chrono::system_clock;

  // `public_url` is where the browser reaches the server (serve
  // --public-url): the redirect URI registered at each provider is
  // public_url + "/api/v1/session/callback/" + its id. One per provider, so
  // a code one provider sends back is never taken to another's token
  // endpoint (the mix-up attack, RFC 9700 4.4).
  OpenIdSignIns(ResponseStore& store, const std::vector<OpenIdProvider>& providers,
                std::string_view public_url, std::size_t max_pending = 10'000,
                std::chrono::seconds lifetime = std::chrono::minutes(10));

  // nullptr for an id no provider has.
  OpenIdClient* client(std::string_view provider_id);
  const std::vector<std::unique_ptr<OpenIdClient>>& clients() const { return clients_; }
  // Where the provider sends the browser after signing out.
  const std::string& after_sign_out_url() const { return after_sign_out_url_; }

  // Keeps `pending` until it is taken or expires; when full, the oldest
  // sign-in in progress is forgotten.
  // `language` (nb, nn, en or "") is the staff page's, to come back to.
  // This and take use the store: call them on a worker thread.
  Status remember(std::string provider_id, PendingSignIn pending, std::string language,
                  std::string_view binding, Clock::time_point now);

  struct Taken {
    std::string provider_id;
    PendingSignIn pending;
    std::string language;
  };
  // The sign-in of `state`, forgotten as it is returned; nullopt when no
  // live one has this state, or it began in another browser (`binding`).
  Result<std::optional<Taken>> take(std::string_view state, std::string_view binding,
                                    Clock::time_point now);
  Result<std::int64_t> pending_count();

 private:
  ResponseStore& store_;
  std::vector<std::unique_ptr<OpenIdClient>> clients_;
  std::string after_sign_out_url_;
  std::size_t max_pending_;
  std::chrono::seconds lifetime_;
};

}  // namespace parorende::server
