#pragma once

#include <string>
#include <vector>

#include "fake_llm_server.hpp"

namespace prism::testing {

enum class LlmDialect { kAnthropic, kOpenAi };

// The SSE events (each "event: …\ndata: …\n\n" text) of one scripted reply.
struct ScriptedStream {
  std::vector<std::string> events;
  bool drop = false;  // close the connection after the events, without ending the body
};

// `forced_tool`: the Anthropic request's tool_choice named this tool; the
// reply's text is then that tool's input.
ScriptedStream scripted_stream(LlmDialect dialect, const FakeReply& reply,
                               const std::string& requested_model, bool include_usage,
                               const std::string& forced_tool = "");
// The JSON error body the API sends with a non-200 status.
std::string error_body(LlmDialect dialect, const FakeReply& reply);
// The body of GET /v1/models in the API's list format.
std::string models_body(LlmDialect dialect, const std::vector<std::string>& ids);
// `text` cut into `n` pieces, never inside a UTF-8 sequence.
std::vector<std::string> split_utf8(const std::string& text, int n);

}  // namespace prism::testing
