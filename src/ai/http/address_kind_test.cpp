#include "ai/http/address_kind.hpp"

#include <gtest/gtest.h>

namespace prism::ai::http {
namespace {

using boost::asio::ip::make_address;

AddressKind kind(const char* text) { return classify_address(make_address(text)); }

TEST(UrlGuardAddresses, PublicAddressesArePublic) {
  for (const char* a : {"8.8.8.8", "1.1.1.1", "104.18.2.115", "172.15.255.255", "172.32.0.1",
                        "100.63.255.255", "100.128.0.1", "169.253.255.255", "192.0.3.1",
                        "198.17.255.255", "198.20.0.1", "223.255.255.255", "2606:4700::6812:273",
                        "2a00:1450:4001:80b::200e", "64:ff9b::808:808", "2002:808:808::1"}) {
    EXPECT_TRUE(is_public_address(make_address(a))) << a;
  }
}

TEST(UrlGuardAddresses, IPv4RangesAreClassified) {
  EXPECT_EQ(kind("127.0.0.1"), AddressKind::kLoopback);
  EXPECT_EQ(kind("127.255.255.254"), AddressKind::kLoopback);
  EXPECT_EQ(kind("10.0.0.5"), AddressKind::kPrivate);
  EXPECT_EQ(kind("172.16.0.1"), AddressKind::kPrivate);
  EXPECT_EQ(kind("172.31.255.255"), AddressKind::kPrivate);
  EXPECT_EQ(kind("192.168.1.1"), AddressKind::kPrivate);
  EXPECT_EQ(kind("100.64.0.1"), AddressKind::kShared);
  EXPECT_EQ(kind("100.127.255.255"), AddressKind::kShared);
  EXPECT_EQ(kind("169.254.169.254"), AddressKind::kLinkLocal);
  EXPECT_EQ(kind("0.0.0.0"), AddressKind::kUnspecified);
  EXPECT_EQ(kind("0.1.2.3"), AddressKind::kUnspecified);
  EXPECT_EQ(kind("224.0.0.1"), AddressKind::kMulticast);
  EXPECT_EQ(kind("239.255.255.250"), AddressKind::kMulticast);
  EXPECT_EQ(kind("255.255.255.255"), AddressKind::kBroadcast);
  EXPECT_EQ(kind("240.0.0.1"), AddressKind::kReserved);
  EXPECT_EQ(kind("192.0.0.8"), AddressKind::kReserved);
  EXPECT_EQ(kind("192.0.2.1"), AddressKind::kDocumentation);
  EXPECT_EQ(kind("198.51.100.7"), AddressKind::kDocumentation);
  EXPECT_EQ(kind("203.0.113.9"), AddressKind::kDocumentation);
  EXPECT_EQ(kind("198.18.0.1"), AddressKind::kBenchmarking);
  EXPECT_EQ(kind("198.19.255.255"), AddressKind::kBenchmarking);
}

TEST(UrlGuardAddresses, IPv6RangesAreClassified) {
  EXPECT_EQ(kind("::1"), AddressKind::kLoopback);
  EXPECT_EQ(kind("::"), AddressKind::kUnspecified);
  EXPECT_EQ(kind("fc00::1"), AddressKind::kPrivate);
  EXPECT_EQ(kind("fd12:3456::1"), AddressKind::kPrivate);
  EXPECT_EQ(kind("fec0::1"), AddressKind::kPrivate);
  EXPECT_EQ(kind("fe80::1"), AddressKind::kLinkLocal);
  EXPECT_EQ(kind("febf::1"), AddressKind::kLinkLocal);
  EXPECT_EQ(kind("ff02::1"), AddressKind::kMulticast);
  EXPECT_EQ(kind("2001:db8::1"), AddressKind::kDocumentation);
  EXPECT_EQ(kind("3fff::1"), AddressKind::kDocumentation);
  EXPECT_EQ(kind("2001::1"), AddressKind::kReserved);  // Teredo
  EXPECT_EQ(kind("100::1"), AddressKind::kReserved);   // discard-only
  EXPECT_EQ(kind("64:ff9b:1::a00:1"), AddressKind::kPrivate);
}

TEST(UrlGuardAddresses, IPv6FormsCarryingAnIPv4AddressAreClassifiedByIt) {
  EXPECT_EQ(kind("::ffff:127.0.0.1"), AddressKind::kLoopback);  // IPv4-mapped
  EXPECT_EQ(kind("::ffff:7f00:1"), AddressKind::kLoopback);
  EXPECT_EQ(kind("::ffff:169.254.169.254"), AddressKind::kLinkLocal);
  EXPECT_EQ(kind("::ffff:10.0.0.5"), AddressKind::kPrivate);
  EXPECT_EQ(kind("::127.0.0.1"), AddressKind::kLoopback);  // IPv4-compatible
  EXPECT_EQ(kind("::10.0.0.5"), AddressKind::kPrivate);
  EXPECT_EQ(kind("::8.8.8.8"), AddressKind::kReserved);         // compatible form: never public
  EXPECT_EQ(kind("64:ff9b::10.0.0.1"), AddressKind::kPrivate);  // NAT64
  EXPECT_EQ(kind("64:ff9b::a9fe:a9fe"), AddressKind::kLinkLocal);
  EXPECT_EQ(kind("2002:a00:1::"), AddressKind::kPrivate);  // 6to4 of 10.0.0.1
  EXPECT_EQ(kind("2002:7f00:1::1"), AddressKind::kLoopback);
  EXPECT_EQ(kind("2002:a9fe:a9fe::"), AddressKind::kLinkLocal);
}

TEST(UrlGuardAddresses, SelfHostedNetworksAreLoopbackPrivateAndShared) {
  EXPECT_TRUE(is_self_hosted_network(AddressKind::kLoopback));
  EXPECT_TRUE(is_self_hosted_network(AddressKind::kPrivate));
  EXPECT_TRUE(is_self_hosted_network(AddressKind::kShared));
  EXPECT_FALSE(is_self_hosted_network(AddressKind::kLinkLocal));
  EXPECT_FALSE(is_self_hosted_network(AddressKind::kUnspecified));
  EXPECT_FALSE(is_self_hosted_network(AddressKind::kMulticast));
  EXPECT_FALSE(is_self_hosted_network(AddressKind::kPublic));
}

TEST(UrlGuardAddresses, LegacyIPv4SpellingsAreRead) {
  auto read = [](const char* host) {
    auto a = parse_ipv4_host(host);
    return a ? a->to_string() : std::string("none");
  };
  EXPECT_EQ(read("2130706433"), "127.0.0.1");
  EXPECT_EQ(read("0177.0.0.1"), "127.0.0.1");
  EXPECT_EQ(read("0x7f.1"), "127.0.0.1");
  EXPECT_EQ(read("127.1"), "127.0.0.1");
  EXPECT_EQ(read("0x7f000001"), "127.0.0.1");
  EXPECT_EQ(read("017700000001"), "127.0.0.1");
  EXPECT_EQ(read("10.0.0.5."), "10.0.0.5");
  EXPECT_EQ(read("134744072"), "8.8.8.8");
  EXPECT_EQ(read("api.openai.com"), "none");
  EXPECT_EQ(read("dead.beef"), "none");
  EXPECT_EQ(read("1.2.3.4.5"), "none");
  EXPECT_EQ(read("256.0.0.1"), "none");
  EXPECT_EQ(read(""), "none");
}

}  // namespace
}  // namespace prism::ai::http
