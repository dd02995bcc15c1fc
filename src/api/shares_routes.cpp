#include "api/shares_routes.hpp"

#include "api/documents_json.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"

namespace prism::api {

namespace {

using http::Request;
using http::Response;
using services::DocumentSharesService;
using verb = http::beast_http::verb;

// The body is optional: no body at all means the default expiry.
services::ShareExpiry expiry_from(const Request& req) {
  services::ShareExpiry expiry;
  if (req.raw().body().empty() && req.header("Content-Type").empty()) return expiry;
  auto body = req.json_body();
  JsonReader r(body);
  expiry.hours = r.optional_int("expires_in_hours", 1, services::kMaxShareHours);
  if (auto at = r.optional_string("expires_at", 1, 64)) {
    auto seconds = parse_rfc3339(*at);
    if (!seconds) {
      r.add_error("expires_at", "must be an RFC 3339 time such as 2030-01-31T12:00:00Z");
    } else {
      expiry.expires_at = *seconds * 1000;
    }
  }
  r.finish();
  return expiry;
}

Response create_share(DocumentSharesService& svc, Request& req) {
  auto created =
      svc.create({req.principal().user_id, req.client_ip()}, req.param("id"), expiry_from(req));
  json::object body = share_json(created.share);
  body["token"] = created.token;
  body["url"] = created.url;
  return Response::json(body, http::Status::created);
}

Response list_shares(DocumentSharesService& svc, Request& req) {
  json::array items;
  for (const auto& s : svc.list({req.principal().user_id, req.client_ip()}, req.param("id"))) {
    items.push_back(share_json(s));
  }
  return Response::json(json::object{{"items", std::move(items)}, {"next_cursor", nullptr}});
}

Response revoke_share(DocumentSharesService& svc, Request& req) {
  svc.revoke({req.principal().user_id, req.client_ip()}, req.param("id"));
  return Response::no_content();
}

Response open_share(DocumentSharesService& svc, Request& req) {
  auto shared = svc.open(req.param("token"), req.client_ip());
  // Whoever holds the link may read it, but search engines should not list it.
  return Response::json(shared_document_json(shared)).header("X-Robots-Tag", "noindex, nofollow");
}

}  // namespace

void register_share_routes(http::Router& router, DocumentSharesService& shares) {
  auto bind = [&shares](Response (*fn)(DocumentSharesService&, Request&)) {
    return [&shares, fn](Request& req) { return fn(shares, req); };
  };
  router.add(verb::get, "/api/v1/documents/{id}/shares", bind(list_shares));
  router.add(verb::post, "/api/v1/documents/{id}/shares", bind(create_share));
  router.add(verb::delete_, "/api/v1/shares/{id}", bind(revoke_share));
  router.add(verb::get, "/api/v1/shared/{token}", bind(open_share), http::Auth::kNone);
}

}  // namespace prism::api
