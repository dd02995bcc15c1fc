#include "web/static_site.hpp"

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <vector>

#include "core/crypto.hpp"
#include "web/static_paths.hpp"

namespace prism::web {

namespace fs = std::filesystem;

namespace {

Representation represent(std::string bytes) {
  // 128 bits of SHA-256: strong (byte-exact) and short enough for a header.
  std::string etag = "\"" + crypto::sha256_hex(bytes).substr(0, 32) + "\"";
  return Representation{std::move(bytes), std::move(etag)};
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw std::runtime_error("cannot read " + path.string());
  return bytes;
}

bool hidden(const fs::path& relative) {
  for (const auto& part : relative) {
    if (part.string().starts_with(".")) return true;
  }
  return false;
}

}  // namespace

const Representation& Asset::in(Encoding encoding) const {
  if (encoding == Encoding::kBrotli && brotli) return *brotli;
  if (encoding == Encoding::kGzip && gzip) return *gzip;
  return identity;
}

StaticSite StaticSite::load(const fs::path& dir, SiteLimits limits) {
  if (!fs::is_regular_file(dir / "index.html")) {
    throw std::runtime_error("\"" + dir.string() + "\" has no index.html");
  }
  // Every file, keyed by its site path ("/assets/app.js"); a variant
  // ("x.gz") is attached to its file below when that file exists.
  std::unordered_map<std::string, std::string> files;
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
    std::string bytes = read_file(it->path());
    total += bytes.size();
    if (total > limits.max_bytes) {
      throw std::runtime_error("\"" + dir.string() + "\" holds more than " +
                               std::to_string(limits.max_bytes / (1024 * 1024)) +
                               " MB; point it at the built web app");
    }
    files.emplace("/" + relative.generic_string(), std::move(bytes));
  }

  StaticSite site;
  site.total_bytes_ = total;
  std::vector<std::pair<std::string, std::string>> variants;
  for (auto& [path, bytes] : files) {
    bool compressed = path.ends_with(".gz") || path.ends_with(".br");
    if (compressed && files.contains(path.substr(0, path.size() - 3))) {
      variants.emplace_back(path, std::move(bytes));
      continue;
    }
    Asset asset{std::string(content_type_for(path)), std::string(cache_control_for(path)),
                represent(std::move(bytes)), std::nullopt, std::nullopt};
    site.assets_.emplace(path, std::move(asset));
  }
  for (auto& [path, bytes] : variants) {
    Asset& asset = site.assets_.at(path.substr(0, path.size() - 3));
    (path.ends_with(".br") ? asset.brotli : asset.gzip) = represent(std::move(bytes));
  }
  site.index_ = &site.assets_.at("/index.html");
  return site;
}

const Asset* StaticSite::find(std::string_view path) const {
  auto it = assets_.find(std::string(path));
  return it == assets_.end() ? nullptr : &it->second;
}

}  // namespace prism::web
