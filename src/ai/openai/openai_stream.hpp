#pragma once

#include <functional>
#include <string_view>

#include "ai/provider.hpp"
#include "ai/sse_parser.hpp"

namespace prism::ai {

// Folds Chat Completions stream chunks (`data: {...}` with
// choices[0].delta.content and finish_reason, a final usage chunk with empty
// choices, `data: [DONE]`) into a CompletionResult, passing text on as it
// comes. An `error` object in the stream throws ProviderError.
class OpenAiStream {
 public:
  explicit OpenAiStream(std::function<void(std::string_view)> on_delta)
      : on_delta_(std::move(on_delta)) {}

  void on_event(const SseEvent& event);
  // The body ended: throws kUnavailable when neither [DONE] nor a finish_reason came.
  void finish() const;
  void reset();

  bool delivered() const { return delivered_; }
  bool usage_seen() const { return usage_seen_; }
  const CompletionResult& result() const { return result_; }

 private:
  std::function<void(std::string_view)> on_delta_;
  CompletionResult result_;
  bool delivered_ = false;
  bool done_ = false;
  bool usage_seen_ = false;
};

// ≈ 4 characters per token, counting UTF-8 code points rather than bytes.
std::int64_t estimate_stream_tokens(std::string_view text);

}  // namespace prism::ai
