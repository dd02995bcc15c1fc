#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>
#include <stdexcept>

#include "auth/request_limiter.hpp"
#include "cache/keys.hpp"
#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/error.hpp"
#include "core/ids.hpp"
#include "docs/sections.hpp"
#include "services/access.hpp"
#include "services/generations/admission.hpp"
#include "services/generations/generation_service.hpp"
#include "store/documents_store.hpp"
#include "store/generation_events_store.hpp"
#include "store/stories_store.hpp"

namespace prism::services::generations {

namespace gens = store::generations;

struct GenerationService::Source {
  std::string title;
  std::string content;
  std::int64_t version = 0;
  std::string template_name;
  std::set<std::string, std::less<>> covered;  // requirement ids stories of the backlog name
};

namespace {

constexpr int kCacheHitThreads = 2;
constexpr std::size_t kMaxStoryCount = 50;
constexpr auto kSnapshotInterval = std::chrono::milliseconds(2000);

std::string cache_entry(std::string_view key) {
  return std::string(cache::keys::kGeneration) + std::string(key);
}

// Stories with input.coverage: the functional requirements no story of the
// backlog covers yet, each to get a story. 422 when the document numbers
// none, 409 nothing_to_cover when every one has a story, 422 when an
// explicit count is too small for them.
std::vector<ai::Requirement> requirements_to_cover(
    const json::object& input, const std::string& content,
    const std::set<std::string, std::less<>>& covered) {
  auto requirements = ai::requirements_of(content);
  bool any = std::any_of(requirements.begin(), requirements.end(),
                         [](const ai::Requirement& r) { return r.kind == "functional"; });
  if (!any) {
    throw validation_failed("input.coverage",
                            "the document has no numbered functional requirements (FR-1, FR-2 …) "
                            "to cover");
  }
  auto open = ai::uncovered_requirements(requirements, covered);
  if (open.empty()) {
    throw Error(ErrorCode::kConflict,
                "every functional requirement of the document already has a story")
        .with_machine_code("nothing_to_cover");
  }
  if (open.size() > kMaxStoryCount) open.resize(kMaxStoryCount);
  if (auto it = input.find("count"); it != input.end()) {
    auto count = static_cast<std::size_t>(it->value().to_number<std::int64_t>());
    if (count < open.size()) {
      throw validation_failed("input.count",
                              std::to_string(open.size()) +
                                  " functional requirements have no story yet: ask for at least " +
                                  std::to_string(open.size()) + ", or leave the count out");
    }
  }
  return open;
}

}  // namespace

// What the answer depends on besides the request: the document, and for
// coverage the requirements still to cover.
std::string GenerationService::source_fingerprint(const Source& source,
                                                  const std::vector<ai::Requirement>& cover) {
  std::string text = source.title + "\n" + source.content;
  for (const auto& r : cover) text += "\ncover " + r.id;
  return crypto::sha256_hex(text);
}

GenerationService::GenerationService(store::Database& db, cache::Cache& cache,
                                     DocumentsService& documents, AiHooks hooks,
                                     GenerationLimits limits)
    : db_(db),
      cache_(cache),
      documents_(documents),
      hooks_(std::move(hooks)),
      limits_(std::move(limits)),
      snapshots_(db_, kSnapshotInterval),
      cache_hits_(kCacheHitThreads, limits_.queue_capacity),
      pool_(limits_.worker_threads, limits_.queue_capacity) {
  if (limits_.share_events) {
    // Other instances' generations are running: only those whose instance
    // stopped beating are interrupted, by the shipper's sweep.
    shipper_ = std::make_unique<EventShipper>(db_, EventShipper::Timing{}, limits_.activity);
    followers_ = std::make_unique<EventFollowers>(db_, hub_);
    cancel_requests_.emplace(
        db_.notifications().listen(std::string(store::generation_events::kCancelChannel),
                                   [this](std::string_view id) { cancel_here(id); }));
    return;
  }
  std::int64_t interrupted =
      db_.write([](store::Tx& tx) { return gens::fail_interrupted(tx, now_unix_ms()); });
  if (interrupted > 0) spdlog::warn("{} generation(s) were interrupted by a restart", interrupted);
}

void GenerationService::cancel_here(std::string_view id) {
  std::lock_guard lock(mutex_);
  if (auto it = running_.find(id); it != running_.end()) it->second->cancel.cancel();
}

std::shared_ptr<EventLog> GenerationService::new_log(const std::string& id) {
  auto log = hub_.create(id);
  if (shipper_) shipper_->track(id, log);
  return log;
}

GenerationService::~GenerationService() {
  std::lock_guard lock(mutex_);
  for (auto& [id, running] : running_) running->cancel.cancel();
}

void GenerationService::check_rate(const Caller& caller) {
  if (limits_.per_user_per_hour <= 0) return;
  try {
    auth::enforce_rate(cache_, std::string(cache::keys::kGenerationRate) + caller.user_id,
                       static_cast<int>(limits_.per_user_per_hour), std::chrono::hours(1),
                       "too many generations this hour");
  } catch (const cache::CacheError&) {
    // Fail open: a cache outage must not stop generations (and the
    // resilient cache limits locally meanwhile).
  }
}

std::optional<gens::Generation> GenerationService::cache_lookup(std::string_view org_id,
                                                                const std::string& key) {
  std::optional<std::string> source_id;
  try {
    source_id = cache_.get(cache_entry(key));
  } catch (const cache::CacheError&) {
  }
  std::int64_t min_finished = now_unix_ms() - limits_.cache_ttl_seconds * 1000;
  return db_.read([&](store::Tx& tx) -> std::optional<gens::Generation> {
    if (source_id) {
      auto g = gens::find(tx, *source_id);
      if (g && g->org_id == org_id && g->status == "succeeded" && g->cache_key == key) return g;
    }
    return gens::find_cached(tx, org_id, key, min_finished);
  });
}

Started GenerationService::start(const Caller& caller, std::string_view project_id,
                                 const json::object& body) {
  GenerationRequest req = parse_generation_request(body);
  std::string org_id;
  Source source;
  db_.read([&](store::Tx& tx) {
    auto access = require_project(tx, caller.user_id, project_id, Role::kMember);
    org_id = access.org_id;
    if (limits_.require_verified_email) require_verified_email(tx, caller.user_id);
    if (req.document_id) {
      require_document(tx, caller.user_id, *req.document_id, Role::kViewer);
      auto doc = store::documents::find_document(tx, *req.document_id);
      if (!doc || doc->project_id != project_id) {
        throw validation_failed("input.document_id", "no such document in this project");
      }
      auto version = store::documents::find_version(tx, doc->id, doc->current_version);
      source = Source{doc->title,
                      version ? version->content : "",
                      doc->current_version,
                      doc->template_name,
                      {}};
      if (req.kind == "stories") {
        for (auto& ref : store::stories::covered_requirements(tx, doc->id))
          source.covered.insert(std::move(ref));
      }
    }
    check_budget(tx, org_id, now_unix_ms());
  });
  if (req.kind == "section") {
    auto sections = docs::parse_sections(source.content);
    if (docs::find_section(sections, req.input["section"].as_string()) == nullptr) {
      throw validation_failed("input.section", "the document has no such section");
    }
  }
  std::vector<ai::Requirement> cover;
  bool coverage = false;
  if (auto it = req.input.find("coverage"); it != req.input.end() && it->value().is_bool())
    coverage = it->value().as_bool();
  if (coverage) cover = requirements_to_cover(req.input, source.content, source.covered);
  check_rate(caller);

  std::shared_ptr<ai::Provider> provider;
  try {
    if (hooks_.find_provider) provider = hooks_.find_provider(org_id, req.provider.value_or(""));
  } catch (const ai::ProviderError& e) {
    // The organization's own provider cannot be used as saved (its key or
    // base URL): say why before anything is queued.
    throw Error(ErrorCode::kConflict, e.what()).with_machine_code("ai_provider_unusable");
  }
  if (provider == nullptr) {
    if (req.provider) throw validation_failed("provider", "no such provider is configured");
    throw Error(ErrorCode::kUnavailable, "no AI provider is configured");
  }
  std::string model = req.model.value_or(provider->default_model());
  std::string template_name = req.template_name.value_or(limits_.default_template);
  std::int64_t template_version =
      hooks_.template_version ? hooks_.template_version(org_id, template_name) : 1;
  json::object params;
  if (req.temperature) params["temperature"] = *req.temperature;
  if (req.max_tokens) params["max_tokens"] = *req.max_tokens;

  gens::Generation row;
  row.id = new_id();
  row.org_id = org_id;
  row.project_id = std::string(project_id);
  row.user_id = caller.user_id;
  row.kind = req.kind;
  row.input = json::serialize(req.input);
  row.template_name = template_name;
  row.template_version = template_version;
  row.provider = provider->name();
  row.model = model;
  row.params = json::serialize(params);
  row.cache_key = cache_key(CacheKeyParts{
      org_id, req.kind, &req.input, template_name, template_version, row.provider, model, params,
      req.kind == "prd" ? std::string() : source_fingerprint(source, cover)});
  row.document_id = req.document_id;
  if (req.kind != "prd" && req.document_id) row.document_version = source.version;
  row.created_at = now_unix_ms();

  if (req.use_cache) {
    if (auto hit = cache_lookup(org_id, row.cache_key)) return answer_from_cache(caller, row, *hit);
  }

  PromptContext prompt{
      org_id,          req.kind,     req.input,      template_name,        model, req.temperature,
      req.max_tokens,  source.title, source.content, source.template_name, "",    "",
      std::move(cover)};
  if (req.kind == "section") {
    auto sections = docs::parse_sections(source.content);
    const docs::Section* found = docs::find_section(sections, req.input["section"].as_string());
    prompt.section_title = found->title;
    prompt.section_text = found->body;
  }
  if (!hooks_.build_requests) throw std::logic_error("no prompt builder is wired");
  std::vector<ai::CompletionRequest> requests = hooks_.build_requests(prompt);
  if (requests.empty()) throw std::logic_error("no request was built for the generation");
  for (auto& request : requests) request.model = model;
  // Cached answers cost nothing and reserve nothing; a new call reserves
  // the most it may use, checked and recorded in one write transaction so
  // parallel requests see each other's reservations.
  ai::Usage reserved = reservation_for(requests, req.kind != "stories"  ? 1
                                                 : prompt.cover.empty() ? 2
                                                                        : 3);
  row.tokens_reserved = reserved.input_tokens + reserved.output_tokens;
  row.cost_reserved_usd = hooks_.cost_usd ? hooks_.cost_usd(row.provider, model, reserved) : 0;

  row.status = "queued";
  db_.write([&](store::Tx& tx) {
    check_running(tx, org_id, caller.user_id, limits_);
    check_budget(tx, org_id, now_unix_ms());
    gens::insert(tx, row);
  });

  auto running = std::make_shared<Running>();
  running->log = new_log(row.id);
  running->provider = provider;
  {
    std::lock_guard lock(mutex_);
    running_[row.id] = running;
  }
  // Queued per organization: a freed worker takes the organizations in turn.
  bool queued = pool_.post(org_id, [this, caller, row, requests, running]() mutable {
    run(caller, std::move(row), std::move(requests), std::move(running));
  });
  if (!queued) {
    gens::Outcome outcome;
    fail(row, outcome, "overloaded", "the server is too busy to start a generation", *running->log);
    throw Error(ErrorCode::kUnavailable, "the server is too busy; retry soon");
  }
  return Started{row.id, "queued", false};
}

// The request is answered once the hit is recorded (one write); the result
// (a document for prd) is made in the background like a generation's, so a
// hit costs the caller no more than starting one.
Started GenerationService::answer_from_cache(const Caller& caller, gens::Generation row,
                                             const gens::Generation& source) {
  row.status = "running";
  row.cached = true;
  row.started_at = row.created_at;
  db_.write([&](store::Tx& tx) { gens::insert(tx, row); });
  auto log = new_log(row.id);
  log->append("status", json::object{{"status", "running"}, {"cached", true}});
  if (!source.output.empty()) log->append("delta", json::object{{"text", source.output}});
  auto finish = [this, caller, row, output = source.output, hint = source.result.value_or(""),
                 log] {
    gens::Outcome outcome;
    outcome.status = "succeeded";
    outcome.output = output;
    outcome.latency_ms = now_unix_ms() - row.created_at;
    try {
      complete(caller, row, outcome, hint, *log);
    } catch (const Error& e) {
      fail(row, outcome, e.machine_code.empty() ? "failed" : e.machine_code, e.client_message(),
           *log);
    } catch (const std::exception& e) {
      spdlog::error("cached generation {} failed: {}", row.id, e.what());
      fail(row, outcome, "internal", "the generation failed", *log);
    }
  };
  if (!cache_hits_.post(finish)) finish();
  return Started{row.id, "running", true};
}

}  // namespace prism::services::generations
