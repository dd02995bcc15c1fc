#include "services/collab/participation.hpp"

#include "core/error.hpp"
#include "store/orgs_store.hpp"

namespace prism::services::collab {

bool viewers_take_part(store::Tx& tx, std::string_view org_id) {
  auto org = store::orgs::find_org(tx, org_id);
  return org && org->viewers_can_comment;
}

bool takes_part(store::Tx& tx, const DocumentAccess& access) {
  return access.role >= Role::kMember || viewers_take_part(tx, access.org_id);
}

void require_participant(store::Tx& tx, const DocumentAccess& access) {
  if (takes_part(tx, access)) return;
  throw Error(ErrorCode::kForbidden,
              "viewers of this organization cannot comment or review; an admin can allow it in "
              "the organization's settings")
      .with_machine_code("comments_closed");
}

}  // namespace prism::services::collab
