#pragma once

#include <functional>
#include <optional>
#include <string>

#include "core/json.hpp"
#include "http/request.hpp"
#include "http/response.hpp"

namespace prism::api {

// ?limit= (default 50, 1..200) and ?cursor= (opaque: the last item's id).
struct Page {
  int limit = 50;
  std::optional<std::string> cursor;
};
Page page_from(const http::Request& req);
// Only ?limit=, for lists whose cursor is not an id (e.g. version numbers).
int page_limit(const http::Request& req);

// {"items":[…],"next_cursor":…}. Pass limit+1 rows: the extra one only tells
// whether another page exists and is not returned.
json::object list_body(json::array items, const Page& page,
                       const std::function<std::string(const json::value&)>& id_of);

// RFC 3339 UTC with milliseconds, or null when unset.
json::value optional_time(const std::optional<std::int64_t>& unix_ms);

// "\"<version>\"", the ETag of a versioned resource (document, template).
std::string version_etag(std::int64_t version);

// The version in If-Match: "<n>"; 428 when absent, 400 when malformed.
std::int64_t required_if_match(const http::Request& req);

}  // namespace prism::api
