#pragma once

#include "http/router.hpp"
#include "services/documents/documents_service.hpp"

namespace prism::api {

// /projects/{id}/documents, /documents/{id} and its versions, diff and export.
void register_document_routes(http::Router& router, services::DocumentsService& documents);

}  // namespace prism::api
