#pragma once

#include <string>

#include "ai/provider.hpp"

namespace prism::services::ai_settings {

struct ExplainedFailure {
  std::string code;     // invalid_key, model_not_found, quota, unreachable, tls, timeout,
                        // bad_request, bad_response, key_unreadable, base_url_refused
  std::string message;  // what happened and what to do, in plain words
};

// A provider call's failure as "Test connection" shows it. The provider's
// own message is kept where it helps (it never holds the key: the
// transport scrubs it).
ExplainedFailure explain_failure(const ai::ProviderError& error, const std::string& provider,
                                 const std::string& model);

}  // namespace prism::services::ai_settings
