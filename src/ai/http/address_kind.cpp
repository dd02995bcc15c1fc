#include "ai/http/address_kind.hpp"

#include <arpa/inet.h>

#include <array>
#include <cstdint>
#include <string>

namespace prism::ai::http {

namespace {

using boost::asio::ip::address_v4;
using boost::asio::ip::address_v6;

struct V4Range {
  std::uint32_t network;
  int prefix;
  AddressKind kind;
};

constexpr std::uint32_t v4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d) {
  return (std::uint32_t{a} << 24) | (std::uint32_t{b} << 16) | (std::uint32_t{c} << 8) | d;
}

// Narrower ranges first: the first match wins.
constexpr std::array kV4Ranges{
    V4Range{v4(255, 255, 255, 255), 32, AddressKind::kBroadcast},
    V4Range{v4(0, 0, 0, 0), 8, AddressKind::kUnspecified},
    V4Range{v4(10, 0, 0, 0), 8, AddressKind::kPrivate},
    V4Range{v4(100, 64, 0, 0), 10, AddressKind::kShared},
    V4Range{v4(127, 0, 0, 0), 8, AddressKind::kLoopback},
    V4Range{v4(169, 254, 0, 0), 16, AddressKind::kLinkLocal},
    V4Range{v4(172, 16, 0, 0), 12, AddressKind::kPrivate},
    V4Range{v4(192, 0, 0, 0), 24, AddressKind::kReserved},  // IETF protocol assignments
    V4Range{v4(192, 0, 2, 0), 24, AddressKind::kDocumentation},
    V4Range{v4(192, 88, 99, 0), 24, AddressKind::kReserved},  // former 6to4 relay anycast
    V4Range{v4(192, 168, 0, 0), 16, AddressKind::kPrivate},
    V4Range{v4(198, 18, 0, 0), 15, AddressKind::kBenchmarking},
    V4Range{v4(198, 51, 100, 0), 24, AddressKind::kDocumentation},
    V4Range{v4(203, 0, 113, 0), 24, AddressKind::kDocumentation},
    V4Range{v4(224, 0, 0, 0), 4, AddressKind::kMulticast},
    V4Range{v4(240, 0, 0, 0), 4, AddressKind::kReserved},
};

AddressKind classify_v4(const address_v4& a) {
  std::uint32_t bits = a.to_uint();
  for (const auto& r : kV4Ranges) {
    std::uint32_t mask = r.prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - r.prefix);
    if ((bits & mask) == r.network) return r.kind;
  }
  return AddressKind::kPublic;
}

using Bytes = address_v6::bytes_type;

// Whether the first `bits` bits of `a` are those of `prefix` (given as its leading bytes).
bool starts_with(const Bytes& a, std::initializer_list<std::uint8_t> prefix, int bits) {
  for (std::size_t i = 0; bits > 0; ++i, bits -= 8) {
    std::uint8_t want = i < prefix.size() ? prefix.begin()[i] : 0;
    std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
    if ((a[i] & mask) != (want & mask)) return false;
  }
  return true;
}

address_v4 v4_at(const Bytes& a, int offset) {
  return address_v4(address_v4::bytes_type{a[offset], a[offset + 1], a[offset + 2], a[offset + 3]});
}

AddressKind classify_v6(const address_v6& address) {
  Bytes a = address.to_bytes();
  if (address.is_unspecified()) return AddressKind::kUnspecified;
  if (address.is_loopback()) return AddressKind::kLoopback;
  if (address.is_v4_mapped()) return classify_v4(v4_at(a, 12));
  if (starts_with(a, {}, 96)) {
    // IPv4-compatible (deprecated): nothing legitimate uses it any more.
    AddressKind embedded = classify_v4(v4_at(a, 12));
    return embedded == AddressKind::kPublic ? AddressKind::kReserved : embedded;
  }
  if (starts_with(a, {0x00, 0x64, 0xff, 0x9b}, 96)) return classify_v4(v4_at(a, 12));  // NAT64
  if (starts_with(a, {0x00, 0x64, 0xff, 0x9b, 0x00, 0x01}, 48)) return AddressKind::kPrivate;
  if (starts_with(a, {0x20, 0x02}, 16)) return classify_v4(v4_at(a, 2));  // 6to4
  if (starts_with(a, {0x20, 0x01, 0x0d, 0xb8}, 32)) return AddressKind::kDocumentation;
  if (starts_with(a, {0x3f, 0xff}, 20)) return AddressKind::kDocumentation;
  if (starts_with(a, {0x20, 0x01}, 23)) return AddressKind::kReserved;  // Teredo, ORCHID, ...
  if (starts_with(a, {0xff}, 8)) return AddressKind::kMulticast;
  if (starts_with(a, {0xfe, 0x80}, 10)) return AddressKind::kLinkLocal;
  if (starts_with(a, {0xfe, 0xc0}, 10)) return AddressKind::kPrivate;  // former site-local
  if (starts_with(a, {0xfc}, 7)) return AddressKind::kPrivate;         // unique local
  // Only 2000::/3 is allocated for global unicast; the rest is reserved.
  if (!starts_with(a, {0x20}, 3)) return AddressKind::kReserved;
  return AddressKind::kPublic;
}

}  // namespace

AddressKind classify_address(const boost::asio::ip::address& a) {
  return a.is_v4() ? classify_v4(a.to_v4()) : classify_v6(a.to_v6());
}

bool is_public_address(const boost::asio::ip::address& a) {
  return classify_address(a) == AddressKind::kPublic;
}

bool is_self_hosted_network(AddressKind kind) {
  return kind == AddressKind::kLoopback || kind == AddressKind::kPrivate ||
         kind == AddressKind::kShared;
}

std::string_view describe(AddressKind kind) {
  switch (kind) {
    case AddressKind::kPublic:
      return "a public address";
    case AddressKind::kLoopback:
      return "a loopback address";
    case AddressKind::kPrivate:
      return "a private network address";
    case AddressKind::kShared:
      return "a shared (carrier-grade NAT) address";
    case AddressKind::kLinkLocal:
      return "a link-local address";
    case AddressKind::kUnspecified:
      return "the unspecified address";
    case AddressKind::kMulticast:
      return "a multicast address";
    case AddressKind::kBroadcast:
      return "the broadcast address";
    case AddressKind::kDocumentation:
      return "an address reserved for documentation";
    case AddressKind::kBenchmarking:
      return "an address reserved for benchmarking";
    case AddressKind::kReserved:
      return "a reserved address";
  }
  return "a reserved address";
}

std::optional<boost::asio::ip::address_v4> parse_ipv4_host(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (host.empty() || host.size() > 64) return std::nullopt;
  // inet_aton accepts trailing whitespace and what follows: a host never has any.
  if (host.find_first_not_of("0123456789abcdefxABCDEFX.") != std::string_view::npos)
    return std::nullopt;
  in_addr parsed{};
  if (::inet_aton(std::string(host).c_str(), &parsed) == 0) return std::nullopt;
  return address_v4(ntohl(parsed.s_addr));
}

}  // namespace prism::ai::http
