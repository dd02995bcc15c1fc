#include "services/search/search_service.hpp"

#include <algorithm>

#include "services/access.hpp"
#include "services/search/search_rules.hpp"
#include "services/stories/story_keys.hpp"

namespace prism::services::search {

namespace {

using Hit = store::search::Hit;

Result result_of(Hit hit, const std::vector<std::string>& words, std::string matched) {
  Result r;
  r.title = highlight(hit.title, words);
  r.snippet = snippet(hit.body, words);
  if (hit.kind == Hit::Kind::kStory) r.key = story_key(hit.project_key, hit.number);
  r.matched = std::move(matched);
  r.hit = std::move(hit);
  r.hit.body.clear();  // said by the snippet
  return r;
}

}  // namespace

Results SearchService::search(const Caller& caller, std::string_view org_id,
                              std::optional<std::string_view> q,
                              std::optional<std::string_view> limit) {
  struct Found {
    std::optional<Hit> by_key;
    std::vector<Hit> hits;
  };
  SearchRequest request;
  Found found = db_.read([&](store::Tx& tx) {
    require_org(tx, caller.user_id, org_id, Role::kViewer);
    request = parse_search_request(q, limit);
    Found f;
    if (request.key) {
      f.by_key =
          store::search::story_by_key(tx, org_id, request.key->project_key, request.key->number);
    }
    f.hits = store::search::documents(tx, org_id, request.words, request.limit + 1);
    auto stories = store::search::stories(tx, org_id, request.words, request.limit + 1);
    // Documents and stories in one ranking: title matches first, then the
    // index's rank (each kind's own scale; close enough to interleave).
    std::move(stories.begin(), stories.end(), std::back_inserter(f.hits));
    std::stable_sort(f.hits.begin(), f.hits.end(), [](const Hit& a, const Hit& b) {
      if (a.in_title != b.in_title) return a.in_title;
      return a.score > b.score;
    });
    if (f.by_key) {
      std::erase_if(f.hits, [&](const Hit& h) { return h.id == f.by_key->id; });
    }
    std::size_t room = static_cast<std::size_t>(request.limit) - (f.by_key ? 1 : 0);
    if (f.hits.size() > room + 1) f.hits.resize(room + 1);
    // The text of the documents shown, read once for all of them.
    std::vector<Hit> docs;
    for (std::size_t i = 0; i < std::min(room, f.hits.size()); ++i) {
      if (f.hits[i].kind == Hit::Kind::kDocument) docs.push_back(f.hits[i]);
    }
    store::search::body_texts(tx, docs);
    for (auto& d : docs) {
      for (auto& h : f.hits) {
        if (h.id == d.id) h.body = std::move(d.body);
      }
    }
    return f;
  });

  Results out;
  std::size_t room = static_cast<std::size_t>(request.limit) - (found.by_key ? 1 : 0);
  if (found.by_key) out.items.push_back(result_of(std::move(*found.by_key), request.words, "key"));
  out.has_more = found.hits.size() > room;
  for (std::size_t i = 0; i < std::min(room, found.hits.size()); ++i) {
    bool in_title = found.hits[i].in_title;
    out.items.push_back(
        result_of(std::move(found.hits[i]), request.words, in_title ? "title" : "body"));
  }
  return out;
}

}  // namespace prism::services::search
