#pragma once

#include <string>
#include <string_view>

namespace prism::http {

// The address of the client behind `trusted_hops` reverse proxies (Render's
// router, a CDN, nginx), from the connection's `peer` address and the
// request's X-Forwarded-For (every field, comma-joined). Each trusted proxy
// appends the address it received the request from, so the client is the
// entry `trusted_hops` from the right of "X-Forwarded-For, peer"; whatever a
// client wrote into the header itself lies further left and is never used.
// With 0 hops, or an entry there that is not an IP address, the peer.
std::string client_address(std::string_view peer, std::string_view forwarded_for, int trusted_hops);

}  // namespace prism::http
