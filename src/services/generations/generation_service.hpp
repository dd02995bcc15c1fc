#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cache/cache.hpp"
#include "http/event_stream.hpp"
#include "services/caller.hpp"
#include "services/documents/documents_service.hpp"
#include "services/generations/ai_hooks.hpp"
#include "services/generations/event_followers.hpp"
#include "services/generations/event_log.hpp"
#include "services/generations/event_shipper.hpp"
#include "services/generations/generation_pool.hpp"
#include "services/generations/generation_request.hpp"
#include "services/generations/output_snapshots.hpp"
#include "store/database.hpp"
#include "store/generations_store.hpp"

namespace prism::services::generations {

struct Started {
  std::string id;
  std::string status;
  bool cached = false;
};

struct UsageReport {
  std::int64_t from_ms = 0;
  std::int64_t to_ms = 0;  // exclusive
  std::vector<store::generations::UsageRow> by_day;
  std::vector<store::generations::UsageRow> by_user;
  std::vector<store::generations::UsageRow> by_model;
  std::optional<std::int64_t> budget_tokens;
  std::optional<double> budget_usd;
  store::generations::Spend month_spend;
};

// The generation flow: check the cache → generate with AI → store → cache →
// return, streamed. Member or higher starts, cancels and applies; any member
// of the organization reads; another organization's generation is 404.
class GenerationService {
 public:
  GenerationService(store::Database& db, cache::Cache& cache, DocumentsService& documents,
                    AiHooks hooks, GenerationLimits limits);
  // Waits for running generations to end (their provider calls are cancelled).
  ~GenerationService();

  // Validates, checks access, a verified e-mail where required (403), the
  // budget (402) and limits (429), then answers from the cache or reserves
  // the generation's estimate of the budget and queues it on the pool.
  Started start(const Caller& caller, std::string_view project_id, const json::object& body);
  store::generations::Generation get(const Caller& caller, std::string_view id);
  // Newest first; up to limit + 1.
  std::vector<store::generations::Generation> list(const Caller& caller,
                                                   std::string_view project_id,
                                                   const std::optional<std::string>& cursor,
                                                   int limit);
  // The SSE body: events after `last_event_id` (0 for all).
  std::shared_ptr<http::EventSource> events(const Caller& caller, std::string_view id,
                                            std::int64_t last_event_id);
  // Aborts the provider call; 409 when the generation already ended.
  store::generations::Generation cancel(const Caller& caller, std::string_view id);
  // section → a new document version; stories → backlog stories. 409 when
  // already applied or not applicable, 412 when the document changed since.
  // Applies a proposal: a section rewrite as a new version; stories (all
  // not yet applied, or `body.stories`: indexes of the proposals) to the
  // backlog, so they can be accepted one by one; the text a cancelled or
  // failed PRD wrote as a new draft document (`body.title` optional).
  json::object apply(const Caller& caller, std::string_view id, const json::object& body = {});
  // Any member; [from_ms, to_ms).
  UsageReport usage(const Caller& caller, std::string_view org_id, std::int64_t from_ms,
                    std::int64_t to_ms);

  // Tests: blocks until no generation is queued or running.
  void wait_idle() {
    pool_.wait_idle();
    cache_hits_.wait_idle();
  }

 private:
  struct Running {
    ai::CancelToken cancel;
    std::shared_ptr<EventLog> log;
    // Chosen at admission (an organization's own is built then: its key
    // opened, its base URL checked and pinned) and used by the run.
    std::shared_ptr<ai::Provider> provider;
  };
  struct Source;  // the document a section/stories generation starts from
  static std::string source_fingerprint(const Source& source,
                                        const std::vector<ai::Requirement>& cover);

  void check_rate(const Caller& caller);
  std::optional<store::generations::Generation> cache_lookup(std::string_view org_id,
                                                             const std::string& key);
  Started answer_from_cache(const Caller& caller, store::generations::Generation row,
                            const store::generations::Generation& source);
  // Runs the provider calls built (and reserved for) at admission.
  void run(const Caller& caller, store::generations::Generation row,
           std::vector<ai::CompletionRequest> requests, std::shared_ptr<Running> running);
  // Stories: one call per request (part of the document), each answer
  // parsed with one repair attempt, the parts merged; returns the result
  // hint {"stories":[…]}. Throws ai::ProviderError or Error(invalid_output).
  std::string generate_stories(ai::Provider& provider,
                               const std::vector<ai::CompletionRequest>& requests,
                               const store::generations::Generation& row,
                               const std::function<void(std::string_view)>& on_delta,
                               const std::function<void(const ai::Usage&)>& record_usage,
                               Running& running);
  // The one follow-up per part whose answer left requirements it had to
  // cover without a story; its stories join `parts` and raise `count`. An
  // unusable follow-up answer is dropped (the coverage shows the gap).
  void follow_up_coverage(ai::Provider& provider,
                          const std::vector<ai::CompletionRequest>& requests,
                          const store::generations::Generation& row,
                          const std::vector<std::string>& answers, std::vector<json::array>& parts,
                          int& count, const std::function<void(std::string_view)>& on_delta,
                          const std::function<void(const ai::Usage&)>& record_usage,
                          Running& running);
  // Which functional requirements of the document the backlog and the
  // proposed stories cover, and which none does.
  json::object coverage_of(const store::generations::Generation& row, const json::array& stories);
  // Turns the final text into the kind's result (document, proposal,
  // stories) and records the outcome; used by runs and cache hits.
  void complete(const Caller& caller, const store::generations::Generation& row,
                store::generations::Outcome& outcome, const std::string& result_hint,
                EventLog& log);
  // A new event log in the hub, shared with other instances when they share the database.
  std::shared_ptr<EventLog> new_log(const std::string& id);
  // Cancels generation `id` if it runs on this instance.
  void cancel_here(std::string_view id);
  void fail(const store::generations::Generation& row, store::generations::Outcome& outcome,
            const std::string& code, const std::string& message, EventLog& log);
  // apply() of a PRD: what a cancelled or failed one wrote, as a new draft.
  json::object save_partial_draft(store::Tx& tx, const Caller& caller,
                                  const store::generations::Generation& row,
                                  const ApplyRequest& request);
  // apply() of stories: the requested proposals (default: every one not
  // added yet), each at most once.
  json::object apply_stories(store::Tx& tx, const Caller& caller,
                             const store::generations::Generation& row, json::object& result,
                             const ApplyRequest& request, const std::string& document_id);

  store::Database& db_;
  cache::Cache& cache_;
  DocumentsService& documents_;
  AiHooks hooks_;
  GenerationLimits limits_;
  EventHub hub_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Running>, std::less<>> running_;
  OutputSnapshots snapshots_;
  std::unique_ptr<EventShipper> shipper_;      // set when limits_.share_events
  std::unique_ptr<EventFollowers> followers_;  // set when limits_.share_events
  std::optional<store::NotificationBus::Subscription> cancel_requests_;
  // Last: their threads stop before the members they use. Cache hits are
  // completed on their own small pool, never behind running provider calls.
  GenerationPool cache_hits_;
  GenerationPool pool_;
};

}  // namespace prism::services::generations
