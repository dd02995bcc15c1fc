#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/database.hpp"

namespace prism::store::trash {

// A document in its organization's trash (documents.deleted_at is set), with
// what the trash shows about it.
struct TrashedDocument {
  std::string id;
  std::string org_id;
  std::string project_id;
  std::string project_name;
  std::string project_key;
  std::string title;
  std::string status;
  std::int64_t current_version = 0;
  std::int64_t deleted_at = 0;
  std::optional<std::string> deleted_by;  // NULL: deleted before deleted_by was recorded
  std::string deleted_by_name;            // users.name, "" when unknown
  // Share links that would work again on restore: neither revoked nor
  // expired at `now` of the read.
  std::int64_t share_links = 0;
};

// Position in the trash, newest deletion first: the last item's deleted_at
// and id.
struct TrashCursor {
  std::int64_t deleted_at = 0;
  std::string id;
};

// The organization's trashed documents whose project is live (a document of
// a deleted project went with its project and is not restorable on its own),
// newest deletion first, after `after`, at most `limit`.
std::vector<TrashedDocument> list(Tx& tx, std::string_view org_id,
                                  const std::optional<TrashCursor>& after, int limit,
                                  std::int64_t now);

// A document of a live project and organization, trashed or not, as a
// restore sees it, with the role of `user_id` in its organization (nullopt
// when not a member).
struct RestoreTarget {
  std::string id;
  std::string org_id;
  std::string project_id;
  std::string title;
  std::optional<std::int64_t> deleted_at;  // nullopt: not in the trash
  std::optional<std::string> deleted_by;
  std::optional<std::string> role;
};
std::optional<RestoreTarget> find_restore_target(Tx& tx, std::string_view user_id,
                                                 std::string_view id);

// Takes the document out of the trash; false when it was not in it.
bool restore(Tx& tx, std::string_view id, std::int64_t now);
// Share links of the document that work (not revoked, not expired at `now`).
std::int64_t working_share_links(Tx& tx, std::string_view document_id, std::int64_t now);

// Documents in the trash since before `cutoff` (purge_at passed), whatever
// their project's state, and how many versions they hold.
std::int64_t count_expired(Tx& tx, std::int64_t cutoff);
std::int64_t count_expired_versions(Tx& tx, std::int64_t cutoff);
struct Expired {
  std::string id;
  std::string org_id;
  std::string title;
  std::int64_t deleted_at = 0;
  std::int64_t versions = 0;
};
std::vector<Expired> expired_batch(Tx& tx, std::int64_t cutoff, int limit);
// Removes a trashed document for good: its row and, with it (foreign keys),
// its versions, share links and search entry. Stories that were generated
// from it stay in their backlog, no longer linked. False when the document
// was not in the trash (restored meanwhile).
bool purge(Tx& tx, std::string_view id);

}  // namespace prism::store::trash
