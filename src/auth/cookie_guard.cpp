#include "auth/cookie_guard.hpp"

#include <algorithm>
#include <boost/url/parse.hpp>

#include "core/error.hpp"
#include "core/text.hpp"

namespace prism::auth {

namespace {

Error foreign_request() {
  return forbidden(
      "the session cookie is only accepted from PRISM's own pages and the origins in "
      "CORS_ALLOWED_ORIGINS; this request came from another site");
}

}  // namespace

std::string origin_of(std::string_view url) {
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed || !parsed->has_authority()) return {};
  std::string scheme = ascii_lower(parsed->scheme());
  if (scheme != "http" && scheme != "https") return {};
  std::string host = ascii_lower(std::string(parsed->host()));
  if (host.empty()) return {};
  std::string port(parsed->port());
  bool default_port = (scheme == "http" && port == "80") || (scheme == "https" && port == "443");
  std::string origin = scheme + "://" + host;
  if (!port.empty() && !default_port) origin += ":" + port;
  return origin;
}

CookieGuard::CookieGuard(const std::vector<std::string>& allowed_origins) {
  for (const auto& url : allowed_origins) {
    std::string origin = origin_of(url);
    if (!origin.empty()) origins_.push_back(std::move(origin));
  }
}

bool CookieGuard::allowed(std::string_view origin, std::string_view host) const {
  std::string normalized = origin_of(origin);
  // Browsers send the serialized origin only; anything more is not one.
  if (normalized.empty() || normalized != ascii_lower(origin)) return false;
  if (std::find(origins_.begin(), origins_.end(), normalized) != origins_.end()) return true;
  // PRISM serving the app itself: the page's origin is the host the browser
  // sent this request to (behind a TLS proxy, with https).
  if (host.empty()) return false;
  std::string h = ascii_lower(host);
  return normalized == origin_of("http://" + h) || normalized == origin_of("https://" + h);
}

void CookieGuard::check(std::string_view origin, std::string_view host, std::string_view fetch_site,
                        std::string_view content_type) const {
  origin = trim_blanks(origin);
  std::string site = ascii_lower(trim_blanks(fetch_site));
  bool has_origin = !origin.empty();
  if (has_origin && !allowed(origin, host)) throw foreign_request();
  if (site == "cross-site" || (site == "same-site" && !has_origin)) throw foreign_request();
  if (!http::is_json_media_type(content_type)) {
    throw Error(ErrorCode::kUnsupportedMediaType,
                "this request must be sent with Content-Type: application/json");
  }
}

void CookieGuard::check(const http::Request& req) const {
  check(req.header("Origin"), req.header("Host"), req.header("Sec-Fetch-Site"),
        req.header("Content-Type"));
}

}  // namespace prism::auth
