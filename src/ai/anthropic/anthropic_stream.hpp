#pragma once

#include <functional>
#include <string_view>

#include "ai/provider.hpp"
#include "ai/sse_parser.hpp"

namespace prism::ai {

// Folds the Messages API stream events (message_start, content_block_*,
// message_delta, message_stop, ping, error) into a CompletionResult,
// passing text deltas on as they come. With `tool_answer` the answer is the
// input of the tool the request made the model call (structured output):
// its JSON deltas are the answer text and text blocks are not. Throws ProviderError on an error
// event (kUnavailable when Anthropic is overloaded) or a malformed event.
class AnthropicStream {
 public:
  explicit AnthropicStream(std::function<void(std::string_view)> on_delta, bool tool_answer = false)
      : on_delta_(std::move(on_delta)), tool_answer_(tool_answer) {}

  void on_event(const SseEvent& event);
  // The body ended: throws kUnavailable when message_stop never came.
  void finish() const;
  void reset();

  bool delivered() const { return delivered_; }
  const CompletionResult& result() const { return result_; }

 private:
  void emit(std::string_view text);

  std::function<void(std::string_view)> on_delta_;
  bool tool_answer_ = false;
  CompletionResult result_;
  bool delivered_ = false;
  bool stopped_ = false;
};

}  // namespace prism::ai
