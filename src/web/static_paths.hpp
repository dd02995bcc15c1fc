#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "web/static_site.hpp"

namespace prism::web {

// The percent-decoded form of a request's path (no query), or nullopt when it
// is malformed or reaches outside the site: no leading "/", a bad %-escape,
// NUL or other control bytes, a backslash, or a "." / ".." segment (raw or
// encoded, e.g. %2e%2e).
std::optional<std::string> decode_site_path(std::string_view raw_path);

// The encoding to answer with for an Accept-Encoding header, given which
// precompressed variants exist: the highest q-value wins, brotli on a tie.
Encoding choose_encoding(std::string_view accept_encoding, bool has_gzip, bool has_brotli);

// Whether an If-None-Match header matches `etag` (weak comparison, "*"
// matches anything), i.e. whether the answer is 304 Not Modified.
bool none_match_hits(std::string_view if_none_match, std::string_view etag);

// The Content-Type for a file name, by extension; text types in UTF-8.
std::string_view content_type_for(std::string_view path);

// Vite gives everything under /assets/ a content hash in its name, so those
// are cached for a year; anything else (index.html, config.json, favicon)
// is revalidated on every use.
std::string_view cache_control_for(std::string_view path);

}  // namespace prism::web
