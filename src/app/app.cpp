#include "app/app.hpp"

#include <malloc.h>
#include <spdlog/spdlog.h>

#include "app/application.hpp"
#include "http/dispatcher.hpp"
#include "http/server.hpp"
#include "http/worker_pool.hpp"

namespace prism::app {

std::unique_ptr<store::Database> open_database(const config::Config& config) {
  return store::open_database(config.database_url,
                              {.pool_size = config.database_pool_size,
                               .pool_timeout_ms = config.database_pool_timeout_ms,
                               .statement_timeout_ms = config.database_statement_timeout_ms,
                               .listen_url = config.database_listen_url,
                               .quota_bytes = config.storage.quota_bytes});
}

int serve(const config::Config& config) {
  // Password hashing allocates 19 MiB at a time; a fixed mmap threshold makes
  // glibc return that memory to the system instead of keeping it resident.
  mallopt(M_MMAP_THRESHOLD, 1024 * 1024);

  if (config.jwt_secret_generated || config.secret_key_generated) {
    spdlog::warn(
        "JWT_SECRET_KEY/SECRET_KEY not set: using secrets generated in {} (fine for the "
        "embedded default; set them explicitly in production)",
        config.data_dir);
  }
  Application application(config);
  http::WorkerPool workers(config.worker_threads);
  store::Database& db = application.database();
  http::Dispatcher dispatcher(
      application.router(), application.authenticator(), application.metrics(),
      {config.cors_allowed_origins, config.public_url_is_https(), config.max_body_bytes,
       [&db](const std::function<void()>& fn) { db.in_read_scope(fn); }, &application.activity(),
       config.trusted_proxy_hops});
  http::ServerOptions options;
  options.host = config.host;
  options.port = static_cast<unsigned short>(config.port);
  options.io_threads = config.io_threads;
  options.max_body_bytes = config.max_body_bytes;
  options.read_timeout = std::chrono::seconds(config.read_timeout_seconds);
  options.idle_timeout = std::chrono::seconds(config.idle_timeout_seconds);
  options.shutdown_grace = std::chrono::seconds(config.shutdown_grace_seconds);
  options.sse_heartbeat = std::chrono::seconds(config.sse_heartbeat_seconds);
  http::Server server(options, dispatcher, workers);
  application.metrics().set_queue_depth_source([&] { return server.queue_depth(); });
  server.run([&](unsigned short port) {
    spdlog::info("PRISM {} listening on http://{}:{} ({} I/O threads, {} workers)", PRISM_VERSION,
                 config.host, port, config.io_threads, config.worker_threads);
  });
  workers.join();
  spdlog::info("stopped");
  return 0;
}

}  // namespace prism::app
