#pragma once

#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"
#include "web/static_site.hpp"

namespace prism::web {

// The answer for a GET or HEAD of the web app: the file at the path, or
// index.html for a client-side route (/projects/x), picking the
// precompressed variant Accept-Encoding allows and 304 on a matching
// If-None-Match. Runs on the I/O thread: memory only.
http::Response serve_static(const StaticSite& site, http::Request& request);

// Makes the site the router's fallback. The API (/api/...) and the
// operations endpoints (/health, /ready, /metrics) keep their JSON 404s.
void register_static_site(http::Router& router, const StaticSite& site);

}  // namespace prism::web
