#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/caller.hpp"
#include "services/search/highlight.hpp"
#include "store/database.hpp"
#include "store/search_store.hpp"

namespace prism::services::search {

struct Result {
  store::search::Hit hit;
  std::optional<std::string> key;  // a story's key, CHK-12
  // "key" (q is the story's key), "title" (every word is in the title) or
  // "body" (the rest).
  std::string matched;
  std::vector<Segment> title;    // the title, its matching words marked
  std::vector<Segment> snippet;  // the body around its first match
};

struct Results {
  std::vector<Result> items;
  bool has_more = false;  // more matched than `limit`
};

// Search everywhere: the documents (current title and content, through the
// full-text index) and stories (title, i_want, acceptance criteria; or the
// key, CHK-12) of every project of the organization the caller reads, which
// today is every live project of an organization they belong to (roles are
// per organization). Another organization is 404; trashed documents, deleted
// stories and the contents of deleted projects are never found.
//
// Ranked: the story whose key q is, then matches with every word in the
// title, then the rest, each by the index's rank. At most `limit` results,
// each kind read at most limit + 1 deep, and documents' text read for the
// results alone (store::search::kMaxBodyChars each).
class SearchService {
 public:
  explicit SearchService(store::Database& db) : db_(db) {}

  // The raw ?q= and ?limit=: validated (422, parse_search_request) only once
  // the organization is known to be the caller's.
  Results search(const Caller& caller, std::string_view org_id, std::optional<std::string_view> q,
                 std::optional<std::string_view> limit);

 private:
  store::Database& db_;
};

}  // namespace prism::services::search
