#include "ai/anthropic/anthropic_stream.hpp"

#include <gtest/gtest.h>

namespace prism::ai {
namespace {

SseEvent event(std::string name, std::string data) {
  return SseEvent{std::move(name), std::move(data), ""};
}

TEST(AnthropicStream, FoldsTheEventsOfOneMessage) {
  std::string seen;
  AnthropicStream s([&](std::string_view d) { seen += d; });
  s.on_event(event(
      "message_start",
      R"({"type":"message_start","message":{"model":"claude-x","usage":{"input_tokens":25,"output_tokens":1}}})"));
  s.on_event(event(
      "content_block_start",
      R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}})"));
  s.on_event(event("ping", R"({"type":"ping"})"));
  s.on_event(event(
      "content_block_delta",
      R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hi"}})"));
  s.on_event(event(
      "content_block_delta",
      R"({"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"hm"}})"));
  EXPECT_TRUE(s.delivered());
  EXPECT_THROW(s.finish(), ProviderError);
  s.on_event(event("content_block_stop", R"({"type":"content_block_stop","index":0})"));
  s.on_event(event(
      "message_delta",
      R"({"type":"message_delta","delta":{"stop_reason":"max_tokens"},"usage":{"output_tokens":15}})"));
  s.on_event(event("message_stop", R"({"type":"message_stop"})"));
  EXPECT_NO_THROW(s.finish());
  EXPECT_EQ(seen, "Hi");
  EXPECT_EQ(s.result().text, "Hi");
  EXPECT_EQ(s.result().model, "claude-x");
  EXPECT_EQ(s.result().stop_reason, "max_tokens");
  EXPECT_EQ(s.result().usage.input_tokens, 25);
  EXPECT_EQ(s.result().usage.output_tokens, 15);
}

TEST(AnthropicStream, AToolAnswerIsTheToolsInputAndNotTheText) {
  auto feed = [](AnthropicStream& s) {
    s.on_event(event("message_start",
                     R"({"type":"message_start","message":{"model":"claude-x","usage":{}}})"));
    s.on_event(event(
        "content_block_start",
        R"({"type":"content_block_start","index":0,"content_block":{"type":"text","text":"Sure"}})"));
    s.on_event(event(
        "content_block_delta",
        R"({"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":", here."}})"));
    s.on_event(event(
        "content_block_start",
        R"({"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_1","name":"stories","input":{}}})"));
    for (const char* piece : {R"({\"stories\":)", R"([{\"title\":\"Pay\"}]})"}) {
      s.on_event(event(
          "content_block_delta",
          std::string(
              R"({"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":")") +
              piece + R"("}})"));
    }
    s.on_event(
        event("message_delta", R"({"type":"message_delta","delta":{"stop_reason":"tool_use"}})"));
    s.on_event(event("message_stop", R"({"type":"message_stop"})"));
  };
  std::string seen;
  AnthropicStream tool([&](std::string_view d) { seen += d; }, true);
  feed(tool);
  EXPECT_EQ(seen, R"({"stories":[{"title":"Pay"}]})");
  EXPECT_EQ(tool.result().text, seen);
  EXPECT_EQ(tool.result().stop_reason, "tool_use");
  AnthropicStream text([](std::string_view) {});
  feed(text);
  EXPECT_EQ(text.result().text, "Sure, here.");
}

TEST(AnthropicStream, ErrorEventsAndGarbageThrow) {
  AnthropicStream s([](std::string_view) {});
  try {
    s.on_event(event(
        "error", R"({"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}})"));
    FAIL();
  } catch (const ProviderError& e) {
    EXPECT_EQ(e.kind(), ProviderError::Kind::kUnavailable);
    EXPECT_NE(std::string(e.what()).find("Overloaded"), std::string::npos);
  }
  try {
    s.on_event(event("content_block_delta", "{not json"));
    FAIL();
  } catch (const ProviderError& e) {
    EXPECT_EQ(e.kind(), ProviderError::Kind::kBadResponse);
  }
}

}  // namespace
}  // namespace prism::ai
