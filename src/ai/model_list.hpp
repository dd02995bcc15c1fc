#pragma once

#include <string>
#include <vector>

#include "ai/http/http_fetch.hpp"
#include "ai/provider.hpp"

namespace prism::ai {

// GETs a provider's model list ({"data":[{"id":…},…]}, the shape both
// Anthropic and OpenAI-compatible servers answer) and returns the ids, sorted.
// Throws ProviderError: the answer's own error, or kBadResponse when the
// body is not such a list.
std::vector<std::string> fetch_model_ids(const http::GetRequest& request,
                                         const std::string& provider, const std::string& label,
                                         const http::TransportOptions& options,
                                         const CancelToken& cancel);

}  // namespace prism::ai
