#pragma once

#include "http/router.hpp"
#include "services/documents/document_shares_service.hpp"

namespace prism::api {

// /documents/{id}/shares, /shares/{id} and the public /shared/{token}.
void register_share_routes(http::Router& router, services::DocumentSharesService& shares);

}  // namespace prism::api
