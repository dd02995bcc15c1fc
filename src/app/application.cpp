#include "app/application.hpp"

#include <spdlog/spdlog.h>

#include "api/health_routes.hpp"
#include "api/members_routes.hpp"
#include "api/openapi_routes.hpp"
#include "api/orgs_routes.hpp"
#include "api/projects_routes.hpp"
#include "store/migrations.hpp"

namespace prism::app {

Application::Application(const config::Config& config)
    : config_(config), db_(store::open_database(config.database_url)) {
  if (config.embedded_database()) {
    auto report = store::migrate(*db_);
    if (!report.applied.empty()) spdlog::info("applied {} migration(s)", report.applied.size());
  } else if (int pending = store::pending_migrations(*db_); pending > 0) {
    throw std::runtime_error("the database has " + std::to_string(pending) +
                             " pending migration(s): run `prism migrate` first");
  }
  mailer_ = mail::make_mailer(config.smtp_url, config.smtp_from);
  orgs_ = std::make_unique<services::OrgsService>(*db_);
  members_ = std::make_unique<services::MembersService>(*db_);
  invitations_ = std::make_unique<services::InvitationsService>(*db_, *mailer_, config.public_url);
  projects_ = std::make_unique<services::ProjectsService>(*db_);
  register_routes();
}

Application::~Application() = default;

http::Authenticator* Application::authenticator() { return nullptr; }

void Application::register_routes() {
  api::register_health_routes(router_, {{"database", [this] { return db_->ping(); }}}, metrics_);
  api::register_openapi_routes(router_);
  api::register_orgs_routes(router_, *orgs_);
  api::register_members_routes(router_, *members_, *invitations_, *orgs_);
  api::register_projects_routes(router_, *projects_);
}

}  // namespace prism::app
