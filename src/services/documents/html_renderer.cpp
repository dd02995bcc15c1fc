#include "services/documents/html_renderer.hpp"

#include <optional>

#include "docs/render.hpp"

namespace prism::services {

HtmlRenderer::HtmlRenderer(RenderGate::Limits limits, std::size_t max_bytes, Render render)
    : gate_(limits),
      max_bytes_(max_bytes),
      render_(render ? std::move(render)
                     : Render([](std::string_view md) { return docs::render_html_fragment(md); })) {
}

HtmlRenderer::Html HtmlRenderer::fragment(std::string_view document_id, std::int64_t version,
                                          std::string_view markdown) {
  std::string key = std::to_string(version);
  key += '/';
  key += document_id;
  // Made only on a miss: a promise allocates its shared state, and hits
  // are the common case.
  std::optional<std::promise<Html>> promise;
  std::shared_future<Html> pending;
  {
    std::lock_guard lock(mutex_);
    if (auto it = html_.find(key); it != html_.end()) return it->second;
    if (auto it = rendering_.find(key); it != rendering_.end()) {
      pending = it->second;
    } else {
      promise.emplace();
      rendering_.emplace(key, promise->get_future().share());
    }
  }
  if (pending.valid()) {
    // Another request renders this version: its result is this one's. The
    // wait holds a worker like a wait for a render slot, so the gate counts
    // and bounds it the same way.
    gate_.await([&](std::chrono::milliseconds most) {
      return pending.wait_for(most) == std::future_status::ready;
    });
    return pending.get();
  }
  return render_once(key, markdown, *promise);
}

HtmlRenderer::Html HtmlRenderer::render_once(const std::string& key, std::string_view markdown,
                                             std::promise<Html>& promise) {
  Html html;
  try {
    auto slot = gate_.enter();
    html = std::make_shared<const std::string>(render_(markdown));
  } catch (...) {
    {
      std::lock_guard lock(mutex_);
      rendering_.erase(key);
    }
    promise.set_exception(std::current_exception());
    throw;
  }
  {
    std::lock_guard lock(mutex_);
    ++renders_;
    rendering_.erase(key);
    std::size_t size = html->size() + key.size();
    if (size <= max_bytes_) {  // larger than the whole budget: not kept
      if (bytes_ + size > max_bytes_) {
        html_.clear();
        bytes_ = 0;
      }
      if (html_.emplace(key, html).second) bytes_ += size;
    }
  }
  promise.set_value(html);
  return html;
}

HtmlRenderer::Html render_version(HtmlRenderer* renderer, std::string_view document_id,
                                  std::int64_t version, std::string_view markdown) {
  if (renderer != nullptr) return renderer->fragment(document_id, version, markdown);
  return std::make_shared<const std::string>(docs::render_html_fragment(markdown));
}

std::uint64_t HtmlRenderer::renders() const {
  std::lock_guard lock(mutex_);
  return renders_;
}

std::size_t HtmlRenderer::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

}  // namespace prism::services
