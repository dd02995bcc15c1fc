#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace prism::store::search {

// A document or story of the organization that a search found.
struct Hit {
  enum class Kind { kDocument, kStory };
  Kind kind = Kind::kDocument;
  std::string id;
  std::string project_id;
  std::string project_name;
  std::string project_key;
  std::string title;
  std::string status;
  std::int64_t number = 0;  // stories: the number of their key
  std::int64_t updated_at = 0;
  bool in_title = false;  // every word is in the title
  // The full-text index's rank, higher is better; comparable within a kind.
  double score = 0;
  // What a snippet is cut from: a document's current content (its first
  // kMaxBodyChars characters, read by body_texts), a story's i_want and its
  // acceptance criteria, one per line.
  std::string body;
};

// A document's text is read only this far for its snippet, so a search
// reads a bounded amount whatever the documents hold.
inline constexpr std::int64_t kMaxBodyChars = 100000;

// Live documents / stories of live projects of the organization whose text
// has every word (the last also as a prefix), titles matches first, then by
// the index's rank; at most `limit`. Documents come without their body.
std::vector<Hit> documents(Tx& tx, std::string_view org_id, const std::vector<std::string>& words,
                           int limit);
std::vector<Hit> stories(Tx& tx, std::string_view org_id, const std::vector<std::string>& words,
                         int limit);
// The organization's live story with that key (project key and number).
std::optional<Hit> story_by_key(Tx& tx, std::string_view org_id, std::string_view project_key,
                                std::int64_t number);
// Fills in the body of each document hit (one statement for all).
void body_texts(Tx& tx, std::vector<Hit>& documents);

}  // namespace prism::store::search
