#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace prism::auth {

// The canonical form PRISM stores and looks accounts up by: the address
// lower-cased (ASCII). nullopt when it is not a plausible address: 3–254
// characters, one '@', a local part of at most 64 characters, a dotted domain,
// and no spaces, control characters or characters that could break an e-mail
// header.
std::optional<std::string> normalize_email(std::string_view email);

}  // namespace prism::auth
