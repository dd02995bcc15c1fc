#pragma once

#include <string>
#include <string_view>

namespace prism::docs {

// Markdown (CommonMark + GitHub tables, strikethrough, autolinks, task lists)
// to an HTML fragment that is safe to embed: raw HTML never passes through,
// and links and images keep only http, https, mailto (links) and scheme-less
// relative URLs such as "#goals"; any other link becomes its text and any
// other image its alt text. Invalid UTF-8 is replaced, never rejected.
std::string render_html_fragment(std::string_view md);

// A standalone HTML5 page for export and share links: embedded stylesheet
// (screen and print), a Content-Security-Policy that allows no script, and the
// title (escaped) as <title> and, when the text does not open with a level-one
// heading, as the page heading.
std::string render_html_document(std::string_view title, std::string_view md);

// Whether a link target may be rendered: exposed for tests and for other
// renderers of user or model text.
bool is_safe_url(std::string_view url, bool image);

std::string escape_html(std::string_view text);

}  // namespace prism::docs
