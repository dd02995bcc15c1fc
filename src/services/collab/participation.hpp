#pragma once

#include <string_view>

#include "services/access.hpp"
#include "store/database.hpp"

namespace prism::services::collab {

// Who takes part in a document's discussion (comments, replies, reviews):
// members and above always, viewers while their organization lets them
// (viewers_can_comment). A reviewer is often a viewer, and a review is a
// comment with a decision, so one setting decides both.
bool viewers_take_part(store::Tx& tx, std::string_view org_id);
bool takes_part(store::Tx& tx, const DocumentAccess& access);
// 403 comments_closed when the caller may not.
void require_participant(store::Tx& tx, const DocumentAccess& access);

}  // namespace prism::services::collab
