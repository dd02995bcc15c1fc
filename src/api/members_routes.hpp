#pragma once

#include "http/router.hpp"
#include "services/orgs/invitations_service.hpp"
#include "services/orgs/members_service.hpp"

namespace prism::api {

// /api/v1/orgs/{org}/members, …/invitations and /api/v1/invitations/{token}/….
void register_members_routes(http::Router& router, services::MembersService& members,
                             services::InvitationsService& invitations);

}  // namespace prism::api
