#pragma once

// Mentions in comment Markdown: `@[Name](user_id)`, as the web app's
// mention picker writes them.
#include <string>
#include <string_view>
#include <vector>

namespace prism::services::collab {

// The user ids mentioned, in order of first mention, without repeats; at
// most `limit` (a comment cannot notify a crowd).
std::vector<std::string> mentioned_ids(std::string_view markdown, std::size_t limit = 20);

// The text with each mention as "@Name": for e-mail, excerpts and rendering.
std::string with_plain_mentions(std::string_view markdown);

// At most `max_bytes` of plain text (mentions as "@Name", whitespace
// squashed, cut at a UTF-8 boundary with "…"): what a notification shows.
std::string excerpt(std::string_view markdown, std::size_t max_bytes = 200);

}  // namespace prism::services::collab
