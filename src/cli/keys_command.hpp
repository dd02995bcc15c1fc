#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "config/config.hpp"

namespace prism::cli {

// `prism keys rotate`: re-encrypts what SECRET_KEY protects (organizations'
// AI provider keys) under the current SECRET_KEY.
void add_keys_commands(CLI::App& app, std::function<config::Config()> load, int& exit_code);

}  // namespace prism::cli
