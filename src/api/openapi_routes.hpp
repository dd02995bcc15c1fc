#pragma once

#include <set>
#include <string>

#include "http/router.hpp"

namespace prism::api {

// Serves the OpenAPI document (src/api/openapi.json, embedded at build time).
void register_openapi_routes(http::Router& router);

// The document GET /api/v1/openapi.json answers, as compact JSON text; the
// `prism openapi` command prints it so clients can generate their types
// without a running server.
std::string openapi_document_json();

// "METHOD /path/{}" for every operation in the document and every route in a
// router, parameters normalized, so a test can prove they are the same set.
std::set<std::string> openapi_operations();
// Every "$ref" target in the merged document that does not resolve.
std::set<std::string> openapi_dangling_refs();
std::set<std::string> router_operations(const http::Router& router);

}  // namespace prism::api
