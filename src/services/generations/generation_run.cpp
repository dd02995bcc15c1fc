#include <spdlog/spdlog.h>

#include <stdexcept>

#include "ai/structured.hpp"
#include "cache/keys.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "docs/diff.hpp"
#include "docs/section_answer.hpp"
#include "docs/sections.hpp"
#include "services/generations/generation_service.hpp"

namespace prism::services::generations {

namespace gens = store::generations;

namespace {

// The output column is a snapshot for after a crash (readers of a running
// generation get the output from memory): offered to the snapshot writer
// at most every 2 s or 64 KiB of text, since every offer copies the output
// and every write rewrites it.
constexpr std::int64_t kSnapshotIntervalMs = 2000;
constexpr std::size_t kSnapshotBytes = 64 * 1024;

std::string error_code_of(ai::ProviderError::Kind kind) {
  switch (kind) {
    case ai::ProviderError::Kind::kAuthentication:
      return "provider_authentication";
    case ai::ProviderError::Kind::kRateLimited:
      return "provider_rate_limited";
    case ai::ProviderError::Kind::kUnavailable:
      return "provider_unavailable";
    case ai::ProviderError::Kind::kBadRequest:
      return "provider_bad_request";
    case ai::ProviderError::Kind::kBadResponse:
      return "provider_bad_response";
    case ai::ProviderError::Kind::kCancelled:
      return "cancelled";
  }
  return "provider_error";
}

json::object diff_result_json(const docs::DiffResult& d) {
  json::array sections;
  for (const auto& s : d.sections) {
    sections.push_back(json::object{{"section", s.section},
                                    {"change", s.change},
                                    {"lines_added", s.lines_added},
                                    {"lines_removed", s.lines_removed}});
  }
  return json::object{{"unified", d.unified},
                      {"sections", std::move(sections)},
                      {"lines_added", d.lines_added},
                      {"lines_removed", d.lines_removed}};
}

std::string dropped_note(const std::vector<std::string>& dropped, const std::string& section) {
  std::string names;
  for (std::size_t i = 0; i < dropped.size() && i < 5; ++i) {
    names += (i == 0 ? "" : ", ") + (dropped[i].empty() ? std::string("(untitled)") : dropped[i]);
  }
  if (dropped.size() > 5) names += " …";
  return "The model also wrote other sections (" + names + "); they were left out, so only \"" +
         (section.empty() ? std::string("the text before the first section") : section) +
         "\" changes.";
}

// Providers that send no usage are counted roughly (4 bytes a token).
std::int64_t estimate_tokens(std::size_t bytes) { return static_cast<std::int64_t>(bytes + 3) / 4; }

}  // namespace

void GenerationService::run(const Caller& caller, gens::Generation row,
                            std::vector<ai::CompletionRequest> requests,
                            std::shared_ptr<Running> running) {
  EventLog& log = *running->log;
  std::int64_t started = now_unix_ms();
  bool claimed = db_.write([&](store::Tx& tx) { return gens::mark_running(tx, row.id, started); });
  if (claimed) {
    log.append("status", json::object{{"status", "running"}, {"cached", false}});
    // The output is the text of the deltas, kept once, in the event log.
    std::size_t streamed = 0;
    std::string unstreamed;  // an answer that came without deltas
    std::size_t offered_size = 0;
    std::int64_t offered_at = started;
    auto on_delta = [&](std::string_view text) {
      log.append("delta", json::object{{"text", text}});
      streamed += text.size();
      std::int64_t now = now_unix_ms();
      if (now - offered_at >= kSnapshotIntervalMs || streamed - offered_size >= kSnapshotBytes) {
        snapshots_.offer(row.id, log.delta_text());
        offered_at = now;
        offered_size = streamed;
      }
    };
    gens::Outcome outcome;
    ai::Usage usage;
    auto record_usage = [&](const ai::Usage& u) {
      usage.input_tokens += u.input_tokens;
      usage.output_tokens += u.output_tokens;
      usage.estimated = usage.estimated || u.estimated;
    };
    std::size_t prompt_bytes = 0;
    // Every generation is in the history with tokens and cost, failed ones
    // too: without usage from the provider they are estimated.
    auto settle = [&] {
      outcome.output = streamed > 0 ? log.delta_text() : unstreamed;
      if (usage.input_tokens == 0 && usage.output_tokens == 0 && !outcome.output.empty()) {
        usage =
            ai::Usage{estimate_tokens(prompt_bytes), estimate_tokens(outcome.output.size()), true};
      }
      outcome.tokens_in = usage.input_tokens;
      outcome.tokens_out = usage.output_tokens;
      outcome.tokens_estimated = usage.estimated;
      outcome.cost_usd = hooks_.cost_usd ? hooks_.cost_usd(row.provider, row.model, usage) : 0;
      outcome.latency_ms = now_unix_ms() - started;
    };
    try {
      ai::Provider* provider = running->provider.get();
      if (provider == nullptr) {
        throw ai::ProviderError(ai::ProviderError::Kind::kUnavailable, row.provider,
                                "no provider was chosen for this generation");
      }
      for (const auto& request : requests) {
        prompt_bytes += request.system.size();
        for (const auto& m : request.messages) prompt_bytes += m.content.size();
      }
      std::string hint;
      if (row.kind == "stories") {
        hint = generate_stories(*provider, requests, row, on_delta, record_usage, *running);
      } else {
        auto result = provider->stream(requests.front(), on_delta, running->cancel);
        if (streamed == 0) unstreamed = result.text;
        record_usage(result.usage);
      }
      outcome.status = "succeeded";
      settle();
      complete(caller, row, outcome, hint, log);
    } catch (const ai::ProviderError& e) {
      settle();
      if (e.kind() == ai::ProviderError::Kind::kCancelled) {
        outcome.status = "cancelled";
        fail(row, outcome, "cancelled", "the generation was cancelled", log);
      } else {
        spdlog::warn("generation {} failed at {}: {}", row.id, e.provider(), e.what());
        fail(row, outcome, error_code_of(e.kind()), e.what(), log);
      }
    } catch (const Error& e) {
      outcome.status.clear();
      settle();
      fail(row, outcome, e.machine_code.empty() ? "failed" : e.machine_code, e.client_message(),
           log);
    } catch (const std::exception& e) {
      spdlog::error("generation {} failed: {}", row.id, e.what());
      outcome.status.clear();
      settle();
      fail(row, outcome, "internal", "the generation failed", log);
    }
  }
  log.finish();
  std::lock_guard lock(mutex_);
  running_.erase(row.id);
}

void GenerationService::complete(const Caller& caller, const gens::Generation& row,
                                 gens::Outcome& outcome, const std::string& result_hint,
                                 EventLog& log) {
  json::object result;
  json::object done;
  json::object input = json::parse(row.input).as_object();
  if (row.kind == "prd") {
    std::string title(input["product_name"].as_string());
    DocumentState state;
    if (row.document_id) {
      auto current = documents_.get(caller, *row.document_id);
      state = documents_.commit_version(
          caller, *row.document_id, std::nullopt,
          NewVersion{current.document.title, outcome.output, "", caller.user_id, "ai", row.id,
                     "Generated with " + row.provider + " (" + row.model + ")"});
    } else {
      state = documents_.create(caller, row.project_id,
                                NewDocument{title, outcome.output, std::nullopt, row.id});
    }
    outcome.document_id = state.document.id;
    outcome.document_version = state.version.version;
    result = json::object{{"document_id", state.document.id}, {"version", state.version.version}};
    done = result;
  } else if (row.kind == "section") {
    auto current = documents_.get(caller, *row.document_id);
    std::string section(input["section"].as_string());
    const auto& content = current.version.content;
    auto sections = docs::parse_sections(content);
    const docs::Section* found = docs::find_section(sections, section);
    if (found == nullptr) throw Error(ErrorCode::kConflict, "the section no longer exists");
    // Only the section changes: what the model wrote around it is left out.
    auto answer = docs::section_answer(ai::strip_think(outcome.output), found->title);
    std::string updated = docs::replace_section(content, section, answer.body);
    int base = static_cast<int>(current.version.version);
    result = json::object{
        {"section", found->title},
        {"original", found->body},
        {"proposed", answer.body},
        {"base_version", base},
        {"diff", diff_result_json(docs::diff_documents(content, updated, base, base + 1))}};
    if (!answer.dropped.empty()) result["note"] = dropped_note(answer.dropped, found->title);
    outcome.document_id = current.document.id;
    outcome.document_version = current.version.version;
    done = json::object{{"document_id", current.document.id}, {"version", base}};
  } else {
    result = json::parse(result_hint).as_object();
    // Measured now, so a cached answer shows the backlog as it is.
    result["coverage"] = coverage_of(row, result["stories"].as_array());
    done = json::object{{"document_id", row.document_id.value_or("")},
                        {"stories", result["stories"].as_array().size()}};
  }
  outcome.result = json::serialize(result);
  outcome.finished_at = now_unix_ms();
  db_.write([&](store::Tx& tx) { gens::finish(tx, row.id, outcome); });
  if (!row.cached) {
    try {
      cache_.set(std::string(cache::keys::kGeneration) + row.cache_key, row.id,
                 std::chrono::seconds(limits_.cache_ttl_seconds));
    } catch (const cache::CacheError& e) {
      spdlog::warn("generation {}: not cached: {}", row.id, e.what());
    }
  }
  log.append("usage", json::object{{"tokens_in", outcome.tokens_in},
                                   {"tokens_out", outcome.tokens_out},
                                   {"estimated", outcome.tokens_estimated},
                                   {"cost_usd", outcome.cost_usd},
                                   {"cached", row.cached}});
  log.append("status", json::object{{"status", "succeeded"}});
  log.append("done", done);
  log.finish();
}

void GenerationService::fail(const gens::Generation& row, gens::Outcome& outcome,
                             const std::string& code, const std::string& message, EventLog& log) {
  if (outcome.status.empty() || outcome.status == "succeeded") outcome.status = "failed";
  outcome.error_code = code;
  outcome.error_message = message;
  outcome.finished_at = now_unix_ms();
  db_.write([&](store::Tx& tx) { gens::finish(tx, row.id, outcome); });
  log.append("usage", json::object{{"tokens_in", outcome.tokens_in},
                                   {"tokens_out", outcome.tokens_out},
                                   {"estimated", outcome.tokens_estimated},
                                   {"cost_usd", outcome.cost_usd},
                                   {"cached", row.cached}});
  log.append("status", json::object{{"status", outcome.status}});
  log.append("error", json::object{{"code", code}, {"message", message}});
  log.finish();
}

}  // namespace prism::services::generations
