#pragma once

// Highlighting for search results, done here rather than by the database so
// that both backends answer alike: the text is cut into pieces, each either
// plain or a match, and nothing in it is markup. Clients render the pieces as
// text (the web app wraps matches in <mark>), so user content can never
// become HTML on the way.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace prism::services::search {

struct Segment {
  std::string text;
  bool match = false;
};

// Tokens of `text` that a search for `words` matches (whole tokens, the last
// word also as a prefix), compared as the full-text index does: without case
// and, for Latin letters, without diacritics. Tokens are runs of letters and
// digits, as the index's unicode61 tokenizer sees them for most text.
std::vector<Segment> highlight(std::string_view text, const std::vector<std::string>& words);

// About `max_chars` characters of `text` (whitespace runs shown as one
// space, Markdown heading marks left out) around its first match, cut at word boundaries with "…"
// where text was left out; its beginning when nothing matches; empty for empty text.
std::vector<Segment> snippet(std::string_view text, const std::vector<std::string>& words,
                             std::size_t max_chars = 160);

// What a search word is compared as: lower case, Latin diacritics removed.
std::u32string fold(std::u32string_view text);

}  // namespace prism::services::search
