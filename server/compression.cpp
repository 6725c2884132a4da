#include "server/compression.h"

#include <boost/beast/zlib/deflate_stream.hpp>
#include <boost/crc.hpp>

namespace parorende::server {

// gzip (RFC 1952) around Beast's raw deflate.
std::string gzip(std::string_view bytes) {
  namespace zlib = boost::beast::zlib;
  zlib::deflate_stream deflater;
  deflater.reset(6, 15, 8, zlib::Strategy::normal);
  std::string out("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10);
  std::size_t header = out.size();
  out.resize(header + deflater.upper_bound(bytes.size()) + 16);
  zlib::z_params params;
  params.next_in = bytes.data();
  params.avail_in = bytes.size();
  params.next_out = out.data() + header;
  params.avail_out = out.size() - header;
  boost::beast::error_code error;
  deflater.write(params, zlib::Flush::finish, error);
  if (error && error != zlib::error::end_of_stream) return {};
  out.resize(header + params.total_out);
  boost::crc_32_type crc;
  crc.process_bytes(bytes.data(), bytes.size());
  auto append_le32 = [&](std::uint32_t value) {
    for (int i = 0; i < 4; ++i) out += static_cast<char>((value >> (8 * i)) & 0xff);
  };
  append_le32(crc.checksum());
  append_le32(static_cast<std::uint32_t>(bytes.size()));
  return out;
}

bool accepts_gzip(std::string_view accept_encoding) {
  while (!accept_encoding.empty()) {
    std::size_t comma = accept_encoding.find(',');
    std::string_view token = accept_encoding.substr(0, comma);
    accept_encoding = comma == std::string_view::npos ? std::string_view{}
                                                       : accept_encoding.substr(comma + 1);
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
