#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/caller.hpp"
#include "services/documents/documents_service.hpp"
#include "services/stories/stories_rules.hpp"
#include "store/database.hpp"
#include "store/stories_store.hpp"

namespace prism::services {

using Story = store::stories::Story;

struct StoryQuery {
  std::optional<std::string> status;
  std::optional<std::string> document_id;
  std::optional<std::string> priority;
  std::optional<std::string> cursor;
  int limit = 50;
  // ?key=CHK-12: only that story (none when CHK is not the project's
  // current key); 422 when it is not a story key.
  std::optional<std::string> key;
  // ?q=: stories whose title contains the text, or whose key ("CHK-12"),
  // "#12" or number ("12") it is.
  std::optional<std::string> text;
};

enum class StoryExportFormat { kCsv, kMarkdown, kJson };

// The backlog of a project: user stories written by people or applied from a
// "stories" generation. Any member of the organization reads them, members
// and above write them; another organization's stories are 404.
class StoriesService {
 public:
  explicit StoriesService(store::Database& db) : db_(db) {}

  // The story gets the project's next number (its key: CHK-12).
  Story create(const Caller& caller, std::string_view project_id, const NewStory& input);
  Story get(const Caller& caller, std::string_view story_id);
  // In creation order; up to query.limit + 1 stories so the caller can tell
  // whether another page exists. 422 on an unknown status or priority.
  std::vector<Story> list(const Caller& caller, std::string_view project_id,
                          const StoryQuery& query);
  Story update(const Caller& caller, std::string_view story_id, const StoryChanges& changes);
  void remove(const Caller& caller, std::string_view story_id);
  // Every story matching the query's filters (not paged), as a file named
  // after the project key.
  ExportFile export_stories(const Caller& caller, std::string_view project_id,
                            const StoryQuery& query, StoryExportFormat format);

  // For applying a "stories" generation inside the caller's write transaction
  // (the one that marks the generation applied), so both commit or neither:
  // checks the caller is a member or above of the project (404/403), validates
  // every story (422 with fields named "stories[i].title" …), checks that
  // `document_id` (and any story's own document_id, which wins) is a live
  // document of the project (422), inserts them in order with generation_id
  // set and audits each as story.created. Returns the stored stories.
  std::vector<Story> add_stories_in_tx(store::Tx& tx, const Caller& caller,
                                       std::string_view project_id,
                                       const std::optional<std::string>& document_id,
                                       const std::optional<std::string>& generation_id,
                                       const std::vector<NewStory>& stories);

 private:
  store::Database& db_;
};

}  // namespace prism::services
