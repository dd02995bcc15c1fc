#pragma once

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace prism::web {

enum class Encoding { kIdentity, kGzip, kBrotli };

// One encoding of a file: its bytes and their strong ETag (a quoted hash).
struct Representation {
  std::string bytes;
  std::string etag;
};

// A file of the web app with the precompressed variants found next to it
// (`x.gz`, `x.br`), so no request ever compresses anything.
struct Asset {
  std::string content_type;
  std::string cache_control;
  Representation identity;
  std::optional<Representation> gzip;
  std::optional<Representation> brotli;

  bool has_variants() const { return gzip || brotli; }
  // The representation for an encoding choose_encoding() picked.
  const Representation& in(Encoding encoding) const;
};

struct SiteLimits {
  std::size_t max_files = 10000;
  std::size_t max_bytes = 256u * 1024 * 1024;
};

// The built web app (Vite's dist/), read into memory once at start-up: a
// request is a hash-map lookup and never touches the disk, so nothing outside
// the directory as it was at start-up can ever be served. Hidden files
// (".env", ".git") and symbolic links inside the directory are not loaded.
class StaticSite {
 public:
  // Throws std::runtime_error naming the problem: no index.html, an unreadable
  // file, or more than `limits` allow (a WEB_DIR pointing at the wrong place).
  static StaticSite load(const std::filesystem::path& dir, SiteLimits limits = {});
  StaticSite(StaticSite&&) = default;
  StaticSite(const StaticSite&) = delete;  // index_ points into assets_
  StaticSite& operator=(const StaticSite&) = delete;

  // The file at a decoded site path such as "/assets/app-1a2b.js"; nullptr
  // when there is none.
  const Asset* find(std::string_view path) const;
  const Asset& index() const { return *index_; }
  std::size_t file_count() const { return assets_.size(); }
  std::size_t total_bytes() const { return total_bytes_; }

 private:
  StaticSite() = default;

  std::unordered_map<std::string, Asset> assets_;
  const Asset* index_ = nullptr;
  std::size_t total_bytes_ = 0;
};

}  // namespace prism::web
