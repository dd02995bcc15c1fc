#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ai/provider.hpp"
#include "ai/requirements.hpp"
#include "core/activity.hpp"
#include "core/json.hpp"
#include "services/caller.hpp"
#include "store/database.hpp"

namespace prism::services::generations {

// What a prompt is built from: the validated input and, for section and
// stories, the document the generation starts from.
struct PromptContext {
  std::string org_id;
  std::string kind;
  json::object input;
  std::string template_name;
  std::string model;
  std::optional<double> temperature;
  std::optional<std::int64_t> max_tokens;
  std::string document_title;
  std::string document_content;
  std::string document_template;  // the template the document was made from, if any
  std::string section_title;      // section: the section's title as the document writes it
  std::string section_text;       // section: the current body of the section
  // stories with coverage: the functional requirements without a story yet.
  std::vector<ai::Requirement> cover;
};

struct ParsedStories {
  json::array stories;
  std::optional<std::string> note;
};

// Stories accepted by /apply, in the shape parse_stories returns.
struct StoriesToAdd {
  Caller caller;
  std::string org_id;
  std::string project_id;
  std::string document_id;
  std::string generation_id;
  json::array stories;
};

// The AI pieces the generation flow uses, wired in Application from the
// provider registry, pricing table, prompt builders, structured-output
// parser and the stories service. Functions, so the flow depends on what it
// calls and not on how those pieces are built.
// A provider someone else owns (the registry's), as find_provider answers.
inline std::shared_ptr<ai::Provider> borrow(ai::Provider& provider) {
  return std::shared_ptr<ai::Provider>(&provider, [](ai::Provider*) {});
}

struct AiHooks {
  // The provider named for the organization, or its default one for an
  // empty name (its own settings first, then the server's); nullptr when
  // none is configured. Shared: an organization's provider is made for the
  // generation and lives as long as it runs.
  std::function<std::shared_ptr<ai::Provider>(std::string_view org_id, std::string_view name)>
      find_provider;
  std::function<double(std::string_view provider, std::string_view model, const ai::Usage&)>
      cost_usd;
  // The provider calls of one generation: one for prd and section; stories
  // of a document too long for one call get one per part (group of sections).
  std::function<std::vector<ai::CompletionRequest>(const PromptContext&)> build_requests;
  // Parses model output into a JSON array of stories, and the note the
  // answer may carry beside them (the offline template says there why it
  // made fewer than asked); throws std::exception (with a message saying
  // what is wrong) when invalid.
  std::function<ParsedStories(std::string_view text)> parse_stories;
  // The parts' stories (each as parse_stories returned them) as one list
  // without repeats, at most `count`; unset: the parts are concatenated.
  std::function<json::array(const std::vector<json::array>& parts, int count)> merge_stories;
  // The follow-up request asking the model to fix invalid output.
  std::function<ai::CompletionRequest(const ai::CompletionRequest& original,
                                      std::string_view bad_output, std::string_view problem)>
      repair_request;
  // The follow-up asking for stories for the requirements an answer left
  // uncovered (see ai::coverage_request); unset: no follow-up is made.
  std::function<ai::CompletionRequest(const ai::CompletionRequest& original,
                                      std::string_view answer,
                                      const std::vector<ai::Requirement>& missing)>
      coverage_request;
  // The version of a template (built-in or the org's); 1 when unknown to the hook.
  std::function<std::int64_t(std::string_view org_id, std::string_view template_name)>
      template_version;
  // Adds the stories to the backlog inside the caller's transaction; returns them as stored.
  std::function<json::array(store::Tx& tx, const StoriesToAdd& add)> add_stories_in_tx;
};

struct GenerationLimits {
  std::int64_t cache_ttl_seconds = 24 * 3600;
  std::int64_t max_running_per_org = 5;
  // Queued or running generations one user may have across all of their
  // organizations, so that no account fills the workers by making several.
  std::int64_t max_running_per_user = 3;
  // Where e-mail is really sent (SMTP configured), only accounts that have
  // confirmed their address may spend AI budget.
  bool require_verified_email = false;
  std::int64_t per_user_per_hour = 60;
  int worker_threads = 4;
  std::size_t queue_capacity = 1000;
  std::string default_template = "comprehensive";
  // Several instances share the database: generations' events go to it in
  // pages for the others to stream (EventShipper, EventFollowers), and a
  // generation is interrupted when its instance stops beating rather than
  // when any instance starts.
  bool share_events = false;
  // Sweeping other instances' interrupted generations waits for someone to
  // use this instance (null: always sweep).
  const Activity* activity = nullptr;
};

}  // namespace prism::services::generations
