#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"

namespace prism::auth {

// The scheme, host and port of an absolute http(s) URL in the form browsers
// send as Origin: lower-case, without a default port or path, e.g.
// "https://prism.example.com"; empty when `url` is not an http(s) URL.
std::string origin_of(std::string_view url);

// Guards the routes a browser authenticates with a cookie (the refresh cookie:
// /auth/refresh and /auth/logout). SameSite=Strict alone lets a sibling
// subdomain, and anything calling itself same-site, make the browser send the
// cookie, so such a request must also prove it comes from PRISM's own pages:
//  - an Origin, when present, is PRISM's own (PUBLIC_URL, or the host the
//    request was sent to when PRISM serves the app itself) or one of
//    CORS_ALLOWED_ORIGINS; "null" (sandboxed frames, file: pages) is refused;
//  - Sec-Fetch-Site cross-site is refused, and same-site unless the Origin
//    is one of the above;
//  - the Content-Type is application/json, which no form and no no-cors
//    fetch can send without a CORS preflight.
class CookieGuard {
 public:
  // `allowed_origins` are URLs (PUBLIC_URL, CORS_ALLOWED_ORIGINS entries);
  // only their origins count.
  explicit CookieGuard(const std::vector<std::string>& allowed_origins);

  // Throws 403 (foreign origin or site) or 415 (not JSON) for a request
  // that must not use the cookie; returns normally otherwise.
  void check(const http::Request& req) const;
  void check(std::string_view origin, std::string_view host, std::string_view fetch_site,
             std::string_view content_type) const;

 private:
  bool allowed(std::string_view origin, std::string_view host) const;

  std::vector<std::string> origins_;
};

}  // namespace prism::auth
