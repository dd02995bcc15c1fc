#pragma once

namespace prism::docs {

// No script may run in an exported or shared page; images may come from the
// web (authors embed diagrams), styles only from the page itself.
inline constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; img-src https: http:; style-src 'unsafe-inline'; "
    "base-uri 'none'; form-action 'none'";

inline constexpr const char* kDocumentStyle = R"css(:root { color-scheme: light dark; }
body {
  margin: 0; padding: 2.5rem 1.25rem;
  font: 17px/1.65 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue",
    Arial, sans-serif;
  color: #1f2328; background: #fff;
}
article { max-width: 46rem; margin: 0 auto; overflow-wrap: break-word; }
h1, h2, h3, h4 { line-height: 1.25; margin: 1.8em 0 0.6em; }
h1 { font-size: 2em; margin-top: 0; }
h2 { font-size: 1.45em; padding-bottom: 0.3em; border-bottom: 1px solid #d0d7de; }
h3 { font-size: 1.2em; }
p, ul, ol, table, pre, blockquote { margin: 0 0 1em; }
a { color: #0969da; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
code { background: #f0f2f4; padding: 0.1em 0.3em; border-radius: 4px; }
pre { background: #f6f8fa; padding: 1em; overflow-x: auto; border-radius: 6px; }
pre code { background: none; padding: 0; }
pre.markdown-text { white-space: pre-wrap; background: none; padding: 0; font: inherit; }
blockquote { margin-left: 0; padding: 0 1em; color: #59636e; border-left: 4px solid #d0d7de; }
table { border-collapse: collapse; display: block; overflow-x: auto; }
th, td { border: 1px solid #d0d7de; padding: 0.35em 0.8em; }
th { background: #f6f8fa; }
img { max-width: 100%; }
li > input[type=checkbox] { margin-right: 0.4em; }
hr { border: 0; border-top: 1px solid #d0d7de; margin: 2em 0; }
@media (prefers-color-scheme: dark) {
  body { color: #e6edf3; background: #0d1117; }
  a { color: #4493f8; }
  code { background: #262c36; }
  pre, th { background: #161b22; }
  h2, th, td, hr, blockquote { border-color: #30363d; }
}
@media print {
  body { font-size: 11pt; padding: 0; color: #000; background: #fff; }
  article { max-width: none; }
  a { color: inherit; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.85em; }
  h1, h2, h3 { break-after: avoid; }
  pre, blockquote, table, img { break-inside: avoid; }
  pre { white-space: pre-wrap; }
  @page { margin: 2cm; }
}
)css";

}  // namespace prism::docs
