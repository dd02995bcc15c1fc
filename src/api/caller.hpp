#pragma once

#include "http/request.hpp"
#include "services/caller.hpp"

namespace prism::api {

// The authenticated user and address of a request, as services record them.
inline services::Caller caller_of(const http::Request& req) {
  return services::Caller{req.principal().user_id, req.client_ip()};
}

}  // namespace prism::api
