#pragma once

#include <memory>

#include "ai/registry.hpp"
#include "api/generations_routes.hpp"
#include "cache/resilient_cache.hpp"
#include "config/config.hpp"
#include "core/activity.hpp"
#include "http/authenticator.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "mail/mailer.hpp"
#include "services/ai_settings/ai_settings_service.hpp"
#include "services/audit/audit_log_service.hpp"
#include "services/auth/auth_service.hpp"
#include "services/collab/comments_service.hpp"
#include "services/collab/notifications_service.hpp"
#include "services/collab/notifier.hpp"
#include "services/collab/reviews_service.hpp"
#include "services/documents/document_shares_service.hpp"
#include "services/documents/documents_service.hpp"
#include "services/documents/html_renderer.hpp"
#include "services/documents/lint_service.hpp"
#include "services/documents/template_catalog.hpp"
#include "services/documents/templates_service.hpp"
#include "services/generations/generation_service.hpp"
#include "services/mcp/mcp_server.hpp"
#include "services/operations/cleanup.hpp"
#include "services/operations/server_admin.hpp"
#include "services/operations/storage.hpp"
#include "services/orgs/invitations_service.hpp"
#include "services/orgs/members_service.hpp"
#include "services/orgs/orgs_service.hpp"
#include "services/orgs/projects_service.hpp"
#include "services/search/search_service.hpp"
#include "services/stories/stories_service.hpp"
#include "services/trash/trash_service.hpp"
#include "store/database.hpp"
#include "web/static_site.hpp"

namespace prism::app {

// Owns every long-lived object and wires them once: the store, cache,
// mailer, services and the router. Nothing below reaches for globals; each
// service gets what it needs by reference here.
class Application {
 public:
  explicit Application(const config::Config& config);
  ~Application();

  const http::Router& router() const { return router_; }
  http::Authenticator* authenticator();
  http::Metrics& metrics() { return metrics_; }
  Activity& activity() { return activity_; }
  store::Database& database() { return *db_; }

 private:
  void register_routes();
  // The AI pieces the generation flow calls (src/app/ai_wiring.cpp).
  services::generations::AiHooks generation_hooks();
  std::string section_guidance(std::string_view org_id, std::string_view template_name,
                               std::string_view section_title);

  const config::Config& config_;
  http::Metrics metrics_;
  Activity activity_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<cache::ResilientCache> cache_;
  std::unique_ptr<mail::Mailer> mailer_;
  // Services, declared after what they use, so they are destroyed first.
  std::unique_ptr<services::AuthService> auth_;
  std::unique_ptr<services::OrgsService> orgs_;
  std::unique_ptr<services::MembersService> members_;
  std::unique_ptr<services::AuditLogService> audit_log_;
  std::unique_ptr<auth::RequestLimiter> invitation_limiter_;
  std::unique_ptr<auth::RequestLimiter> share_read_limiter_;
  std::unique_ptr<services::InvitationsService> invitations_;
  std::unique_ptr<services::ProjectsService> projects_;
  std::unique_ptr<services::TemplateCatalog> template_catalog_;
  std::unique_ptr<services::TemplatesService> templates_;
  std::unique_ptr<services::LintService> lint_;
  // Renders each document version's HTML once, a few at a time.
  std::unique_ptr<services::HtmlRenderer> html_renderer_;
  std::unique_ptr<services::DocumentsService> documents_;
  std::unique_ptr<services::DocumentSharesService> shares_;
  std::unique_ptr<services::StoriesService> stories_;
  std::unique_ptr<services::collab::Notifier> notifier_;
  std::unique_ptr<services::collab::CommentsService> comments_;
  std::unique_ptr<services::collab::ReviewsService> reviews_;
  std::unique_ptr<services::collab::NotificationsService> notifications_;
  std::unique_ptr<services::mcp::McpServer> mcp_;
  std::unique_ptr<services::trash::TrashService> trash_;
  std::unique_ptr<services::search::SearchService> search_;
  std::unique_ptr<ai::ProviderRegistry> providers_;
  std::unique_ptr<crypto::SecretBox> secret_box_;  // SECRET_KEY: organizations' provider keys
  std::unique_ptr<services::ai_settings::AiSettingsService> ai_settings_;
  std::unique_ptr<services::generations::GenerationService> generations_;
  std::unique_ptr<services::operations::DailyCleanup> daily_cleanup_;
  std::unique_ptr<services::operations::StorageMonitor> storage_monitor_;
  std::unique_ptr<services::operations::ServerAdmin> server_admin_;
  // The web app (WEB_DIR) in memory; null when none is served.
  std::unique_ptr<web::StaticSite> site_;
  http::Router router_;
};

}  // namespace prism::app
