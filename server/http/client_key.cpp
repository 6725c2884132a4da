#include "server/http/client_key.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>
#include <string>

#include "common/crypto.h"

namespace parorende::server {

ClientKeyer::ClientKeyer() {
  // Without the system's random source no key can be trusted: a bug of the
  // machine, not of any input.
  if (!random_bytes(key_)) throw std::runtime_error("no random source for the client keys");
}

ClientKey ClientKeyer::key_for(const boost::asio::ip::address& address) const {
  std::array<unsigned char, 17> bytes{};
  std::size_t size = 0;
  boost::asio::ip::address effective = address;
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    effective = boost::asio::ip::make_address_v4(boost::asio::ip::v4_mapped, address.to_v6());
  }
  if (effective.is_v4()) {
    bytes[0] = 4;
    auto v4 = effective.to_v4().to_bytes();
    std::memcpy(bytes.data() + 1, v4.data(), v4.size());
    size = 1 + v4.size();
  } else {
    bytes[0] = 6;
    auto v6 = effective.to_v6().to_bytes();
    std::memcpy(bytes.data() + 1, v6.data(), 8);  // the /64 prefix
    size = 1 + 8;
  }
  return short_hash(key_, std::span(bytes.data(), size));
}

ClientKey ClientKeyer::forwarded_key_for(
    std::string_view forwarded, ClientKey proxy,
    const std::vector<boost::asio::ip::address>& trusted) const {
  while (!forwarded.empty()) {
    std::size_t comma = forwarded.rfind(',');
    std::string_view entry =
        comma == std::string_view::npos ? forwarded : forwarded.substr(comma + 1);
    forwarded = comma == std::string_view::npos ? std::string_view() : forwarded.substr(0, comma);
    while (!entry.empty() && (entry.front() == ' ' || entry.front() == '\t'))
      entry.remove_prefix(1);
    while (!entry.empty() && (entry.back() == ' ' || entry.back() == '\t')) entry.remove_suffix(1);
    boost::system::error_code error;
    auto address = boost::asio::ip::make_address(std::string(entry), error);
    if (error) return proxy;  // a hop we cannot read: trust nothing further left
    if (std::find(trusted.begin(), trusted.end(), address) == trusted.end()) {
      return key_for(address);
    }
  }
  return proxy;
}

}  // namespace parorende::server
