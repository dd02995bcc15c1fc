#include "services/ai_settings/connection_errors.hpp"

#include <algorithm>
#include <cctype>

namespace prism::services::ai_settings {

namespace {

bool mentions(std::string text, std::initializer_list<const char*> words) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return std::any_of(words.begin(), words.end(),
                     [&](const char* w) { return text.find(w) != std::string::npos; });
}

std::string who(const std::string& provider) {
  return provider == "anthropic" ? "Anthropic" : "The provider";
}

}  // namespace

ExplainedFailure explain_failure(const ai::ProviderError& e, const std::string& provider,
                                 const std::string& model) {
  using Kind = ai::ProviderError::Kind;
  std::string detail = e.what();
  switch (e.kind()) {
    case Kind::kAuthentication:
      if (mentions(detail, {"cannot be read"})) return {"key_unreadable", detail};
      return {"invalid_key", who(provider) +
                                 " rejected the API key. Check that you pasted the whole key, "
                                 "that it is still active, and that it belongs to this provider."};
    case Kind::kRateLimited:
      return {"quota", who(provider) +
                           " refused the call for its rate limit or quota: check the account's "
                           "billing and limits, or try again in a minute. (" +
                           detail + ")"};
    case Kind::kBadRequest:
      if (mentions(detail, {"base url"})) return {"base_url_refused", detail};
      if (mentions(detail, {"model", "http 404"})) {
        return {"model_not_found", "The provider has no model \"" + model +
                                       "\" for this key: pick one from its model list. (" +
                                       detail + ")"};
      }
      return {"bad_request", "The provider refused the test call: " + detail};
    case Kind::kUnavailable:
      if (mentions(detail, {"ssl", "tls", "certificate"})) {
        return {"tls", "The secure connection failed: the server's certificate is not trusted or "
                       "TLS could not be agreed. Check the base URL (https, the right host). (" +
                           detail + ")"};
      }
      if (mentions(detail, {"timed out", "timeout"})) {
        return {"timeout", "The provider did not answer in time. (" + detail + ")"};
      }
      if (mentions(detail, {"resolve", "connect"})) {
        return {"unreachable", "The provider cannot be reached: check the base URL and that the "
                               "server is running. (" +
                                   detail + ")"};
      }
      return {"unreachable", "The provider is unavailable right now: " + detail};
    case Kind::kBadResponse:
      return {"bad_response",
              "The provider answered with something that is not its API's format: check that the "
              "base URL points at the API (for OpenAI-compatible servers it usually ends in /v1). "
              "(" + detail + ")"};
    case Kind::kCancelled:
      break;
  }
  return {"bad_response", detail};
}

}  // namespace prism::services::ai_settings
