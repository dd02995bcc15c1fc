#include "ai/http/provider_errors.hpp"

#include <algorithm>

#include "core/json.hpp"

namespace prism::ai::http {

namespace {

using Kind = ProviderError::Kind;

constexpr std::size_t kMaxMessage = 500;
constexpr std::size_t kMaxLocation = 200;

}  // namespace

std::string scrub(std::string text, const std::string& secret) {
  if (secret.size() >= 4) {
    for (auto pos = text.find(secret); pos != std::string::npos; pos = text.find(secret, pos)) {
      text.replace(pos, secret.size(), "***");
    }
  }
  return text;
}

std::string provider_error_message(std::string_view body) {
  boost::system::error_code ec;
  json::value doc = json::parse(body, ec);
  if (!ec && doc.is_object()) {
    const json::object& o = doc.as_object();
    const json::value* error = o.if_contains("error");
    if (error != nullptr && error->is_object()) {
      if (const auto* m = error->as_object().if_contains("message");
          m != nullptr && m->is_string()) {
        return std::string(m->as_string()).substr(0, kMaxMessage);
      }
    }
    if (error != nullptr && error->is_string())
      return std::string(error->as_string()).substr(0, kMaxMessage);
    for (const char* key : {"message", "detail"}) {
      if (const auto* m = o.if_contains(key); m != nullptr && m->is_string()) {
        return std::string(m->as_string()).substr(0, kMaxMessage);
      }
    }
  }
  std::string text(body.substr(0, 200));
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return text.empty() ? "no details" : text;
}

ProviderError answer_error(const std::string& provider, const std::string& label,
                           const FailedAnswer& answer, const std::string& secret) {
  long s = answer.status;
  std::string status = "(HTTP " + std::to_string(s) + ")";
  if (s == 401 || s == 403) {
    // The provider's text may quote part of the key: name the provider only.
    return ProviderError(Kind::kAuthentication, provider,
                         label + " rejected the API key " + status);
  }
  if (s >= 300 && s < 400) {
    // Following it could lead anywhere, including addresses the base URL check refused.
    std::string target = answer.location.empty()
                             ? std::string("another address")
                             : scrub(std::string(answer.location.substr(0, kMaxLocation)), secret);
    return ProviderError(Kind::kBadRequest, provider,
                         label + " answered with a redirect to " + target + " " + status +
                             ", which PRISM does not follow; use the final address instead");
  }
  std::string message = scrub(provider_error_message(answer.body), secret);
  if (s == 429) {
    return ProviderError(Kind::kRateLimited, provider, label + " rate limit reached: " + message);
  }
  if (s >= 500) {
    return ProviderError(Kind::kUnavailable, provider,
                         label + " is unavailable " + status + ": " + message);
  }
  return ProviderError(Kind::kBadRequest, provider,
                       label + " refused the request " + status + ": " + message);
}

}  // namespace prism::ai::http
