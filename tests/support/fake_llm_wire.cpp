#include "fake_llm_wire.hpp"

#include <boost/json.hpp>

namespace prism::testing {

namespace json = boost::json;

namespace {

std::string sse(const std::string& event, const json::value& data) {
  return (event.empty() ? "" : "event: " + event + "\n") + "data: " + json::serialize(data) +
         "\n\n";
}

std::string error_type_for(const FakeReply& reply, LlmDialect dialect) {
  if (!reply.error_type.empty()) return reply.error_type;
  bool anthropic = dialect == LlmDialect::kAnthropic;
  switch (reply.status) {
    case 401:
      return anthropic ? "authentication_error" : "invalid_request_error";
    case 403:
      return "permission_error";
    case 429:
      return anthropic ? "rate_limit_error" : "requests";
    case 529:
      return "overloaded_error";
    default:
      return reply.status >= 500 ? (anthropic ? "api_error" : "server_error")
                                 : "invalid_request_error";
  }
}

// With `tool` (the request forced a call of that tool) the text is the
// tool's input, streamed as input_json_delta, as the API answers tool_choice.
ScriptedStream anthropic_stream(const FakeReply& r, const std::string& model,
                                const std::vector<std::string>& parts, const std::string& tool) {
  ScriptedStream s;
  json::object usage{{"input_tokens", r.usage && !r.usage_in_final_only ? r.input_tokens : 0},
                     {"output_tokens", 1}};
  s.events.push_back(
      sse("message_start", json::object{{"type", "message_start"},
                                        {"message", json::object{{"id", "msg_fake"},
                                                                 {"type", "message"},
                                                                 {"role", "assistant"},
                                                                 {"content", json::array{}},
                                                                 {"model", model},
                                                                 {"stop_reason", nullptr},
                                                                 {"stop_sequence", nullptr},
                                                                 {"usage", usage}}}}));
  json::object block{{"type", "text"}, {"text", ""}};
  if (!tool.empty()) {
    block = json::object{
        {"type", "tool_use"}, {"id", "toolu_fake"}, {"name", tool}, {"input", json::object{}}};
  }
  s.events.push_back(
      sse("content_block_start",
          json::object{{"type", "content_block_start"}, {"index", 0}, {"content_block", block}}));
  s.events.push_back(sse("ping", json::object{{"type", "ping"}}));
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (static_cast<int>(i) == r.drop_after_deltas) return s.drop = true, s;
    if (static_cast<int>(i) == r.error_after_deltas) {
      s.events.push_back(
          sse("error", json::object{{"type", "error"},
                                    {"error", json::object{{"type", r.stream_error_type},
                                                           {"message", r.error_message}}}}));
      return s;
    }
    json::object delta{{"type", "text_delta"}, {"text", parts[i]}};
    if (!tool.empty())
      delta = json::object{{"type", "input_json_delta"}, {"partial_json", parts[i]}};
    s.events.push_back(
        sse("content_block_delta",
            json::object{{"type", "content_block_delta"}, {"index", 0}, {"delta", delta}}));
  }
  if (static_cast<int>(parts.size()) == r.drop_after_deltas) return s.drop = true, s;
  s.events.push_back(
      sse("content_block_stop", json::object{{"type", "content_block_stop"}, {"index", 0}}));
  json::object final_usage{{"output_tokens", r.usage ? r.output_tokens : 0}};
  if (r.usage && r.usage_in_final_only) final_usage["input_tokens"] = r.input_tokens;
  s.events.push_back(
      sse("message_delta",
          json::object{{"type", "message_delta"},
                       {"delta", json::object{{"stop_reason", !r.stop_reason.empty() ? r.stop_reason
                                                              : tool.empty()         ? "end_turn"
                                                                                     : "tool_use"},
                                              {"stop_sequence", nullptr}}},
                       {"usage", final_usage}}));
  s.events.push_back(sse("message_stop", json::object{{"type", "message_stop"}}));
  return s;
}

ScriptedStream openai_stream(const FakeReply& r, const std::string& model,
                             const std::vector<std::string>& parts, bool include_usage) {
  ScriptedStream s;
  auto chunk = [&](json::object delta, json::value finish) {
    json::object o{
        {"id", "chatcmpl-fake"},
        {"object", "chat.completion.chunk"},
        {"created", 1700000000},
        {"model", model},
        {"choices", json::array{json::object{
                        {"index", 0}, {"delta", std::move(delta)}, {"finish_reason", finish}}}}};
    if (include_usage && r.usage) o["usage"] = nullptr;
    return sse("", o);
  };
  s.events.push_back(chunk(json::object{{"role", "assistant"}, {"content", ""}}, nullptr));
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (static_cast<int>(i) == r.drop_after_deltas) return s.drop = true, s;
    if (static_cast<int>(i) == r.error_after_deltas) {
      s.events.push_back(sse("", json::object{{"error", json::object{{"message", r.error_message},
                                                                     {"type", r.stream_error_type},
                                                                     {"param", nullptr},
                                                                     {"code", nullptr}}}}));
      return s;
    }
    s.events.push_back(chunk(json::object{{"content", parts[i]}}, nullptr));
  }
  if (static_cast<int>(parts.size()) == r.drop_after_deltas) return s.drop = true, s;
  s.events.push_back(
      chunk(json::object{}, json::value(r.stop_reason.empty() ? "stop" : r.stop_reason)));
  if (include_usage && r.usage) {
    s.events.push_back(sse(
        "",
        json::object{{"id", "chatcmpl-fake"},
                     {"object", "chat.completion.chunk"},
                     {"created", 1700000000},
                     {"model", model},
                     {"choices", json::array{}},
                     {"usage", json::object{{"prompt_tokens", r.input_tokens},
                                            {"completion_tokens", r.output_tokens},
                                            {"total_tokens", r.input_tokens + r.output_tokens}}}}));
  }
  s.events.push_back("data: [DONE]\n\n");
  return s;
}

}  // namespace

