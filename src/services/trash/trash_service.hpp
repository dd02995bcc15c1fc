#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/caller.hpp"
#include "services/trash/trash_rules.hpp"
#include "store/database.hpp"
#include "store/documents_store.hpp"
#include "store/trash_store.hpp"

namespace prism::services::trash {

// A document in the trash as the caller sees it.
struct TrashItem {
  store::trash::TrashedDocument document;
  std::int64_t purge_at = 0;
  bool can_restore = false;  // whether the caller may restore it (may_restore)
};

struct RestoredDocument {
  store::documents::Document document;
  // Share links that work again: those neither revoked nor expired. They
  // answered 404 while the document was in the trash and come back as they
  // were; the trash listed how many would, so the restorer knew.
  std::int64_t share_links = 0;
};

// An organization's trash: documents deleted (DocumentsService::remove) stay
// there, with their versions, story links and share links, for
// `retention_days`, then the cleanup purges them (purge.hpp).
//
// A deleted project takes its documents out of reach with it: they are not
// in the trash and cannot be restored one by one (there is no project
// restore). A document trashed before its project was deleted is still
// purged when its time comes.
class TrashService {
 public:
  TrashService(store::Database& db, int retention_days)
      : db_(db), retention_days_(retention_days) {}

  // Any member of the organization (every member reads every project);
  // another organization's is 404. Newest deletion first, up to limit + 1.
  std::vector<TrashItem> list(const Caller& caller, std::string_view org_id,
                              const std::optional<Position>& after, int limit);
  // Administrators and owners, and the member who deleted it (403 for
  // others); 409 `not_in_trash` for a live document; 404 for another
  // organization's, a purged one, or one whose project is deleted. The
  // document comes back with every version as it was.
  RestoredDocument restore(const Caller& caller, std::string_view document_id);

  int retention_days() const { return retention_days_; }

 private:
  store::Database& db_;
  const int retention_days_;
};

}  // namespace prism::services::trash
