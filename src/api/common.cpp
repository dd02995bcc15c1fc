#include "api/common.hpp"

#include <charconv>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"

namespace prism::api {

int page_limit(const http::Request& req) {
  auto limit = req.query("limit");
  if (!limit) return Page{}.limit;
  int n = 0;
  auto [ptr, ec] = std::from_chars(limit->data(), limit->data() + limit->size(), n);
  if (ec != std::errc{} || ptr != limit->data() + limit->size() || n < 1 || n > 200) {
    throw validation_failed("limit", "must be an integer between 1 and 200");
  }
  return n;
}

Page page_from(const http::Request& req) {
  Page page;
  page.limit = page_limit(req);
  if (auto cursor = req.query("cursor"); cursor && !cursor->empty()) {
    if (!looks_like_id(*cursor)) throw validation_failed("cursor", "is not a valid cursor");
    page.cursor = *cursor;
  }
  return page;
}

json::object list_body(json::array items, const Page& page,
                       const std::function<std::string(const json::value&)>& id_of) {
  json::value next = nullptr;
  if (items.size() > static_cast<std::size_t>(page.limit)) {
    items.resize(static_cast<std::size_t>(page.limit));
    next = json::string(id_of(items.back()));
  }
  return json::object{{"items", std::move(items)}, {"next_cursor", std::move(next)}};
}

json::value optional_time(const std::optional<std::int64_t>& unix_ms) {
  return unix_ms ? json::value(rfc3339_ms(*unix_ms)) : json::value(nullptr);
}

std::string version_etag(std::int64_t version) { return "\"" + std::to_string(version) + "\""; }

std::int64_t required_if_match(const http::Request& req) {
  std::string_view v = req.header("If-Match");
  if (v.empty()) {
    throw Error(ErrorCode::kPreconditionRequired,
                "send If-Match with the version you edited, e.g. If-Match: \"3\"");
  }
  // If-Match compares strongly (RFC 9110 §13.1.1): a weak tag never matches,
  // whatever version it names, so the precondition fails.
  if (v.starts_with("W/")) {
    throw Error(ErrorCode::kPreconditionFailed,
                "a weak entity tag never matches If-Match; send the ETag as it came, e.g. \"3\"");
  }
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  std::int64_t n = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc{} || ptr != v.data() + v.size() || n < 1) {
    throw Error(ErrorCode::kBadRequest, "If-Match must be a version such as \"3\"");
  }
  return n;
}

}  // namespace prism::api
