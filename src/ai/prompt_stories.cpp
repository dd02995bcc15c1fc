// The stories prompt: user stories for a PRD's requirements, as structured
// output, in parts for a document too long for one call, with the
// functional requirements that still need a story named when coverage is
// asked for.
#include <algorithm>

#include "ai/prompt_common.hpp"
#include "ai/prompts.hpp"

namespace prism::ai {

namespace {

// Room kept for the system prompt and instructions around a stories part.
constexpr std::int64_t kStoriesOverheadTokens = 1500;

const std::string& stories_system() {
  static const std::string kSystem =
      "You are an agile product owner turning a PRD into user stories for the team that will "
      "build it.\n" +
      std::string(kDataRule) +
      "\n\nRules:\n"
      "- One story per capability a person uses. as_a is a persona the document names (not "
      "\"user\" when it names one); i_want is what they do, in their words, never \"that "
      "requirement FR-n is met\"; so_that is the benefit to them, not a restatement of i_want.\n"
      "- acceptance_criteria: one to five strings, each \"Given <context>, when <action>, then "
      "<observable outcome>\", testable, using the document's own numbers where it has them; "
      "cover the main path and at least one failure or edge case.\n"
      "- points: relative size, one of 1, 2, 3, 5, 8 or 13. priority: low, medium, high or "
      "critical, following the requirement's own priority when it states one.\n"
      "- requirement_ref: the id (FR-n, NFR-n or SM-n) of the requirement the story delivers, "
      "exactly as the document writes it, or null. Never invent an id.\n"
      "- No two stories want the same thing.\n"
      "- Answer with only the JSON object {\"stories\":[…]} matching the given schema: no prose, "
      "no code fences.";
  return kSystem;
}

std::string requirements_list(const std::vector<Requirement>& items) {
  std::string out;
  for (const auto& r : items) out += "- " + r.id + ": " + r.text + "\n";
  return out;
}

json::array ids_of(const std::vector<Requirement>& items) {
  json::array out;
  for (const auto& r : items) out.push_back(json::string(r.id));
  return out;
}

CompletionRequest stories_part(std::string_view part, int count,
                               const std::vector<Requirement>& cover, std::size_t index,
                               std::size_t total, const ModelLimits& limits,
                               std::int64_t max_tokens) {
  count = std::max(count, static_cast<int>(cover.size()));
  std::string user = "Write up to " + std::to_string(count) +
                     " user stories covering the requirements of this PRD.\n";
  if (total > 1) {
    user += "This is part " + std::to_string(index + 1) + " of " + std::to_string(total) +
            " of a long document; write stories only for the requirements in this part.\n";
  }
  user += data_block("document", part);
  if (!cover.empty()) {
    user +=
        "\nThese functional requirements have no story yet. Write at least one story for each, "
        "with its id as requirement_ref, before any other story:\n" +
        data_block("requirements", requirements_list(cover));
  }
  json::object input{{"count", count}};
  if (!cover.empty()) input["cover"] = ids_of(cover);
  json::object task{{"kind", "stories"},
                    {"input", std::move(input)},
                    {"document", part},
                    {"part", json::object{{"index", static_cast<std::int64_t>(index)},
                                          {"total", static_cast<std::int64_t>(total)}}}};
  auto r = prompt_base(stories_system(), std::move(user), std::move(task));
  r.json_output = true;
  r.json_schema = stories_schema();
  r.json_schema_name = "stories";
  r.temperature = 0.2;
  r.max_tokens = clamp_max_tokens(r, max_tokens, limits);
  return r;
}

}  // namespace

std::vector<CompletionRequest> stories_requests(std::string_view document, int count,
                                                const ModelLimits& limits, std::int64_t max_tokens,
                                                const std::vector<Requirement>& cover) {
  count = std::max(count, 1);
  std::int64_t answer = std::min(max_tokens, limits.max_output_tokens);
  std::int64_t budget =
      std::max<std::int64_t>(limits.context_window - answer - kStoriesOverheadTokens, 256);
  std::vector<std::string> parts = estimate_tokens(document) <= budget
                                       ? std::vector<std::string>{std::string(document)}
                                       : split_by_sections(document, budget);
  std::size_t total = parts.size();
  // Each requirement to cover goes with the part that defines it (the first
  // part that names it), else with the first part.
  std::vector<std::vector<Requirement>> covers(total);
  for (const auto& r : cover) {
    std::size_t at = 0;
    for (std::size_t i = 0; i < total; ++i) {
      if (parts[i].find(r.id) != std::string::npos) {
        at = i;
        break;
      }
    }
    covers[at].push_back(r);
  }
  std::vector<CompletionRequest> out;
  for (std::size_t i = 0; i < total; ++i) {
    // The count is spread evenly, the first parts taking the remainder, and
    // every part asks for at least one story.
    int share = count / static_cast<int>(total) +
                (static_cast<int>(i) < count % static_cast<int>(total) ? 1 : 0);
    out.push_back(
        stories_part(parts[i], std::max(share, 1), covers[i], i, total, limits, max_tokens));
  }
  return out;
}

CompletionRequest coverage_request(const CompletionRequest& original, std::string_view answer,
                                   const std::vector<Requirement>& missing) {
  CompletionRequest r = original;
  r.messages.push_back(Message{"assistant", std::string(answer)});
  r.messages.push_back(Message{
      "user",
      "These functional requirements still have no story:\n" +
          data_block("requirements", requirements_list(missing)) +
          "\nWrite one story for each of them, with its id as requirement_ref. Answer with only "
          "the JSON object {\"stories\":[…]} holding just these new stories."});
  json::object input{{"count", static_cast<std::int64_t>(missing.size())},
                     {"cover", ids_of(missing)}};
  r.task["input"] = std::move(input);
  r.task["coverage_followup"] = true;
  r.json_output = true;
  if (!r.json_schema) r.json_schema = stories_schema();
  return r;
}

}  // namespace prism::ai
