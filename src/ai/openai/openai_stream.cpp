#include "ai/openai/openai_stream.hpp"

#include "core/json.hpp"

namespace prism::ai {

namespace {

using Kind = ProviderError::Kind;

std::string string_at(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->as_string()) : std::string();
}

std::int64_t int_at(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_int64() ? v->as_int64() : 0;
}

}  // namespace

std::int64_t estimate_stream_tokens(std::string_view text) {
  std::int64_t code_points = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++code_points;
  }
  return (code_points + 3) / 4;
}

void OpenAiStream::reset() {
  result_ = CompletionResult{};
  delivered_ = false;
  done_ = false;
  usage_seen_ = false;
}

void OpenAiStream::on_event(const SseEvent& event) {
  if (event.data == "[DONE]") {
    done_ = true;
    return;
  }
  boost::system::error_code ec;
  json::value doc = json::parse(event.data, ec);
  if (ec || !doc.is_object()) {
    throw ProviderError(Kind::kBadResponse, "openai", "OpenAI sent an unreadable stream chunk");
  }
  const json::object& o = doc.as_object();
  if (const json::value* error = o.if_contains("error"); error != nullptr && !error->is_null()) {
    std::string message = error->is_object() ? string_at(error->as_object(), "message") : "";
    std::string type = error->is_object() ? string_at(error->as_object(), "type") : "";
    bool transient = type == "server_error" || type == "overloaded_error";
    throw ProviderError(
        transient ? Kind::kUnavailable : Kind::kBadResponse, "openai",
        "OpenAI stopped with an error" + (message.empty() ? "" : ": " + message.substr(0, 500)));
  }
  if (std::string model = string_at(o, "model"); !model.empty()) result_.model = model;
  if (const json::value* choices = o.if_contains("choices");
      choices != nullptr && choices->is_array() && !choices->as_array().empty()) {
    const json::value& choice = choices->as_array().front();
    if (choice.is_object()) {
      const json::value* delta = choice.as_object().if_contains("delta");
      if (delta != nullptr && delta->is_object()) {
        std::string text = string_at(delta->as_object(), "content");
        if (!text.empty()) {
          result_.text.append(text);
          delivered_ = true;
          on_delta_(text);
        }
      }
      if (std::string reason = string_at(choice.as_object(), "finish_reason"); !reason.empty()) {
        result_.stop_reason = reason;
      }
    }
  }
  if (const json::value* usage = o.if_contains("usage"); usage != nullptr && usage->is_object()) {
    result_.usage.input_tokens = int_at(usage->as_object(), "prompt_tokens");
    result_.usage.output_tokens = int_at(usage->as_object(), "completion_tokens");
    usage_seen_ = true;
  }
}

void OpenAiStream::finish() const {
  if (!done_ && result_.stop_reason.empty()) {
    throw ProviderError(Kind::kUnavailable, "openai", "OpenAI's stream ended before it finished");
  }
}

}  // namespace prism::ai
