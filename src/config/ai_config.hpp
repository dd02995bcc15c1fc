#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "config/config_error.hpp"

namespace prism::config {

using Env = std::map<std::string, std::string>;

// USD per million tokens for one model.
struct ModelPrice {
  double input_per_mtok = 0;
  double output_per_mtok = 0;
};

// The LLM providers and the limits of the AI features.
struct AiConfig {
  std::string default_provider = "template";  // template | anthropic | openai

  std::string anthropic_api_key;
  std::string anthropic_base_url = "https://api.anthropic.com";
  std::string anthropic_model = "claude-sonnet-4-5";

  std::string openai_api_key;
  std::string openai_base_url = "https://api.openai.com/v1";
  bool openai_base_url_set = false;  // an OpenAI-compatible server (e.g. Ollama) needs no key
  std::string openai_model = "gpt-4o-mini";

  // Price overrides merged over the built-in table: AI_PRICES_FILE first,
  // then AI_PRICES (inline JSON) on top. Keys are model ids.
  std::string prices_file;
  std::map<std::string, ModelPrice> price_overrides;

  int cache_ttl_seconds = 7 * 24 * 3600;
  int max_concurrent_per_org = 3;
  // Queued or running generations of one user across all of their
  // organizations: below AI_WORKER_THREADS, so one account that makes
  // several organizations cannot occupy every worker.
  int max_concurrent_per_user = 3;
  // The monthly budget a new organization starts with; unset: none.
  std::optional<std::int64_t> default_org_budget_tokens;
  std::optional<double> default_org_budget_usd;
  // Generations running at once in this process: each holds a thread while
  // its provider streams, so this bounds the threads and connections.
  int worker_threads = 8;
  int rate_limit_per_user_per_hour = 60;
  int connect_timeout_seconds = 10;
  int idle_timeout_seconds = 60;
  int max_retries = 3;
  // A pause between the template provider's chunks, so a demo (or a browser
  // test) shows its PRD streaming at a readable pace; 0 streams at once.
  int template_chunk_delay_ms = 0;
  // AI_ALLOW_PRIVATE_BASE_URLS: an organization's base URL may then point to
  // private and loopback addresses, over http too (self-hosted Ollama next
  // to PRISM). Off: https to public addresses only.
  bool allow_private_base_urls = false;

  bool anthropic_configured() const { return !anthropic_api_key.empty(); }
  bool openai_configured() const { return !openai_api_key.empty() || openai_base_url_set; }
};

// Validates every AI_*, ANTHROPIC_* and OPENAI_* variable; throws
// ConfigError naming the first bad one.
AiConfig load_ai_config(const Env& env);

// Parses a price table: {"model-id": {"input": 3.0, "output": 15.0}, ...}
// (USD per million tokens). Throws ConfigError naming `variable`.
std::map<std::string, ModelPrice> parse_prices(const std::string& text,
                                               const std::string& variable);

// The effective AI settings, keys redacted, one `NAME=value` per line.
std::string describe(const AiConfig& config);

}  // namespace prism::config
