#include "core/private_files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace prism {

void create_private_directories(const std::filesystem::path& dir, std::error_code& ec) {
  ec.clear();
  std::filesystem::path partial;
  for (const auto& part : dir) {
    partial /= part;
    if (part.empty() || part == partial.root_path()) continue;
    if (::mkdir(partial.c_str(), 0700) != 0 && errno != EEXIST) {
      ec.assign(errno, std::generic_category());
      return;
    }
  }
  if (!std::filesystem::is_directory(dir, ec) && !ec) {
    ec = std::make_error_code(std::errc::not_a_directory);
  }
}

void create_private_file(const std::filesystem::path& file, std::error_code& ec) {
  ec.clear();
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    // An existing symbolic link is left to SQLite, which follows it as before.
    if (errno == ELOOP) return;
    ec.assign(errno, std::generic_category());
    return;
  }
  ::close(fd);
}

}  // namespace prism
