#include "app/application.hpp"

#include <spdlog/spdlog.h>

#include "api/health_routes.hpp"
#include "api/openapi_routes.hpp"
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
  register_routes();
}

Application::~Application() = default;

http::Authenticator* Application::authenticator() { return nullptr; }

void Application::register_routes() {
  api::register_health_routes(router_, {{"database", [this] { return db_->ping(); }}}, metrics_);
  api::register_openapi_routes(router_);
}

}  // namespace prism::app
