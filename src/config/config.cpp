#include "config/config.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/crypto.hpp"
#include "core/private_files.hpp"

extern char** environ;

#include "config/env_values.hpp"

namespace prism::config {

namespace {

std::string trim(std::string s) {
  auto not_space = [](unsigned char c) { return !std::isspace(c); };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), not_space));
  s.erase(std::find_if(s.rbegin(), s.rend(), not_space).base(), s.end());
  return s;
}

bool valid_url(const std::string& url) {
  return (url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0) && url.size() > 8 &&
         url.find_first_of(" \t\r\n") == std::string::npos;
}

// Reads the secret from <data_dir>/<file>, creating it (mode 0600) when absent.
std::string persistent_secret(const std::string& data_dir, const std::string& file,
                              const std::string& variable) {
  namespace fs = std::filesystem;
  fs::path path = fs::path(data_dir) / file;
  std::error_code ec;
  create_private_directories(data_dir, ec);
  if (fs::exists(path)) {
    std::ifstream in(path);
    std::string secret;
    std::getline(in, secret);
    if (secret.size() < 32)
      throw ConfigError(variable, path.string() + " holds a secret shorter than 32 bytes");
    return secret;
  }
  std::string secret = crypto::random_token(48);
  mode_t old = umask(077);
  std::ofstream out(path);
  umask(old);
  out << secret << "\n";
  if (!out) throw ConfigError(variable, "cannot write a generated secret to " + path.string());
  return secret;
}

}  // namespace

Env parse_dotenv(const std::string& text) {
  Env env;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    line = trim(line);
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("export ", 0) == 0) line = trim(line.substr(7));
    auto eq = line.find('=');
    if (eq == std::string::npos) continue;
    std::string key = trim(line.substr(0, eq));
    std::string value = trim(line.substr(eq + 1));
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    } else if (auto hash = value.find(" #"); hash != std::string::npos) {
      value = trim(value.substr(0, hash));
    }
    env[key] = value;
  }
  return env;
}

