#include "api/openapi_routes.hpp"

#include <algorithm>
#include <functional>
#include <stdexcept>
#include <vector>

#include "core/json.hpp"
#include "services/audit/audit_catalog.hpp"

namespace prism::embedded {
const std::vector<std::string_view>& openapi_fragments();
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

// Copies every member of `from` into `into`; a name defined twice is a
// mistake in the fragments, caught by the OpenAPI test.
void merge_unique(json::object& into, const json::object& from, std::string_view what) {
  for (const auto& [key, value] : from) {
    if (into.contains(key))
      throw std::logic_error("OpenAPI " + std::string(what) +
                             " defined twice: " + std::string(key));
    into[key] = value;
  }
}

// Any write can meet a full database: every operation but a read answers 507
// `storage_full` then, said once here rather than in each fragment.
void add_storage_full(json::object& paths) {
  for (auto& [path, item] : paths) {
    for (auto& [method, operation] : item.as_object()) {
      if (method == "get" || method == "head" || !operation.is_object()) continue;
      auto* responses = operation.as_object().if_contains("responses");
      if (!responses || !responses->is_object() || responses->as_object().contains("507")) continue;
      responses->as_object()["507"] = json::object{{"$ref", "#/components/responses/StorageFull"}};
    }
  }
}

// The audit action codes come from the catalogue the server records with,
// so the document lists exactly the codes an entry can hold.
void add_audit_actions(json::object& schemas) {
  auto* action = schemas.if_contains("AuditAction");
  if (!action || !action->is_object()) return;
  json::array codes;
  for (const auto& a : services::kAuditActions) codes.emplace_back(a.code);
  action->as_object()["enum"] = std::move(codes);
}

// One document from the fragments in src/api/openapi/ (one per area: its
// paths and the schemas they use), built once.
const json::object& openapi_object() {
  static const json::object kDocument = [] {
    json::object doc{{"paths", json::object{}},
                     {"components", json::object{{"schemas", json::object{}}}}};
    for (std::string_view fragment : embedded::openapi_fragments()) {
      json::object part = json::parse(fragment).as_object();
      for (const auto& [key, value] : part) {
        if (key == "paths") {
          merge_unique(doc["paths"].as_object(), value.as_object(), "path");
        } else if (key == "components") {
          auto& components = doc["components"].as_object();
          for (const auto& [kind, entries] : value.as_object()) {
            if (!components.contains(kind)) components[kind] = json::object{};
            merge_unique(components[kind].as_object(), entries.as_object(), kind);
          }
        } else {
          doc[key] = value;
        }
      }
    }
    add_storage_full(doc["paths"].as_object());
    add_audit_actions(doc["components"].as_object()["schemas"].as_object());
    return doc;
  }();
  return kDocument;
}

}  // namespace

std::string openapi_document_json() { return json::serialize(openapi_object()); }

void register_openapi_routes(http::Router& router) {
  std::string text = openapi_document_json();
  router.add(
      http::beast_http::verb::get, "/api/v1/openapi.json",
      [text](http::Request&) {
        http::Response res = http::Response::text(text, "application/json");
        res.header("Cache-Control", "public, max-age=300");
        return res;
      },
      http::Auth::kNone, http::Run::kInline);
}

std::set<std::string> openapi_operations() {
  std::set<std::string> out;
  for (const auto& [path, item] : openapi_object().at("paths").as_object()) {
    for (const auto& [method, op] : item.as_object()) out.insert(normalize(method, path));
  }
  return out;
}

std::set<std::string> openapi_dangling_refs() {
  const auto& doc = openapi_object();
  const auto& components = doc.at("components").as_object();
  // "#/components/<kind>/<name>" names an entry of components.<kind>.
  auto resolves = [&](std::string_view ref) {
    constexpr std::string_view kPrefix = "#/components/";
    if (!ref.starts_with(kPrefix)) return false;
    ref.remove_prefix(kPrefix.size());
    auto slash = ref.find('/');
    if (slash == std::string_view::npos) return false;
    const auto* kind = components.if_contains(ref.substr(0, slash));
    return kind && kind->is_object() && kind->as_object().contains(ref.substr(slash + 1));
  };
  std::set<std::string> out;
  std::function<void(const json::value&)> walk = [&](const json::value& v) {
    if (const auto* obj = v.if_object()) {
      for (const auto& [key, child] : *obj) {
        if (key == "$ref" && child.is_string()) {
          if (!resolves(child.as_string())) out.emplace(child.as_string());
        } else {
          walk(child);
        }
      }
    } else if (const auto* arr = v.if_array()) {
      for (const auto& child : *arr) walk(child);
    }
  };
  walk(doc);
  return out;
}

std::set<std::string> router_operations(const http::Router& router) {
  std::set<std::string> out;
  for (const auto& route : router.routes()) {
    out.insert(
        normalize(std::string(http::beast_http::to_string(route.method)), route.path_template));
  }
  return out;
}

}  // namespace prism::api
