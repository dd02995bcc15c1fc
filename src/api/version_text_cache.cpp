#include "api/version_text_cache.hpp"

#include <mutex>

namespace prism::api {

std::string VersionTextCache::key_of(std::string_view document_id, std::int64_t version) {
  std::string key = std::to_string(version);
  key += '/';
  key += document_id;
  return key;
}

VersionTextCache::Text VersionTextCache::get(std::string_view document_id, std::int64_t version,
                                             const std::function<std::string()>& make) {
  std::string key = key_of(document_id, version);
  {
    std::shared_lock lock(mutex_);
    if (auto it = texts_.find(key); it != texts_.end()) return it->second;
  }
  auto text = std::make_shared<const std::string>(make());
  std::size_t size = text->size() + key.size();
  if (size > max_bytes_) return text;  // larger than the whole budget: not kept
  std::unique_lock lock(mutex_);
  if (bytes_ + size > max_bytes_) {
    texts_.clear();
    bytes_ = 0;
  }
  if (texts_.emplace(std::move(key), text).second) bytes_ += size;
  return text;
}

std::size_t VersionTextCache::bytes() const {
  std::shared_lock lock(mutex_);
  return bytes_;
}

}  // namespace prism::api
