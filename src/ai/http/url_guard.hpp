#pragma once

#include <boost/asio/ip/address.hpp>
#include <chrono>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "ai/http/address_kind.hpp"
#include "ai/http/request.hpp"

namespace prism::ai::http {

// How far a user-supplied base URL may point.
struct BaseUrlPolicy {
  // AI_ALLOW_PRIVATE_BASE_URLS=true: loopback, private and shared (CGNAT)
  // addresses are allowed, over http too, for self-hosted providers.
  bool allow_private = false;
};

// A base URL that passed check_base_url, and how to reach what was checked.
struct CheckedBaseUrl {
  std::string url;   // normalized: scheme://host[:port]/path, no trailing slash
  std::string host;  // lower case; an IPv6 address without brackets
  int port = 0;
  // CURLOPT_RESOLVE entry "host:port:address[,address]" with every checked
  // address (IPv6 ones in brackets); empty when the host is an IP address.
  std::string pin;
  bool https_only = true;  // false only for an http URL (allowed by allow_private)
};

// Why a base URL is refused, as a sentence for the person who typed it.
class BaseUrlRejected : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Every address `host` resolves to. Throws BaseUrlRejected when it cannot
// be resolved; an empty answer is treated the same.
using Resolver = std::function<std::vector<boost::asio::ip::address>(const std::string& host)>;

// getaddrinfo (IPv4 and IPv6) on a thread of its own, given up after
// `timeout` (the lookup then finishes in the background).
Resolver system_resolver(std::chrono::milliseconds timeout = std::chrono::seconds(5));

// Checks a user-supplied base URL before PRISM connects to it from the
// server: http(s) only (https unless allow_private), no user name or
// password, query or fragment, and a host whose every address is public
// (see AddressKind; allow_private also opens loopback, private and shared
// networks). IP hosts in any inet_aton spelling are read as the address they
// spell. Resolves names with `resolve`: call it just before connecting (it
// blocks; never on an I/O thread) and connect with the returned pin, so that
// the connection goes to the address checked here. Throws BaseUrlRejected.
CheckedBaseUrl check_base_url(std::string_view url, const BaseUrlPolicy& policy,
                              const Resolver& resolve = system_resolver());

// Points `request` at `path` ("/models") under `base`, pinned to its checked
// addresses and limited to its scheme.
void use_base_url(HttpRequest& request, const CheckedBaseUrl& base, std::string_view path);

}  // namespace prism::ai::http
