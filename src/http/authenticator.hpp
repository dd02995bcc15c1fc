#pragma once

#include <optional>
#include <string_view>

#include "http/request.hpp"

namespace prism::http {

// Turns the bearer credential of a request into a Principal. Implemented by
// the auth service; called on a worker thread because it reads the database.
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  virtual std::optional<Principal> authenticate(std::string_view bearer, const Request& req) = 0;
};

}  // namespace prism::http
