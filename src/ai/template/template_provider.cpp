#include "ai/template/template_provider.hpp"

#include <thread>

#include "ai/prompts.hpp"

namespace prism::ai {

namespace {

std::string task_kind(const json::object& task) {
  auto* k = task.if_contains("kind");
  return k && k->is_string() ? std::string(k->as_string()) : std::string();
}

// Pieces of `text` holding `words` words each, whitespace kept with the word
// before it, so concatenating them gives the text back.
std::vector<std::string_view> chunks(std::string_view text, std::size_t words) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  std::size_t count = 0;
  std::size_t i = 0;
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  while (i < text.size()) {
    while (i < text.size() && !is_space(text[i])) ++i;
    while (i < text.size() && is_space(text[i])) ++i;
    if (++count == words) {
      out.push_back(text.substr(start, i - start));
      start = i;
      count = 0;
    }
  }
  if (start < text.size()) out.push_back(text.substr(start));
  return out;
}

}  // namespace

TemplateProvider::TemplateProvider(std::size_t words_per_chunk,
                                   std::chrono::milliseconds chunk_delay)
    : words_per_chunk_(words_per_chunk == 0 ? 1 : words_per_chunk), chunk_delay_(chunk_delay) {}

std::vector<ModelInfo> TemplateProvider::models() const {
  // No real limits: the template writes what the inputs give it.
  return {ModelInfo{kModel, 1'000'000, 1'000'000}};
}

std::string TemplateProvider::compose(const json::object& task) {
  std::string kind = task_kind(task);
  if (kind == "prd") return template_compose::prd(task);
  if (kind == "section") return template_compose::section(task);
  if (kind == "stories") return template_compose::stories(task);
  throw ProviderError(ProviderError::Kind::kBadRequest, kName,
                      "the template provider cannot answer a task of kind \"" + kind + "\"");
}

CompletionResult TemplateProvider::stream(const CompletionRequest& request,
                                          const std::function<void(std::string_view)>& on_delta,
                                          const CancelToken& cancel) {
  if (cancel.cancelled()) throw ProviderError(ProviderError::Kind::kCancelled, kName, "cancelled");
  std::string text = compose(request.task);
  for (auto piece : chunks(text, words_per_chunk_)) {
    if (cancel.cancelled()) {
      throw ProviderError(ProviderError::Kind::kCancelled, kName, "cancelled");
    }
    on_delta(piece);
    // Lets the thread consuming the deltas run; there is no model to wait for.
    if (chunk_delay_.count() > 0) {
      std::this_thread::sleep_for(chunk_delay_);
    } else {
      std::this_thread::yield();
    }
  }
  CompletionResult result;
  result.usage = Usage{estimate_tokens(request), estimate_tokens(text), true};
  result.model = request.model.empty() ? std::string(kModel) : request.model;
  result.stop_reason = "end_turn";
  result.text = std::move(text);
  return result;
}

}  // namespace prism::ai
