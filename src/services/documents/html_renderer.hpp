#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "services/documents/render_gate.hpp"

namespace prism::services {

// The sanitized HTML of document versions, for share links and HTML export.
// A version never changes once written, so each is rendered once and kept:
// requests for a version being rendered wait for that render instead of
// starting another, and renders pass through a RenderGate so they never hold
// every worker thread. Kept HTML is bounded by bytes: when a new entry would
// pass the budget, the cache starts again empty. Thread-safe.
class HtmlRenderer {
 public:
  using Html = std::shared_ptr<const std::string>;
  using Render = std::function<std::string(std::string_view markdown)>;

  // `render` defaults to docs::render_html_fragment.
  explicit HtmlRenderer(RenderGate::Limits limits, std::size_t max_bytes = 32u * 1024 * 1024,
                        Render render = {});

  // The HTML fragment of (document_id, version), whose text is `markdown`.
  // Throws Error(kUnavailable) with Retry-After when no render slot frees in
  // time.
  Html fragment(std::string_view document_id, std::int64_t version, std::string_view markdown);

  std::uint64_t renders() const;  // renders done, for tests and metrics
  std::size_t bytes() const;

 private:
  Html render_once(const std::string& key, std::string_view markdown, std::promise<Html>& promise);

  RenderGate gate_;
  const std::size_t max_bytes_;
  const Render render_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, Html> html_;  // by "<version>/<document id>"
  std::unordered_map<std::string, std::shared_future<Html>> rendering_;
  std::size_t bytes_ = 0;
  std::uint64_t renders_ = 0;
};

// The HTML fragment of a version through `renderer`, or rendered on the spot
// when there is none (services built without the cache, as some tests do).
HtmlRenderer::Html render_version(HtmlRenderer* renderer, std::string_view document_id,
                                  std::int64_t version, std::string_view markdown);

}  // namespace prism::services
