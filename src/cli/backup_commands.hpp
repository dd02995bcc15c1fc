#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "config/config.hpp"

namespace prism::cli {

// `prism backup [--output FILE]` and `prism restore FILE [--force] [--check]`
// (services/operations/backup.hpp).
void add_backup_commands(CLI::App& app, const std::function<config::Config()>& load,
                         int& exit_code);

}  // namespace prism::cli
