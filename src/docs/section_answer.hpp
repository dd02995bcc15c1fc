#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace prism::docs {

struct SectionAnswer {
  std::string body;
  // The headings of what was cut off: sections the model wrote beside the
  // one it was asked for.
  std::vector<std::string> dropped;
};

// A model's answer to "rewrite this section" as the section's new body, so
// that applying it changes that section and nothing else:
// - a code fence around the whole answer (```markdown … ```) is taken off;
// - a leading heading (any level) repeating the section's title is dropped;
// - from the first `#` or `##` heading outside code fences on, the text is
//   cut off: it would start sections of its own. For the preamble (empty
//   title) only `##` cuts, since a `#` title belongs there.
SectionAnswer section_answer(std::string_view answer, std::string_view section_title);

}  // namespace prism::docs
