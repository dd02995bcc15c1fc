#pragma once

#include <boost/asio/ip/address.hpp>
#include <optional>
#include <string_view>

namespace prism::ai::http {

// What kind of network an IP address belongs to, as far as PRISM's outbound
// connections to user-supplied URLs care.
enum class AddressKind {
  kPublic,
  kLoopback,       // 127/8, ::1
  kPrivate,        // 10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10, 64:ff9b:1::/48
  kShared,         // 100.64/10: carrier-grade NAT, also VPN meshes such as Tailscale
  kLinkLocal,      // 169.254/16 (cloud instance metadata), fe80::/10
  kUnspecified,    // 0/8, ::
  kMulticast,      // 224/4, ff00::/8
  kBroadcast,      // 255.255.255.255
  kDocumentation,  // 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32, 3fff::/20
  kBenchmarking,   // 198.18/15
  kReserved,       // 240/4, 192.0.0/24, 192.88.99/24, IPv6 outside 2000::/3, 2001::/23, ...
};

// IPv6 forms that carry an IPv4 address (IPv4-mapped ::ffff:a.b.c.d,
// IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::a.b.c.d, 6to4 2002:AABB:CCDD::)
// are classified by the IPv4 address they lead to.
AddressKind classify_address(const boost::asio::ip::address& a);

// Whether `a` is an ordinary address on the public internet.
bool is_public_address(const boost::asio::ip::address& a);

// The networks a self-hosted provider (Ollama next to PRISM) lives on, which
// AI_ALLOW_PRIVATE_BASE_URLS opens: loopback, private and shared addresses.
// Link-local (cloud metadata), multicast and the rest stay closed.
bool is_self_hosted_network(AddressKind kind);

// The kind in words for a sentence: "a loopback address".
std::string_view describe(AddressKind kind);

// A host name that spells an IPv4 address the way inet_aton reads it, and so
// getaddrinfo and libcurl too: "127.0.0.1", "127.1", "0x7f.1", "0177.0.0.1",
// "2130706433". A single trailing dot is ignored.
std::optional<boost::asio::ip::address_v4> parse_ipv4_host(std::string_view host);

}  // namespace prism::ai::http
