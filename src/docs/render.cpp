#include "docs/render.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <vector>

#include "docs/render_limits.hpp"
#include "docs/render_style.hpp"

namespace prism::docs {
namespace {

// Without CMARK_OPT_UNSAFE cmark replaces raw HTML by a comment; that default
// is the first line of defence and must stay.
constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
constexpr const char* kExtensions[] = {"table", "strikethrough", "autolink", "tasklist"};

struct ParserDeleter {
  void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
  void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterDeleter {
  void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

bool equals_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return true;
}

// Replaces a link or image by its children (the link text or alt text).
void unwrap(cmark_node* node) {
  while (cmark_node* child = cmark_node_first_child(node)) cmark_node_insert_before(node, child);
  cmark_node_unlink(node);
  cmark_node_free(node);
}

void strip_unsafe_links(cmark_node* doc) {
  std::vector<cmark_node*> unsafe;
  std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(doc));
  for (auto ev = cmark_iter_next(iter.get()); ev != CMARK_EVENT_DONE;
       ev = cmark_iter_next(iter.get())) {
    if (ev != CMARK_EVENT_ENTER) continue;
    cmark_node* node = cmark_iter_get_node(iter.get());
    auto type = cmark_node_get_type(node);
    if (type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE) continue;
    const char* url = cmark_node_get_url(node);
    if (!is_safe_url(url ? url : "", type == CMARK_NODE_IMAGE)) unsafe.push_back(node);
  }
  iter.reset();
  // Innermost first: a node collected after its ancestor is one of its descendants.
  for (auto it = unsafe.rbegin(); it != unsafe.rend(); ++it) unwrap(*it);
}

// The node types cmark_iter enters without ever exiting (its S_is_leaf).
bool is_leaf(cmark_node_type type) {
  switch (type) {
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_THEMATIC_BREAK:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_TEXT:
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
      return true;
    default:
      return false;
  }
}

// How deeply the tree's nodes nest below the document, counted until it
// passes `limit`: a walk over the nodes, without recursion.
bool nests_deeper_than(cmark_node* doc, int limit) {
  std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(doc));
  int depth = 0;
  for (auto ev = cmark_iter_next(iter.get()); ev != CMARK_EVENT_DONE;
       ev = cmark_iter_next(iter.get())) {
    if (is_leaf(cmark_node_get_type(cmark_iter_get_node(iter.get())))) continue;
    if (ev == CMARK_EVENT_ENTER && ++depth > limit + 1) return true;
    if (ev == CMARK_EVENT_EXIT) --depth;
  }
  return false;
}

// Replaces each invalid UTF-8 sequence and NUL by U+FFFD, as cmark-gfm does.
std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    auto c = static_cast<unsigned char>(text[i]);
    std::size_t len = c < 0x80                 ? 1
                      : c >= 0xC2 && c <= 0xDF ? 2
                      : c >= 0xE0 && c <= 0xEF ? 3
                      : c >= 0xF0 && c <= 0xF4 ? 4
                                               : 0;
    bool ok = len > 0 && c != 0 && i + len <= text.size();
    for (std::size_t k = 1; ok && k < len; ++k) {
      ok = (static_cast<unsigned char>(text[i + k]) & 0xC0) == 0x80;
    }
    if (ok && len >= 3) {
      auto c1 = static_cast<unsigned char>(text[i + 1]);
      // No overlong forms, no surrogates, nothing past U+10FFFF.
      ok = !(c == 0xE0 && c1 < 0xA0) && !(c == 0xED && c1 >= 0xA0) && !(c == 0xF0 && c1 < 0x90) &&
           !(c == 0xF4 && c1 >= 0x90);
    }
    if (ok) {
      out.append(text.substr(i, len));
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

// Text, escaped, where rendering it as Markdown would cost too much.
std::string plain_text_html(std::string_view md) {
  return "<pre class=\"markdown-text\">" + escape_html(valid_utf8(md)) + "</pre>\n";
}

struct Parsed {
  std::unique_ptr<cmark_parser, ParserDeleter> parser;
  std::unique_ptr<cmark_node, NodeDeleter> doc;
};

Parsed parse(std::string_view md) {
  static std::once_flag registered;
  std::call_once(registered, [] { cmark_gfm_core_extensions_ensure_registered(); });
  Parsed p;
  p.parser.reset(cmark_parser_new(kOptions));
  if (!p.parser) throw std::bad_alloc();
  for (const char* name : kExtensions) {
    cmark_syntax_extension* ext = cmark_find_syntax_extension(name);
    if (ext == nullptr)
      throw std::runtime_error(std::string("cmark-gfm extension missing: ") + name);
    cmark_parser_attach_syntax_extension(p.parser.get(), ext);
  }
  cmark_parser_feed(p.parser.get(), md.data(), md.size());
  p.doc.reset(cmark_parser_finish(p.parser.get()));
  if (!p.doc) throw std::bad_alloc();
  strip_unsafe_links(p.doc.get());
  return p;
}

std::string to_html(const Parsed& p) {
  char* html =
      cmark_render_html(p.doc.get(), kOptions, cmark_parser_get_syntax_extensions(p.parser.get()));
  if (html == nullptr) throw std::bad_alloc();
  std::string out(html);
  cmark_get_default_mem_allocator()->free(html);
  return out;
}

}  // namespace

bool is_safe_url(std::string_view url, bool image) {
  // Browsers drop ASCII whitespace and control characters inside a scheme
  // ("java\tscript:"), so they are dropped here before looking at it.
  std::string cleaned;
  for (char c : url) {
    if (static_cast<unsigned char>(c) > 0x20 && c != 0x7F) cleaned.push_back(c);
  }
  auto end = cleaned.find_first_of(":/?#");
  if (end == std::string::npos || cleaned[end] != ':') return true;  // relative: no scheme
  std::string_view scheme = std::string_view(cleaned).substr(0, end);
  if (equals_ignoring_case(scheme, "http") || equals_ignoring_case(scheme, "https")) return true;
  return !image && equals_ignoring_case(scheme, "mailto");
}

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string render_html_fragment(std::string_view md) {
  MarkdownPlan plan = plan_markdown(md);
  auto parsed = parse(plan.text);
  if (nests_deeper_than(parsed.doc.get(), kMaxNesting)) return plain_text_html(md);
  std::string html = to_html(parsed);
  if (plan.plain_from < md.size()) html += plain_text_html(md.substr(plan.plain_from));
  return html;
}

std::string wrap_html_document(std::string_view title, std::string_view fragment) {
  std::string safe_title = escape_html(title);
  std::string out;
  out.reserve(fragment.size() + 4096);
  out += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"";
  out += kContentSecurityPolicy;
  out += "\">\n<meta name=\"referrer\" content=\"no-referrer\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + safe_title + "</title>\n<style>\n";
  out += kDocumentStyle;
  out += "</style>\n</head>\n<body>\n<article>\n";
  // cmark-gfm writes a level-one heading that opens the text as "<h1>" on the
  // fragment's first line (no attributes are ever added to it).
  if (fragment.rfind("<h1>", 0) != 0) out += "<h1>" + safe_title + "</h1>\n";
  out += fragment;
  out += "</article>\n</body>\n</html>\n";
  return out;
}

}  // namespace prism::docs
