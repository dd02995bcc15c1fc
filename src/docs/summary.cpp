#include "docs/summary.hpp"

#include <vector>

#include "core/text.hpp"
#include "docs/diff.hpp"

namespace prism::docs {
namespace {

constexpr std::size_t kNamesShown = 3;
constexpr std::size_t kMaxNameBytes = 60;

// Cuts a long title at a UTF-8 character boundary.
std::string short_name(const std::string& title) {
  if (title.empty()) return "introduction";
  if (title.size() <= kMaxNameBytes) return title;
  return utf8_prefix(title, kMaxNameBytes) + "\u2026";
}

std::string list(const std::vector<std::string>& names) {
  std::string out;
  std::size_t shown = std::min(names.size(), kNamesShown);
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) out += (i + 1 == shown && names.size() == shown) ? " and " : ", ";
    out += names[i];
  }
  if (names.size() > shown) {
    std::size_t more = names.size() - shown;
    out += " and " + std::to_string(more) + (more == 1 ? " more section" : " more sections");
  }
  return out;
}

}  // namespace

std::string summarize_change(std::string_view before, std::string_view after) {
  if (before == after) return "No content changes";
  std::vector<std::string> edited, added, removed;
  for (const auto& c : section_changes(before, after)) {
    auto& bucket = c.change == "added" ? added : c.change == "removed" ? removed : edited;
    bucket.push_back(short_name(c.section));
  }
  std::string out;
  auto group = [&](const char* verb, const std::vector<std::string>& names) {
    if (names.empty()) return;
    if (!out.empty()) out += "; ";
    out += verb + std::string(" ") + list(names);
  };
  group("edited", edited);
  group("added", added);
  group("removed", removed);
  if (out.empty()) return "Whitespace changes";
  out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

}  // namespace prism::docs
