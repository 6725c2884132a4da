#include "access/internal/http_fetch.h"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace parorende::internal {
namespace {

struct CurlFree {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct UrlFree {
  void operator()(CURLU* url) const { curl_url_cleanup(url); }
};
struct HeadersFree {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
struct CurlStringFree {
  void operator()(char* text) const { curl_free(text); }
};

Error unavailable(std::string what) {
  return make_error("provider_unavailable", "the identity provider: " + what);
}

struct Sink {
  std::string body;
  std::size_t max_bytes = 0;
  bool too_large = false;
};

std::size_t write_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  std::size_t bytes = size * count;
  if (sink->body.size() + bytes > sink->max_bytes) {
    sink->too_large = true;
    return 0;  // curl stops the transfer
  }
  sink->body.append(data, bytes);
  return bytes;
}

void start_curl() {
  static std::once_flag started;
  std::call_once(started, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

Result<Fetched> perform(const std::string& url, const std::string* form,
                        const FetchLimits& limits) {
  if (auto fetchable = check_fetchable_url(url); !fetchable) return fetchable.error();
  start_curl();
  std::unique_ptr<CURL, CurlFree> handle(curl_easy_init());
  if (!handle) return unavailable("libcurl could not start");
  Sink sink;
  sink.max_bytes = limits.max_bytes;
  std::unique_ptr<curl_slist, HeadersFree> headers(
      curl_slist_append(nullptr, "Accept: application/json"));
  CURL* curl = handle.get();
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "https,http");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(limits.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limits.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(limits.max_bytes));
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "parorende");
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());
  if (form != nullptr) {
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, form->c_str());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(form->size()));
  }
  CURLcode done = curl_easy_perform(curl);
  if (sink.too_large) {
    return unavailable(url + " answered more than " + std::to_string(limits.max_bytes) + " bytes");
  }
  if (done != CURLE_OK) return unavailable(url + ": " + curl_easy_strerror(done));
  Fetched fetched;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &fetched.status);
  fetched.body = std::move(sink.body);
  return fetched;
}

}  // namespace

Status check_fetchable_url(std::string_view url) {
  std::unique_ptr<CURLU, UrlFree> parsed(curl_url());
  std::string text(url);
  if (!parsed || curl_url_set(parsed.get(), CURLUPART_URL, text.c_str(), 0) != CURLUE_OK) {
    return unavailable("\"" + text + "\" is not a URL");
  }
  char* scheme_part = nullptr;
  char* host_part = nullptr;
  curl_url_get(parsed.get(), CURLUPART_SCHEME, &scheme_part, 0);
  curl_url_get(parsed.get(), CURLUPART_HOST, &host_part, 0);
  std::unique_ptr<char, CurlStringFree> scheme(scheme_part);
  std::unique_ptr<char, CurlStringFree> host(host_part);
  std::string_view scheme_text = scheme ? scheme.get() : "";
  std::string_view host_text = host ? host.get() : "";
  if (scheme_text == "https") return {};
  bool loopback = host_text == "127.0.0.1" || host_text == "localhost" || host_text == "[::1]";
  if (scheme_text == "http" && loopback) return {};
  return unavailable("\"" + text + "\" is not https:// (plain http:// only to this machine)");
}

Result<Fetched> http_get(const std::string& url, const FetchLimits& limits) {
  return perform(url, nullptr, limits);
}

Result<Fetched> http_post_form(const std::string& url, const std::string& form,
                               const FetchLimits& limits) {
  return perform(url, &form, limits);
}

}  // namespace parorende::internal
