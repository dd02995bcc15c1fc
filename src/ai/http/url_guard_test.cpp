#include "ai/http/url_guard.hpp"

#include <gtest/gtest.h>

namespace prism::ai::http {
namespace {

using boost::asio::ip::address;
using boost::asio::ip::make_address;

// A resolver that answers every name with `addresses`.
Resolver answering(std::vector<std::string> addresses) {
  return [addresses](const std::string&) {
    std::vector<address> out;
    for (const auto& a : addresses) out.push_back(make_address(a));
    return out;
  };
}

// For IP hosts, which must never be looked up.
Resolver no_lookup() {
  return [](const std::string& host) -> std::vector<address> {
    ADD_FAILURE() << "looked up " << host;
    return {};
  };
}

BaseUrlPolicy strict() { return BaseUrlPolicy{}; }
BaseUrlPolicy self_hosted() {
  BaseUrlPolicy p;
  p.allow_private = true;
  return p;
}

// The refusal of `url`, or "accepted".
std::string refusal(std::string_view url, const BaseUrlPolicy& policy = strict(),
                    const Resolver& resolve = no_lookup()) {
  try {
    check_base_url(url, policy, resolve);
    return "accepted";
  } catch (const BaseUrlRejected& e) {
    return e.what();
  }
}

void expect_refused(std::string_view url, std::string_view fragment,
                    const BaseUrlPolicy& policy = strict(), const Resolver& resolve = no_lookup()) {
  std::string why = refusal(url, policy, resolve);
  EXPECT_NE(why.find(fragment), std::string::npos) << url << ": " << why;
}

TEST(UrlGuard, AcceptsAPublicHostAndPinsEveryCheckedAddress) {
  CheckedBaseUrl c = check_base_url(" https://OpenRouter.ai/api/v1/ ", strict(),
                                    answering({"104.18.2.115", "2606:4700::6812:273"}));
  EXPECT_EQ(c.url, "https://openrouter.ai/api/v1");
  EXPECT_EQ(c.host, "openrouter.ai");
  EXPECT_EQ(c.port, 443);
  EXPECT_EQ(c.pin, "openrouter.ai:443:104.18.2.115,[2606:4700::6812:273]");
  EXPECT_TRUE(c.https_only);
  c = check_base_url("HTTPS://api.example.com", strict(), answering({"8.8.8.8"}));
  EXPECT_EQ(c.url, "https://api.example.com");
}

TEST(UrlGuard, KeepsAnExplicitPortUnlessItIsTheDefault) {
  CheckedBaseUrl c =
      check_base_url("https://llm.example.com:8443/v1", strict(), answering({"93.184.216.34"}));
  EXPECT_EQ(c.url, "https://llm.example.com:8443/v1");
  EXPECT_EQ(c.pin, "llm.example.com:8443:93.184.216.34");
  c = check_base_url("https://llm.example.com:443", strict(), answering({"93.184.216.34"}));
  EXPECT_EQ(c.url, "https://llm.example.com");
  expect_refused("https://llm.example.com:0/v1", "port");
  expect_refused("https://llm.example.com:99999/v1", "port");
}

TEST(UrlGuard, UseBaseUrlAimsARequestAtTheCheckedAddress) {
  CheckedBaseUrl c = check_base_url("https://api.example.com/v1", strict(), answering({"8.8.8.8"}));
  GetRequest get;
  use_base_url(get, c, "/models");
  EXPECT_EQ(get.url, "https://api.example.com/v1/models");
  EXPECT_EQ(get.pin, "api.example.com:443:8.8.8.8");
  EXPECT_TRUE(get.https_only);
}

TEST(UrlGuard, RefusesPlainHttpUnlessPrivateAddressesAreAllowed) {
  expect_refused("http://api.example.com/v1", "must start with https://", strict(),
                 answering({"8.8.8.8"}));
  expect_refused("http://api.example.com/v1", "AI_ALLOW_PRIVATE_BASE_URLS=true", strict(),
                 answering({"8.8.8.8"}));
}

TEST(UrlGuard, RefusesOtherSchemes) {
  for (const char* url : {"ftp://example.com/", "file:///etc/passwd", "gopher://example.com:70/",
                          "ws://example.com/", "dict://127.0.0.1:11211/", "javascript:alert(1)"}) {
    expect_refused(url, "must start with https://", self_hosted());
  }
}

TEST(UrlGuard, RefusesUserInfo) {
  expect_refused("https://user:pass@api.example.com/v1", "user name or password");
  expect_refused("https://user@api.example.com/v1", "user name or password");
  expect_refused("https://@api.example.com/v1", "user name or password");
  expect_refused("http://admin:x@localhost:11434", "user name or password", self_hosted());
}

TEST(UrlGuard, RefusesAMissingHostAQueryAFragmentAndNonsense) {
  expect_refused("https:///v1", "no host name");
  expect_refused("https://:443/v1", "no host name");
  expect_refused("https:/v1", "no host name");
  expect_refused("https://api.example.com/v1?key=x", "query");
  expect_refused("https://api.example.com/v1#models", "fragment");
  expect_refused("", "not a valid URL");
  expect_refused("api.example.com/v1", "not a valid URL");
  expect_refused("https://exa mple.com", "not a valid URL");
  expect_refused("https://ex%00ample.com/v1", "may contain only");
  expect_refused("https://ex%2fample.com/v1", "may contain only");
}

TEST(UrlGuard, RefusesLoopbackHosts) {
  expect_refused("https://127.0.0.1/v1", "a loopback address (127.0.0.1)");
  expect_refused("https://[::1]/v1", "a loopback address (::1)");
  expect_refused("https://localhost/v1", "localhost resolves to a loopback address", strict(),
                 answering({"127.0.0.1", "::1"}));
}

TEST(UrlGuard, RefusesPrivateAddressesWithAPlainSentence) {
  EXPECT_EQ(refusal("https://10.0.0.5/v1"),
            "the base URL points to a private network address (10.0.0.5); set "
            "AI_ALLOW_PRIVATE_BASE_URLS=true on the server to allow self-hosted providers");
  expect_refused("https://172.16.0.1/", "private network address");
  expect_refused("https://172.31.255.255/", "private network address");
  expect_refused("https://192.168.1.10/", "private network address");
  expect_refused("https://[fd00::5]/", "private network address");
  expect_refused("https://100.64.0.1/", "carrier-grade NAT");
}

TEST(UrlGuard, RefusesLinkLocalAndTheMetadataAddressEvenForSelfHosting) {
  for (const auto& policy : {strict(), self_hosted()}) {
    expect_refused("https://169.254.169.254/latest/meta-data", "link-local address", policy);
    expect_refused("https://[fe80::1]/", "link-local address", policy);
    expect_refused("https://metadata.internal/", "never connects to", policy,
                   answering({"169.254.169.254"}));
  }
}

TEST(UrlGuard, RefusesUnspecifiedMulticastBroadcastAndReservedAddresses) {
  for (const auto& policy : {strict(), self_hosted()}) {
    expect_refused("https://0.0.0.0/", "unspecified address (0.0.0.0)", policy);
    expect_refused("https://[::]/", "unspecified address (::)", policy);
    expect_refused("https://224.0.0.1/", "multicast", policy);
    expect_refused("https://[ff02::1]/", "multicast", policy);
    expect_refused("https://255.255.255.255/", "broadcast", policy);
    expect_refused("https://240.0.0.1/", "reserved", policy);
    expect_refused("https://198.18.0.1/", "benchmarking", policy);
    expect_refused("https://192.0.2.1/", "documentation", policy);
    expect_refused("https://203.0.113.9/", "documentation", policy);
    expect_refused("https://[2001:db8::1]/", "documentation", policy);
  }
}

TEST(UrlGuard, RefusesIPv6FormsOfPrivateIPv4Addresses) {
  expect_refused("https://[::ffff:127.0.0.1]/", "loopback");
  expect_refused("https://[::ffff:7f00:1]/", "loopback");
  expect_refused("https://[::ffff:a9fe:a9fe]/", "link-local");
  expect_refused("https://[::127.0.0.1]/", "loopback");       // IPv4-compatible
  expect_refused("https://[64:ff9b::10.0.0.1]/", "private");  // NAT64
  expect_refused("https://[2002:7f00:1::1]/", "loopback");    // 6to4
  expect_refused("https://[2002:a00:1::]/", "private");
}

TEST(UrlGuard, RefusesLegacySpellingsOfLoopback) {
  for (const char* url : {"https://2130706433/", "https://0177.0.0.1/", "https://0x7f.1/",
                          "https://127.1/", "https://0x7F000001/", "https://127.0.0.1./"}) {
    expect_refused(url, "a loopback address (127.0.0.1)");
  }
  expect_refused("https://0xa9.0xfe.0xa9.0xfe/", "link-local address (169.254.169.254)");
}

TEST(UrlGuard, WritesALegacySpellingOfAPublicAddressAsTheAddress) {
  CheckedBaseUrl c = check_base_url("https://134744072/v1", strict(), no_lookup());
  EXPECT_EQ(c.url, "https://8.8.8.8/v1");
  EXPECT_EQ(c.host, "8.8.8.8");
  EXPECT_TRUE(c.pin.empty());
  c = check_base_url("https://[2606:4700::1111]:8443/v1", strict(), no_lookup());
  EXPECT_EQ(c.url, "https://[2606:4700::1111]:8443/v1");
  EXPECT_TRUE(c.pin.empty());
}

TEST(UrlGuard, RefusesANameWithAnyNonPublicAddress) {
  expect_refused("https://api.example.com/v1",
                 "the base URL's host api.example.com resolves to a private network address "
                 "(10.0.0.5)",
                 strict(), answering({"93.184.216.34", "10.0.0.5"}));
  expect_refused("https://api.example.com/v1", "loopback", strict(),
                 answering({"2606:4700::1", "::ffff:127.0.0.1"}));
  expect_refused("https://api.example.com/v1", "never connects to", self_hosted(),
                 answering({"10.0.0.5", "169.254.169.254"}));
}

TEST(UrlGuard, RefusesANameThatDoesNotResolve) {
  expect_refused("https://nothing.example/v1", "could not be found", strict(), answering({}));
  Resolver failing = [](const std::string&) -> std::vector<address> {
    throw BaseUrlRejected("the host name nothing.example could not be found (no such name)");
  };
  expect_refused("https://nothing.example/v1", "no such name", strict(), failing);
}

TEST(UrlGuard, SelfHostingAllowsLocalProvidersOverHttp) {
  CheckedBaseUrl c =
      check_base_url("http://localhost:11434/v1", self_hosted(), answering({"127.0.0.1", "::1"}));
  EXPECT_EQ(c.url, "http://localhost:11434/v1");
  EXPECT_EQ(c.pin, "localhost:11434:127.0.0.1,[::1]");
  EXPECT_FALSE(c.https_only);
  c = check_base_url("http://10.0.0.5:8000/v1", self_hosted(), no_lookup());
  EXPECT_EQ(c.url, "http://10.0.0.5:8000/v1");
  EXPECT_TRUE(c.pin.empty());
  c = check_base_url("https://192.168.1.10/v1", self_hosted(), no_lookup());
  EXPECT_TRUE(c.https_only);
  EXPECT_EQ(refusal("https://100.100.1.1/v1", self_hosted()), "accepted");  // Tailscale
  EXPECT_EQ(refusal("https://[fd7a:115c::1]/v1", self_hosted()), "accepted");
}

TEST(UrlGuard, SystemResolverFindsLocalhostWhichIsRefused) {
  std::vector<address> found = system_resolver()("localhost");
  ASSERT_FALSE(found.empty());
  for (const auto& a : found) EXPECT_TRUE(a.is_loopback()) << a.to_string();
  expect_refused("https://localhost/v1", "loopback", strict(), system_resolver());
  expect_refused("https://name.invalid/v1", "could not be found", strict(), system_resolver());
}

}  // namespace
}  // namespace prism::ai::http
