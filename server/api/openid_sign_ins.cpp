#include "server/api/openid_sign_ins.h"

#include <algorithm>

#include "common/crypto.h"

#include "server/api/staff_sessions.h"

namespace parorende::server {
namespace {

Sha256Digest state_key(std::string_view state) {
  return sha256("parorende-sign-in-state:" + std::string(state));
}

Sha256Digest binding_key(std::string_view binding) {
  return sha256("parorende-sign-in-binding:" + std::string(binding));
}

std::string trimmed_url(std::string_view url) {
  while (url.ends_with('/')) url.remove_suffix(1);
  return std::string(url);
}

}  // namespace

std::string sign_in_cookie_value(const HttpRequest& request) {
  return request_cookie(request, kSignInCookie);
}

std::string sign_in_cookie(std::string_view binding) {
  return std::string(kSignInCookie) + "=" + std::string(binding) +
         "; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=600";
}

std::string removed_sign_in_cookie() {
  return std::string(kSignInCookie) + "=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0";
}

OpenIdSignIns::OpenIdSignIns(ResponseStore& store, const std::vector<OpenIdProvider>& providers,
                             std::string_view public_url, std::size_t max_pending,
                             std::chrono::seconds lifetime)
    : store_(store),
      after_sign_out_url_(trimmed_url(public_url) + "/staff.html"),
      max_pending_(std::max<std::size_t>(1, max_pending)),
      lifetime_(lifetime) {
  for (const OpenIdProvider& provider : providers) {
    clients_.push_back(std::make_unique<OpenIdClient>(
        provider, trimmed_url(public_url) + "/api/v1/session/callback/" + provider.id));
  }
}

OpenIdClient* OpenIdSignIns::client(std::string_view provider_id) {
  for (const auto& client : clients_) {
    if (client->provider().id == provider_id) return client.get();
  }
  return nullptr;
}

Status OpenIdSignIns::remember(std::string provider_id, PendingSignIn pending, std::string language,
                               std::string_view binding, Clock::time_point now) {
  std::int64_t at = unix_seconds(now);
  StoredOpenIdSignIn stored{
      std::move(provider_id), std::move(pending.nonce), std::move(pending.code_verifier),
      std::move(language),    binding_key(binding),     at};
  return store_.add_openid_sign_in(state_key(pending.state), stored, max_pending_,
                                   at - lifetime_.count());
}

Result<std::optional<OpenIdSignIns::Taken>> OpenIdSignIns::take(std::string_view state,
                                                                std::string_view binding,
                                                                Clock::time_point now) {
  if (!has_random_token_shape(state)) return std::optional<Taken>();
  // Taken even when refused: a state that reached the wrong browser is spent.
  auto stored = store_.take_openid_sign_in(state_key(state), unix_seconds(now) - lifetime_.count());
  if (!stored) return stored.take_error();
  if (!stored.value()) return std::optional<Taken>();
  StoredOpenIdSignIn& sign_in = *stored.value();
  if (binding.empty() || !constant_time_equal(sign_in.binding, binding_key(binding))) {
    return std::optional<Taken>();
  }
  return std::optional(
      Taken{std::move(sign_in.provider_id),
            {std::string(state), std::move(sign_in.nonce), std::move(sign_in.code_verifier)},
            std::move(sign_in.language)});
}

Result<std::int64_t> OpenIdSignIns::pending_count() { return store_.openid_sign_in_count(); }

}  // namespace parorende::server
