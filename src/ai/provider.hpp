#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/json.hpp"

namespace prism::ai {

struct Message {
  std::string role;  // "user" or "assistant"
  std::string content;
};

// What the generation flow asks of a provider. `system` and `messages` are
// the prompt for real models; `task` is the same request as structured data
// (kind, input, template sections) for the offline template provider.
struct CompletionRequest {
  std::string model;
  std::string system;
  std::vector<Message> messages;
  int max_tokens = 4096;
  double temperature = 0.3;
  bool json_output = false;  // ask for JSON (the provider's JSON mode where it has one)
  std::optional<json::object> json_schema;  // the expected shape, when json_output
  // What the schema describes ("stories"): the name of OpenAI's response
  // format and of the tool Anthropic is made to call with the answer.
  std::string json_schema_name = "result";
  json::object task;
};

struct Usage {
  std::int64_t input_tokens = 0;
  std::int64_t output_tokens = 0;
  bool estimated = false;  // the provider sent no usage; counted by us
};

struct CompletionResult {
  std::string text;
  Usage usage;
  std::string model;        // as reported by the provider
  std::string stop_reason;  // e.g. "end_turn", "stop", "max_tokens"
};

// Set from another thread to stop a call: the provider aborts its transfer
// (closing the upstream connection) and throws ProviderError{kCancelled}.
class CancelToken {
 public:
  void cancel() { cancelled_.store(true); }
  bool cancelled() const { return cancelled_.load(); }

 private:
  std::atomic<bool> cancelled_{false};
};

class ProviderError : public std::runtime_error {
 public:
  enum class Kind {
    kAuthentication,  // missing or rejected key
    kRateLimited,     // 429 after retries
    kUnavailable,     // 5xx, connection failure, timeout after retries
    kBadRequest,      // the provider refused the request (4xx), e.g. context too long
    kBadResponse,     // unparseable stream, error event mid-stream
    kCancelled,
  };
  ProviderError(Kind kind, std::string provider, const std::string& message)
      : std::runtime_error(message), kind_(kind), provider_(std::move(provider)) {}
  Kind kind() const { return kind_; }
  const std::string& provider() const { return provider_; }

 private:
  Kind kind_;
  std::string provider_;
};

struct ModelInfo {
  std::string id;
  std::int64_t context_window = 0;     // tokens
  std::int64_t max_output_tokens = 0;  // tokens
};

// One LLM backend. `stream` blocks the calling (worker) thread until the
// answer is complete, calling `on_delta` with each piece of text as it
// arrives (never a partial UTF-8 sequence). It retries transient failures
// only before the first delta was delivered.
class Provider {
 public:
  virtual ~Provider() = default;
  virtual std::string name() const = 0;   // "anthropic", "openai", "template"
  virtual std::string label() const = 0;  // shown to users, e.g. "Template (offline, not AI)"
  virtual bool is_ai() const { return true; }
  virtual std::string default_model() const = 0;
  virtual std::vector<ModelInfo> models() const = 0;
  virtual CompletionResult stream(const CompletionRequest& request,
                                  const std::function<void(std::string_view)>& on_delta,
                                  const CancelToken& cancel) = 0;
  // The model ids the provider itself lists for this key (one request);
  // throws ProviderError. By default the ids of models().
  virtual std::vector<std::string> list_models(const CancelToken& cancel);
};

}  // namespace prism::ai
