#include "server/http/client_key.h"

#include <array>
#include <bit>
#include <cstring>
#include <random>

namespace parorende::server {
namespace {

struct SipState {
  std::uint64_t v0, v1, v2, v3;

  void round() {
    v0 += v1;
    v1 = std::rotl(v1, 13);
    v1 ^= v0;
    v0 = std::rotl(v0, 32);
    v2 += v3;
    v3 = std::rotl(v3, 16);
    v3 ^= v2;
    v0 += v3;
    v3 = std::rotl(v3, 21);
    v3 ^= v0;
    v2 += v1;
    v1 = std::rotl(v1, 17);
    v1 ^= v2;
    v2 = std::rotl(v2, 32);
  }

  void absorb(std::uint64_t word) {
    v3 ^= word;
    round();
    round();
    v0 ^= word;
  }
};

std::uint64_t load_le64(const unsigned char* bytes, std::size_t count) {
  std::uint64_t word = 0;
  for (std::size_t i = 0; i < count; ++i) {
    word |= static_cast<std::uint64_t>(bytes[i]) << (8 * i);
  }
  return word;
}

std::uint64_t siphash24(std::uint64_t k0, std::uint64_t k1, const unsigned char* data,
                        std::size_t size) {
  SipState state{k0 ^ 0x736f6d6570736575ULL, k1 ^ 0x646f72616e646f6dULL, k0 ^ 0x6c7967656e657261ULL,
                 k1 ^ 0x7465646279746573ULL};
  std::size_t offset = 0;
  for (; offset + 8 <= size; offset += 8) {
    state.absorb(load_le64(data + offset, 8));
  }
  std::uint64_t last =
      load_le64(data + offset, size - offset) | (static_cast<std::uint64_t>(size & 0xff) << 56);
  state.absorb(last);
  state.v2 ^= 0xff;
  for (int i = 0; i < 4; ++i) state.round();
  return state.v0 ^ state.v1 ^ state.v2 ^ state.v3;
}

std::uint64_t random_word(std::random_device& device) {
  return (static_cast<std::uint64_t>(device()) << 32) ^ device();
}

}  // namespace

ClientKeyer::ClientKeyer() {
  std::random_device device;
  k0_ = random_word(device);
  k1_ = random_word(device);
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
  return siphash24(k0_, k1_, bytes.data(), size);
}

}  // namespace parorende::server
