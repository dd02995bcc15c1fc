#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ai/http/streaming_transport.hpp"
#include "ai/pricing.hpp"
#include "ai/provider.hpp"
#include "config/ai_config.hpp"
#include "core/json.hpp"

namespace prism::ai {

// The providers this process can use, built once at start-up from the
// configuration: Anthropic when it has a key, OpenAI when it has a key or a
// base URL. The offline template provider is registered by the application.
class ProviderRegistry {
 public:
  explicit ProviderRegistry(const config::AiConfig& config);

  // Adds (or replaces) a provider under its name().
  void add(std::unique_ptr<Provider> provider);
  // nullptr when no provider of that name is configured.
  Provider* find(std::string_view name) const;
  // The provider named by AI_DEFAULT_PROVIDER; throws std::logic_error when
  // the application did not register it.
  Provider& default_provider() const;
  const std::string& default_name() const { return default_name_; }
  const PriceTable& prices() const { return prices_; }

  // What GET /ai/providers answers: the providers registered now, in the
  // order they were added, and the default's name (null when it is not
  // registered): {"default", "items":[{"name","label","is_ai",
  // "default_model","models":[{"id","context_window","max_output_tokens"}],
  // "default"}]}. Keys and base URLs are never part of it.
  json::object describe() const;

 private:
  std::vector<std::unique_ptr<Provider>> providers_;
  std::string default_name_;
  PriceTable prices_;
};

// The transport settings of AI_CONNECT_TIMEOUT_SECONDS, AI_IDLE_TIMEOUT_SECONDS, AI_MAX_RETRIES.
http::TransportOptions transport_options(const config::AiConfig& config);

}  // namespace prism::ai
