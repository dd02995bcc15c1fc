#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ai/provider.hpp"
#include "core/json.hpp"

namespace prism::ai {

// One user story as a model (or the template provider) proposes it.
struct Story {
  std::string title;
  std::string as_a;
  std::string i_want;
  std::string so_that;
  std::vector<std::string> acceptance_criteria;  // each "Given … when … then …"
  int points = 0;                                // 1, 2, 3, 5, 8 or 13
  std::string priority;                          // low | medium | high | critical
  std::optional<std::string> requirement_ref;    // e.g. "FR-3"
};

struct StoriesParse {
  std::vector<Story> stories;
  std::vector<std::string> problems;  // empty when the output was valid
  // An optional top-level "note" beside the stories, for the person asking:
  // the offline template says there why it made fewer stories than asked.
  std::optional<std::string> note;
  bool ok() const { return problems.empty(); }
};

// The JSON schema of a stories answer: {"stories":[Story…]}. Sent with the
// request (json_schema) so providers with a JSON mode can enforce it.
json::object stories_schema();

// The answer without the <think>…</think> blocks reasoning models put their
// chain of thought in; an unclosed block means the answer never left it, so
// everything after it goes.
std::string strip_think(std::string_view text);

// The JSON text inside a model's answer: drops <think>…</think> blocks, takes
// the body of a ``` / ```json fence when there is one, and otherwise the first
// balanced JSON object or array in the text (prose around it is ignored).
// nullopt when no JSON value can be found.
std::optional<std::string> extract_json(std::string_view model_output);

// Extracts and validates a stories answer. Every problem is reported (with the
// story index and field), so one repair attempt can fix them all. A bare array
// of stories is accepted as well as {"stories":[…]}, and a top-level "note"
// string is kept (StoriesParse::note) without being required.
StoriesParse parse_stories(std::string_view model_output);

// Whether `ref` is a requirement id: FR-n, NFR-n or SM-n.
bool is_requirement_ref(std::string_view ref);

// The request for the single repair attempt: the original conversation, the
// bad answer as the assistant's turn, and a user turn listing the problems
// and asking for the corrected JSON only. task["repair"] carries the problems.
CompletionRequest repair_request(const CompletionRequest& original, std::string_view bad_output,
                                 const std::vector<std::string>& problems);

json::object story_json(const Story& story);
json::object stories_json(const std::vector<Story>& stories);

}  // namespace prism::ai
