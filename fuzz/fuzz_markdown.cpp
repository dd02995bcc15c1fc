// libFuzzer target for the document text pipeline: sections, section
// replacement, diff and sanitized rendering. The input is split at the first
// NUL byte into an old and a new document.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "docs/diff.hpp"
#include "docs/render.hpp"
#include "docs/sections.hpp"

namespace {

void check(bool ok) {
  if (!ok) std::abort();
}

// Every href and src the renderer emits must pass the URL allowlist.
void check_attributes(const std::string& html) {
  for (std::string_view attr : {" href=\"", " src=\""}) {
    for (auto pos = html.find(attr); pos != std::string::npos; pos = html.find(attr, pos + 1)) {
      auto start = pos + attr.size();
      auto end = html.find('"', start);
      check(end != std::string::npos);
      check(prism::docs::is_safe_url(std::string_view(html).substr(start, end - start),
                                     attr[1] == 's'));
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  auto nul = input.find('\0');
  std::string_view a = input.substr(0, nul);
  std::string_view b = nul == std::string_view::npos ? std::string_view{} : input.substr(nul + 1);

  auto sections = prism::docs::parse_sections(a);
  std::size_t previous_end = 0;
  for (const auto& s : sections) {
    check(s.start_line >= 1 && s.start_line <= s.end_line && s.start_line > previous_end);
    previous_end = s.end_line;
  }
  if (!sections.empty() && !sections.back().title.empty()) {
    // The last section keeps its heading whatever its new body is, and an
    // unclosed fence in the body cannot swallow it.
    auto replaced = prism::docs::replace_section(a, sections.back().slug, b);
    check(prism::docs::parse_sections(replaced).size() >= sections.size());
  }

  auto diff = prism::docs::diff_documents(a, b, 1, 2);
  check((a == b) == diff.unified.empty());
  check(diff.lines_added >= 0 && diff.lines_removed >= 0);

  check_attributes(prism::docs::render_html_fragment(a));
  return 0;
}
