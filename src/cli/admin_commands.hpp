#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "config/config.hpp"

namespace prism::cli {

// `prism admin grant|revoke EMAIL`, `prism user list|disable|enable [EMAIL]`
// and `prism org list`, added to `app`; `load` reads the configuration and
// `exit_code` receives the result.
void add_admin_commands(CLI::App& app, std::function<config::Config()> load, int& exit_code);

}  // namespace prism::cli
