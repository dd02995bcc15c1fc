#include "cli/admin_commands.hpp"

#include <iostream>
#include <memory>
#include <string_view>

#include "cli/current_database.hpp"
#include "core/error.hpp"
#include "services/operations/server_admin.hpp"

namespace prism::cli {

namespace {

using services::operations::AdminActor;
using services::operations::ServerAdmin;
using services::operations::UserChange;
using services::operations::UserRef;

// The command line lists everything a terminal can sensibly show at once.
constexpr int kMaxListed = 10'000;

// Runs `action` on the configured database; a user that does not exist is
// exit 1 with the reason.
int with_admin(const config::Config& config, const std::function<void(ServerAdmin&)>& action) {
  auto db = open_current_database(config);
  ServerAdmin admin(*db);
  try {
    action(admin);
  } catch (const Error& e) {
    std::cerr << "error: " << e.client_message() << "\n";
    return 1;
  }
  return 0;
}

// `parent NAME EMAIL`: applies `change` to the user, then prints `done`.
void add_email_command(CLI::App* parent, const char* name, const char* help, UserChange change,
                       const char* done, const std::function<config::Config()>& load,
                       int& exit_code) {
  auto* cmd = parent->add_subcommand(name, help);
  auto email = std::make_shared<std::string>();
  cmd->add_option("email", *email)->required();
  cmd->callback([=, &exit_code] {
    exit_code = with_admin(load(), [&](ServerAdmin& a) {
      a.update_user(AdminActor::command_line(), UserRef::email(*email), change);
      std::cout << *email << " " << done << "\n";
    });
  });
}

}  // namespace

void add_admin_commands(CLI::App& app, std::function<config::Config()> load, int& exit_code) {
  auto* admin = app.add_subcommand("admin", "server administrators (not organization roles)");
  admin->require_subcommand(1);
  add_email_command(admin, "grant", "make a user a server administrator", UserChange::admin(true),
                    "is a server administrator", load, exit_code);
  add_email_command(admin, "revoke", "take the server administrator role away",
                    UserChange::admin(false), "is no longer a server administrator", load,
                    exit_code);

  auto* user = app.add_subcommand("user", "accounts on this server");
  user->require_subcommand(1);
  user->add_subcommand("list", "every account (tab-separated)")->callback([load, &exit_code] {
    exit_code = with_admin(load(), [](ServerAdmin& a) {
      std::cout << services::operations::format_users(
          a.users(AdminActor::command_line(), std::nullopt, std::nullopt, kMaxListed));
    });
  });
  add_email_command(user, "disable",
                    "stop an account: no sign-in, and its sessions and API tokens end at once",
                    UserChange::disable(true),
                    "is disabled; its sessions and API tokens are revoked", load, exit_code);
  add_email_command(user, "enable", "let a disabled account sign in again",
                    UserChange::disable(false), "can sign in again", load, exit_code);

  auto* org = app.add_subcommand("org", "organizations on this server");
  org->require_subcommand(1);
  org->add_subcommand("list", "every organization (tab-separated)")->callback([load, &exit_code] {
    exit_code = with_admin(load(), [](ServerAdmin& a) {
      std::cout << services::operations::format_orgs(
          a.orgs(AdminActor::command_line(), std::nullopt, kMaxListed));
    });
  });
}

}  // namespace prism::cli
