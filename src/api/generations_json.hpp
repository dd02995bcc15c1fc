#pragma once

#include "core/json.hpp"
#include "services/generations/generation_service.hpp"
#include "store/generations_store.hpp"

namespace prism::api {

// The JSON shapes of generations and usage (the API contract).
json::object generation_json(const store::generations::Generation& g);
// The history entry: the same without the (possibly long) output.
json::object generation_summary_json(const store::generations::Generation& g);
json::object usage_json(const services::generations::UsageReport& r);

}  // namespace prism::api
