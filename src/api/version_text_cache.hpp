#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace prism::api {

// JSON text made from one version of a document (its content and section
// outline), so a document read many times is escaped and outlined once, not
// on every read. A version never changes once written, so an entry is never
// stale. Bounded by the bytes it holds: when a new entry would pass the
// budget, it starts again empty. Thread-safe.
class VersionTextCache {
 public:
  explicit VersionTextCache(std::size_t max_bytes = 8u * 1024 * 1024) : max_bytes_(max_bytes) {}

  using Text = std::shared_ptr<const std::string>;
  // The text of (document_id, version), made by `make` when not held yet.
  Text get(std::string_view document_id, std::int64_t version,
           const std::function<std::string()>& make);
  std::size_t bytes() const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  static std::string key_of(std::string_view document_id, std::int64_t version);

  const std::size_t max_bytes_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string, Text, Hash, std::equal_to<>> texts_;  // by "<version>/<id>"
  std::size_t bytes_ = 0;
};

}  // namespace prism::api
