#include "app/application.hpp"

#include <spdlog/spdlog.h>

#include "ai/template/template_provider.hpp"
#include "api/admin_routes.hpp"
#include "api/ai_settings_routes.hpp"
#include "api/audit_routes.hpp"
#include "api/auth_routes.hpp"
#include "api/collab_routes.hpp"
#include "api/documents_routes.hpp"
#include "api/generations_routes.hpp"
#include "api/health_routes.hpp"
#include "api/lint_routes.hpp"
#include "api/mcp_routes.hpp"
#include "api/members_routes.hpp"
#include "api/openapi_routes.hpp"
#include "api/orgs_routes.hpp"
#include "api/projects_routes.hpp"
#include "api/search_routes.hpp"
#include "api/shares_routes.hpp"
#include "api/stories_routes.hpp"
#include "api/templates_routes.hpp"
#include "api/trash_routes.hpp"
#include "app/app.hpp"
#include "app/cache_wiring.hpp"
#include "app/open_cache.hpp"
#include "config/config_error.hpp"
#include "store/migrations.hpp"
#include "web/static_routes.hpp"

namespace prism::app {

namespace {

auth::RequestLimit hourly(const config::HourlyLimit& limit) {
  return auth::RequestLimit{limit.per_ip, limit.total, std::chrono::hours(1)};
}

// E-mail addresses can be confirmed only where e-mail really goes out (SMTP
// configured), or where confirming is required to sign in at all. Then an
// unconfirmed account may hold no personal token and spend no AI budget.
bool email_verifiable(const config::Config& config) {
  return !config.smtp_url.empty() || config.email_verification_required;
}

// Every new organization (POST /orgs and registration's) starts with these.
services::OrgDefaults org_defaults(const config::Config& config) {
  return services::OrgDefaults{config.ai.default_org_budget_tokens,
                               config.ai.default_org_budget_usd};
}

services::AuthConfig auth_config(const config::Config& config) {
  services::AuthConfig c;
  c.jwt = auth::JwtSettings{config.jwt_secret, "prism", "prism-api", 900,
                            config.previous_keys.jwt_secret};
  c.public_url = config.public_url;
  c.verification_required = config.email_verification_required;
  c.email_verifiable = email_verifiable(config);
  c.registrations = hourly(config.abuse.registrations);
  c.password_resets = hourly(config.abuse.password_resets);
  // Another e-mail to an address on request: held to the same numbers.
  c.verification_resends = hourly(config.abuse.password_resets);
  c.org_defaults = org_defaults(config);
  return c;
}

// The origins whose pages may act as the user: PRISM's own and the ones
// allowed to call the API cross-origin. They may use the refresh cookie and
// reach /mcp from a browser.
std::vector<std::string> trusted_origins(const config::Config& config) {
  std::vector<std::string> origins = config.cors_allowed_origins;
  origins.push_back(config.public_url);
  return origins;
}

}  // namespace

Application::Application(const config::Config& config)
    : config_(config), db_(open_database(config)) {
  // Pending migrations are applied at start on every backend. On PostgreSQL
  // each one runs in a write transaction, and every write transaction holds
  // one transaction-level advisory lock (pg_advisory_xact_lock), so several
  // instances starting together apply each migration exactly once.
  auto report = store::migrate(*db_);
  if (!report.applied.empty()) spdlog::info("applied {} migration(s)", report.applied.size());
  cache_ = open_cache(config.cache);
  metrics_.add_source([cache = cache_.get()] { return cache_metrics(*cache); });
  mailer_ = mail::make_mailer(config.smtp_url, config.smtp_from);
  auth_ = std::make_unique<services::AuthService>(*db_, *cache_, *mailer_, auth_config(config));
  orgs_ = std::make_unique<services::OrgsService>(*db_, org_defaults(config));
  members_ = std::make_unique<services::MembersService>(*db_);
  audit_log_ = std::make_unique<services::AuditLogService>(*db_);
  invitation_limiter_ = std::make_unique<auth::RequestLimiter>(*cache_, "invitations",
                                                               hourly(config.abuse.invitations));
  invitations_ = std::make_unique<services::InvitationsService>(*db_, *mailer_, config.public_url,
                                                                *invitation_limiter_, *cache_);
  projects_ = std::make_unique<services::ProjectsService>(*db_);
  template_catalog_ = std::make_unique<services::TemplateCatalog>(*db_);
  templates_ = std::make_unique<services::TemplatesService>(*db_, *template_catalog_);
  lint_ = std::make_unique<services::LintService>(*db_, *template_catalog_);
  share_read_limiter_ = std::make_unique<auth::RequestLimiter>(
      *cache_, "share link reads",
      auth::RequestLimit{config.shared_rate_limit_per_minute, 0, std::chrono::minutes(1)});
  html_renderer_ = std::make_unique<services::HtmlRenderer>(
      services::RenderGate::Limits::for_workers(config.worker_threads));
  documents_ = std::make_unique<services::DocumentsService>(*db_, template_catalog_.get(),
                                                            html_renderer_.get());
  shares_ = std::make_unique<services::DocumentSharesService>(
      *db_, config.public_url,
      services::SharedReadGuards{share_read_limiter_.get(), html_renderer_.get()});
  stories_ = std::make_unique<services::StoriesService>(*db_);
  trash_ = std::make_unique<services::trash::TrashService>(*db_, config.retention.trash_days);
  search_ = std::make_unique<services::search::SearchService>(*db_);
  notifier_ = std::make_unique<services::collab::Notifier>(
      *mailer_, config.public_url, config.secret_key, config.previous_keys.secret_key);
  invitations_->notify_with(*notifier_);
  comments_ = std::make_unique<services::collab::CommentsService>(*db_, *notifier_);
  reviews_ = std::make_unique<services::collab::ReviewsService>(*db_, *notifier_);
  notifications_ = std::make_unique<services::collab::NotificationsService>(*db_, *notifier_);
  mcp_ = std::make_unique<services::mcp::McpServer>(
      *db_,
      services::mcp::ToolServices{*orgs_, *projects_, *documents_, *stories_, *comments_, *search_},
      PRISM_VERSION,
      services::mcp::SessionPolicy{std::int64_t{config.retention.mcp_session_idle_seconds} * 1000});
  providers_ = std::make_unique<ai::ProviderRegistry>(config.ai);
  providers_->add(std::make_unique<ai::TemplateProvider>(
      4, std::chrono::milliseconds(config.ai.template_chunk_delay_ms)));
  secret_box_ =
      std::make_unique<crypto::SecretBox>(config.secret_key, config.previous_keys.secret_key);
  ai_settings_ = std::make_unique<services::ai_settings::AiSettingsService>(
      *db_, *secret_box_, config_.ai, *providers_);
  services::generations::GenerationLimits limits;
  limits.cache_ttl_seconds = config.ai.cache_ttl_seconds;
  limits.max_running_per_org = config.ai.max_concurrent_per_org;
  limits.max_running_per_user = config.ai.max_concurrent_per_user;
  limits.require_verified_email = email_verifiable(config);
  limits.per_user_per_hour = config.ai.rate_limit_per_user_per_hour;
  limits.worker_threads = config.ai.worker_threads;
  // Instances that share a database (PostgreSQL) share their generations'
  // events; the embedded database has one instance.
  limits.share_events = db_->dialect() == store::Dialect::kPostgres;
  limits.activity = &activity_;
  generations_ = std::make_unique<services::generations::GenerationService>(
      *db_, *cache_, *documents_, generation_hooks(), limits);
  daily_cleanup_ =
      std::make_unique<services::operations::DailyCleanup>(*db_, config.retention, &activity_);
  storage_monitor_ =
      std::make_unique<services::operations::StorageMonitor>(*db_, config.storage, &activity_);
  metrics_.add_source([monitor = storage_monitor_.get()] { return monitor->metrics(); });
  server_admin_ = std::make_unique<services::operations::ServerAdmin>(*db_, config.storage);
  if (!config.web_dir.empty()) {
    try {
      site_ = std::make_unique<web::StaticSite>(web::StaticSite::load(config.web_dir));
    } catch (const std::exception& e) {
      throw config::ConfigError("WEB_DIR", e.what());
    }
    spdlog::info(
        "serving the web app from {} ({} files, {:.1f} MB, each read on its first request)",
        config.web_dir, site_->file_count(),
        static_cast<double>(site_->total_bytes()) / (1024 * 1024));
  }
  register_routes();
  metrics_.add_source([this] {
    return "# HELP prism_db_round_trips_total Round trips made to the database server.\n"
           "# TYPE prism_db_round_trips_total counter\n"
           "prism_db_round_trips_total " +
           std::to_string(db_->round_trips()) + "\n";
  });
}

Application::~Application() = default;

http::Authenticator* Application::authenticator() { return auth_.get(); }

void Application::register_routes() {
  api::register_health_routes(router_,
                              {{"database", nullptr,
                                [this](bool& ok) {
                                  ok = db_->ping();
                                  return storage_monitor_->readiness();
                                }},
                               cache_readiness(*cache_)},
                              metrics_);
  api::register_auth_routes(router_, *auth_, api::refresh_cookie_settings(config_.public_url),
                            auth::CookieGuard(trusted_origins(config_)));
  api::register_document_routes(router_, *documents_);
  api::register_share_routes(router_, *shares_);
  api::register_openapi_routes(router_);
  api::register_orgs_routes(router_, *orgs_);
  api::register_members_routes(router_, *members_, *invitations_);
  api::register_audit_routes(router_, *audit_log_);
  api::register_projects_routes(router_, *projects_);
  api::register_stories_routes(router_, *stories_);
  api::register_generations_routes(router_, *generations_,
                                   [this] { return providers_->describe(); });
  api::register_templates_routes(router_, *templates_);
  api::register_lint_routes(router_, *lint_);
  api::register_admin_routes(router_, *server_admin_);
  api::register_ai_settings_routes(router_, *ai_settings_);
  api::register_collab_routes(router_, {*comments_, *reviews_, *notifications_});
  api::register_mcp_routes(router_, *mcp_, trusted_origins(config_));
  api::register_trash_routes(router_, *trash_);
  api::register_search_routes(router_, *search_);
  if (site_) web::register_static_site(router_, *site_);
}

}  // namespace prism::app
