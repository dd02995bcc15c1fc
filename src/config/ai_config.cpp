#include "config/ai_config.hpp"

#include <charconv>
#include <fstream>
#include <sstream>

#include "core/json.hpp"

#include "config/env_values.hpp"

namespace prism::config {

namespace {

std::string get_base_url(const Env& env, const std::string& name, const std::string& fallback) {
  std::string url = env_string(env, name, fallback);
  while (url.size() > 1 && url.back() == '/') url.pop_back();
  bool http = url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0;
  if (!http || url.size() <= 8 || url.find_first_of(" \t\r\n") != std::string::npos) {
    throw ConfigError(name, "must be an http:// or https:// URL");
  }
  return url;
}

double price_field(const json::object& entry, const char* field, const std::string& model,
                   const std::string& variable) {
  const json::value* v = entry.if_contains(field);
  if (v == nullptr || !v->is_number()) {
    throw ConfigError(
        variable, "\"" + model + "\" needs a number \"" + field + "\" (USD per million tokens)");
  }
  double d = v->to_number<double>();
  if (d < 0) throw ConfigError(variable, "\"" + model + "\"." + field + " must not be negative");
  return d;
}

// A budget: a non-negative number (an integer for tokens), or unset.
std::optional<std::int64_t> env_budget_tokens(const Env& env, const std::string& name) {
  std::string v = env_string(env, name);
  if (v.empty()) return std::nullopt;
  std::int64_t n = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc{} || ptr != v.data() + v.size() || n < 0) {
    throw ConfigError(name, "must be a whole number of tokens (0 or more), got \"" + v + "\"");
  }
  return n;
}

std::optional<double> env_budget_usd(const Env& env, const std::string& name) {
  std::string v = env_string(env, name);
  if (v.empty()) return std::nullopt;
  double d = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec != std::errc{} || ptr != v.data() + v.size() || !(d >= 0) || d > 1e12) {
    throw ConfigError(name, "must be an amount in USD (0 or more, e.g. 25 or 12.5), got \"" + v +
                                "\"");
  }
  return d;
}

std::string optional_text(const std::optional<std::int64_t>& v) {
  return v ? std::to_string(*v) : "(unset: no budget)";
}
std::string optional_text(const std::optional<double>& v) {
  if (!v) return "(unset: no budget)";
  std::ostringstream out;
  out << *v;
  return out.str();
}

std::string redact(const std::string& key) {
  return key.empty() ? "(unset)" : "(redacted, " + std::to_string(key.size()) + " bytes)";
}

}  // namespace

std::map<std::string, ModelPrice> parse_prices(const std::string& text,
                                               const std::string& variable) {
  boost::system::error_code ec;
  json::value doc = json::parse(text, ec);
  if (ec || !doc.is_object()) {
    throw ConfigError(variable,
                      "must be a JSON object {\"model\": {\"input\": USD, \"output\": USD}}");
  }
  std::map<std::string, ModelPrice> prices;
  for (const auto& [model, entry] : doc.as_object()) {
    std::string id(model);
    if (!entry.is_object()) throw ConfigError(variable, "\"" + id + "\" must be an object");
    prices[id] = ModelPrice{price_field(entry.as_object(), "input", id, variable),
                            price_field(entry.as_object(), "output", id, variable)};
  }
  return prices;
}

