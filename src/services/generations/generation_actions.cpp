#include <chrono>
#include <thread>

#include "core/calendar.hpp"
#include "core/clock.hpp"
#include "core/error.hpp"
#include "docs/sections.hpp"
#include "services/access.hpp"
#include "services/generations/generation_service.hpp"
#include "store/documents_store.hpp"
#include "store/generation_events_store.hpp"
#include "store/orgs_store.hpp"

namespace prism::services::generations {

namespace gens = store::generations;
namespace gen_events = store::generation_events;

namespace {

constexpr auto kCancelWait = std::chrono::seconds(5);

gens::Generation load(store::Tx& tx, const Caller& caller, std::string_view id, Role min_role) {
  auto row = gens::find(tx, id);
  if (!row) throw not_found("generation");
  try {
    require_project(tx, caller.user_id, row->project_id, min_role);
  } catch (const Error& e) {
    if (e.code() == ErrorCode::kNotFound) throw not_found("generation");
    throw;
  }
  return std::move(*row);
}

bool finished(const std::string& status) {
  return status == "succeeded" || status == "failed" || status == "cancelled";
}

// A finished generation whose in-memory log is gone (a restart, or long
// ago) replays from the stored row: its whole output as one delta.
std::shared_ptr<EventLog> replay_of(const gens::Generation& g) {
  auto log = std::make_shared<EventLog>();
  log->append("status", json::object{{"status", "running"}, {"cached", g.cached}});
  if (!g.output.empty()) log->append("delta", json::object{{"text", g.output}});
  if (!finished(g.status)) return log;
  log->append("usage", json::object{{"tokens_in", g.tokens_in},
                                    {"tokens_out", g.tokens_out},
                                    {"estimated", g.tokens_estimated},
                                    {"cost_usd", g.cost_usd},
                                    {"cached", g.cached}});
  log->append("status", json::object{{"status", g.status}});
  if (g.status == "succeeded") {
    json::object done;
    if (g.document_id) done["document_id"] = *g.document_id;
    if (g.document_version) done["version"] = *g.document_version;
    log->append("done", done);
  } else {
    log->append("error", json::object{{"code", g.error_code.value_or("failed")},
                                      {"message", g.error_message.value_or("")}});
  }
  log->finish();
  return log;
}

}  // namespace

gens::Generation GenerationService::get(const Caller& caller, std::string_view id) {
  auto row = db_.read([&](store::Tx& tx) { return load(tx, caller, id, Role::kViewer); });
  // While it streams, the output so far is in memory; the stored one is a
  // snapshot that may be a few seconds old.
  if (!finished(row.status)) {
    if (auto log = hub_.find(row.id); log && !log->finished()) {
      if (std::string text = log->delta_text(); text.size() > row.output.size()) {
        row.output = std::move(text);
      }
    }
  }
  return row;
}

std::vector<gens::Generation> GenerationService::list(const Caller& caller,
                                                      std::string_view project_id,
                                                      const std::optional<std::string>& cursor,
                                                      int limit) {
  return db_.read([&](store::Tx& tx) {
    require_project(tx, caller.user_id, project_id, Role::kViewer);
    return gens::list_for_project(tx, project_id, cursor, limit + 1);
  });
}

std::shared_ptr<http::EventSource> GenerationService::events(const Caller& caller,
                                                             std::string_view id,
                                                             std::int64_t last_event_id) {
  auto row = get(caller, id);
  auto log = hub_.find(row.id);
  // Running on another instance, or ended there recently: its pages give
  // the very events (and ids) that instance streams.
  if (!log && followers_ && (!finished(row.status) || db_.read([&](store::Tx& tx) {
        return gen_events::has_pages(tx, row.id);
      }))) {
    log = followers_->follow(row.id);
  }
  if (!log) log = replay_of(row);
  return std::make_shared<EventLogSource>(std::move(log), last_event_id);
}

gens::Generation GenerationService::cancel(const Caller& caller, std::string_view id) {
  auto row = db_.read([&](store::Tx& tx) { return load(tx, caller, id, Role::kMember); });
  if (finished(row.status)) throw conflict("the generation has already ended");
  std::shared_ptr<Running> running;
  {
    std::lock_guard lock(mutex_);
    if (auto it = running_.find(row.id); it != running_.end()) running = it->second;
  }
  if (running) running->cancel.cancel();
  // Still queued: it ends here, and the pool skips it when its turn comes.
  gens::Outcome outcome;
  outcome.status = "cancelled";
  outcome.output = row.output;
  outcome.error_code = "cancelled";
  outcome.error_message = "the generation was cancelled";
  outcome.finished_at = now_unix_ms();
  bool was_queued = db_.write([&](store::Tx& tx) {
    auto current = gens::find(tx, row.id);
    // Another instance runs it: that instance hears this when it commits.
    if (!running && followers_) tx.notify(gen_events::kCancelChannel, row.id);
    return current && current->status == "queued" && gens::finish(tx, row.id, outcome);
  });
  if (!running && followers_) {
    // Wait for that instance's last page as for a local run's end.
    auto log = followers_->follow(row.id);
    auto deadline = std::chrono::steady_clock::now() + kCancelWait;
    while (!log->finished() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
  if (was_queued && running) {
    running->log->append("status", json::object{{"status", "cancelled"}});
    running->log->append(
        "error", json::object{{"code", "cancelled"}, {"message", "the generation was cancelled"}});
    running->log->finish();
  }
  // A running one ends when its provider call returns; wait a little so the
  // answer shows the final state.
  auto deadline = std::chrono::steady_clock::now() + kCancelWait;
  while (running && !running->log->finished() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return db_.read([&](store::Tx& tx) { return load(tx, caller, id, Role::kViewer); });
}

json::object GenerationService::apply(const Caller& caller, std::string_view id,
                                      const json::object& body) {
  return db_.write([&](store::Tx& tx) {
    auto row = load(tx, caller, id, Role::kMember);
    // After the access check: another tenant learns nothing from the body.
    ApplyRequest request = parse_apply_request(body);
    if (row.kind == "prd") return save_partial_draft(tx, caller, row, request);
    if (row.status != "succeeded" || !row.result) {
      throw conflict("only a succeeded generation can be applied");
    }
    if (request.title) throw validation_failed("title", "only a PRD's draft takes a title");
    json::object result = json::parse(*row.result).as_object();
    auto doc = store::documents::find_document(tx, row.document_id.value_or(""));
    if (!doc) throw not_found("document");
    require_document(tx, caller.user_id, doc->id, Role::kMember);
    if (row.kind == "stories") return apply_stories(tx, caller, row, result, request, doc->id);
    if (request.stories) throw validation_failed("stories", "only a stories generation has them");
    if (!gens::mark_applied(tx, row.id, now_unix_ms())) {
      throw conflict("the generation has already been applied");
    }
    std::int64_t base = result["base_version"].to_number<std::int64_t>();
    auto version = store::documents::find_version(tx, doc->id, base);
    if (!version) throw not_found("document version");
    std::string section(result["section"].as_string());
    std::string content =
        docs::replace_section(version->content, section, result["proposed"].as_string());
    store::documents::Document expected = *doc;
    expected.current_version = base;
    auto state = documents_.append_version(
        tx, expected,
        NewVersion{doc->title, content, "", caller.user_id, "ai", row.id,
                   "Applied an AI rewrite of " + (section.empty() ? "the preamble" : section)});
    return json::object{
        {"kind", "section"}, {"document_id", doc->id}, {"version", state.version.version}};
  });
}

UsageReport GenerationService::usage(const Caller& caller, std::string_view org_id,
                                     std::int64_t from_ms, std::int64_t to_ms) {
  if (to_ms <= from_ms) throw validation_failed("to", "must be after from");
  return db_.read([&](store::Tx& tx) {
    require_org(tx, caller.user_id, org_id, Role::kViewer);
    UsageReport r;
    r.from_ms = from_ms;
    r.to_ms = to_ms;
    r.by_day = gens::usage_by_day(tx, org_id, from_ms, to_ms);
    r.by_user = gens::usage_by_user(tx, org_id, from_ms, to_ms);
    r.by_model = gens::usage_by_model(tx, org_id, from_ms, to_ms);
    auto org = store::orgs::find_org(tx, org_id);
    if (org) {
      r.budget_tokens = org->monthly_budget_tokens;
      r.budget_usd = org->monthly_budget_usd;
    }
    Period month = month_of(now_unix_ms());
    r.month_spend = gens::spend(tx, org_id, month.from_ms, month.to_ms);
    return r;
  });
}

}  // namespace prism::services::generations
