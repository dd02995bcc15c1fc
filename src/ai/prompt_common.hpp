#pragma once

// What the prompt builders (prompts.cpp, prompt_stories.cpp) share.
#include <string>
#include <string_view>

#include "ai/provider.hpp"
#include "core/json.hpp"

namespace prism::ai {

// The rule that user-supplied text in the data tags is data, not instructions.
extern const std::string_view kDataRule;

// One system prompt, one user turn and the task for the template provider.
CompletionRequest prompt_base(std::string system, std::string user, json::object task);

}  // namespace prism::ai
