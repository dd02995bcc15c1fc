#pragma once

#include "ai/http/streaming_transport.hpp"
#include "ai/provider.hpp"
#include "ai/remote_settings.hpp"

namespace prism::ai {

// OpenAI, or any OpenAI-compatible server (Ollama, vLLM, LM Studio), through
// Chat Completions with streaming (POST {base}/chat/completions).
class OpenAiProvider : public Provider {
 public:
  explicit OpenAiProvider(RemoteSettings settings);

  std::string name() const override { return "openai"; }
  std::string label() const override;
  std::string default_model() const override { return settings_.model; }
  std::vector<ModelInfo> models() const override;
  CompletionResult stream(const CompletionRequest& request,
                          const std::function<void(std::string_view)>& on_delta,
                          const CancelToken& cancel) override;
  std::vector<std::string> list_models(const CancelToken& cancel) override;

  // The JSON body sent for `request` (exposed for tests).
  std::string request_body(const CompletionRequest& request) const;

 private:
  bool official_api() const;

  RemoteSettings settings_;
  http::StreamingTransport transport_;
};

}  // namespace prism::ai
