#include "ai/anthropic/anthropic_stream.hpp"

#include "core/json.hpp"

namespace prism::ai {

namespace {

using Kind = ProviderError::Kind;

ProviderError bad_response(const std::string& what) {
  return ProviderError(Kind::kBadResponse, "anthropic",
                       "Anthropic sent an unreadable stream: " + what);
}

const json::object* object_at(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_object() ? &v->as_object() : nullptr;
}

std::string string_at(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::int64_t int_at(const json::object* o, std::string_view key, std::int64_t fallback) {
  if (o == nullptr) return fallback;
  const json::value* v = o->if_contains(key);
  return v != nullptr && v->is_int64() ? v->as_int64() : fallback;
}

}  // namespace

void AnthropicStream::reset() {
  result_ = CompletionResult{};
  delivered_ = false;
  stopped_ = false;
}

void AnthropicStream::emit(std::string_view text) {
  if (text.empty()) return;
  result_.text.append(text);
  delivered_ = true;
  on_delta_(text);
}

void AnthropicStream::on_event(const SseEvent& event) {
  boost::system::error_code ec;
  json::value doc = json::parse(event.data, ec);
  if (ec || !doc.is_object())
    throw bad_response("event \"" + event.event + "\" is not a JSON object");
  const json::object& o = doc.as_object();
  std::string type = string_at(o, "type");
  if (type.empty()) type = event.event;

  if (type == "message_start") {
    const json::object* message = object_at(o, "message");
    if (message == nullptr) throw bad_response("message_start without a message");
    result_.model = string_at(*message, "model");
    const json::object* usage = object_at(*message, "usage");
    result_.usage.input_tokens = int_at(usage, "input_tokens", 0);
    result_.usage.output_tokens = int_at(usage, "output_tokens", 0);
  } else if (type == "content_block_start") {
    const json::object* block = object_at(o, "content_block");
    if (block != nullptr && !tool_answer_ && string_at(*block, "type") == "text")
      emit(string_at(*block, "text"));
  } else if (type == "content_block_delta") {
    const json::object* delta = object_at(o, "delta");
    if (delta == nullptr) throw bad_response("content_block_delta without a delta");
    // Thinking and signature deltas are never part of the answer text; the
    // tool's input is when the answer was asked for through the tool.
    std::string kind = string_at(*delta, "type");
    if (kind == "text_delta" && !tool_answer_) emit(string_at(*delta, "text"));
    if (kind == "input_json_delta" && tool_answer_) emit(string_at(*delta, "partial_json"));
  } else if (type == "message_delta") {
    if (const json::object* delta = object_at(o, "delta")) {
      if (std::string stop = string_at(*delta, "stop_reason"); !stop.empty())
        result_.stop_reason = stop;
    }
    // message_delta carries the cumulative counts; input_tokens only on newer API versions.
    const json::object* usage = object_at(o, "usage");
    result_.usage.output_tokens = int_at(usage, "output_tokens", result_.usage.output_tokens);
    result_.usage.input_tokens =
        std::max(result_.usage.input_tokens, int_at(usage, "input_tokens", 0));
  } else if (type == "message_stop") {
    stopped_ = true;
  } else if (type == "error") {
    const json::object* error = object_at(o, "error");
    std::string kind = error ? string_at(*error, "type") : "";
    std::string message = error ? string_at(*error, "message") : "";
    bool transient = kind == "overloaded_error" || kind == "api_error";
    throw ProviderError(transient ? Kind::kUnavailable : Kind::kBadResponse, "anthropic",
                        "Anthropic stopped with " +
                            (kind.empty() ? std::string("an error") : kind) +
                            (message.empty() ? "" : ": " + message.substr(0, 500)));
  }
  // ping, content_block_stop and event types added later need nothing.
}

void AnthropicStream::finish() const {
  if (!stopped_) {
    throw ProviderError(Kind::kUnavailable, "anthropic",
                        "Anthropic's stream ended before message_stop");
  }
}

}  // namespace prism::ai
