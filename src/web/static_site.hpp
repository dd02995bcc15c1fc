#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <mutex>
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

// A file of the site as listed at start-up. Its bytes are read (and hashed)
// by the first request for them and then kept: a server whose web app is on
// a CDN, or that was just woken, holds none of it, and start-up reads no
// file. Thread-safe.
class SiteFile {
 public:
  SiteFile(std::filesystem::path path, std::size_t max_bytes)
      : path_(std::move(path)), max_bytes_(max_bytes) {}
  // Throws std::runtime_error when the file can no longer be read (deleted,
  // replaced by a symbolic link, grown past the site's limit); a later call
  // tries again.
  const Representation& get() const;

 private:
  std::filesystem::path path_;
  std::size_t max_bytes_;
  mutable std::once_flag read_;
  mutable Representation loaded_;
};

// A file of the web app with the precompressed variants found next to it
// (`x.gz`, `x.br`), so no request ever compresses anything.
struct Asset {
  std::string content_type;
  std::string cache_control;
  std::unique_ptr<SiteFile> identity;
  std::unique_ptr<SiteFile> gzip;
  std::unique_ptr<SiteFile> brotli;

  bool has_variants() const { return gzip || brotli; }
  // The representation for an encoding choose_encoding() picked, read on
  // first use (SiteFile::get).
  const Representation& in(Encoding encoding) const;
};

struct SiteLimits {
  std::size_t max_files = 10000;
  std::size_t max_bytes = 256u * 1024 * 1024;
};

// The built web app (Vite's dist/), listed once at start-up: only the files
// found then can ever be served, each read once, without following a
// symbolic link, and kept in memory after. Hidden files (".env", ".git") and
// symbolic links inside the directory are not listed.
class StaticSite {
 public:
  // Throws std::runtime_error naming the problem: no index.html, or more than
  // `limits` allow (a WEB_DIR pointing at the wrong place).
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
