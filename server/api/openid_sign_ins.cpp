#include "server/api/openid_sign_ins.h"

#include <algorithm>

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

OpenIdSignIns::OpenIdSignIns(const std::vector<OpenIdProvider>& providers,
                             std::string_view public_url, std::size_t max_pending,
                             std::chrono::seconds lifetime)
    : after_sign_out_url_(trimmed_url(public_url) + "/staff.html"),
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

void OpenIdSignIns::remember(std::string provider_id, PendingSignIn pending, std::string language,
                             std::string_view binding, Clock::time_point now) {
  Sha256Digest key = state_key(pending.state);
  std::lock_guard lock(mutex_);
  std::erase_if(pending_,
                [&](const auto& entry) { return now - entry.second.started > lifetime_; });
  if (pending_.size() >= max_pending_) {
    auto oldest = std::min_element(
        pending_.begin(), pending_.end(),
        [](const auto& a, const auto& b) { return a.second.started < b.second.started; });
    pending_.erase(oldest);
  }
  pending_[key] = {
      {std::move(provider_id), std::move(pending), std::move(language)}, binding_key(binding), now};
}

std::optional<OpenIdSignIns::Taken> OpenIdSignIns::take(std::string_view state,
                                                        std::string_view binding,
                                                        Clock::time_point now) {
  if (state.empty()) return std::nullopt;
  std::lock_guard lock(mutex_);
  auto found = pending_.find(state_key(state));
  if (found == pending_.end()) return std::nullopt;
  // Taken even when refused: a state that reached the wrong browser is spent.
  Pending pending = std::move(found->second);
  pending_.erase(found);
  if (now - pending.started > lifetime_) return std::nullopt;
  if (binding.empty() || !constant_time_equal(pending.binding, binding_key(binding))) {
    return std::nullopt;
  }
  return std::move(pending.taken);
}

std::size_t OpenIdSignIns::pending_count() const {
  std::lock_guard lock(mutex_);
  return pending_.size();
}

}  // namespace parorende::server
