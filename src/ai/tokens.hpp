#pragma once

#include <cstdint>
#include <string_view>

#include "ai/provider.hpp"

namespace prism::ai {

// A rough token count, ≈ 4 characters (UTF-8 code points) a token, for
// budgets, max_tokens clamping and the usage of providers that report none.
std::int64_t estimate_tokens(std::string_view text);
// The system prompt and every message, with a few tokens of framing each.
std::int64_t estimate_tokens(const CompletionRequest& request);

}  // namespace prism::ai
