#include "http/client_address.hpp"

#include <gtest/gtest.h>

namespace prism::http {
namespace {

TEST(ClientAddress, WithoutTrustedProxiesThePeerWhateverTheHeaderSays) {
  EXPECT_EQ(client_address("10.0.0.2", "", 0), "10.0.0.2");
  EXPECT_EQ(client_address("10.0.0.2", "203.0.113.9", 0), "10.0.0.2");
}

TEST(ClientAddress, TheEntryTheTrustedProxiesAppended) {
  // One proxy (Render's router): it appended the client's address.
  EXPECT_EQ(client_address("10.0.0.2", "203.0.113.9", 1), "203.0.113.9");
  // A client that writes its own header cannot choose its address.
  EXPECT_EQ(client_address("10.0.0.2", "198.51.100.1, 203.0.113.9", 1), "203.0.113.9");
  EXPECT_EQ(client_address("10.0.0.2", "1.1.1.1,2.2.2.2 ,  203.0.113.9", 1), "203.0.113.9");
  // Two proxies (a static host forwarding /api, then Render).
  EXPECT_EQ(client_address("10.0.0.2", "198.51.100.1, 203.0.113.9, 76.76.21.21", 2), "203.0.113.9");
  EXPECT_EQ(client_address("10.0.0.2", "2001:db8::7", 1), "2001:db8::7");
  EXPECT_EQ(client_address("10.0.0.2", "::ffff:203.0.113.9", 1), "203.0.113.9");
}

TEST(ClientAddress, ShortOrBrokenChainsFallBackSafely) {
  // Fewer entries than proxies: the leftmost one.
  EXPECT_EQ(client_address("10.0.0.2", "203.0.113.9", 3), "203.0.113.9");
  // No header at all behind a proxy that should have set one: the peer.
  EXPECT_EQ(client_address("10.0.0.2", "", 1), "10.0.0.2");
  // Not an address: the peer, never the text.
  EXPECT_EQ(client_address("10.0.0.2", "evil\r\nheader", 1), "10.0.0.2");
  EXPECT_EQ(client_address("10.0.0.2", "unknown", 1), "10.0.0.2");
  EXPECT_EQ(client_address("10.0.0.2", "203.0.113.9:4711", 1), "10.0.0.2");
}

}  // namespace
}  // namespace prism::http