AiConfig load_ai_config(const Env& env) {
  AiConfig c;
  c.anthropic_api_key = env_string(env, "ANTHROPIC_API_KEY");
  c.anthropic_base_url = get_base_url(env, "ANTHROPIC_BASE_URL", c.anthropic_base_url);
  c.anthropic_model = env_string(env, "ANTHROPIC_MODEL", c.anthropic_model);
  c.openai_api_key = env_string(env, "OPENAI_API_KEY");
  c.openai_base_url_set = !env_string(env, "OPENAI_BASE_URL").empty();
  c.openai_base_url = get_base_url(env, "OPENAI_BASE_URL", c.openai_base_url);
  c.openai_model = env_string(env, "OPENAI_MODEL", c.openai_model);
  for (const char* name :
       {"ANTHROPIC_API_KEY", "OPENAI_API_KEY", "ANTHROPIC_MODEL", "OPENAI_MODEL"}) {
    if (env_string(env, name).find_first_of(" \t\r\n") != std::string::npos) {
      throw ConfigError(name, "must not contain spaces or line breaks");
    }
  }

  c.default_provider = env_string(env, "AI_DEFAULT_PROVIDER", c.default_provider);
  if (c.default_provider == "anthropic" && !c.anthropic_configured()) {
    throw ConfigError("AI_DEFAULT_PROVIDER", "is anthropic but ANTHROPIC_API_KEY is not set");
  }
  if (c.default_provider == "openai" && !c.openai_configured()) {
    throw ConfigError("AI_DEFAULT_PROVIDER",
                      "is openai but neither OPENAI_API_KEY nor OPENAI_BASE_URL is set");
  }
  if (c.default_provider != "template" && c.default_provider != "anthropic" &&
      c.default_provider != "openai") {
    throw ConfigError("AI_DEFAULT_PROVIDER", "must be template, anthropic or openai");
  }

  c.prices_file = env_string(env, "AI_PRICES_FILE");
  if (!c.prices_file.empty()) {
    std::ifstream in(c.prices_file);
    if (!in) throw ConfigError("AI_PRICES_FILE", "cannot read " + c.prices_file);
    std::stringstream text;
    text << in.rdbuf();
    c.price_overrides = parse_prices(text.str(), "AI_PRICES_FILE");
  }
  if (std::string inline_prices = env_string(env, "AI_PRICES"); !inline_prices.empty()) {
    for (auto& [model, price] : parse_prices(inline_prices, "AI_PRICES"))
      c.price_overrides[model] = price;
  }

  c.cache_ttl_seconds =
      env_int(env, "AI_CACHE_TTL_SECONDS", c.cache_ttl_seconds, 0, 365 * 24 * 3600);
  c.max_concurrent_per_org =
      env_int(env, "AI_MAX_CONCURRENT_PER_ORG", c.max_concurrent_per_org, 1, 1000);
  c.max_concurrent_per_user =
      env_int(env, "AI_MAX_CONCURRENT_PER_USER", c.max_concurrent_per_user, 1, 1000);
  c.default_org_budget_tokens = env_budget_tokens(env, "AI_DEFAULT_ORG_BUDGET_TOKENS");
  c.default_org_budget_usd = env_budget_usd(env, "AI_DEFAULT_ORG_BUDGET_USD");
  c.worker_threads = env_int(env, "AI_WORKER_THREADS", c.worker_threads, 1, 2000);
  c.rate_limit_per_user_per_hour =
      env_int(env, "AI_RATE_LIMIT_PER_USER_PER_HOUR", c.rate_limit_per_user_per_hour, 1, 100000);
  c.connect_timeout_seconds =
      env_int(env, "AI_CONNECT_TIMEOUT_SECONDS", c.connect_timeout_seconds, 1, 600);
  c.idle_timeout_seconds = env_int(env, "AI_IDLE_TIMEOUT_SECONDS", c.idle_timeout_seconds, 1, 3600);
  c.max_retries = env_int(env, "AI_MAX_RETRIES", c.max_retries, 0, 10);
  c.template_chunk_delay_ms =
      env_int(env, "AI_TEMPLATE_CHUNK_DELAY_MS", c.template_chunk_delay_ms, 0, 1000);
  c.allow_private_base_urls = env_flag(env, "AI_ALLOW_PRIVATE_BASE_URLS", false);
  return c;
}

std::string describe(const AiConfig& c) {
  std::ostringstream out;
  out << "AI_DEFAULT_PROVIDER=" << c.default_provider << "\n"
      << "ANTHROPIC_API_KEY=" << redact(c.anthropic_api_key) << "\n"
      << "ANTHROPIC_BASE_URL=" << c.anthropic_base_url << "\n"
      << "ANTHROPIC_MODEL=" << c.anthropic_model << "\n"
      << "OPENAI_API_KEY=" << redact(c.openai_api_key) << "\n"
      << "OPENAI_BASE_URL=" << c.openai_base_url << "\n"
      << "OPENAI_MODEL=" << c.openai_model << "\n"
      << "AI_PROVIDERS_CONFIGURED=template" << (c.anthropic_configured() ? ",anthropic" : "")
      << (c.openai_configured() ? ",openai" : "") << "\n"
      << "AI_PRICES_FILE=" << (c.prices_file.empty() ? "(unset)" : c.prices_file) << "\n"
      << "AI_PRICE_OVERRIDES=" << c.price_overrides.size() << " model(s)\n"
      << "AI_CACHE_TTL_SECONDS=" << c.cache_ttl_seconds << "\n"
      << "AI_MAX_CONCURRENT_PER_ORG=" << c.max_concurrent_per_org << "\n"
      << "AI_MAX_CONCURRENT_PER_USER=" << c.max_concurrent_per_user << "\n"
      << "AI_DEFAULT_ORG_BUDGET_TOKENS=" << optional_text(c.default_org_budget_tokens) << "\n"
      << "AI_DEFAULT_ORG_BUDGET_USD=" << optional_text(c.default_org_budget_usd) << "\n"
      << "AI_WORKER_THREADS=" << c.worker_threads << "\n"
      << "AI_TEMPLATE_CHUNK_DELAY_MS=" << c.template_chunk_delay_ms << "\n"
      << "AI_RATE_LIMIT_PER_USER_PER_HOUR=" << c.rate_limit_per_user_per_hour << "\n"
      << "AI_CONNECT_TIMEOUT_SECONDS=" << c.connect_timeout_seconds << "\n"
      << "AI_IDLE_TIMEOUT_SECONDS=" << c.idle_timeout_seconds << "\n"
      << "AI_MAX_RETRIES=" << c.max_retries << "\n"
      << "AI_ALLOW_PRIVATE_BASE_URLS=" << (c.allow_private_base_urls ? "true" : "false") << "\n";
  return out.str();
}

}  // namespace prism::config
