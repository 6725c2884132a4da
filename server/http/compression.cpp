#include "server/http/compression.h"

#include <zlib.h>

#include <limits>

namespace parorende::server {

std::string gzip(std::string_view bytes) {
  if (bytes.size() > std::numeric_limits<uInt>::max()) return {};
  z_stream stream{};
  // windowBits 15 + 16: zlib writes the gzip header (no name, no time) and
  // the CRC-32 and length trailer itself.
  if (deflateInit2(&stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&stream, static_cast<uLong>(bytes.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) return {};
  return out;
}

bool accepts_gzip(std::string_view accept_encoding) {
  while (!accept_encoding.empty()) {
    std::size_t comma = accept_encoding.find(',');
    std::string_view token = accept_encoding.substr(0, comma);
    accept_encoding =
        comma == std::string_view::npos ? std::string_view{} : accept_encoding.substr(comma + 1);
    while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
    std::string_view coding = token.substr(0, token.find(';'));
    while (!coding.empty() && coding.back() == ' ') coding.remove_suffix(1);
    if (coding != "gzip" && coding != "*") continue;
    std::size_t q = token.find("q=");
    if (q != std::string_view::npos) {
      std::string_view weight = token.substr(q + 2);
      if (weight.find_first_not_of("0. ") == std::string_view::npos) return false;
    }
    return true;
  }
  return false;
}

void gzip_if_accepted(HttpResponse& response, const HttpRequest& request) {
  response.set(http::field::vary, "Accept-Encoding");
  if (response.body().size() < kMinGzipBytes) return;
  if (!accepts_gzip(request[http::field::accept_encoding])) return;
  std::string compressed = gzip(response.body());
  if (compressed.empty()) return;
  response.set(http::field::content_encoding, "gzip");
  response.body() = std::move(compressed);
}

}  // namespace parorende::server
