#include "web/static_routes.hpp"

#include <spdlog/spdlog.h>

#include "core/error.hpp"
#include "web/static_paths.hpp"

namespace prism::web {

namespace {

std::string_view encoding_name(Encoding encoding) {
  return encoding == Encoding::kBrotli ? "br" : "gzip";
}

}  // namespace

http::Response serve_static(const StaticSite& site, http::Request& request) {
  std::optional<std::string> path = decode_site_path(request.path());
  if (!path) throw Error(ErrorCode::kBadRequest, "the path is not valid");
  const Asset* asset = site.find(*path);
  if (!asset && path->ends_with('/')) asset = site.find(*path + "index.html");
  // The path of a file that exists is public; a client-side route's path may
  // hold a secret (/shared/{token}) and is logged as the router shows it.
  if (asset) request.loggable_path = request.path();
  if (!asset) {
    // A missing hashed asset is a stale page asking for an old build:
    // answering index.html would hand HTML to a <script> tag.
    if (path->starts_with("/assets/")) throw not_found("file");
    asset = &site.index();
  }
  Encoding encoding = choose_encoding(request.header("Accept-Encoding"), asset->gzip != nullptr,
                                      asset->brotli != nullptr);
  const Representation* found = nullptr;
  try {
    found = &asset->in(encoding);
  } catch (const std::runtime_error& e) {
    // Listed at start-up but gone or changed into something else since.
    spdlog::warn("web app file not served: {}", e.what());
    throw not_found("file");
  }
  const Representation& chosen = *found;

  http::Response res;
  res.header("ETag", chosen.etag);
  res.header("Cache-Control", asset->cache_control);
  if (asset->has_variants()) res.header("Vary", "Accept-Encoding");
  if (none_match_hits(request.header("If-None-Match"), chosen.etag)) {
    res.status = http::Status::not_modified;
    return res;
  }
  if (encoding != Encoding::kIdentity)
    res.header("Content-Encoding", std::string(encoding_name(encoding)));
  res.content_type = asset->content_type;
  res.body = chosen.bytes;
  return res;
}

void register_static_site(http::Router& router, const StaticSite& site) {
  auto& route = router.set_fallback(
      "static", [&site](http::Request& request) { return serve_static(site, request); },
      {"api", "health", "ready", "metrics"});
  // A file's first request reads and hashes it, and every answer copies its
  // bytes (up to a few hundred KB): work for the pool, not the I/O threads.
  route.run = http::Run::kWorker;
}

}  // namespace prism::web
