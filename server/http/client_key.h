// A key for "the same client" that does not store who the client is.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <cstdint>
#include <string_view>
#include <vector>

#include "common/crypto.h"

namespace parorende::server {

using ClientKey = std::uint64_t;

// Keyed hash (SipHash-2-4, libsodium's crypto_shorthash) of the peer
// address, with a random key made at start-up and kept only in memory: the key cannot be turned
// back into an address (not even by trying all 2^32 IPv4 addresses), and it changes on every
// restart. IPv6 clients are keyed by their /64, which one household or phone usually has to itself.
class ClientKeyer {
 public:
  ClientKeyer();
  ClientKey key_for(const boost::asio::ip::address& address) const;
  // The key of the client a trusted proxy forwards: the rightmost address
  // of the X-Forwarded-For values (`forwarded`, comma-separated, oldest
  // first) that is not a trusted proxy; `proxy` when there is none or it
  // does not parse.
  ClientKey forwarded_key_for(std::string_view forwarded, ClientKey proxy,
                              const std::vector<boost::asio::ip::address>& trusted) const;

 private:
  ShortHashKey key_{};
};

}  // namespace parorende::server
