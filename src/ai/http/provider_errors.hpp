#pragma once

#include <string>
#include <string_view>

#include "ai/provider.hpp"

namespace prism::ai::http {

// An HTTP answer that is not 2xx, as far as an error needs it.
struct FailedAnswer {
  long status = 0;
  std::string_view body;      // bounded by the caller
  std::string_view location;  // the Location header of a 3xx
};

// The error a non-2xx answer means, in the words every provider call uses:
// 401/403 a rejected key, 429 a rate limit, 5xx unavailable, 3xx a redirect
// (never followed), any other status a refused request. `provider` names the
// error ("openai"), `label` is used in the message ("OpenAI"), and `secret`
// is removed from any text the provider sent.
ProviderError answer_error(const std::string& provider, const std::string& label,
                           const FailedAnswer& answer, const std::string& secret);

// The human message in a provider's JSON error body ({"error":{"message"}}),
// or a bounded excerpt of the body when it is not JSON.
std::string provider_error_message(std::string_view body);

// `text` with every occurrence of `secret` (4 characters or more) replaced by "***".
std::string scrub(std::string text, const std::string& secret);

}  // namespace prism::ai::http
