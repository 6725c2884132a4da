// A key for "the same client" that does not store who the client is.
#pragma once

#include <boost/asio/ip/address.hpp>
#include <cstdint>

namespace parorende::server {

using ClientKey = std::uint64_t;

// Keyed hash (SipHash-2-4) of the peer address, with a random key made at
// start-up and kept only in memory: the key cannot be turned back into an
// address (not even by trying all 2^32 IPv4 addresses), and it changes on
// every restart. IPv6 clients are keyed by their /64, which one household
// or phone usually has to itself.
class ClientKeyer {
 public:
  ClientKeyer();
  ClientKey key_for(const boost::asio::ip::address& address) const;

 private:
  std::uint64_t k0_ = 0;
  std::uint64_t k1_ = 0;
};

}  // namespace parorende::server
