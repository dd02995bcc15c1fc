#pragma once

// What a valid story is, shared by the API input, PATCH merging and AI
// proposals applied into the backlog (so a generated story obeys the same rules).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/json.hpp"

namespace prism::services {

inline constexpr std::size_t kMaxStoryTitleChars = 200;
inline constexpr std::size_t kMaxStoryTextChars = 1000;
inline constexpr std::size_t kMaxAcceptanceCriteria = 30;

// A story as a client (or a generation) proposes it.
struct NewStory {
  std::string title;
  std::string as_a;
  std::string i_want;
  std::string so_that;
  std::vector<std::string> acceptance_criteria;
  std::optional<std::int64_t> points;
  std::string priority = "medium";
  std::string status = "todo";
  std::optional<std::string> requirement_ref;
  std::optional<std::string> document_id;
};

// A PATCH: a missing field keeps its value; for the nullable ones an inner
// nullopt clears it.
struct StoryChanges {
  std::optional<std::string> title;
  std::optional<std::string> as_a;
  std::optional<std::string> i_want;
  std::optional<std::string> so_that;
  std::optional<std::vector<std::string>> acceptance_criteria;
  std::optional<std::optional<std::int64_t>> points;
  std::optional<std::string> priority;
  std::optional<std::string> status;
  std::optional<std::optional<std::string>> requirement_ref;
  std::optional<std::optional<std::string>> document_id;

  bool empty() const;
};

bool is_story_priority(std::string_view p);
bool is_story_status(std::string_view s);
bool is_story_points(std::int64_t points);

// Each returns the problem with the value, nullopt when it is valid.
std::optional<std::string> title_problem(std::string_view title);
std::optional<std::string> text_problem(std::string_view text);
std::optional<std::string> criteria_problem(const std::vector<std::string>& criteria);
std::optional<std::string> points_problem(std::int64_t points);
std::optional<std::string> priority_problem(std::string_view priority);
std::optional<std::string> status_problem(std::string_view status);
std::optional<std::string> requirement_ref_problem(std::string_view ref);

// Trims the title and the texts, upper-cases the requirement id ("fr-3" → "FR-3")
// and drops a blank requirement id.
NewStory normalized(NewStory story);
// Every problem of the story, field names prefixed with `prefix` ("stories[2].title").
std::vector<FieldError> story_problems(const NewStory& story, const std::string& prefix = {});

// The JSON bodies of POST and PATCH; 422 with every problem at once.
NewStory parse_new_story(const json::object& body);
StoryChanges parse_story_changes(const json::object& body);

}  // namespace prism::services
