#pragma once

#include <string>

namespace prism::services {

// Who performs a change and from where: services record both in the audit log.
struct Caller {
  std::string user_id;
  std::string ip;
};

}  // namespace prism::services
