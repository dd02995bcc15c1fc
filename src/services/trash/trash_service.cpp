#include "services/trash/trash_service.hpp"

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/json.hpp"
#include "services/access.hpp"
#include "services/audit/audit.hpp"
#include "store/change_feed.hpp"

namespace prism::services::trash {

std::vector<TrashItem> TrashService::list(const Caller& caller, std::string_view org_id,
                                          const std::optional<Position>& after, int limit) {
  std::optional<store::trash::TrashCursor> cursor;
  if (after) cursor = store::trash::TrashCursor{after->deleted_at, after->id};
  return db_.read([&](store::Tx& tx) {
    auto access = require_org(tx, caller.user_id, org_id, Role::kViewer);
    std::vector<TrashItem> out;
    for (auto& d : store::trash::list(tx, org_id, cursor, limit + 1, now_unix_ms())) {
      TrashItem item;
      item.purge_at = purge_at(d.deleted_at, retention_days_);
      item.can_restore = may_restore(access.role, caller.user_id, d.deleted_by);
      item.document = std::move(d);
      out.push_back(std::move(item));
    }
    return out;
  });
}

RestoredDocument TrashService::restore(const Caller& caller, std::string_view document_id) {
  return db_.write([&](store::Tx& tx) {
    auto target = store::trash::find_restore_target(tx, caller.user_id, document_id);
    if (!target || !target->role) throw not_found("document");
    auto role = parse_role(*target->role);
    if (!role) throw Error(ErrorCode::kInternal, "internal error", "unknown role in membership");
    if (!target->deleted_at) {
      throw conflict("this document is not in the trash").with_machine_code("not_in_trash");
    }
    if (!may_restore(*role, caller.user_id, target->deleted_by)) {
      throw forbidden(
          "only administrators and the person who deleted this document may restore it");
    }
    std::int64_t now = now_unix_ms();
    if (!store::trash::restore(tx, target->id, now)) throw not_found("document");
    store::changes::document_list_changed(tx, target->org_id);
    RestoredDocument out;
    out.share_links = store::trash::working_share_links(tx, target->id, now);
    auto doc = store::documents::find_document(tx, target->id);
    if (!doc) throw Error(ErrorCode::kInternal, "internal error", "restored document not found");
    out.document = std::move(*doc);
    record_audit(tx, {target->org_id, caller.user_id, "document.restored", "document", target->id,
                      json::object{{"title", target->title},
                                   {"deleted_at", rfc3339_ms(*target->deleted_at)},
                                   {"share_links", out.share_links}},
                      caller.ip});
    return out;
  });
}

}  // namespace prism::services::trash
