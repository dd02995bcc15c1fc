#include "web/static_site.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "core/crypto.hpp"
#include "web/static_paths.hpp"

namespace prism::web {

namespace fs = std::filesystem;

namespace {

// Reads a regular file without following a symbolic link in its place.
std::string read_file(const fs::path& path, std::size_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    throw std::runtime_error("cannot read " + path.string() + ": " + std::strerror(errno));
  struct Close {
    int fd;
    ~Close() { ::close(fd); }
  } close{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    throw std::runtime_error("cannot read " + path.string() + ": not a regular file");
  }
  if (static_cast<std::size_t>(st.st_size) > max_bytes) {
    throw std::runtime_error("cannot read " + path.string() + ": larger than the site may be");
  }
  std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0)
      throw std::runtime_error("cannot read " + path.string() + ": " + std::strerror(errno));
    if (n == 0) break;  // shrank since fstat
    done += static_cast<std::size_t>(n);
  }
  bytes.resize(done);
  return bytes;
}

bool hidden(const fs::path& relative) {
  for (const auto& part : relative) {
    if (part.string().starts_with(".")) return true;
  }
  return false;
}

}  // namespace

const Representation& SiteFile::get() const {
  std::call_once(read_, [this] {
    std::string bytes = read_file(path_, max_bytes_);
    // 128 bits of SHA-256: strong (byte-exact) and short enough for a header.
    loaded_.etag = "\"" + crypto::sha256_hex(bytes).substr(0, 32) + "\"";
    loaded_.bytes = std::move(bytes);
  });
  return loaded_;
}

const Representation& Asset::in(Encoding encoding) const {
  if (encoding == Encoding::kBrotli && brotli) return brotli->get();
  if (encoding == Encoding::kGzip && gzip) return gzip->get();
  return identity->get();
}

StaticSite StaticSite::load(const fs::path& dir, SiteLimits limits) {
  if (!fs::is_regular_file(dir / "index.html")) {
    throw std::runtime_error("\"" + dir.string() + "\" has no index.html");
  }
  // Every file, keyed by its site path ("/assets/app.js"); a variant
  // ("x.gz") is attached to its file below when that file exists.
  std::unordered_map<std::string, fs::path> files;
  std::size_t total = 0;
  for (auto it = fs::recursive_directory_iterator(dir); it != fs::recursive_directory_iterator();
       ++it) {
    const fs::path relative = fs::relative(it->path(), dir);
    if (it->is_symlink() || hidden(relative)) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    if (files.size() >= limits.max_files) {
      throw std::runtime_error("\"" + dir.string() + "\" holds more than " +
                               std::to_string(limits.max_files) +
                               " files; point it at the built web app");
    }
    total += it->file_size();
    if (total > limits.max_bytes) {
      throw std::runtime_error("\"" + dir.string() + "\" holds more than " +
                               std::to_string(limits.max_bytes / (1024 * 1024)) +
                               " MB; point it at the built web app");
    }
    files.emplace("/" + relative.generic_string(), it->path());
  }

  StaticSite site;
  site.total_bytes_ = total;
  auto file = [&](const fs::path& path) {
    return std::make_unique<SiteFile>(path, limits.max_bytes);
  };
  std::vector<std::pair<std::string, fs::path>> variants;
  for (auto& [path, on_disk] : files) {
    bool compressed = path.ends_with(".gz") || path.ends_with(".br");
    if (compressed && files.contains(path.substr(0, path.size() - 3))) {
      variants.emplace_back(path, on_disk);
      continue;
    }
    Asset asset{std::string(content_type_for(path)), std::string(cache_control_for(path)),
                file(on_disk), nullptr, nullptr};
    site.assets_.emplace(path, std::move(asset));
  }
  for (auto& [path, on_disk] : variants) {
    Asset& asset = site.assets_.at(path.substr(0, path.size() - 3));
    (path.ends_with(".br") ? asset.brotli : asset.gzip) = file(on_disk);
  }
  site.index_ = &site.assets_.at("/index.html");
  return site;
}

const Asset* StaticSite::find(std::string_view path) const {
  auto it = assets_.find(std::string(path));
  return it == assets_.end() ? nullptr : &it->second;
}

}  // namespace prism::web
