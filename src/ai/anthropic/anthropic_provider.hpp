#pragma once

#include "ai/http/streaming_transport.hpp"
#include "ai/provider.hpp"
#include "ai/remote_settings.hpp"

namespace prism::ai {

// Claude through the Messages API with streaming (POST {base}/v1/messages).
class AnthropicProvider : public Provider {
 public:
  explicit AnthropicProvider(RemoteSettings settings);

  std::string name() const override { return "anthropic"; }
  std::string label() const override { return "Anthropic Claude"; }
  std::string default_model() const override { return settings_.model; }
  std::vector<ModelInfo> models() const override;
  CompletionResult stream(const CompletionRequest& request,
                          const std::function<void(std::string_view)>& on_delta,
                          const CancelToken& cancel) override;
  std::vector<std::string> list_models(const CancelToken& cancel) override;

  // The JSON body sent for `request` (exposed for tests).
  std::string request_body(const CompletionRequest& request) const;

 private:
  RemoteSettings settings_;
  http::StreamingTransport transport_;
};

}  // namespace prism::ai
