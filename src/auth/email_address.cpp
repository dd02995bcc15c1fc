#include "auth/email_address.hpp"

#include <algorithm>

#include "core/json.hpp"

namespace prism::auth {

std::optional<std::string> normalize_email(std::string_view email) {
  if (email.size() < 3 || email.size() > 254 || !utf8_length(email)) return std::nullopt;
  auto at = email.find('@');
  if (at == std::string_view::npos || at == 0 || at > 64 ||
      email.find('@', at + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  for (unsigned char c : email) {
    if (c <= 0x20 || c == 0x7F) return std::nullopt;
    if (std::string_view("<>()[]\\,;:\"").find(static_cast<char>(c)) != std::string_view::npos) {
      return std::nullopt;
    }
  }
  std::string_view domain = email.substr(at + 1);
  if (domain.size() < 3 || domain.find('.') == std::string_view::npos || domain.front() == '.' ||
      domain.back() == '.' || domain.front() == '-' ||
      domain.find("..") != std::string_view::npos) {
    return std::nullopt;
  }
  std::string_view local = email.substr(0, at);
  if (local.front() == '.' || local.back() == '.' || local.find("..") != std::string_view::npos) {
    return std::nullopt;
  }
  std::string out(email);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return c < 0x80 ? static_cast<char>(std::tolower(c)) : c; });
  return out;
}

}  // namespace prism::auth
