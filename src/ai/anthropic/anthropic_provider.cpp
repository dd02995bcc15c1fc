#include "ai/anthropic/anthropic_provider.hpp"

#include "ai/anthropic/anthropic_stream.hpp"
#include "ai/http/sse_post.hpp"
#include "ai/model_list.hpp"
#include "ai/pricing.hpp"

namespace prism::ai {

namespace {

std::vector<ModelInfo> with_model(std::vector<ModelInfo> models, const std::string& model) {
  for (const auto& m : models) {
    if (m.id == model) return models;
  }
  ModelInfo info{model, 0, 0};
  if (auto known = find_known_model(model))
    info = ModelInfo{model, known->info.context_window, known->info.max_output_tokens};
  models.insert(models.begin(), info);
  return models;
}

// A JSON answer with a schema is asked for through a forced tool call.
bool uses_tool(const CompletionRequest& request) {
  return request.json_output && request.json_schema.has_value();
}

}  // namespace

AnthropicProvider::AnthropicProvider(RemoteSettings settings)
    : settings_(std::move(settings)), transport_("anthropic", "Anthropic", settings_.transport) {}

std::vector<ModelInfo> AnthropicProvider::models() const {
  return with_model(known_models("anthropic"), settings_.model);
}

std::string AnthropicProvider::request_body(const CompletionRequest& request) const {
  std::string model = request.model.empty() ? settings_.model : request.model;
  json::object body;
  body["model"] = model;
  body["max_tokens"] = clamp_max_tokens(model, request.max_tokens);
  body["temperature"] = request.temperature;
  std::string system = request.system;
  if (uses_tool(request)) {
    // Structured output: the model must call one tool whose input schema is
    // the answer's, and the tool's input is the answer.
    body["tools"] = json::array{
        json::object{{"name", request.json_schema_name},
                     {"description",
                      "Records the complete answer. Call it exactly once, with the whole answer "
                      "as its input."},
                     {"input_schema", *request.json_schema}}};
    body["tool_choice"] = json::object{{"type", "tool"}, {"name", request.json_schema_name}};
  } else if (request.json_output) {
    // No schema to bind a tool to: ask for JSON in the system prompt.
    system += std::string(system.empty() ? "" : "\n\n") +
              "Answer with one JSON object only, with no Markdown fences and no text around it.";
  }
  if (!system.empty()) body["system"] = system;
  json::array messages;
  for (const auto& m : request.messages)
    messages.push_back(json::object{{"role", m.role}, {"content", m.content}});
  body["messages"] = std::move(messages);
  body["stream"] = true;
  return json::serialize(body);
}

CompletionResult AnthropicProvider::stream(const CompletionRequest& request,
                                           const std::function<void(std::string_view)>& on_delta,
                                           const CancelToken& cancel) {
  auto post = remote_request<http::PostRequest>(settings_, "/v1/messages");
  post.body = request_body(request);
  post.headers = {"content-type: application/json", "anthropic-version: 2023-06-01"};
  if (!settings_.api_key.empty()) post.headers.push_back("x-api-key: " + settings_.api_key);

  AnthropicStream state(on_delta, uses_tool(request));
  http::post_sse(transport_, post, state, cancel);

  CompletionResult result = state.result();
  if (result.model.empty()) result.model = request.model.empty() ? settings_.model : request.model;
  return result;
}

std::vector<std::string> AnthropicProvider::list_models(const CancelToken& cancel) {
  auto get = remote_request<http::GetRequest>(settings_, "/v1/models?limit=1000");
  get.headers = {"anthropic-version: 2023-06-01"};
  if (!settings_.api_key.empty()) get.headers.push_back("x-api-key: " + settings_.api_key);
  return fetch_model_ids(get, "anthropic", "Anthropic", settings_.transport, cancel);
}

}  // namespace prism::ai