Env load_env(const std::string& dotenv_path) {
  Env env;
  if (std::ifstream in(dotenv_path); in) {
    std::stringstream ss;
    ss << in.rdbuf();
    env = parse_dotenv(ss.str());
  }
  for (char** e = environ; *e; ++e) {
    std::string kv(*e);
    auto eq = kv.find('=');
    if (eq != std::string::npos) env[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return env;
}

Config load_config(const Env& env) {
  Config c;
  c.host = env_string(env, "HOST", c.host);
  c.port = env_int(env, "PORT", c.port, 0, 65535);
  c.database_url = env_string(env, "DATABASE_URL", c.database_url);
  if (c.database_url.rfind("sqlite:", 0) == 0) {
    std::string path = c.database_url.substr(7);
    if (path.empty())
      throw ConfigError("DATABASE_URL", "sqlite: needs a file path, e.g. sqlite:./data/prism.db");
    auto parent = std::filesystem::path(path).parent_path();
    c.data_dir = env_string(env, "DATA_DIR", parent.empty() ? "." : parent.string());
  } else if (c.postgres_database()) {
    // PostgreSQL (libpq's own URL parameters pass through: sslmode,
    // sslrootcert, connect_timeout, application_name …).
    c.data_dir = env_string(env, "DATA_DIR", c.data_dir);
    c.database_pool_size = env_int(env, "DATABASE_POOL_SIZE", c.database_pool_size, 1, 1000);
    c.database_pool_timeout_ms =
        env_int(env, "DATABASE_POOL_TIMEOUT_MS", c.database_pool_timeout_ms, 1, 60000);
    c.database_statement_timeout_ms = env_int(env, "DATABASE_STATEMENT_TIMEOUT_MS",
                                              c.database_statement_timeout_ms, 100, 3600000);
    c.database_listen_url = env_string(env, "DATABASE_LISTEN_URL", "");
    if (!c.database_listen_url.empty() && !Config::is_postgres_url(c.database_listen_url)) {
      throw ConfigError(
          "DATABASE_LISTEN_URL",
          "must be a postgres:// or postgresql:// URL (the direct host, not a pooler)");
    }
  } else {
    throw ConfigError("DATABASE_URL",
                      "unsupported database \"" +
                          c.database_url.substr(0, c.database_url.find(':')) +
                          "\"; expected sqlite:PATH or postgres://USER:PASSWORD@HOST:PORT/DB");
  }

  c.jwt_secret = env_string(env, "JWT_SECRET_KEY");
  if (c.jwt_secret.empty()) {
    if (!c.embedded_database())
      throw ConfigError("JWT_SECRET_KEY", "is required (at least 32 bytes)");
    c.jwt_secret = persistent_secret(c.data_dir, "jwt_secret", "JWT_SECRET_KEY");
    c.jwt_secret_generated = true;
  } else if (c.jwt_secret.size() < 32) {
    throw ConfigError("JWT_SECRET_KEY", "must be at least 32 bytes long");
  }
  c.secret_key = env_string(env, "SECRET_KEY");
  if (c.secret_key.empty()) {
    if (!c.embedded_database()) throw ConfigError("SECRET_KEY", "is required (at least 32 bytes)");
    c.secret_key = persistent_secret(c.data_dir, "secret_key", "SECRET_KEY");
    c.secret_key_generated = true;
  } else if (c.secret_key.size() < 32) {
    throw ConfigError("SECRET_KEY", "must be at least 32 bytes long");
  }
  c.previous_keys = load_previous_keys(env);

  std::string origins = env_string(env, "CORS_ALLOWED_ORIGINS");
  std::stringstream ss(origins);
  for (std::string o; std::getline(ss, o, ',');) {
    o = trim(o);
    if (o.empty()) continue;
    while (o.size() > 1 && o.back() == '/') o.pop_back();
    if (!valid_url(o))
      throw ConfigError("CORS_ALLOWED_ORIGINS", "\"" + o + "\" is not an http(s) origin");
    c.cors_allowed_origins.push_back(o);
  }

  c.public_url = env_string(env, "PUBLIC_URL", "http://localhost:" + std::to_string(c.port));
  while (c.public_url.size() > 1 && c.public_url.back() == '/') c.public_url.pop_back();
  if (!valid_url(c.public_url))
    throw ConfigError("PUBLIC_URL", "must be an http:// or https:// URL");

  c.smtp_url = env_string(env, "SMTP_URL");
  if (!c.smtp_url.empty() && c.smtp_url.rfind("smtp://", 0) != 0 &&
      c.smtp_url.rfind("smtps://", 0) != 0) {
    throw ConfigError("SMTP_URL", "must start with smtp:// or smtps://");
  }
  c.smtp_from = env_string(env, "SMTP_FROM", c.smtp_from);
  if (c.smtp_from.find_first_of("\r\n") != std::string::npos)
    throw ConfigError("SMTP_FROM", "must be one line");

  c.email_verification_required = env_flag(env, "EMAIL_VERIFICATION_REQUIRED", false);

  c.log_level = env_string(env, "LOG_LEVEL", c.log_level);
  static const char* kLevels[] = {"trace", "debug", "info", "warn", "error", "critical", "off"};
  if (std::find(std::begin(kLevels), std::end(kLevels), c.log_level) == std::end(kLevels)) {
    throw ConfigError("LOG_LEVEL", "must be one of trace, debug, info, warn, error, critical, off");
  }
  c.log_format = env_string(env, "LOG_FORMAT", c.log_format);
  if (c.log_format != "json" && c.log_format != "text")
    throw ConfigError("LOG_FORMAT", "must be json or text");

  c.max_body_bytes =
      static_cast<std::size_t>(env_int(env, "MAX_BODY_BYTES", 1024 * 1024, 1024, 64 * 1024 * 1024));
  int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  c.io_threads = env_int(env, "IO_THREADS", cores, 1, 256);
  // Blocking database calls run on the workers: with PostgreSQL there are
  // enough of them for every pooled connection plus a few for the rest.
  int default_workers = std::max(4, cores * 2);
  if (c.postgres_database()) default_workers = std::max(default_workers, c.database_pool_size + 4);
  c.worker_threads = env_int(env, "WORKER_THREADS", default_workers, 1, 1024);
  c.read_timeout_seconds = env_int(env, "READ_TIMEOUT_SECONDS", 30, 1, 3600);
  c.idle_timeout_seconds = env_int(env, "IDLE_TIMEOUT_SECONDS", 60, 1, 3600);
  c.shutdown_grace_seconds = env_int(env, "SHUTDOWN_GRACE_SECONDS", 10, 0, 600);
  c.sse_heartbeat_seconds = env_int(env, "SSE_HEARTBEAT_SECONDS", 15, 1, 15);
  c.web_dir = env_string(env, "WEB_DIR");
  if (c.web_dir.empty()) {
    // The default serves the app `npm run build` leaves in web/dist, when
    // there is one; without it PRISM serves only the API.
    if (std::filesystem::is_regular_file(std::filesystem::path(kDefaultWebDir) / "index.html")) {
      c.web_dir = kDefaultWebDir;
    }
  } else if (!std::filesystem::is_directory(c.web_dir)) {
    throw ConfigError("WEB_DIR", "\"" + c.web_dir + "\" is not a directory");
  } else if (!std::filesystem::is_regular_file(std::filesystem::path(c.web_dir) / "index.html")) {
    throw ConfigError("WEB_DIR",
                      "\"" + c.web_dir +
                          "\" has no index.html; point it at the built web app (web/dist after "
                          "`npm run build` in web/)");
  }
  c.trusted_proxy_hops = env_int(env, "TRUSTED_PROXY_HOPS", 0, 0, 10);
  c.shared_rate_limit_per_minute =
      env_int(env, "SHARED_RATE_LIMIT_PER_MINUTE", c.shared_rate_limit_per_minute, 0, 1000000);
  c.ai = load_ai_config(env);
  c.abuse = load_abuse_limits(env);
  c.cache = load_cache_config(env);
  c.retention = load_retention_config(env);
  c.storage = load_storage_config(env);
  return c;
}

std::string describe(const Config& c) {
  auto redact_url = [](std::string url) {
    auto scheme = url.find("://");
    auto at = url.find('@');
    if (scheme != std::string::npos && at != std::string::npos && at > scheme) {
      url = url.substr(0, scheme + 3) + "***@" + url.substr(at + 1);
    }
    // libpq also takes the password as a URL parameter.
    for (auto at = url.find("password="); at != std::string::npos;
         at = url.find("password=", at + 1)) {
      auto end = url.find('&', at);
      url = url.substr(0, at) + "password=***" + (end == std::string::npos ? "" : url.substr(end));
    }
    return url;
  };
  std::string origins;
  for (const auto& o : c.cors_allowed_origins) origins += (origins.empty() ? "" : ",") + o;
  std::ostringstream out;
  out << "HOST=" << c.host << "\n"
      << "PORT=" << c.port << "\n"
      << "DATABASE_URL=" << redact_url(c.database_url) << "\n"
      << "DATA_DIR=" << c.data_dir << "\n";
  if (c.postgres_database()) {
    out << "DATABASE_POOL_SIZE=" << c.database_pool_size << "\n"
        << "DATABASE_POOL_TIMEOUT_MS=" << c.database_pool_timeout_ms << "\n"
        << "DATABASE_STATEMENT_TIMEOUT_MS=" << c.database_statement_timeout_ms << "\n"
        << "DATABASE_LISTEN_URL="
        << (c.database_listen_url.empty() ? "(DATABASE_URL)" : redact_url(c.database_listen_url))
        << "\n";
  }
  out << "JWT_SECRET_KEY=" << redacted_secret(c.jwt_secret, c.jwt_secret_generated) << "\n"
      << "SECRET_KEY=" << redacted_secret(c.secret_key, c.secret_key_generated) << "\n"
      << describe(c.previous_keys)
      << "CORS_ALLOWED_ORIGINS=" << (origins.empty() ? "(none: same origin only)" : origins) << "\n"
      << "PUBLIC_URL=" << c.public_url << "\n"
      << "SMTP_URL="
      << (c.smtp_url.empty() ? "(unset: e-mails are logged)" : redact_url(c.smtp_url)) << "\n"
      << "SMTP_FROM=" << c.smtp_from << "\n"
      << "EMAIL_VERIFICATION_REQUIRED=" << (c.email_verification_required ? "true" : "false")
      << "\n"
      << "LOG_LEVEL=" << c.log_level << "\n"
      << "LOG_FORMAT=" << c.log_format << "\n"
      << "MAX_BODY_BYTES=" << c.max_body_bytes << "\n"
      << "TRUSTED_PROXY_HOPS=" << c.trusted_proxy_hops << "\n"
      << "IO_THREADS=" << c.io_threads << "\n"
      << "WORKER_THREADS=" << c.worker_threads << "\n"
      << "READ_TIMEOUT_SECONDS=" << c.read_timeout_seconds << "\n"
      << "IDLE_TIMEOUT_SECONDS=" << c.idle_timeout_seconds << "\n"
      << "SHUTDOWN_GRACE_SECONDS=" << c.shutdown_grace_seconds << "\n"
      << "SSE_HEARTBEAT_SECONDS=" << c.sse_heartbeat_seconds << "\n"
      << "WEB_DIR="
      << (c.web_dir.empty() ? "(unset: ./web/dist is not built, no web app is served)" : c.web_dir)
      << "\n"
      << "SHARED_RATE_LIMIT_PER_MINUTE=" << c.shared_rate_limit_per_minute << "\n"
      << describe(c.ai) << describe(c.abuse) << describe(c.cache) << describe(c.retention)
      << describe(c.storage);
  return out.str();
}

}  // namespace prism::config
