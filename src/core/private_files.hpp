#pragma once

#include <filesystem>
#include <system_error>

namespace prism {

// Files PRISM creates hold secrets (the database, generated keys), so they are
// created readable by their owner only, whatever the process's umask allows.

// Creates `dir` and its missing parents with mode 0700; directories that
// already exist keep their mode. Sets `ec` on failure.
void create_private_directories(const std::filesystem::path& dir, std::error_code& ec);

// Creates `file` empty with mode 0600 unless it exists (an existing file keeps
// its mode and contents). SQLite gives a database's -wal and -shm files the
// mode of the database file, so creating it first covers them too.
void create_private_file(const std::filesystem::path& file, std::error_code& ec);

}  // namespace prism
