#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "ai/provider.hpp"
#include "core/json.hpp"

namespace prism::ai {

// The built-in offline provider: no model, no network. It composes a PRD
// deterministically from the request's `task` (kind, input, template
// sections), writes each section for its own purpose from the user's inputs,
// numbers requirements with [N] targets to fill in, and leaves honest
// "> To complete: …" guidance where a person must write. It is labelled
// everywhere as a template, never as AI.
class TemplateProvider : public Provider {
 public:
  static constexpr const char* kName = "template";
  static constexpr const char* kModel = "template-v1";

  // `words_per_chunk`: how many words each streamed delta carries;
  // `chunk_delay`: a pause after each one (AI_TEMPLATE_CHUNK_DELAY_MS).
  explicit TemplateProvider(std::size_t words_per_chunk = 4,
                            std::chrono::milliseconds chunk_delay = std::chrono::milliseconds(0));

  std::string name() const override { return kName; }
  std::string label() const override { return "Template (offline, not AI)"; }
  bool is_ai() const override { return false; }
  std::string default_model() const override { return kModel; }
  std::vector<ModelInfo> models() const override;
  // Streams compose(request.task) in chunks, checking `cancel` before each
  // one; usage is estimated (ai/tokens.hpp) and costs nothing.
  CompletionResult stream(const CompletionRequest& request,
                          const std::function<void(std::string_view)>& on_delta,
                          const CancelToken& cancel) override;

  // The whole answer for a task: Markdown for "prd" and "section", stories
  // JSON for "stories". Throws ProviderError{kBadRequest} for another kind.
  static std::string compose(const json::object& task);

 private:
  std::size_t words_per_chunk_;
  std::chrono::milliseconds chunk_delay_;
};

// The pieces compose() is made of.
namespace template_compose {
// template_prd.cpp: the PRD in Markdown.
std::string prd(const json::object& task);
// template_section.cpp: the section's new body, for the edits that can be
// made by rule (bullet list, requirement ids, targets, acceptance criteria,
// shorter paragraphs); otherwise the body unchanged under a
// "> Note (offline template): …" line saying why.
std::string section(const json::object& task);
// template_stories.cpp: {"stories":[…]} with, when fewer stories than asked
// for could be made (or no persona was found), a top-level "note" saying why.
std::string stories(const json::object& task);
}  // namespace template_compose

}  // namespace prism::ai