std::vector<std::string> split_utf8(const std::string& text, int n) {
  std::vector<std::string> parts;
  if (n < 1) n = 1;
  std::size_t target = std::max<std::size_t>(1, text.size() / static_cast<std::size_t>(n));
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = static_cast<int>(parts.size()) == n - 1
                          ? text.size()
                          : std::min(text.size(), start + target);
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    parts.push_back(text.substr(start, end - start));
    start = end;
  }
  return parts;
}

ScriptedStream scripted_stream(LlmDialect dialect, const FakeReply& reply,
                               const std::string& requested_model, bool include_usage,
                               const std::string& forced_tool) {
  std::string model = reply.model.empty() ? requested_model : reply.model;
  auto parts = split_utf8(reply.text, reply.deltas);
  return dialect == LlmDialect::kAnthropic ? anthropic_stream(reply, model, parts, forced_tool)
                                           : openai_stream(reply, model, parts, include_usage);
}

std::string error_body(LlmDialect dialect, const FakeReply& reply) {
  std::string type = error_type_for(reply, dialect);
  if (dialect == LlmDialect::kAnthropic) {
    return json::serialize(
        json::object{{"type", "error"},
                     {"error", json::object{{"type", type}, {"message", reply.error_message}}}});
  }
  return json::serialize(json::object{{"error", json::object{{"message", reply.error_message},
                                                             {"type", type},
                                                             {"param", nullptr},
                                                             {"code", nullptr}}}});
}

std::string models_body(LlmDialect dialect, const std::vector<std::string>& ids) {
  boost::json::array data;
  for (const auto& id : ids) {
    if (dialect == LlmDialect::kAnthropic) {
      data.push_back(boost::json::object{{"type", "model"},
                                         {"id", id},
                                         {"display_name", id},
                                         {"created_at", "2026-01-01T00:00:00Z"}});
    } else {
      data.push_back(boost::json::object{
          {"id", id}, {"object", "model"}, {"created", 0}, {"owned_by", "fake"}});
    }
  }
  if (dialect == LlmDialect::kAnthropic) {
    return boost::json::serialize(boost::json::object{
        {"data", data},
        {"has_more", false},
        {"first_id", ids.empty() ? boost::json::value(nullptr) : boost::json::value(ids.front())},
        {"last_id", ids.empty() ? boost::json::value(nullptr) : boost::json::value(ids.back())}});
  }
  return boost::json::serialize(boost::json::object{{"object", "list"}, {"data", data}});
}

}  // namespace prism::testing
