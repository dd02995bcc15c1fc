#pragma once

// What a search across an organization accepts: bounded work per request.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/stories/story_keys.hpp"

namespace prism::services::search {

inline constexpr std::size_t kMaxQueryChars = 200;
inline constexpr int kDefaultLimit = 20;
inline constexpr int kMaxLimit = 50;

struct SearchRequest {
  std::vector<std::string> words;  // services::search_words of q (at most 16)
  std::optional<StoryKey> key;     // q is a story key, "CHK-12"
  int limit = kDefaultLimit;
};

// ?q= (required: 1–200 characters of UTF-8 with a letter or digit) and
// ?limit= (1–50, default 20); 422 naming every bad one.
SearchRequest parse_search_request(std::optional<std::string_view> q,
                                   std::optional<std::string_view> limit);

}  // namespace prism::services::search
