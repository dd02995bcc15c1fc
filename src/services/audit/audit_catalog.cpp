#include "services/audit/audit_catalog.hpp"

namespace prism::services {

std::string_view audit_category_of(std::string_view code) { return code.substr(0, code.find('.')); }

std::string audit_category_label(std::string_view category) {
  for (const auto& c : kAuditCategories) {
    if (c.code == category) return std::string(c.label);
  }
  std::string out(category);
  for (char& ch : out) {
    if (ch == '_') ch = ' ';
  }
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z')
    out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

bool is_audit_category(std::string_view category) {
  for (const auto& a : kAuditActions) {
    if (audit_category_of(a.code) == category) return true;
  }
  return false;
}

}  // namespace prism::services
