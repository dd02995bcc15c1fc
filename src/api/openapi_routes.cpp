#include "api/openapi_routes.hpp"

#include <algorithm>

#include "core/json.hpp"

namespace prism::embedded {
std::string_view openapi_json();
}

namespace prism::api {

namespace {

std::string normalize(std::string method, const std::string& path) {
  std::transform(method.begin(), method.end(), method.begin(), ::toupper);
  std::string out = method + " ";
  for (auto seg : http::split_path(path)) {
    out += "/";
    out += seg.front() == '{' ? std::string_view("{}") : seg;
  }
  return out;
}

}  // namespace

void register_openapi_routes(http::Router& router) {
  router.add(http::beast_http::verb::get, "/api/v1/openapi.json", [](http::Request&) {
    http::Response res = http::Response::text(std::string(embedded::openapi_json()), "application/json");
    res.header("Cache-Control", "public, max-age=300");
    return res;
  }, http::Auth::kNone, http::Run::kInline);
}

std::set<std::string> openapi_operations() {
  std::set<std::string> out;
  auto doc = json::parse(embedded::openapi_json());
  for (const auto& [path, item] : doc.at("paths").as_object()) {
    for (const auto& [method, op] : item.as_object()) out.insert(normalize(method, path));
  }
  return out;
}

std::set<std::string> router_operations(const http::Router& router) {
  std::set<std::string> out;
  for (const auto& route : router.routes()) {
    out.insert(normalize(std::string(http::beast_http::to_string(route.method)), route.path_template));
  }
  return out;
}

}  // namespace prism::api
