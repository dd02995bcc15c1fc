#include "ai/http/url_guard.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <cctype>

namespace prism::ai::http {

namespace {

using boost::asio::ip::address;

constexpr std::string_view kAllowSetting =
    "set AI_ALLOW_PRIVATE_BASE_URLS=true on the server to allow self-hosted providers";

[[noreturn]] void reject(const std::string& why) { throw BaseUrlRejected(why); }

std::string_view trim(std::string_view s) {
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool valid_host_name(std::string_view name) {
  return !name.empty() && name.size() <= 253 &&
         name.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789.-_") == std::string::npos;
}

int port_of(const boost::urls::url_view& u, bool https) {
  int default_port = https ? 443 : 80;
  if (!u.has_port() || u.port().empty()) return default_port;
  std::string_view digits = u.port();
  if (digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string_view::npos)
    reject("the base URL's port must be a number between 1 and 65535");
  int port = std::stoi(std::string(digits));
  if (port < 1 || port > 65535) reject("the base URL's port must be a number between 1 and 65535");
  return port;
}

// How an address is written in a URL or a CURLOPT_RESOLVE entry.
std::string bracketed(const address& a) {
  return a.is_v6() ? "[" + a.to_string() + "]" : a.to_string();
}

// Every address `name` resolves to, each once.
std::vector<address> resolve_once(const std::string& name, const Resolver& resolve) {
  std::vector<address> addresses;
  for (const auto& a : resolve(name)) {
    if (std::find(addresses.begin(), addresses.end(), a) == addresses.end()) addresses.push_back(a);
  }
  if (addresses.empty()) reject("the host name " + name + " could not be found");
  return addresses;
}

// The CURLOPT_RESOLVE entry that sends connections to `name`:`port` to `addresses`.
std::string pin_for(const std::string& name, int port, const std::vector<address>& addresses) {
  std::string pin = name + ":" + std::to_string(port) + ":";
  for (std::size_t i = 0; i < addresses.size(); ++i)
    pin += (i == 0 ? "" : ",") + bracketed(addresses[i]);
  return pin;
}

// Refuses the first address the policy does not allow. `host` is the name
// that resolved to them, empty for an IP host.
void check_addresses(const std::vector<address>& addresses, const std::string& host,
                     const BaseUrlPolicy& policy) {
  for (const auto& a : addresses) {
    AddressKind kind = classify_address(a);
    if (kind == AddressKind::kPublic) continue;
    bool self_hosted = is_self_hosted_network(kind);
    if (self_hosted && policy.allow_private) continue;
    std::string where =
        host.empty() ? "the base URL points to " : "the base URL's host " + host + " resolves to ";
    std::string what = std::string(describe(kind)) + " (" + a.to_string() + ")";
    if (self_hosted) reject(where + what + "; " + std::string(kAllowSetting));
    std::string note = kind == AddressKind::kLinkLocal
                           ? " (cloud servers keep their instance metadata there)"
                           : "";
    reject(where + what + ", which PRISM never connects to" + note);
  }
}

// The host of `u` as an address when it is one, in any spelling.
std::optional<address> ip_host(const boost::urls::url_view& u, const std::string& name) {
  switch (u.host_type()) {
    case boost::urls::host_type::ipv4:
      return address(boost::asio::ip::address_v4(u.host_ipv4_address().to_bytes()));
    case boost::urls::host_type::ipv6:
      return address(boost::asio::ip::address_v6(u.host_ipv6_address().to_bytes()));
    case boost::urls::host_type::name:
      if (auto legacy = parse_ipv4_host(name)) return address(*legacy);
      return std::nullopt;
    default:
      reject("the base URL's host is not a name or an IP address PRISM can use");
  }
}

// Refuses a URL PRISM should not connect to whatever its host: another
// scheme, plain http unless allowed, credentials, a query or fragment, no host.
void check_form(const boost::urls::url_view& u, bool https, const BaseUrlPolicy& policy) {
  if (!https && u.scheme_id() != boost::urls::scheme::http)
    reject("the base URL must start with https://");
  if (!https && !policy.allow_private) {
    reject(
        "the base URL must start with https://; plain http is allowed only when "
        "AI_ALLOW_PRIVATE_BASE_URLS=true is set on the server (self-hosted providers)");
  }
  if (u.has_userinfo()) {
    reject(
        "the base URL must not contain a user name or password (user:password@); "
        "put the API key in its own field");
  }
  if (u.has_query()) reject("the base URL must not contain a query (?...)");
  if (u.has_fragment()) reject("the base URL must not contain a fragment (#...)");
  if (!u.has_authority() || u.encoded_host().empty()) reject("the base URL has no host name");
}

}  // namespace

CheckedBaseUrl check_base_url(std::string_view text, const BaseUrlPolicy& policy,
                              const Resolver& resolve) {
  text = trim(text);
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed) reject("the base URL is not a valid URL (for example https://api.example.com/v1)");
  const boost::urls::url_view& u = *parsed;

  bool https = u.scheme_id() == boost::urls::scheme::https;
  check_form(u, https, policy);

  CheckedBaseUrl checked;
  checked.https_only = https;
  checked.port = port_of(u, https);
  std::string name = u.host_type() == boost::urls::host_type::name ? lower(u.host_name()) : "";
  std::optional<address> ip = ip_host(u, name);
  if (ip) {
    // An IP host, in whatever spelling, is written and checked as the address it is.
    checked.host = ip->to_string();
    check_addresses({*ip}, "", policy);
  } else {
    if (!valid_host_name(name))
      reject("the base URL's host name may contain only letters, digits, dots and hyphens");
    checked.host = name;
    std::vector<address> addresses = resolve_once(name, resolve);
    check_addresses(addresses, name, policy);
    checked.pin = pin_for(name, checked.port, addresses);
  }

  std::string path(u.encoded_path());
  while (!path.empty() && path.back() == '/') path.pop_back();
  checked.url =
      std::string(https ? "https" : "http") + "://" + (ip ? bracketed(*ip) : checked.host) +
      (checked.port == (https ? 443 : 80) ? "" : ":" + std::to_string(checked.port)) + path;
  return checked;
}

void use_base_url(HttpRequest& request, const CheckedBaseUrl& base, std::string_view path) {
  request.url = base.url + std::string(path);
  request.pin = base.pin;
  request.https_only = base.https_only;
}

}  // namespace prism::ai::http
