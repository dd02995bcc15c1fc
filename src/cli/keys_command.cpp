#include "cli/keys_command.hpp"

#include <iostream>

#include "cli/current_database.hpp"
#include "core/secret_box.hpp"
#include "services/ai_settings/key_rotation.hpp"

namespace prism::cli {

namespace {

int rotate(const config::Config& config) {
  auto db = open_current_database(config);
  crypto::SecretBox box(config.secret_key, config.previous_keys.secret_key);
  auto report = services::ai_settings::reseal_provider_keys(*db, box);
  std::cout << "re-encrypted " << report.resealed
            << " organization AI provider key(s) under the current SECRET_KEY; " << report.current
            << " already were\n";
  if (report.unreadable.empty()) {
    if (!config.previous_keys.secret_key.empty()) {
      std::cout << "nothing needs SECRET_KEY_PREVIOUS any more: you can remove it\n";
    }
    return 0;
  }
  std::cerr << "error: " << report.unreadable.size()
            << " key(s) open with neither SECRET_KEY nor SECRET_KEY_PREVIOUS (organizations:";
  for (const auto& id : report.unreadable) std::cerr << " " << id;
  std::cerr << "); set the key they were saved under as SECRET_KEY_PREVIOUS and run this again, "
               "or have those organizations' administrators save their keys again\n";
  return 1;
}

}  // namespace

void add_keys_commands(CLI::App& app, std::function<config::Config()> load, int& exit_code) {
  auto* keys = app.add_subcommand("keys", "what SECRET_KEY protects");
  keys->require_subcommand(1);
  auto* rotate_cmd = keys->add_subcommand(
      "rotate", "re-encrypt organizations' AI provider keys under the current SECRET_KEY");
  rotate_cmd->callback([load, &exit_code] { exit_code = rotate(load()); });
}

}  // namespace prism::cli
