#include "ai/openai/openai_provider.hpp"

#include "ai/http/sse_post.hpp"
#include "ai/model_list.hpp"
#include "ai/openai/openai_stream.hpp"
#include "ai/pricing.hpp"

namespace prism::ai {

namespace {

// Reasoning models accept only the default temperature.
bool fixed_temperature(const std::string& model) {
  return model.rfind("gpt-5", 0) == 0 || model.rfind("o1", 0) == 0 || model.rfind("o3", 0) == 0 ||
         model.rfind("o4", 0) == 0;
}

}  // namespace

OpenAiProvider::OpenAiProvider(RemoteSettings settings)
    : settings_(std::move(settings)), transport_("openai", "OpenAI", settings_.transport) {}

bool OpenAiProvider::official_api() const {
  return settings_.base_url.rfind("https://api.openai.com", 0) == 0;
}

std::string OpenAiProvider::label() const {
  // The base URL is not shown: every signed-in user reads the label
  // (GET /ai/providers), and an internal server's address is not theirs to know.
  return official_api() ? "OpenAI" : "OpenAI-compatible server";
}

std::vector<ModelInfo> OpenAiProvider::models() const {
  // A compatible server serves its own models: only the configured one is known.
  std::vector<ModelInfo> models =
      official_api() ? known_models("openai") : std::vector<ModelInfo>{};
  for (const auto& m : models) {
    if (m.id == settings_.model) return models;
  }
  ModelInfo info{settings_.model, 0, 0};
  if (auto known = find_known_model(settings_.model)) {
    info = ModelInfo{settings_.model, known->info.context_window, known->info.max_output_tokens};
  }
  models.insert(models.begin(), info);
  return models;
}

std::string OpenAiProvider::request_body(const CompletionRequest& request) const {
  std::string model = request.model.empty() ? settings_.model : request.model;
  json::object body;
  body["model"] = model;
  json::array messages;
  if (!request.system.empty())
    messages.push_back(json::object{{"role", "system"}, {"content", request.system}});
  for (const auto& m : request.messages)
    messages.push_back(json::object{{"role", m.role}, {"content", m.content}});
  body["messages"] = std::move(messages);
  // api.openai.com deprecated max_tokens; compatible servers mostly know only it.
  body[official_api() ? "max_completion_tokens" : "max_tokens"] =
      clamp_max_tokens(model, request.max_tokens);
  if (!fixed_temperature(model)) body["temperature"] = request.temperature;
  body["stream"] = true;
  body["stream_options"] = json::object{{"include_usage", true}};
  if (request.json_output && request.json_schema) {
    body["response_format"] =
        json::object{{"type", "json_schema"},
                     {"json_schema", json::object{{"name", request.json_schema_name},
                                                  {"schema", *request.json_schema},
                                                  {"strict", true}}}};
  } else if (request.json_output) {
    body["response_format"] = json::object{{"type", "json_object"}};
  }
  return json::serialize(body);
}

CompletionResult OpenAiProvider::stream(const CompletionRequest& request,
                                        const std::function<void(std::string_view)>& on_delta,
                                        const CancelToken& cancel) {
  auto post = remote_request<http::PostRequest>(settings_, "/chat/completions");
  post.body = request_body(request);
  post.headers = {"Content-Type: application/json"};
  if (!settings_.api_key.empty())
    post.headers.push_back("Authorization: Bearer " + settings_.api_key);

  OpenAiStream state(on_delta);
  http::post_sse(transport_, post, state, cancel);

  CompletionResult result = state.result();
  if (result.model.empty()) result.model = request.model.empty() ? settings_.model : request.model;
  if (!state.usage_seen()) {
    // Many compatible servers send no usage: count roughly so cost and limits still work.
    std::int64_t input = estimate_tokens(request.system);
    for (const auto& m : request.messages) input += estimate_tokens(m.content) + 4;
    result.usage = Usage{input, estimate_tokens(result.text), true};
  }
  return result;
}

std::vector<std::string> OpenAiProvider::list_models(const CancelToken& cancel) {
  auto get = remote_request<http::GetRequest>(settings_, "/models");
  if (!settings_.api_key.empty()) get.headers = {"Authorization: Bearer " + settings_.api_key};
  return fetch_model_ids(get, "openai", label(), settings_.transport, cancel);
}

}  // namespace prism::ai
